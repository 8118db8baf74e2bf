// The undo history as the service changes it: recording a step with the change that made it, and undoing or
// redoing a document's last step.
import type { Annotation } from '../annotation';
import type { HistoryOutcome, HistorySummary } from '../contract';
import {
  applyStep,
  HISTORY_LIMIT,
  historyOf,
  recordStep,
  withHistory,
  type DocumentHistory,
  type HistoryState,
  type HistoryStep,
} from '../history';
import type { DataDraft, StoreData, StoredStep } from './data-file';
import { documentOrThrow, shared } from './data-lookups';

/** An undo step and the document whose history records it. */
export interface RecordedStep {
  documentId: string;
  step: StoredStep;
}

/** Records undo steps in the draft's history, in the same change as what they undo. */
export function record(draft: DataDraft, ...steps: RecordedStep[]): void {
  for (const { documentId, step } of steps) {
    draft.history = recordStep(shared<DocumentHistory[]>(draft.history ?? []), documentId, shared<HistoryStep>(step));
  }
}

/** A document's history, as stored or empty. */
function historyIn(data: StoreData, documentId: string): DocumentHistory {
  return historyOf(shared<DocumentHistory[]>(data.history ?? []), documentId);
}

/** What the reader's Undo and Redo buttons need to know about a history. */
export function summarise(history: DocumentHistory): HistorySummary {
  const undo = history.done[history.done.length - 1];
  const redo = history.undone[history.undone.length - 1];
  return { canUndo: !!undo, canRedo: !!redo, undoLabel: undo?.label ?? null, redoLabel: redo?.label ?? null };
}

/** A document's Undo and Redo state. */
export function historySummary(data: StoreData, documentId: string): HistorySummary {
  documentOrThrow(data, documentId);
  return summarise(historyIn(data, documentId));
}

/** Undoes or redoes a document's last step; a step that no longer applies is dropped and reported. */
export function stepHistory(draft: DataDraft, documentId: string, direction: 'undo' | 'redo'): HistoryOutcome {
  documentOrThrow(draft, documentId);
  const current = historyIn(draft, documentId);
  const [from, to] = direction === 'undo' ? (['done', 'undone'] as const) : (['undone', 'done'] as const);
  const step = current[from][current[from].length - 1];
  const nothing = { label: null, problem: null, codebookChanged: false, changed: [] as Annotation[], removed: [] };
  if (!step) return { ...nothing, ...summarise(current) };
  const remaining = current[from].slice(0, -1);
  const state = shared<HistoryState>({ codebook: draft.codebook, annotations: draft.annotations });
  const applied = applyStep(state, step, direction, (id) => draft.documents.some((d) => d.id === id));
  if (!applied.ok) {
    const next = { ...current, [from]: remaining };
    draft.history = withHistory(shared<DocumentHistory[]>(draft.history ?? []), next);
    const verb = direction === 'undo' ? 'undone' : 'redone';
    const problem = `“${step.label}” cannot be ${verb}: ${applied.reason}. It was taken off the history.`;
    return { ...nothing, problem, ...summarise(next) };
  }
  const { mergeKey: _merged, ...moved } = step;
  const next = { ...current, [from]: remaining, [to]: [...current[to], moved].slice(-HISTORY_LIMIT) };
  draft.codebook = applied.state.codebook;
  draft.annotations = applied.state.annotations;
  draft.history = withHistory(shared<DocumentHistory[]>(draft.history ?? []), next);
  return {
    label: step.label,
    problem: null,
    codebookChanged: step.codebook !== undefined,
    changed: applied.changed,
    removed: applied.removed.map((a) => ({ id: a.id, documentId: a.documentId })),
    ...summarise(next),
  };
}
