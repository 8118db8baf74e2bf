// State module: edits shown at input, before the host acknowledges them. The page paints an edit in the
// frame of its input; the host's answer confirms it, or a failure puts back what the host has (and the
// reader is told). Nothing unacknowledged is shown as saved: an annotation stays in `unsaved` until every
// edit of it is answered.
import type { Action } from '../actions';
import type { ReaderState, Unsaved } from '../reader-state';
import { withChanges } from './annotations';

/** The reducer of `unsaved`, and of the annotations its actions change. */
export function unsavedReducer(state: ReaderState, action: Action): ReaderState {
  switch (action.type) {
    case 'edit-applied': {
      const before = state.unsaved.get(action.id);
      const current = state.annotations.get(action.id);
      // What the host has is what was shown before the first edit under way, kept across later ones.
      const acknowledged = before ? before.acknowledged : current ? { annotation: current, anchor: state.anchors.get(action.id)! } : null;
      const unsaved = new Map(state.unsaved).set(action.id, { acknowledged, inFlight: (before?.inFlight ?? 0) + 1 });
      return { ...withChanges(state, action.upserted, action.removed), unsaved };
    }
    case 'edit-acknowledged': {
      const entry = state.unsaved.get(action.id);
      if (!entry) return state;
      const unsaved = settle(state.unsaved, action.id, { acknowledged: action.stored, inFlight: entry.inFlight - 1 });
      // With later edits still under way, what is shown is theirs; else it is what the host stored.
      if (unsaved.has(action.id)) return { ...state, unsaved };
      const shown = action.stored ? withChanges(state, [action.stored], []) : withChanges(state, [], [action.id]);
      // What the host stored is whole, its note with it.
      return { ...shown, unsaved, notesToCome: state.notesToCome.delete(action.id) };
    }
    case 'edit-failed': {
      const entry = state.unsaved.get(action.id);
      if (!entry) return state;
      const unsaved = settle(state.unsaved, action.id, { ...entry, inFlight: entry.inFlight - 1 });
      const { acknowledged } = entry;
      const back = acknowledged ? withChanges(state, [acknowledged], []) : withChanges(state, [], [action.id]);
      return { ...back, unsaved };
    }
    default:
      return state;
  }
}

function settle(unsaved: ReadonlyMap<string, Unsaved>, id: string, next: Unsaved): ReadonlyMap<string, Unsaved> {
  const copy = new Map(unsaved);
  if (next.inFlight > 0) copy.set(id, next);
  else copy.delete(id);
  return copy;
}
