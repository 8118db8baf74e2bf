// Finding what to journal: what was last made durable, by reference, and the records that turn it into the data
// as it is now. Relies on the data never being changed in place (StoreData is deeply readonly).
import type { StoredAnnotation, StoredCodebook, StoredHistory, StoredStep } from './data-file';
import type { Collection, JournalOp, KeyedRecord, StepsPatch } from './journal-format';

/**
 * The data a journal describes: the data file's, or one file's of the split layout (the library file's
 * documents are entries, without annotations; a document file has no codebook).
 */
export interface JournalData {
  readonly documents: readonly KeyedRecord[];
  readonly annotations?: readonly StoredAnnotation[];
  readonly codebook?: StoredCodebook;
  readonly history?: readonly StoredHistory[];
}

const NONE: readonly never[] = Object.freeze([]);

/** Thrown when a change cannot be said as journal records (the store then rewrites the snapshot instead). */
export class NotJournalable extends Error {}

/** What changed in one keyed list. */
interface ListDiff<T> {
  changed: Array<{ item: T; before: T | undefined }>;
  deleted: string[];
  /** Every key in order, when the order puts and deletes give (survivors in place, new keys appended) is not the list's. */
  order: string[] | null;
}

/** One keyed list as last made durable: the array, and each element by key. */
class DurableList<T> {
  private readonly index = new Map<string, T>();
  /**
   * False when the list holds one key twice: keyed records cannot describe it (the schema allows
   * that for documents, though Gloss never makes one), so every change to it rewrites the snapshot.
   */
  private readonly unique: boolean;

  constructor(
    public items: readonly T[],
    private readonly key: (item: T) => string,
  ) {
    for (const item of items) this.index.set(key(item), item);
    this.unique = this.index.size === items.length;
  }

  diff(next: readonly T[]): ListDiff<T> {
    if (!this.unique) throw new NotJournalable('a list holds one id twice');
    return this.quickDiff(next) ?? this.fullDiff(next);
  }

  /**
   * The diff of the changes an edit makes (elements replaced in place, one removed here and there,
   * new ones appended), found by walking both arrays by identity: no key is hashed for the elements
   * that did not change, so one edit among 10,000 annotations costs microseconds. Null when the
   * change has another shape (a move, several removals side by side): fullDiff then does it.
   */
  private quickDiff(next: readonly T[]): ListDiff<T> | null {
    const prev = this.items;
    const changed: Array<{ item: T; before: T | undefined }> = [];
    const deleted: string[] = [];
    let i = 0;
    let j = 0;
    while (i < prev.length && j < next.length) {
      const before = prev[i]!;
      const item = next[j]!;
      if (before === item) {
        i += 1;
        j += 1;
      } else if (this.key(before) === this.key(item)) {
        changed.push({ item, before });
        i += 1;
        j += 1;
      } else if (prev[i + 1] === item) {
        deleted.push(this.key(before));
        i += 1;
      } else {
        return null;
      }
    }
    // What is left of prev was removed at the end; what is left of next is new, and must be new keys
    // (a key that was there before would be a move, which needs the order).
    for (; i < prev.length; i += 1) deleted.push(this.key(prev[i]!));
    const added = new Set<string>();
    for (; j < next.length; j += 1) {
      const item = next[j]!;
      const k = this.key(item);
      if (this.index.has(k) || added.has(k)) return null;
      added.add(k);
      changed.push({ item, before: undefined });
    }
    return { changed, deleted, order: null };
  }

