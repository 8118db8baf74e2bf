// The write-ahead journal beside the data file: each saved batch of changes is one JSON line, found by
// comparing the data with what was last made durable (by identity), and replayed onto the snapshot on open.
import { createHash } from 'node:crypto';
import type { Annotation } from '../annotation';
import type { Codebook } from '../codebook';
import type { GlossDocument } from '../document';
import type { DocumentHistory, HistoryStep } from '../history';

/** The journal's name inside the data folder (JSON Lines). */
export const JOURNAL_FILE_NAME = 'gloss-data.journal';
/** The shape of the journal's lines; a journal of another format is set aside, never guessed at. */
export const JOURNAL_FORMAT = 1;

/** Which snapshot a journal belongs to: the data file's exact bytes. */
export interface Fingerprint {
  bytes: number;
  sha256: string;
}

/** The fingerprint of a data file's content (SHA-256 of 8 MB takes about 5 ms). */
export function fingerprintOf(content: string | Uint8Array): Fingerprint {
  const bytes = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
  return { bytes, sha256: createHash('sha256').update(content).digest('hex') };
}

function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return a.bytes === b.bytes && a.sha256 === b.sha256;
}

/** The first line: what the journal is, and the snapshot its changes apply to. */
export interface JournalHeader {
  gloss: 'journal';
  format: number;
  schemaVersion: number;
  snapshot: Fingerprint;
}

/** A document's undo or redo stack as "items [from, from + count) of the previous stack, then these new steps". */
export interface StepsPatch {
  keep: [from: number, count: number];
  add: HistoryStep[];
}

/** The keyed lists of the data file. */
export type Collection = 'annotations' | 'documents' | 'history';

/**
 * One change. Annotations and documents are written whole; a put replaces the element with its id
 * where it is, or appends it. An order record lists every id when the list's order is not the one
 * puts and deletes give. A history record patches one document's stacks.
 */
export type JournalOp =
  | { op: 'put'; in: 'annotations'; value: Annotation }
  | { op: 'put'; in: 'documents'; value: GlossDocument }
  | { op: 'delete'; in: Collection; id: string }
  | { op: 'order'; in: Collection; ids: string[] }
  | { op: 'codebook'; value: Codebook }
  | { op: 'history'; documentId: string; done?: StepsPatch; undone?: StepsPatch };

/** The line a drained batch appends. */
export interface BatchLine {
  ops: JournalOp[];
}

/**
 * The line a compaction appends, durably, just before its new snapshot replaces the old one: if
 * the journal is found beside that new snapshot, the compaction finished and the journal is spent.
 */
export interface CompactedLine {
  compacted: Fingerprint;
}

/** The journal's header line for a snapshot. */
export function headerLine(snapshot: Fingerprint, schemaVersion: number): string {
  const header: JournalHeader = { gloss: 'journal', format: JOURNAL_FORMAT, schemaVersion, snapshot };
  return `${JSON.stringify(header)}\n`;
}

/** The line for one batch. */
export function batchLine(ops: JournalOp[]): string {
  const line: BatchLine = { ops };
  return `${JSON.stringify(line)}\n`;
}

/** The line a compaction writes before its rename. */
export function compactedLine(into: Fingerprint): string {
  const line: CompactedLine = { compacted: into };
  return `${JSON.stringify(line)}\n`;
}

