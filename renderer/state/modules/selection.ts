// State module: which highlight is open, flashed or reached with n / p, and the list's filters.
import type { Action } from '../actions';
import type { ReaderState } from '../reader-state';

/** A highlight that is gone cannot stay open. */
function closedIfGone(state: ReaderState): ReaderState {
  return state.activeId && !state.annotations.has(state.activeId) ? { ...state, activeId: null } : state;
}

/** The reducer of this module's fields (run after the annotations module, whose result it reads). */
export function selectionReducer(state: ReaderState, action: Action): ReaderState {
  switch (action.type) {
    case 'document-opened':
      return { ...state, activeId: null, flashId: null, reachedId: null };
    case 'annotations-changed':
    case 'edit-applied':
      if (action.open && state.annotations.has(action.open)) return { ...state, activeId: action.open };
      return closedIfGone(state);
    case 'edit-acknowledged':
    case 'edit-failed':
      return closedIfGone(state);
    case 'codebook-loaded':
      return closedIfGone(state);
    case 'highlight-opened':
      return state.activeId === action.id
        ? state
        : { ...state, activeId: action.id && state.annotations.has(action.id) ? action.id : null };
    case 'highlight-flashed':
      return state.flashId === action.id ? state : { ...state, flashId: action.id };
    case 'highlight-reached':
      return { ...state, reachedId: action.id };
    case 'filters-changed':
      return { ...state, filters: { ...state.filters, ...action.filters } };
    default:
      return state;
  }
}
