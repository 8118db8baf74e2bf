// Undo and redo through the host (the steps live in the data file, per document, so they outlast a
// restart), and taking a changed codebook from the host. When the host has said what the next step will
// do (its preview), the step is shown in the frame of the key press and the host's answer confirms it,
// as an edit is (./edits.ts); otherwise the reader waits for the answer.
import type { HistoryOutcome, HistorySummary, StepPreview } from '../../annotations/contract';
import type { HistoryFlags } from '../state/actions';
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

/** The reader's undo state from what the host says of a history. */
export function historyFlags(summary: HistorySummary): HistoryFlags {
  const flags: HistoryFlags = { canUndo: summary.canUndo, canRedo: summary.canRedo };
  if (summary.undoPreview !== undefined) flags.undoPreview = summary.undoPreview;
  if (summary.redoPreview !== undefined) flags.redoPreview = summary.redoPreview;
  return flags;
}

/**
 * After a step is recorded, asks the host what undoing it will do, so that Undo can show it at once. The
 * answer is kept only if no other step was recorded meanwhile (it would describe an older one).
 */
export async function learnNextStep(reader: Reader): Promise<void> {
  const asked = reader.store.getState().history;
  const documentId = reader.store.getState().document?.id;
  if (!documentId) return;
  try {
    const summary = await reader.steps.run(() => reader.host.getHistory({ documentId, withPreviews: true }));
    const state = reader.store.getState();
    if (state.history === asked && state.document?.id === documentId)
      reader.store.dispatch({ type: 'history-changed', history: historyFlags(summary) });
  } catch {
    // Without a preview, Undo waits for the host, as it always could.
  }
}

async function step(reader: Reader, direction: 'undo' | 'redo', verb: string, nothing: string): Promise<void> {
  if (refuseIfReadOnly(reader)) return;
  await reader.flushNote();
  const state = reader.store.getState();
  const documentId = state.document!.id;
  // A preview describes the host's last step; with edits still under way, the host's last step is theirs.
  const preview = state.unsaved.size === 0 ? (direction === 'undo' ? state.history.undoPreview : state.history.redoPreview) : null;
  if (preview) show(reader, preview);
  await attempt(reader, async () => {
    let outcome: HistoryOutcome;
    try {
      outcome = await save(reader, () => reader.steps.run(() => reader.host[direction]({ documentId, withPreviews: true })));
    } catch (error) {
      if (preview) takeBack(reader, preview);
      throw error;
    }
    if (preview) confirm(reader, preview, outcome);
    reader.store.dispatch({ type: 'history-changed', history: historyFlags(outcome) });
    await showOutcome(reader, outcome, verb, nothing);
  });
}

/** Shows what a step will do, each annotation as an edit under way; the previews are used up. */
function show(reader: Reader, preview: StepPreview): void {
  const doc = reader.store.getState().document!;
  for (const { id, result } of preview.annotations) {
    reader.store.dispatch({ type: 'edit-applied', id, upserted: result ? [anchored(doc, result)] : [], removed: result ? [] : [id] });
  }
  const { history } = reader.store.getState();
  reader.store.dispatch({ type: 'history-changed', history: { ...history, undoPreview: null, redoPreview: null } });
}

/** The host did the step: each previewed annotation is now as the host says (showOutcome adds any it did not foresee). */
function confirm(reader: Reader, preview: StepPreview, outcome: HistoryOutcome): void {
  const doc = reader.store.getState().document!;
  const changed = new Map(outcome.changed.map((a) => [a.id, a]));
  const removed = new Set(outcome.removed.map((r) => r.id));
  for (const { id } of preview.annotations) {
    const stored = changed.get(id);
    if (stored) reader.store.dispatch({ type: 'edit-acknowledged', id, stored: anchored(doc, stored) });
    else if (removed.has(id)) reader.store.dispatch({ type: 'edit-acknowledged', id, stored: null });
    // The step did not apply (its problem is said): what the host has is what was shown before.
    else reader.store.dispatch({ type: 'edit-failed', id });
  }
}

/** The step failed to reach the host: what was shown for it goes. */
function takeBack(reader: Reader, preview: StepPreview): void {
  for (const { id } of preview.annotations) reader.store.dispatch({ type: 'edit-failed', id });
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