/** The data a journal describes (StoreData, seen structurally so that this module does not import the store). */
export interface JournalData {
  documents: GlossDocument[];
  codebook: Codebook;
  annotations: Annotation[];
  history?: DocumentHistory[];
}

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
function patchSteps(before: readonly HistoryStep[], after: readonly HistoryStep[]): StepsPatch | undefined {
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
  private readonly annotations: DurableList<Annotation>;
  private readonly documents: DurableList<GlossDocument>;
  private readonly histories: DurableList<DocumentHistory>;
  private codebook: Codebook;

  constructor(data: JournalData) {
    this.annotations = new DurableList(data.annotations, (a) => a.id);
    this.documents = new DurableList(data.documents, (d) => d.id);
    this.histories = new DurableList(data.history ?? [], (h) => h.documentId);
    this.codebook = data.codebook;
  }

  /** The records that turn the durable state into `next`; throws NotJournalable when no records fit. */
  diff(next: JournalData): Diff {
    const ops: JournalOp[] = [];
    const commits: Array<() => void> = [];
    if (next.annotations !== this.annotations.items) {
      const d = this.annotations.diff(next.annotations);
      for (const { item } of d.changed) ops.push({ op: 'put', in: 'annotations', value: item });
      for (const id of d.deleted) ops.push({ op: 'delete', in: 'annotations', id });
      if (d.order) ops.push({ op: 'order', in: 'annotations', ids: d.order });
      commits.push(() => this.annotations.commit(next.annotations, d));
    }
    if (next.documents !== this.documents.items) {
      const d = this.documents.diff(next.documents);
      for (const { item } of d.changed) ops.push({ op: 'put', in: 'documents', value: item });
      for (const id of d.deleted) ops.push({ op: 'delete', in: 'documents', id });
      if (d.order) ops.push({ op: 'order', in: 'documents', ids: d.order });
      commits.push(() => this.documents.commit(next.documents, d));
    }
    if (next.codebook !== this.codebook) {
      ops.push({ op: 'codebook', value: next.codebook });
      commits.push(() => (this.codebook = next.codebook));
    }
    const history = next.history ?? [];
    if (history !== this.histories.items) {
      const d = this.histories.diff(history);
      for (const { item, before } of d.changed) {
        const op: JournalOp = { op: 'history', documentId: item.documentId };
        const done = patchSteps(before?.done ?? [], item.done);
        const undone = patchSteps(before?.undone ?? [], item.undone);
        if (done) op.done = done;
        if (undone) op.undone = undone;
        ops.push(op);
      }
      for (const id of d.deleted) ops.push({ op: 'delete', in: 'history', id });
      if (d.order) ops.push({ op: 'order', in: 'history', ids: d.order });
      commits.push(() => this.histories.commit(history, d));
    }
    return { ops, commit: () => commits.forEach((c) => c()) };
  }
}

/** Thrown while reading or replaying a journal that cannot be used, with a reason a reader understands. */
export class JournalError extends Error {}

/** A journal as read from disk. */
export type JournalRead =
  | { kind: 'empty' }
  | {
      kind: 'read';
      header: JournalHeader;
      batches: JournalOp[][];
      /** The snapshots compactions announced (one of them may be the data file beside it: the journal is then spent). */
      compactedInto: Fingerprint[];
      /** Bytes up to the end of the last whole line. */
      validBytes: number;
      /** Bytes after it: a line torn by a crash in the middle of an append. */
      tornBytes: number;
    }
  | { kind: 'unreadable'; reason: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isFingerprint(value: unknown): value is Fingerprint {
  return isObject(value) && Number.isSafeInteger(value.bytes) && typeof value.sha256 === 'string' && /^[0-9a-f]{64}$/.test(value.sha256);
}

/**
 * Splits a journal into its lines. The last line may be torn (a crash during the append that would
 * have written it): cut short, or with bytes the disk never got. It is dropped, since that append
 * was never acknowledged. Every earlier line was followed by a later append, which only starts
 * once the line before is durable, so an unreadable earlier line is damage, and the journal is
 * unreadable.
 */
export function parseJournal(content: Uint8Array): JournalRead {
  const lines: unknown[] = [];
  let offset = 0;
  let validBytes = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  while (offset < content.length) {
    const end = content.indexOf(0x0a, offset);
    if (end === -1) break; // no newline: torn
    let value: unknown;
    try {
      value = JSON.parse(decoder.decode(content.subarray(offset, end)));
    } catch {
      if (end + 1 >= content.length) break; // the last line: torn
      return { kind: 'unreadable', reason: `line ${lines.length + 1} is damaged` };
    }
    lines.push(value);
    offset = end + 1;
    validBytes = offset;
  }
  if (lines.length === 0) return { kind: 'empty' };
  const [header, ...rest] = lines;
  if (!isObject(header) || header.gloss !== 'journal') return { kind: 'unreadable', reason: 'it does not start with a Gloss journal header' };
  if (header.format !== JOURNAL_FORMAT) {
    return { kind: 'unreadable', reason: `it is of journal format ${String(header.format)}, which this Gloss (format ${JOURNAL_FORMAT}) does not know` };
  }
  if (!Number.isSafeInteger(header.schemaVersion) || !isFingerprint(header.snapshot)) {
    return { kind: 'unreadable', reason: 'its header is damaged' };
  }
  const batches: JournalOp[][] = [];
  const compactedInto: Fingerprint[] = [];
  for (const [i, line] of rest.entries()) {
    if (isObject(line) && Array.isArray(line.ops)) batches.push(line.ops as JournalOp[]);
    else if (isObject(line) && isFingerprint(line.compacted)) compactedInto.push(line.compacted);
    else return { kind: 'unreadable', reason: `line ${i + 2} is not a journal record` };
  }
  return {
    kind: 'read',
    header: header as unknown as JournalHeader,
    batches,
    compactedInto,
    validBytes,
    tornBytes: content.length - validBytes,
  };
}

/** How a journal read relates to the snapshot beside it. */
export type JournalFit = 'applies' | 'spent' | 'foreign';

/** Whether the journal's changes apply to this snapshot, were already compacted into it, or belong to another data file. */
export function journalFit(read: Extract<JournalRead, { kind: 'read' }>, snapshot: Fingerprint): JournalFit {
  if (sameFingerprint(read.header.snapshot, snapshot)) return 'applies';
  if (read.compactedInto.some((f) => sameFingerprint(f, snapshot))) return 'spent';
  return 'foreign';
}

const KEY: Record<Collection, string> = { annotations: 'id', documents: 'id', history: 'documentId' };

/** A keyed list being replayed: a Map keeps the order (set on a known key keeps its place, a new key goes last). */
function listOf(raw: Record<string, unknown>, name: Collection, lists: Map<Collection, Map<string, unknown>>): Map<string, unknown> {
  let list = lists.get(name);
  if (list) return list;
  const items = raw[name] ?? [];
  if (!Array.isArray(items)) throw new JournalError(`the data file's ${name} is not a list`);
  list = new Map();
  for (const item of items) {
    const key = isObject(item) ? item[KEY[name]] : undefined;
    if (typeof key !== 'string') throw new JournalError(`the data file's ${name} hold an element without ${KEY[name]}`);
    list.set(key, item);
  }
  if (list.size !== items.length) throw new JournalError(`the data file's ${name} hold one ${KEY[name]} twice`);
  lists.set(name, list);
  return list;
}

function applySteps(before: unknown, patch: unknown, where: string): unknown[] {
  const stack = Array.isArray(before) ? before : [];
  if (!isObject(patch) || !Array.isArray(patch.keep) || !Array.isArray(patch.add)) throw new JournalError(`${where} is damaged`);
  const [from, count] = patch.keep as unknown[];
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(count) || (from as number) < 0 || (count as number) < 0 || (from as number) + (count as number) > stack.length) {
    throw new JournalError(`${where} keeps steps the history does not have`);
  }
  return [...stack.slice(from as number, (from as number) + (count as number)), ...patch.add];
}

