// The reader's reducer: each state module's reducer in turn, over the one state value.
import type { Action } from './actions';
import { annotationsReducer } from './modules/annotations';
import { libraryReducer } from './modules/library';
import { savingReducer } from './modules/saving';
import { selectionReducer } from './modules/selection';
import { unsavedReducer } from './modules/unsaved';
import type { ReaderState } from './reader-state';

// Selection runs after annotations: it closes a highlight that the same action took away.
const MODULES = [libraryReducer, annotationsReducer, unsavedReducer, selectionReducer, savingReducer] as const;

/** The next state after `action`; the same object when nothing changed. */
export function readerReducer(state: ReaderState, action: Action): ReaderState {
  let next = state;
  for (const reducer of MODULES) next = reducer(next, action);
  return next;
}
