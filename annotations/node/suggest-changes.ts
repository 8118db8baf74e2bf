// The service's changes for search and suggestions: coding several passages as one undo step, and keeping a
// rejected suggestion so it is not proposed again. A suggestion itself is never stored: only what is accepted is.
import type { Annotation } from '../annotation';
import type { CreateAnnotationsInput, RejectSuggestionInput } from '../contract';
import { GlossError } from '../errors';
import { MAX_REJECTED_SUGGESTIONS } from '../schemas';
import { withRejection } from '../suggest/rejections';
import { newAnnotation } from './annotation-changes';
import type { DataDraft } from './data-file';
import { documentOrThrow, shared } from './data-lookups';
import { record } from './history-changes';
import { textHash } from './suggest-reads';

/**
 * Adds the highlights, recording their coder, as one undo step; those already stored (the same call sent again) are
 * answered as they are.
 */
export function createAnnotations(draft: DataDraft, input: CreateAnnotationsInput, now: string, creator: string): Annotation[] {
  const ids = input.annotations.map((a) => a.id).filter((id) => id !== undefined);
  if (new Set(ids).size !== ids.length) throw new GlossError('invalid-input', 'Two of the annotations have the same id.');
  const made = input.annotations.map((a) => newAnnotation(draft, { ...a, documentId: input.documentId }, now, creator));
  const fresh = made.filter((m) => !m.stored).map((m) => m.annotation);
  if (fresh.length > 0) {
    draft.annotations = [...draft.annotations, ...fresh];
    const label = fresh.length === 1 ? 'Highlight added' : `${fresh.length} highlights added`;
    record(draft, { documentId: input.documentId, step: { label, annotations: fresh.map((a) => ({ before: null, after: a })) } });
  }
  return made.map((m) => m.annotation);
}

/** Keeps a rejection (of a theme that exists, at a place in the document's text); forgets those of removed documents and themes. */
export function rejectSuggestion(draft: DataDraft, input: RejectSuggestionInput): { rejected: number } {
  const doc = documentOrThrow(draft, input.documentId);
  if (!draft.codebook.some((t) => t.id === input.themeId)) throw new GlossError('not-found', `No theme with id "${input.themeId}".`);
  if (input.end > doc.text.length) throw new GlossError('invalid-input', 'The passage ends after the end of the document.');
  const documents = new Set(draft.documents.map((d) => d.id));
  const themes = new Set(draft.codebook.map((t) => t.id));
  const kept = (draft.rejectedSuggestions ?? []).filter((r) => documents.has(r.documentId) && themes.has(r.themeId));
  const next = { ...input, textHash: textHash(doc.text.slice(input.start, input.end)) };
  draft.rejectedSuggestions = withRejection(shared(kept), next, MAX_REJECTED_SUGGESTIONS);
  return { rejected: draft.rejectedSuggestions.filter((r) => r.themeId === input.themeId).length };
}
