// Host calls as the reader sees them: the save status while they run, refusals told apart from
// failures, and a Retry for what can be tried again.
import { isRefusal } from '../../annotations/errors';
import type { Reader } from './context';

/** Runs a host call with the save status; a failure is rethrown to the caller after the status says it. */
export async function save<T>(reader: Reader, call: () => Promise<T>): Promise<T> {
  // A later change makes the toast's undo mean something else.
  reader.notices.toast.hide();
  reader.store.dispatch({ type: 'save-started' });
  try {
    const result = await call();
    reader.store.dispatch({ type: 'save-finished', outcome: 'saved' });
    return result;
  } catch (error) {
    // A refused input saved nothing and lost nothing: the toolbar still says all is saved.
    reader.store.dispatch({ type: 'save-finished', outcome: isRefusal(error) ? 'refused' : 'failed' });
    throw error;
  }
}

/** Runs an action; if it fails, says so, with a Retry that runs it again unless the input was refused. */
export async function attempt(reader: Reader, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    // Retrying a refusal would send the same input to be refused again.
    reader.notices.banner.error(messageOf(error), isRefusal(error) ? undefined : () => void attempt(reader, action));
  }
}

/** True (after telling the reader) when the host refuses changes. */
export function refuseIfReadOnly(reader: Reader): boolean {
  const why = reader.store.getState().readOnly;
  if (!why) return false;
  reader.notices.announce('This data is open read-only.');
  reader.notices.banner.info(why);
  return true;
}

/** An error's message, whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