function isCollection(value: unknown): value is Collection {
  return value === 'annotations' || value === 'documents' || value === 'history';
}

/**
 * Applies the journal's batches, in order, to the snapshot's parsed JSON (before it is migrated and
 * validated: the whole result is then validated as one data file). Throws JournalError for a record
 * that does not apply.
 */
export function replayJournal(raw: Record<string, unknown>, batches: readonly (readonly JournalOp[])[]): void {
  const lists = new Map<Collection, Map<string, unknown>>();
  for (const [b, ops] of batches.entries()) {
    for (const [i, op] of ops.entries()) {
      const where = `change ${i + 1} of batch ${b + 1}`;
      if (!isObject(op)) throw new JournalError(`${where} is damaged`);
      switch (op.op) {
        case 'put': {
          if ((op.in !== 'annotations' && op.in !== 'documents') || !isObject(op.value) || typeof op.value.id !== 'string') {
            throw new JournalError(`${where} is damaged`);
          }
          listOf(raw, op.in, lists).set(op.value.id, op.value);
          break;
        }
        case 'delete': {
          if (!isCollection(op.in) || typeof op.id !== 'string') throw new JournalError(`${where} is damaged`);
          listOf(raw, op.in, lists).delete(op.id);
          break;
        }
        case 'order': {
          if (!isCollection(op.in) || !Array.isArray(op.ids)) throw new JournalError(`${where} is damaged`);
          const list = listOf(raw, op.in, lists);
          const ordered = new Map<string, unknown>();
          for (const id of op.ids as unknown[]) {
            if (typeof id !== 'string' || !list.has(id) || ordered.has(id)) throw new JournalError(`${where} orders ids the data does not hold`);
            ordered.set(id, list.get(id));
          }
          if (ordered.size !== list.size) throw new JournalError(`${where} leaves ids out of the order`);
          lists.set(op.in, ordered);
          break;
        }
        case 'codebook': {
          if (!Array.isArray(op.value)) throw new JournalError(`${where} is damaged`);
          raw.codebook = op.value;
          break;
        }
        case 'history': {
          if (typeof op.documentId !== 'string') throw new JournalError(`${where} is damaged`);
          const list = listOf(raw, 'history', lists);
          const before = list.get(op.documentId);
          const prior = isObject(before) ? before : { done: [], undone: [] };
          list.set(op.documentId, {
            documentId: op.documentId,
            done: op.done === undefined ? prior.done : applySteps(prior.done, op.done, where),
            undone: op.undone === undefined ? prior.undone : applySteps(prior.undone, op.undone, where),
          });
          break;
        }
        default:
          throw new JournalError(`${where} is of an unknown kind`);
      }
    }
  }
  for (const [name, list] of lists) raw[name] = [...list.values()];
}
