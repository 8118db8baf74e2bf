// State module: the shown document's annotations and where each was found, with the list's order and counts.
import { Map as PersistentMap } from 'immutable';
import type { Annotation } from '../../../annotations/annotation';
import type { AnchorResult } from '../../../annotations/anchoring/anchor';
import type { Action, AnchoredAnnotation, Entry } from '../actions';
import type { ReaderState } from '../reader-state';
import { retally, tallyOf } from '../theme-tally';

function indexed(list: readonly AnchoredAnnotation[]): Pick<ReaderState, 'annotations' | 'anchors' | 'entries' | 'themeSets'> {
  const annotations = PersistentMap<string, Annotation>().withMutations((map) => {
    for (const { annotation } of list) map.set(annotation.id, annotation);
  });
  const anchors = PersistentMap<string, AnchorResult>().withMutations((map) => {
    for (const { annotation, anchor } of list) map.set(annotation.id, anchor);
  });
  return { annotations, anchors, entries: inDocumentOrder(annotations, anchors), themeSets: tallyOf(annotations.values()) };
}

/** The reducer of this module's fields. */
export function annotationsReducer(state: ReaderState, action: Action): ReaderState {
  switch (action.type) {
    case 'document-opened':
      // Edits still under way belong to the document left; their answers are not shown here.
      return { ...state, ...indexed(action.annotations), unsaved: new Map() };
    case 'codebook-loaded':
      return { ...state, ...indexed(action.annotations) };
    case 'annotations-changed':
      return withChanges(state, action.upserted, action.removed);
    default:
      return state;
  }
}

/**
 * The state with annotations stored or changed (`upserted`) and taken away (`removed`). Its cost grows
 * with the size of the change, not of the document: the maps are persistent, the list is spliced where
 * each entry was and lands (found by binary search), and the theme tally changes by the entries touched.
 */
export function withChanges(state: ReaderState, upserted: readonly AnchoredAnnotation[], removed: readonly string[]): ReaderState {
  if (upserted.length === 0 && removed.length === 0) return state;
  const gone: Annotation[] = [];
  const entries = state.entries.slice();
  for (const id of [...removed, ...upserted.map((e) => e.annotation.id)]) {
    const before = state.annotations.get(id);
    if (!before || gone.some((a) => a.id === id)) continue;
    gone.push(before);
    const at = indexOfEntry(entries, { annotation: before, anchor: state.anchors.get(id) ?? NOT_ANCHORED });
    if (at !== -1) entries.splice(at, 1);
  }
  const annotations = state.annotations.withMutations((map) => {
    for (const id of removed) map.delete(id);
    for (const { annotation } of upserted) map.set(annotation.id, annotation);
  });
  const anchors = state.anchors.withMutations((map) => {
    for (const id of removed) map.delete(id);
    for (const { annotation, anchor } of upserted) map.set(annotation.id, anchor);
  });
  for (const entry of upserted) entries.splice(insertionIndex(entries, entry), 0, entry);
  const themeSets = retally(
    state.themeSets,
    gone,
    upserted.map((e) => e.annotation),
  );
  return { ...state, annotations, anchors, entries, themeSets };
}

const NOT_ANCHORED: AnchorResult = { status: 'orphan', reason: 'Not anchored yet.' };

/** Where an entry stands in document order: by where it starts (orphans last), then by creation. */
function compareEntries(a: Entry, b: Entry): number {
  const start = (e: Entry): number => (e.anchor.status === 'anchored' ? e.anchor.start : Number.MAX_SAFE_INTEGER);
  return start(a) - start(b) || (a.annotation.created < b.annotation.created ? -1 : a.annotation.created > b.annotation.created ? 1 : 0);
}

/** Where an entry with this annotation's id is in the sorted list (found by its place in the order), or -1. */
function indexOfEntry(entries: readonly Entry[], entry: Entry): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compareEntries(entries[mid]!, entry) < 0) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < entries.length && compareEntries(entries[i]!, entry) === 0; i++) {
    if (entries[i]!.annotation.id === entry.annotation.id) return i;
  }
  // An entry the order does not find where it should be (it cannot happen, but losing track of it would
  // show a highlight twice): look everywhere.
  return entries.findIndex((e) => e.annotation.id === entry.annotation.id);
}

/** The index at which `entry` keeps a sorted list sorted (after the entries equal to it). */
function insertionIndex(entries: readonly Entry[], entry: Entry): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compareEntries(entries[mid]!, entry) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Every annotation in document order. */
function inDocumentOrder(annotations: ReaderState['annotations'], anchors: ReaderState['anchors']): Entry[] {
  const entries: Entry[] = [];
  for (const annotation of annotations.values()) entries.push({ annotation, anchor: anchors.get(annotation.id) ?? NOT_ANCHORED });
  return entries.sort(compareEntries);
}

/** Every annotation in document order. */
export function selectEntries(state: ReaderState): readonly Entry[] {
  return state.entries;
}

/** The annotation open in the editor, if it still exists. */
export function selectActive(state: ReaderState): Entry | null {
  const annotation = state.activeId ? state.annotations.get(state.activeId) : undefined;
  return annotation ? { annotation, anchor: state.anchors.get(annotation.id) ?? NOT_ANCHORED } : null;
}

/** The stored annotation that covers exactly [start, end), if one does (found by bisecting the ordered list). */
export function selectAnnotationAt(state: ReaderState, start: number, end: number): Annotation | undefined {
  const { entries } = state;
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const anchor = entries[mid]!.anchor;
    if (anchor.status === 'anchored' && anchor.start < start) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < entries.length; i++) {
    const { anchor, annotation } = entries[i]!;
    if (anchor.status !== 'anchored' || anchor.start !== start) break;
    if (anchor.end === end) return annotation;
  }
  return undefined;
}
