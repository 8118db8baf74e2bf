// The service's changes to annotations: each says what it replaces in the draft and records its undo step.
import { randomUUID } from 'node:crypto';
import type { Annotation } from '../annotation';
import type { CreateAnnotationInput, ImportAnnotationsResult, RetargetAnnotationInput, UpdateAnnotationInput } from '../contract';
import { GlossError } from '../errors';
import { IMPORT_STEP_LABEL } from '../history';
import type { ImportResult } from '../reports/jsonld-import';
import type { DataDraft, StoredAnnotation } from './data-file';
import { annotationIndexOrThrow, checkTarget, checkThemes, shared } from './data-lookups';
import { record, type RecordedStep } from './history-changes';

/**
 * A new highlight of a coder, checked against the draft, not yet added: `stored` when the same creation was sent
 * before (its first answer was lost) and the stored annotation is answered again.
 */
export function newAnnotation(
  draft: DataDraft,
  input: CreateAnnotationInput,
  now: string,
  creator: string,
): { annotation: Annotation; stored: boolean } {
  checkTarget(draft, input);
  checkThemes(draft, input.themes);
  const existing = input.id === undefined ? undefined : draft.annotations.find((a) => a.id === input.id);
  if (existing) {
    if (existing.documentId === input.documentId && JSON.stringify(existing.target) === JSON.stringify(input.target))
      return { annotation: shared<Annotation>(existing), stored: true };
    throw new GlossError('invalid-input', `Another annotation already has the id ${input.id}.`);
  }
  const annotation: Annotation = {
    id: input.id ?? randomUUID(),
    documentId: input.documentId,
    target: input.target,
    themes: input.themes,
    note: input.note ?? '',
    created: now,
    modified: now,
    creator,
  };
  return { annotation, stored: false };
}

/** Adds a highlight, recording its coder. */
export function createAnnotation(draft: DataDraft, input: CreateAnnotationInput, now: string, creator: string): Annotation {
  const { annotation, stored } = newAnnotation(draft, input, now, creator);
  if (stored) return annotation;
  draft.annotations = [...draft.annotations, annotation];
  record(draft, {
    documentId: annotation.documentId,
    step: { label: 'Highlight added', annotations: [{ before: null, after: annotation }] },
  });
  return annotation;
}

/** Changes a highlight's themes or note; its undo step says which. */
export function updateAnnotation(draft: DataDraft, input: UpdateAnnotationInput, now: string): Annotation {
  const index = annotationIndexOrThrow(draft, input.id);
  if (input.themes) checkThemes(draft, input.themes);
  const current = draft.annotations[index]!;
  const updated: StoredAnnotation = {
    ...current,
    themes: input.themes ?? current.themes,
    note: input.note ?? current.note,
    modified: now,
  };
  const themesChanged = JSON.stringify(updated.themes) !== JSON.stringify(current.themes);
  const noteChanged = updated.note !== current.note;
  const label = themesChanged && noteChanged ? 'Highlight changed' : themesChanged ? 'Themes changed' : 'Note changed';
  draft.annotations = draft.annotations.map((a, i) => (i === index ? updated : a));
  if (themesChanged || noteChanged) {
    const step = { label, ...(input.mergeKey ? { mergeKey: input.mergeKey } : {}), annotations: [{ before: current, after: updated }] };
    record(draft, { documentId: current.documentId, step });
  }
  return shared<Annotation>(updated);
}

/** Deletes a highlight. */
export function deleteAnnotation(draft: DataDraft, id: string): { id: string } {
  const current = draft.annotations[annotationIndexOrThrow(draft, id)]!;
  draft.annotations = draft.annotations.filter((a) => a.id !== id);
  record(draft, { documentId: current.documentId, step: { label: 'Highlight deleted', annotations: [{ before: current, after: null }] } });
  return { id };
}

/** Puts a deleted highlight back as it was. */
export function restoreAnnotation(draft: DataDraft, annotation: Annotation): Annotation {
  if (draft.annotations.some((a) => a.id === annotation.id)) {
    throw new GlossError('invalid-input', `An annotation with id "${annotation.id}" already exists.`);
  }
  checkTarget(draft, annotation);
  checkThemes(draft, annotation.themes);
  draft.annotations = [...draft.annotations, annotation];
  record(draft, {
    documentId: annotation.documentId,
    step: { label: 'Highlight restored', annotations: [{ before: null, after: annotation }] },
  });
  return annotation;
}

/** Moves a highlight to another passage of its document (reviewing a changed text); not an undo step. */
export function retargetAnnotation(draft: DataDraft, input: RetargetAnnotationInput, now: string): Annotation {
  const index = annotationIndexOrThrow(draft, input.id);
  const current = draft.annotations[index]!;
  checkTarget(draft, { documentId: current.documentId, target: input.target });
  const updated: StoredAnnotation = { ...current, target: input.target, modified: now };
  draft.annotations = draft.annotations.map((a, i) => (i === index ? updated : a));
  return shared<Annotation>(updated);
}

/** Adds the annotations an import found that are not stored yet, one undo step per document. */
export function addImported(draft: DataDraft, found: ImportResult): ImportAnnotationsResult {
  const known = new Set(draft.annotations.map((a) => a.id));
  const fresh = found.annotations.filter((a) => !known.has(a.id));
  draft.annotations = [...draft.annotations, ...fresh];
  const steps: RecordedStep[] = [...new Set(fresh.map((a) => a.documentId))].map((documentId) => ({
    documentId,
    step: {
      label: IMPORT_STEP_LABEL,
      annotations: fresh.filter((a) => a.documentId === documentId).map((a) => ({ before: null, after: a })),
    },
  }));
  record(draft, ...steps);
  return {
    created: fresh.length,
    skipped: found.skipped.length + (found.annotations.length - fresh.length),
    failures: found.failures,
  };
}
