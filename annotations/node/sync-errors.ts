// What went wrong talking to the server, in words a user can act on, and whether it only means "offline" (changes
// queue and go out later) or needs the user (wrong password, no such database). Never repeats credentials.

/** An error of the replication or the server, described. */
export interface DescribedError {
  message: string;
  /** The server could not be reached: not a mistake of the user's, and it passes by itself. */
  offline: boolean;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

/** Describes an error PouchDB reported (an HTTP status, a network failure, or anything else). */
export function describeSyncError(error: unknown): DescribedError {
  const status = Number(field(error, 'status'));
  const code = String(field(error, 'code') ?? field(field(error, 'cause'), 'code') ?? '');
  const text = String(field(error, 'message') ?? field(error, 'reason') ?? error ?? '');
  if (status === 401) return { message: 'The server refused the user name or password (401).', offline: false };
  if (status === 403) return { message: 'This user may not use that database (403).', offline: false };
  if (status === 404)
    return { message: 'There is no such database on the server (404); ask its administrator to create it.', offline: false };
  if (
    NETWORK_CODES.has(code) ||
    /ECONNREFUSED|ECONNRESET|socket hang up|fetch failed|network|Failed to fetch|Premature close|Invalid response body/i.test(text) ||
    status === 0
  ) {
    return {
      message: `The server does not answer (${code || 'no connection'}); changes are kept and sent when it is back.`,
      offline: true,
    };
  }
  if (status >= 500) return { message: `The server failed (${status}); changes are kept and sent when it works again.`, offline: true };
  // PouchDB's messages name the database, never the credentials (they travel in a header); cut them short anyway.
  return { message: (text || 'Unknown error').slice(0, 300), offline: false };
}
