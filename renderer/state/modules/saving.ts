// State module: host calls under way, whether the last one failed to save, and what undo and redo can do.
import type { Action } from '../actions';
import type { ReaderState } from '../reader-state';

/** The reducer of this module's fields. */
export function savingReducer(state: ReaderState, action: Action): ReaderState {
  switch (action.type) {
    case 'save-started':
      return { ...state, pending: state.pending + 1 };
    case 'save-finished':
      // A refusal leaves the status as it was: it neither saved nor failed to save anything.
      return {
        ...state,
        pending: Math.max(0, state.pending - 1),
        failed: action.outcome === 'refused' ? state.failed : action.outcome === 'failed',
      };
    case 'document-opened':
    case 'history-changed':
      return { ...state, history: action.history };
    case 'step-recorded':
      return { ...state, history: { canUndo: true, canRedo: false } };
    default:
      return state;
  }
}

/** The words of the toolbar's save status (while a document's highlights arrive, it says so). */
export function selectSaveText(state: ReaderState): string {
  if (state.pending > 0) return 'Saving…';
  if (state.failed) return 'Not saved';
  return state.loading ? 'Loading highlights…' : 'All changes saved';
}

/** True when the status is an error to show as one (a failed save, nothing under way). */
export function selectSaveFailed(state: ReaderState): boolean {
  return state.failed && state.pending === 0;
}
