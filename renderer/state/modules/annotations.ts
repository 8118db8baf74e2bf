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
  // Sorted here, once per change, so opening, closing and filtering reuse the order.
  return { ...state, annotations, anchors, entries: inDocumentOrder(annotations, anchors) };
}

const NOT_ANCHORED: AnchorResult = { status: 'orphan', reason: 'Not anchored yet.' };

/** Every annotation in document order: by where it starts, orphans last, then by creation. */
function inDocumentOrder(annotations: ReaderState['annotations'], anchors: ReaderState['anchors']): Entry[] {
  const entries: Entry[] = [];
  for (const annotation of annotations.values()) entries.push({ annotation, anchor: anchors.get(annotation.id) ?? NOT_ANCHORED });
  const start = (e: Entry): number => (e.anchor.status === 'anchored' ? e.anchor.start : Number.MAX_SAFE_INTEGER);
  return entries.sort((a, b) => start(a) - start(b) || a.annotation.created.localeCompare(b.annotation.created));
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
