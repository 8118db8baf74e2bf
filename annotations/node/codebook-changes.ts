// The service's changes to the codebook: editing its themes, and deleting one (its highlights moved to
// another theme or their theme removed); each recorded in the open document's history.
import type { Codebook } from '../codebook';
import { deleteTheme as deleteThemeFrom, editCodebook } from '../codebook-edit';
import type { DeleteThemeInput, DeleteThemeResult, UpdateCodebookInput } from '../contract';
import type { Annotation } from '../annotation';
import type { DataDraft } from './data-file';
import { documentOrThrow, shared } from './data-lookups';
import { record } from './history-changes';

/** Applies the codebook editor's themes; a real change becomes an undo step of the document it was made in. */
export function updateCodebook(draft: DataDraft, input: UpdateCodebookInput): Codebook {
  if (input.documentId !== undefined) documentOrThrow(draft, input.documentId);
  const before = draft.codebook;
  const after = editCodebook(shared<Codebook>(before), shared<Annotation[]>(draft.annotations), input.codebook);
  draft.codebook = after;
  if (input.documentId !== undefined && JSON.stringify(before) !== JSON.stringify(after)) {
    record(draft, { documentId: input.documentId, step: { label: 'Codebook changed', codebook: { before, after }, annotations: [] } });
  }
  return after;
}

/** Deletes a theme, moving its highlights to another or taking it off them. */
export function deleteTheme(draft: DataDraft, input: DeleteThemeInput, now: string): DeleteThemeResult {
  if (input.documentId !== undefined) documentOrThrow(draft, input.documentId);
  const before = draft.codebook;
  const label = before.find((t) => t.id === input.id)?.label ?? input.id;
  const result = deleteThemeFrom(shared<Codebook>(before), shared<Annotation[]>(draft.annotations), input.id, input.moveTo, now);
  draft.annotations = result.annotations;
  draft.codebook = result.codebook;
  if (input.documentId !== undefined) {
    const step = { label: `Theme “${label}” deleted`, codebook: { before, after: result.codebook }, annotations: result.changes };
    record(draft, { documentId: input.documentId, step });
  }
  return { codebook: result.codebook, moved: result.moved, removed: result.removed, deleted: result.deleted };
}
