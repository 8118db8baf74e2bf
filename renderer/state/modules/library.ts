// State module: the document shown, the codebook, the library's documents and whether the data is read-only.
import type { Action } from '../actions';
import type { ReaderState } from '../reader-state';

/** The reducer of this module's fields. */
export function libraryReducer(state: ReaderState, action: Action): ReaderState {
  switch (action.type) {
    case 'status-loaded':
      return { ...state, readOnly: action.readOnly };
    case 'library-loaded':
      return { ...state, library: action.documents };
    case 'document-opened':
      return { ...state, document: action.document, codebook: action.codebook };
    case 'codebook-loaded':
      return { ...state, codebook: action.codebook };
    default:
      return state;
  }
}

/** The theme with this id in the current codebook. */
export function selectTheme(state: ReaderState, id: string) {
  return state.codebook.find((theme) => theme.id === id);
}

/** Theme labels for ids, as a sentence lists them ("Trade, Security"). */
export function selectThemeLabels(state: ReaderState, ids: readonly string[]): string {
  return ids.map((id) => selectTheme(state, id)?.label ?? id).join(', ');
}
