// Typed errors that cross the host boundary, and the envelope both transports carry them in.

/** What kind of failure a host reports; the UI words its message by this. */
export type ErrorCode =
  'invalid-input' | 'not-found' | 'invalid-document' | 'storage' | 'read-only' | 'locked' | 'unknown-method' | 'internal';

/**
 * Codes that mean the host refused what it was given (a file that is not what it claims, a
 * document that is gone, data open read-only): nothing failed to save, and trying the same
 * input again would be refused again.
 */
const REFUSALS: ReadonlySet<ErrorCode> = new Set(['invalid-input', 'invalid-document', 'not-found', 'read-only']);

/** True when `error` is the host refusing its input rather than failing to do the work. */
export function isRefusal(error: unknown): boolean {
  return error instanceof GlossError && REFUSALS.has(error.code);
}

/** An error with a code a user-facing message can rely on. */
export class GlossError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'GlossError';
    this.code = code;
  }
}

/** The message of anything thrown: an Error's own message, or the thrown value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The plain-data shape of an error once it has crossed a transport. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
}

/** What every host call answers with: a value or an error, never a thrown exception. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

/** Turns anything thrown into a payload; unexpected errors keep their message but are marked internal. */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof GlossError) return { code: error.code, message: error.message };
  return { code: 'internal', message: `Unexpected error: ${errorMessage(error)}` };
}

/** Rebuilds a GlossError on the calling side of a transport. */
export function fromErrorPayload(payload: ErrorPayload): GlossError {
  return new GlossError(payload.code, payload.message);
}
