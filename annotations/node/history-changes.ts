// The undo history as the service changes it: recording a step with the change that made it, and undoing or
// redoing a document's last step.
import type { Annotation } from '../annotation';
import { STEP_PREVIEW_LIMIT, type HistoryOutcome, type HistorySummary, type StepPreview } from '../contract';
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

/** What the reader's Undo and Redo buttons need to know about a history (and, asked, what the steps will do). */
export function summarise(history: DocumentHistory, withPreviews = false): HistorySummary {
  const undo = history.done[history.done.length - 1];
  const redo = history.undone[history.undone.length - 1];
  const summary: HistorySummary = { canUndo: !!undo, canRedo: !!redo, undoLabel: undo?.label ?? null, redoLabel: redo?.label ?? null };
  if (!withPreviews) return summary;
  return { ...summary, undoPreview: preview(undo, 'before'), redoPreview: preview(redo, 'after') };
}

/**
 * What a step will leave: each annotation as its `before` (undo) or `after` (redo) says. It is what applying
 * the step does when the step applies; when it does not (the data moved on), the host's answer says so and
 * the reader takes its preview back.
 */
function preview(step: HistoryStep | undefined, side: 'before' | 'after'): StepPreview | null {
  if (!step || step.codebook || step.annotations.length > STEP_PREVIEW_LIMIT) return null;
  return { annotations: step.annotations.map((change) => ({ id: (change.before ?? change.after)!.id, result: change[side] })) };
}

/** A document's Undo and Redo state. */
export function historySummary(data: StoreData, documentId: string, withPreviews = false): HistorySummary {
  documentOrThrow(data, documentId);
  return summarise(historyIn(data, documentId), withPreviews);
}

/**
 * The documents an undo or redo of a document would change: its own, and those of the highlights in its next
 * step (a codebook step, such as a theme deleted, changes highlights across the library).
 */
export function documentsOfNextStep(data: StoreData, documentId: string, direction: 'undo' | 'redo'): string[] {
  const stack = historyIn(data, documentId)[direction === 'undo' ? 'done' : 'undone'];
  const step = stack[stack.length - 1];
  const ids = new Set([documentId]);
  for (const change of step?.annotations ?? []) for (const a of [change.before, change.after]) if (a) ids.add(a.documentId);
  return [...ids];
}

/** Undoes or redoes a document's last step; a step that no longer applies is dropped and reported. */
export function stepHistory(draft: DataDraft, documentId: string, direction: 'undo' | 'redo', withPreviews = false): HistoryOutcome {
  documentOrThrow(draft, documentId);
  const current = historyIn(draft, documentId);
  const [from, to] = direction === 'undo' ? (['done', 'undone'] as const) : (['undone', 'done'] as const);
  const step = current[from][current[from].length - 1];
  const nothing = { label: null, problem: null, codebookChanged: false, changed: [] as Annotation[], removed: [] };
  if (!step) return { ...nothing, ...summarise(current, withPreviews) };
  const remaining = current[from].slice(0, -1);
  const state = shared<HistoryState>({ codebook: draft.codebook, annotations: draft.annotations });
  const applied = applyStep(state, step, direction, (id) => draft.documents.some((d) => d.id === id));
  if (!applied.ok) {
    const next = { ...current, [from]: remaining };
    draft.history = withHistory(shared<DocumentHistory[]>(draft.history ?? []), next);
    const verb = direction === 'undo' ? 'undone' : 'redone';
    const problem = `“${step.label}” cannot be ${verb}: ${applied.reason}. It was taken off the history.`;
    return { ...nothing, problem, ...summarise(next, withPreviews) };
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
    ...summarise(next, withPreviews),
  };
}
