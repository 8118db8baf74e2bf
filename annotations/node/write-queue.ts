// The queue of changes to the store: applied in memory in order, written in batches (a burst of edits costs two
// writes), each acknowledged once its batch is durable, and a whole batch taken back when its write fails.
import { GlossError } from '../errors';
import type { DataDraft, StoreData } from './data-file';
import { describeFsError } from './file-ops';

/**
 * A change: given a draft of the data (its top-level fields, to be replaced, never edited), it sets the
 * fields it changes and returns its answer, or throws to change nothing.
 */
export type Change<T> = (draft: DataDraft) => T;

/**
 * The documents a change or a read works on, given the data as it stands (documents loaded so far): their
 * ids, or 'all'. Asked again once they are loaded, until every one it names is (an undo step names the
 * documents its highlights are in only once its own document's history is loaded).
 */
export type Needs = (data: StoreData) => Iterable<string> | 'all';

/** What the queue writes through. */
export interface QueueTarget {
  /** The data in memory. */
  current(): StoreData;
  /** Takes new data in memory. */
  hold(data: StoreData): void;
  /** Loads the documents named into the data in memory. */
  prepare(needs: Needs): Promise<void>;
  /** Makes the data in memory durable: a journal line, or a new snapshot when `compact`. */
  save(compact: boolean): Promise<void>;
  /** Told after a failed save, once the data in memory is put back. */
  failed(): Promise<void>;
  /** Rewrites the snapshot if the journal holds anything. */
  checkpoint(): Promise<void>;
  /** Whether the store wants something done once nothing is queued (a compaction). */
  wantsIdleWork(): boolean;
  /** Does it. */
  idleWork(): Promise<void>;
}

type Pending =
  | {
      kind: 'change';
      apply: Change<unknown>;
      compact: boolean;
      needs: Needs | undefined;
      resolve(value: unknown): void;
      reject(error: unknown): void;
    }
  /** Not a change: documents loaded, at this point of the queue, for a read. */
  | { kind: 'load'; needs: Needs; resolve(value: unknown): void; reject(error: unknown): void }
  /** Not a change: the snapshot is rewritten with the data as it stands at this point of the queue. */
  | { kind: 'checkpoint'; resolve(value: unknown): void; reject(error: unknown): void };

function storageError(error: unknown): GlossError {
  return new GlossError('storage', `Not saved: ${describeFsError(error)}. The file on disk still holds your last saved work; try again.`);
}

/** A document that could not be loaded: a GlossError as it is, a file system's error said as one. */
function loadError(error: unknown): unknown {
  if (error instanceof GlossError) return error;
  return new GlossError('storage', `A document could not be read: ${describeFsError(error)}.`);
}

/** The store's changes, in order. */
export class WriteQueue {
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;

  constructor(private readonly target: QueueTarget) {}

  /**
   * Applies a change in memory and resolves once it is on disk. Changes that arrive while a write is
   * under way are applied together and written once. If the write fails, the data goes back to what
   * it was before the batch (the data is immutable: nothing to undo, only a reference to restore) and
   * every change in it is rejected with a storage error; the file on disk still holds the last
   * acknowledged state.
   */
  change<T>(apply: Change<T>, compact: boolean, needs?: Needs): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ kind: 'change', apply, compact, needs, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  /** Resolves once the documents `needs` names are loaded, after every change queued before it. */
  load(needs: Needs): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ kind: 'load', needs, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  /** Resolves once the snapshot holds everything changed before it. */
  checkpoint(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ kind: 'checkpoint', resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  /** Starts writing, unless a write is under way (it takes up whatever is queued when it is done). */
  pump(): void {
    if (this.writing) return;
    // Cleared only once the promise is stored and settled: a batch that fails validation
    // finishes synchronously, and clearing inside it would leave a stale promise behind.
    this.writing = this.drain().finally(() => {
      this.writing = null;
      if (this.queue.length > 0 || this.target.wantsIdleWork()) this.pump();
    });
  }

  /** Resolves once every change queued so far is written (or has failed). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    // Each pass applies everything queued so far (up to a checkpoint) and writes it once; work the store
    // wants done when nothing is queued runs then, so it never races with an append.
    for (;;) {
      if (this.queue.length === 0) {
        if (!this.target.wantsIdleWork()) return;
        await this.target.idleWork();
        continue;
      }
      const first = this.queue[0]!;
      if (first.kind === 'checkpoint') {
        this.queue.shift();
        await this.target.checkpoint().then(
          () => first.resolve(undefined),
          (error: unknown) => first.reject(storageError(error)),
        );
        continue;
      }
      if (first.kind === 'load') {
        this.queue.shift();
        await this.target.prepare(first.needs).then(
          () => first.resolve(undefined),
          (error: unknown) => first.reject(loadError(error)),
        );
        continue;
      }
      const cut = this.queue.findIndex((p) => p.kind !== 'change');
      let batch = this.queue.splice(0, cut === -1 ? this.queue.length : cut) as Extract<Pending, { kind: 'change' }>[];
      // What the batch works on is loaded first: a failed write puts the data back to this, loaded documents kept.
      const ready: typeof batch = [];
      for (const pending of batch) {
        if (!pending.needs) ready.push(pending);
        else
          await this.target.prepare(pending.needs).then(
            () => void ready.push(pending),
            (error: unknown) => pending.reject(loadError(error)),
          );
      }
      batch = ready;
      const before = this.target.current();
      const applied: Array<{ pending: (typeof batch)[number]; result: unknown }> = [];
      for (const pending of batch) {
        const draft: DataDraft = { ...this.target.current() };
        try {
          const result = pending.apply(draft);
          this.target.hold(draft);
          applied.push({ pending, result });
        } catch (error) {
          // The draft is dropped: the data is as it was before this change.
          pending.reject(error);
        }
      }
      if (applied.length === 0) continue;
      try {
        await this.target.save(applied.some(({ pending }) => pending.compact));
        for (const { pending, result } of applied) pending.resolve(result);
      } catch (error) {
        this.target.hold(before);
        await this.target.failed();
        const failure = storageError(error);
        for (const { pending } of applied) pending.reject(failure);
      }
    }
  }
}