  /** Any change: by key, in O(n) with every key hashed. */
  private fullDiff(next: readonly T[]): ListDiff<T> {
    const keys = new Set<string>();
    const changed: Array<{ item: T; before: T | undefined }> = [];
    for (const item of next) {
      const k = this.key(item);
      keys.add(k);
      const before = this.index.get(k);
      if (before !== item) changed.push({ item, before });
    }
    if (keys.size !== next.length) throw new NotJournalable('a list holds one id twice');
    const deleted: string[] = [];
    let i = 0;
    let inOrder = true;
    for (const item of this.items) {
      const k = this.key(item);
      if (!keys.has(k)) {
        deleted.push(k);
        continue;
      }
      if (inOrder && (i >= next.length || this.key(next[i]!) !== k)) inOrder = false;
      i += 1;
    }
    for (; inOrder && i < next.length; i += 1) if (this.index.has(this.key(next[i]!))) inOrder = false;
    return { changed, deleted, order: inOrder ? null : next.map(this.key) };
  }

  /** Takes `next` as durable, given its diff. */
  commit(next: readonly T[], diff: ListDiff<T>): void {
    for (const { item } of diff.changed) this.index.set(this.key(item), item);
    for (const k of diff.deleted) this.index.delete(k);
    this.items = next;
  }
}

/** A stack as a patch of the previous one (by identity), or undefined when it is the same array. */
function patchSteps(before: readonly StoredStep[], after: readonly StoredStep[]): StepsPatch | undefined {
  if (before === after) return undefined;
  let from = after.length > 0 ? before.indexOf(after[0]!) : -1;
  let count = 0;
  if (from === -1) from = 0;
  else while (count < after.length && from + count < before.length && before[from + count] === after[count]) count += 1;
  return { keep: [from, count], add: after.slice(count) };
}

/** The records for a batch, and how to take its data as the new durable state once they are on disk. */
export interface Diff {
  ops: JournalOp[];
  commit(): void;
}

/**
 * What was last made durable, by reference. The service changes data immutably (new arrays, new
 * objects for new or changed elements, unchanged elements reused), so comparing references finds
 * every change in O(n) without serialising anything.
 */
export class DurableState {
  private readonly annotations: DurableList<StoredAnnotation>;
  private readonly documents: DurableList<KeyedRecord>;
  private readonly histories: DurableList<StoredHistory>;
  private codebook: StoredCodebook | undefined;

  constructor(data: JournalData) {
    this.annotations = new DurableList(data.annotations ?? NONE, (a) => a.id);
    this.documents = new DurableList(data.documents, (d) => d.id);
    this.histories = new DurableList(data.history ?? NONE, (h) => h.documentId);
    this.codebook = data.codebook;
  }

  /** The records that turn the durable state into `next`; throws NotJournalable when no records fit. */
  diff(next: JournalData): Diff {
    const ops: JournalOp[] = [];
    const commits: Array<() => void> = [];
    /** A keyed list's records: each changed element as `put` says it, then deletions, then the order if it moved. */
    const list = <T>(
      durable: DurableList<T>,
      items: readonly T[],
      name: Collection,
      put: (item: T, before: T | undefined) => JournalOp,
    ): void => {
      if (items === durable.items) return;
      const d = durable.diff(items);
      for (const { item, before } of d.changed) ops.push(put(item, before));
      for (const id of d.deleted) ops.push({ op: 'delete', in: name, id });
      if (d.order) ops.push({ op: 'order', in: name, ids: d.order });
      commits.push(() => durable.commit(items, d));
    };
    list(this.annotations, next.annotations ?? NONE, 'annotations', (value) => ({ op: 'put', in: 'annotations', value }));
    list(this.documents, next.documents, 'documents', (value) => ({ op: 'put', in: 'documents', value }));
    if (next.codebook !== this.codebook && next.codebook !== undefined) {
      ops.push({ op: 'codebook', value: next.codebook });
      commits.push(() => (this.codebook = next.codebook));
    }
    list(this.histories, next.history ?? NONE, 'history', (item, before) => {
      const op: JournalOp = { op: 'history', documentId: item.documentId };
      const done = patchSteps(before?.done ?? [], item.done);
      const undone = patchSteps(before?.undone ?? [], item.undone);
      if (done) op.done = done;
      if (undone) op.undone = undone;
      return op;
    });
    return { ops, commit: () => commits.forEach((c) => c()) };
  }
}
