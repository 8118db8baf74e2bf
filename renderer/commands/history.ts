// Undo and redo through the host (the steps live in the data file, per document, so they outlast a
// restart), and taking a changed codebook from the host.
import type { HistoryOutcome } from '../../annotations/contract';
import type { Reader } from './context';
import { anchored, anchoredAll } from './placement';
import { attempt, refuseIfReadOnly, save } from './saving';

/** Undoes the shown document's last step. */
export function undo(reader: Reader): Promise<void> {
  return step(reader, 'undo', 'Undone', 'Nothing to undo.');
}

/** Redoes the step undone last. */
export function redo(reader: Reader): Promise<void> {
  return step(reader, 'redo', 'Redone', 'Nothing to redo.');
}

async function step(reader: Reader, direction: 'undo' | 'redo', verb: string, nothing: string): Promise<void> {
  if (refuseIfReadOnly(reader)) return;
  await reader.flushNote();
  const documentId = reader.store.getState().document!.id;
  await attempt(reader, async () => {
    const outcome = await save(reader, () => reader.steps.run(() => reader.host[direction]({ documentId })));
    reader.store.dispatch({ type: 'history-changed', history: { canUndo: outcome.canUndo, canRedo: outcome.canRedo } });
    await showOutcome(reader, outcome, verb, nothing);
  });
}

/** Shows what an undo or redo did to this document (and the codebook), and says so. */
async function showOutcome(reader: Reader, outcome: HistoryOutcome, verb: string, nothing: string): Promise<void> {
  if (outcome.codebookChanged) await reloadCodebook(reader);
  else {
    const doc = reader.store.getState().document!;
    reader.store.dispatch({
      type: 'annotations-changed',
      upserted: outcome.changed.filter((a) => a.documentId === doc.id).map((a) => anchored(doc, a)),
      removed: outcome.removed.filter((gone) => gone.documentId === doc.id).map((gone) => gone.id),
    });
  }
  if (outcome.problem) {
    reader.notices.banner.info(outcome.problem);
    reader.notices.announce(outcome.problem);
  } else reader.notices.announce(outcome.label ? `${verb}: ${outcome.label}.` : nothing);
}

/** Takes a changed codebook from the host, with the annotations it may have changed. */
export async function reloadCodebook(reader: Reader): Promise<void> {
  const doc = reader.store.getState().document!;
  const [codebook, annotations] = await Promise.all([reader.host.getCodebook({}), reader.host.listAnnotations({ documentId: doc.id })]);
  reader.store.dispatch({ type: 'codebook-loaded', codebook, annotations: anchoredAll(doc, annotations) });
}
