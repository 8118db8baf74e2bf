// The undo and redo part of the host contract (contract.ts re-exports it): what a history step is called, what
// it will do (previews the reader shows at the key press) and what it did.
import type { Annotation } from './annotation';

/** Whether a document has steps to undo and redo, and what they are called. */
export interface HistorySummary {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
  /** Asked for with `withPreviews`: what undoing the last step will do (null: the reader must wait for the host). */
  undoPreview?: StepPreview | null;
  /** Asked for with `withPreviews`: what redoing the last undone step will do. */
  redoPreview?: StepPreview | null;
}

/**
 * What undoing or redoing a step will do to annotations, so a reader can show it in the frame of the key
 * press and let the host's answer confirm it. Given only for steps that change a few annotations and not
 * the codebook; for others the reader waits for the host.
 */
export interface StepPreview {
  /** Each annotation the step touches, as it will be (null: gone). */
  annotations: Array<{ id: string; result: Annotation | null }>;
}

/** The most annotations a step may touch and still be previewed (an import's step is left to the host). */
export const STEP_PREVIEW_LIMIT = 50;

/** Input of undo, redo and getHistory: the document, and whether to answer the next steps' previews. */
export interface HistoryInput {
  documentId: string;
  withPreviews?: boolean;
}

/** What an undo or redo did: the annotations it put back or took away, and whether the codebook changed. */
export interface HistoryOutcome extends HistorySummary {
  /** The step's label, or null when there was nothing to do. */
  label: string | null;
  /** Why the step could not be applied (it was dropped from the history), or null. */
  problem: string | null;
  codebookChanged: boolean;
  changed: Annotation[];
  removed: Array<{ id: string; documentId: string }>;
}
