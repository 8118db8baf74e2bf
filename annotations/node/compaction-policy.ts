// When the store folds its journal into the snapshot: past a size that grows with the snapshot, and after a
// quiet time (tests and benchmarks choose others).
/**
 * The journal's size limit, as a share of the snapshot: rewriting a snapshot of S bytes once per S/2
 * bytes of journal costs each edit at most about twice its own size in snapshot writing, and opening
 * never reads more than 1.5 times the snapshot.
 */
export const JOURNAL_SHARE_OF_SNAPSHOT = 0.5;
/** Below this the journal is never compacted for its size (rewriting a small snapshot is cheap, but appending is cheaper still). */
export const JOURNAL_MIN_BYTES = 64 * 1024;
/** Above this it always is, however large the snapshot: it bounds how much a crash leaves to replay on open. */
export const JOURNAL_MAX_BYTES = 4 * 1024 * 1024;
/** The snapshot is rewritten this long after the last change (a backup of the one it replaces is kept). */
export const IDLE_COMPACT_MS = 5_000;

/** When the store rewrites the snapshot and empties the journal (for tests and benchmarks; the defaults suit Gloss). */
export interface JournalOptions {
  /** Journal size past which the snapshot is rewritten; 0 rewrites the snapshot on every save, as before the journal. */
  compactAboveBytes?: number;
  /** Quiet time after the last change before the snapshot is rewritten; false: not on idle. */
  idleCompactMs?: number | false;
}

/** The journal size past which the snapshot (of `snapshotBytes`) is rewritten. */
export function journalLimit(options: JournalOptions | undefined, snapshotBytes: number): number {
  if (options?.compactAboveBytes !== undefined) return options.compactAboveBytes;
  const share = Math.floor(snapshotBytes * JOURNAL_SHARE_OF_SNAPSHOT);
  return Math.min(JOURNAL_MAX_BYTES, Math.max(JOURNAL_MIN_BYTES, share));
}
