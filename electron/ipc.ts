// Registers the host contract on ipcMain: one handler per contract method, in one loop, each
// checking the sender before it dispatches. Only types come from 'electron', so tests can drive it
// with a stand-in ipcMain.
import type { IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, channelOf, type GlossHost, type MethodName } from '../annotations/contract';
import { dispatch } from '../annotations/dispatch';
import type { Envelope } from '../annotations/errors';
import { isTrustedSender, type SenderFrame } from './security';

/** The channels the shell answers, one per contract method, in the contract's order. */
export function ipcChannels(): string[] {
  return METHOD_NAMES.map(channelOf);
}

/** The slice of ipcMain registration needs. */
export interface IpcRegistrar {
  handle(channel: string, listener: (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, ...args: unknown[]) => unknown): void;
}

/** What a call from anywhere but Gloss's own page answers. */
export const UNTRUSTED_SENDER_ENVELOPE: Envelope<never> = Object.freeze({
  ok: false,
  error: Object.freeze({
    code: 'invalid-input',
    message: 'Refused: the call did not come from the Gloss window.',
  }),
}) as Envelope<never>;

/**
 * Answers one call: a sender that is not the top frame of an app://gloss page gets
 * UNTRUSTED_SENDER_ENVELOPE (an envelope, not a throw, so the refusal reaches the caller with its
 * code intact and the main process logs no unhandled error); a trusted one gets dispatch's envelope.
 */
export async function answerCall(
  host: GlossHost,
  method: MethodName,
  senderFrame: SenderFrame | null | undefined,
  input: unknown,
): Promise<Envelope<unknown>> {
  if (!isTrustedSender(senderFrame)) return UNTRUSTED_SENDER_ENVELOPE;
  return dispatch(host, method, input);
}

/** Registers every contract method of `host` on `ipc`. */
export function registerHostIpc(ipc: IpcRegistrar, host: GlossHost): void {
  for (const method of METHOD_NAMES) {
    ipc.handle(channelOf(method), (event, input) => answerCall(host, method, event.senderFrame, input));
  }
}
