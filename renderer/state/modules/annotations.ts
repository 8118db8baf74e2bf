// State module: the shown document's annotations and where each was found, with the list's order and counts.
import type { Annotation } from '../../../annotations/annotation';
import type { AnchorResult } from '../../../annotations/anchoring/anchor';
import type { Action, AnchoredAnnotation, Entry } from '../actions';
import type { ReaderState } from '../reader-state';

function indexed(list: readonly AnchoredAnnotation[]): Pick<ReaderState, 'annotations' | 'anchors' | 'entries'> {
  const annotations = new Map<string, Annotation>();
  const anchors = new Map<string, AnchorResult>();
  for (const { annotation, anchor } of list) {
    annotations.set(annotation.id, annotation);
    anchors.set(annotation.id, anchor);
  }
  return { annotations, anchors, entries: inDocumentOrder(annotations, anchors) };
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

/** The state with annotations stored or changed (`upserted`) and taken away (`removed`). */
export function withChanges(state: ReaderState, upserted: readonly AnchoredAnnotation[], removed: readonly string[]): ReaderState {
  if (upserted.length === 0 && removed.length === 0) return state;
  const annotations = new Map(state.annotations);
  const anchors = new Map(state.anchors);
  for (const id of removed) {
    annotations.delete(id);
    anchors.delete(id);
  }
  for (const { annotation, anchor } of upserted) {
    annotations.set(annotation.id, annotation);
    anchors.set(annotation.id, anchor);
  }
  // The list stays in order by insertion where each change lands, not by sorting it all again: an
  // edit costs a pass over the list and a binary search, however many highlights there are.
  const touched = new Set([...removed, ...upserted.map((e) => e.annotation.id)]);
  const entries = state.entries.filter((e) => !touched.has(e.annotation.id));
  for (const entry of upserted) entries.splice(insertionIndex(entries, entry), 0, entry);
  return { ...state, annotations, anchors, entries };
}

const NOT_ANCHORED: AnchorResult = { status: 'orphan', reason: 'Not anchored yet.' };

/** Where an entry stands in document order: by where it starts (orphans last), then by creation. */
function compareEntries(a: Entry, b: Entry): number {
  const start = (e: Entry): number => (e.anchor.status === 'anchored' ? e.anchor.start : Number.MAX_SAFE_INTEGER);
  return start(a) - start(b) || (a.annotation.created < b.annotation.created ? -1 : a.annotation.created > b.annotation.created ? 1 : 0);
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

/** The stored annotation that covers exactly [start, end), if one does. */
export function selectAnnotationAt(state: ReaderState, start: number, end: number): Annotation | undefined {
  for (const annotation of state.annotations.values()) {
    const anchor = state.anchors.get(annotation.id);
    if (anchor?.status === 'anchored' && anchor.start === start && anchor.end === end) return annotation;
  }
  return undefined;
}
