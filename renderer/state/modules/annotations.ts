// State module: the shown document's annotations and where each was found, with the list's order and counts.
import { Map as PersistentMap, Set as PersistentSet } from 'immutable';
import type { Annotation } from '../../../annotations/annotation';
import type { AnchorResult } from '../../../annotations/anchoring/anchor';
import type { Action, AnchoredAnnotation, Entry } from '../actions';
import type { ReaderState, Unsaved } from '../reader-state';
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
    case 'document-opened': {
      const loading = action.arriving ? { loaded: 0, total: action.arriving } : null;
      // Edits still under way belong to the document left; their answers are not shown here.
      return { ...state, ...indexed(action.annotations), unsaved: new Map(), notesToCome: PersistentSet(), loading };
    }
    case 'codebook-loaded':
      // The host's whole list, notes and all.
      return { ...state, ...indexed(action.annotations), notesToCome: PersistentSet() };
    case 'annotations-changed': {
      // What the host sent is whole: a note that was to come is in it.
      const whole = [...action.removed, ...action.upserted.map((e) => e.annotation.id)];
      const changed = withChanges(state, action.upserted, action.removed);
      return whole.some((id) => state.notesToCome.has(id)) ? { ...changed, notesToCome: state.notesToCome.subtract(whole) } : changed;
    }
    case 'annotations-arrived':
      return withArrivals(state, action);
    case 'notes-arrived':
      return withNotes(state, action.notes);
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

/**
 * The state with a stage of annotations added in one go: an id already shown (the screen's stage, or one the
 * reader made) or with an edit under way (shown as the reader made it, or deleted) is left as it is, so an
 * annotation is never shown twice nor brought back. The arrivals are merged into the ordered list in one pass.
 */
function withArrivals(state: ReaderState, action: Extract<Action, { type: 'annotations-arrived' }>): ReaderState {
  const loading = action.done ? null : state.loading && { loaded: action.loaded, total: state.loading.total };
  const fresh = action.arrived.filter(({ annotation }) => !state.annotations.has(annotation.id) && !state.unsaved.has(annotation.id));
  if (fresh.length === 0) return { ...state, loading };
  const annotations = state.annotations.withMutations((map) => {
    for (const { annotation } of fresh) map.set(annotation.id, annotation);
  });
  const anchors = state.anchors.withMutations((map) => {
    for (const { annotation, anchor } of fresh) map.set(annotation.id, anchor);
  });
  const kept = new Set(fresh.map((e) => e.annotation.id));
  const notesToCome = state.notesToCome.union(action.notesToCome.filter((id) => kept.has(id)));
  const entries = merged(state.entries, fresh.slice().sort(compareEntries));
  const themeSets = retally(
    state.themeSets,
    [],
    fresh.map((e) => e.annotation),
  );
  return { ...state, annotations, anchors, entries, themeSets, notesToCome, loading };
}

/** Two lists in document order made one. */
function merged(a: readonly Entry[], b: readonly Entry[]): Entry[] {
  const out = new Array<Entry>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compareEntries(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/**
 * The state with notes that were to come filled in, in what is shown and in what the host is known to have
 * (an annotation with an edit under way). A note for an id no longer waiting for one (the host sent the whole
 * annotation since) is older than what is shown, and is dropped.
 */
function withNotes(state: ReaderState, notes: Record<string, string>): ReaderState {
  const ids = Object.keys(notes).filter((id) => state.notesToCome.has(id));
  if (ids.length === 0) return state;
  const upserted: AnchoredAnnotation[] = [];
  const unsaved = new Map<string, Unsaved>(state.unsaved);
  for (const id of ids) {
    const annotation = state.annotations.get(id);
    if (annotation) upserted.push({ annotation: { ...annotation, note: notes[id]! }, anchor: state.anchors.get(id) ?? NOT_ANCHORED });
    const pending = unsaved.get(id);
    if (pending?.acknowledged) {
      const acknowledged = { ...pending.acknowledged, annotation: { ...pending.acknowledged.annotation, note: notes[id]! } };
      unsaved.set(id, { ...pending, acknowledged });
    }
  }
  return { ...withChanges(state, upserted, []), unsaved, notesToCome: state.notesToCome.subtract(ids) };
}

/** Whether an annotation has a note (said when it is still to come, though its text is not here yet). */
export function selectHasNote(state: Pick<ReaderState, 'notesToCome'>, annotation: Annotation): boolean {
  return annotation.note.trim() !== '' || state.notesToCome.has(annotation.id);
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
