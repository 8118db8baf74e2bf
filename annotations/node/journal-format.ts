// The journal's format: its file name, the fingerprint naming the snapshot it belongs to, its lines (a header,
// one line per saved batch of changes, a line per compaction), and reading a journal back from disk.
import { createHash } from 'node:crypto';
import type { StoredAnnotation, StoredCodebook, StoredStep } from './data-file';

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
  add: readonly StoredStep[];
}

/** An element of the documents list: a document in the data file or a document file, an entry in the library file. */
export interface KeyedRecord {
  readonly id: string;
}

/** The keyed lists of the data file. */
export type Collection = 'annotations' | 'documents' | 'history';

/**
 * One change. Annotations and documents are written whole; a put replaces the element with its id
 * where it is, or appends it. An order record lists every id when the list's order is not the one
 * puts and deletes give. A history record patches one document's stacks.
 */
export type JournalOp =
  | { op: 'put'; in: 'annotations'; value: StoredAnnotation }
  | { op: 'put'; in: 'documents'; value: KeyedRecord }
  | { op: 'delete'; in: Collection; id: string }
  | { op: 'order'; in: Collection; ids: string[] }
  | { op: 'codebook'; value: StoredCodebook }
  | { op: 'history'; documentId: string; done?: StepsPatch; undone?: StepsPatch };

/**
 * The line a drained batch appends. `batch` numbers a batch of the split layout that writes more than one file
 * (see file-set.ts): its lines in the document files count only once the library file holds that number too,
 * so that a crash between the files' appends leaves the batch out whole instead of half of it in.
 */
export interface BatchLine {
  ops: readonly JournalOp[];
  batch?: number;
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

/** The line for one batch (`batch`: its number, when it writes several files). */
export function batchLine(ops: readonly JournalOp[], batch?: number): string {
  const line: BatchLine = batch === undefined ? { ops } : { ops, batch };
  return `${JSON.stringify(line)}\n`;
}

/** The line a compaction writes before its rename. */
export function compactedLine(into: Fingerprint): string {
  const line: CompactedLine = { compacted: into };
  return `${JSON.stringify(line)}\n`;
}

/** A journal as read from disk. */
export type JournalRead =
  | { kind: 'empty' }
  | {
      kind: 'read';
      header: JournalHeader;
      batches: JournalOp[][];
      /** Each batch's number (see BatchLine), or undefined for a batch that wrote one file. */
      numbers: Array<number | undefined>;
      /** The byte just after each batch's line. */
      ends: number[];
      /** The snapshots compactions announced (one of them may be the data file beside it: the journal is then spent). */
      compactedInto: Fingerprint[];
      /** Bytes up to the end of the last whole line. */
      validBytes: number;
      /** Bytes after it: a line torn by a crash in the middle of an append. */
      tornBytes: number;
      /** How many batches at its end were left out as never committed (see committedPart). */
      uncommitted?: number;
    }
  | { kind: 'unreadable'; reason: string };

/** Whether a parsed JSON value is an object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
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
  const lineEnds: number[] = [];
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
    lineEnds.push(end + 1);
    offset = end + 1;
    validBytes = offset;
  }
  if (lines.length === 0) return { kind: 'empty' };
  const [header, ...rest] = lines;
  if (!isObject(header) || header.gloss !== 'journal')
    return { kind: 'unreadable', reason: 'it does not start with a Gloss journal header' };
  if (header.format !== JOURNAL_FORMAT) {
    return {
      kind: 'unreadable',
      reason: `it is of journal format ${String(header.format)}, which this Gloss (format ${JOURNAL_FORMAT}) does not know`,
    };
  }
  if (!Number.isSafeInteger(header.schemaVersion) || !isFingerprint(header.snapshot)) {
    return { kind: 'unreadable', reason: 'its header is damaged' };
  }
  const batches: JournalOp[][] = [];
  const numbers: Array<number | undefined> = [];
  const ends: number[] = [];
  const compactedInto: Fingerprint[] = [];
  for (const [i, line] of rest.entries()) {
    if (isObject(line) && Array.isArray(line.ops) && (line.batch === undefined || Number.isSafeInteger(line.batch))) {
      batches.push(line.ops as JournalOp[]);
      numbers.push(line.batch as number | undefined);
      ends.push(lineEnds[i + 1]!);
    } else if (isObject(line) && isFingerprint(line.compacted)) compactedInto.push(line.compacted);
    else return { kind: 'unreadable', reason: `line ${i + 2} is not a journal record` };
  }
  return {
    kind: 'read',
    header: header as unknown as JournalHeader,
    batches,
    numbers,
    ends,
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

/**
 * The journal as far as it is committed: the batches before the first one numbered above `committed` (the
 * number of the last batch the library file holds, see BatchLine), which with every batch after it was never
 * committed; its valid bytes end there, so that the next append overwrites them. The same read when none is cut.
 */
export function committedPart(read: JournalRead, committed: number): JournalRead {
  if (read.kind !== 'read') return read;
  const cut = read.numbers.findIndex((n) => n !== undefined && n > committed);
  if (cut === -1) return read;
  return {
    ...read,
    batches: read.batches.slice(0, cut),
    numbers: read.numbers.slice(0, cut),
    ends: read.ends.slice(0, cut),
    validBytes: cut === 0 ? 0 : read.ends[cut - 1]!,
    uncommitted: read.batches.length - cut,
  };
}
