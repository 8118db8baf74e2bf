// An edit of one annotation as the reader makes it: shown at once (in the frame of its input), sent to
// the host in order with every other change, and then confirmed by the host's answer or taken back
// with the reason and a Retry. Nothing unacknowledged is shown as saved (see state/modules/unsaved.ts).
import type { Annotation } from '../../annotations/annotation';
import { errorMessage, isRefusal } from '../../annotations/errors';
import type { Reader } from './context';
import { anchored } from './placement';
import { learnNextStep } from './history';
import { save } from './saving';

/** One edit: what the page shows now, and the host call that stores it (answering what was stored, or null for a deletion). */
export interface Edit {
  /** The annotation edited. */
  id: string;
  /** Its new version, or null when the edit deletes it. */
  shown: Annotation | null;
  /** Opens it, with the caret after it (a new highlight). */
  open?: boolean;
  caret?: number;
  send(): Promise<Annotation | null>;
}

/** Shows an edit, then stores it; true once the host has it. A failure is taken back and said, with a Retry. */
export async function edit(reader: Reader, change: Edit): Promise<boolean> {
  const doc = reader.store.getState().document!;
  reader.store.dispatch({
    type: 'edit-applied',
    id: change.id,
    upserted: change.shown ? [anchored(doc, change.shown)] : [],
    removed: change.shown ? [] : [change.id],
    open: change.open ? change.id : undefined,
    caret: change.caret,
  });
  try {
    // In order with every other change, so an edit made while another is under way lands after it.
    const stored = await save(reader, () => reader.steps.run(change.send));
    reader.store.dispatch({ type: 'edit-acknowledged', id: change.id, stored: stored ? anchored(doc, stored) : null });
    reader.store.dispatch({ type: 'step-recorded' });
    void learnNextStep(reader);
    return true;
  } catch (error) {
    reader.store.dispatch({ type: 'edit-failed', id: change.id });
    // A refusal would be refused again; anything else may be tried again as it was.
    const retry = isRefusal(error) ? undefined : () => void edit(reader, change);
    reader.notices.banner.error(`${errorMessage(error)} The change was taken back.`, retry);
    reader.notices.announce('The change was not saved and was taken back.');
    return false;
  }
}
