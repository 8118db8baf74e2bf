// The data file: its name, its shape as stored (deeply readonly: the journal finds changes by reference, so the
// data is never changed in place), its migrations, and parsing its text into data this Gloss can use.
import * as v from 'valibot';
import type { Annotation } from '../annotation';
import { DEFAULT_CODEBOOK, type Codebook } from '../codebook';
import type { GlossDocument } from '../document';
import type { DocumentHistory, HistoryStep } from '../history';
import { DataFileSchema, SCHEMA_VERSION } from '../schemas';
import type { RejectedSuggestion } from '../suggest/rejections';
import { replayJournal } from './journal-replay';
import type { JournalOp } from './journal-format';

export { SCHEMA_VERSION };

/** The data file's name inside the data folder. */
export const DATA_FILE_NAME = 'gloss-data.json';

/** A value none of whose parts can be assigned to: arrays and tuples become readonly ones, objects get readonly properties, all the way down. */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The whole data file, as the schema describes it. */
export interface DataFile {
  schemaVersion: typeof SCHEMA_VERSION;
  documents: GlossDocument[];
  codebook: Codebook;
  annotations: Annotation[];
  /** Each document's undo and redo steps (absent in data files from before lasting undo). */
  history?: DocumentHistory[];
  /** The data folder's own coder (absent: the OS user name, as the host tells it). */
  coder?: string;
  /** Suggestions rejected per theme (absent in data files from before suggestions). */
  rejectedSuggestions?: RejectedSuggestion[];
}

/**
 * The data as the store holds it. A change replaces whole values (a new array reusing the elements it
 * does not change, new objects for the ones it adds or changes) and never edits a stored one: the
 * journal finds what to write by comparing references with what was last made durable.
 */
export type StoreData = DeepReadonly<DataFile>;
/** A stored annotation. */
export type StoredAnnotation = DeepReadonly<Annotation>;
/** A stored document. */
export type StoredDocument = DeepReadonly<GlossDocument>;
/** The stored codebook. */
export type StoredCodebook = DeepReadonly<Codebook>;
/** One document's stored undo history. */
export type StoredHistory = DeepReadonly<DocumentHistory>;
/** One stored undo step. */
export type StoredStep = DeepReadonly<HistoryStep>;

/**
 * What a change is handed: the data's top-level fields, each of which it may replace with a new value.
 * Their contents stay readonly, so a change can only say what it replaces, never edit in place.
 */
export type DataDraft = { -readonly [K in keyof StoreData]: StoreData[K] };

/** Turns a data file of version N into version N + 1; index N of the list. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * The migrations from each older schema version. Version 1 is the first, so there are none
 * yet; the next change of shape adds `MIGRATIONS[1]` and bumps SCHEMA_VERSION.
 */
export const MIGRATIONS: readonly Migration[] = [];

/** Which schema this Gloss writes, and how it gets there from older ones (tests give others). */
export interface SchemaInfo {
  version: number;
  migrations: readonly Migration[];
}

/** This Gloss's own schema. */
export const CURRENT_SCHEMA: SchemaInfo = { version: SCHEMA_VERSION, migrations: MIGRATIONS };

/** The data of a new data folder. */
export function emptyData(): StoreData {
  return { schemaVersion: SCHEMA_VERSION, documents: [], codebook: structuredClone(DEFAULT_CODEBOOK), annotations: [] };
}

/**
 * Freezes a value and everything in it, stopping at what is already frozen (so freezing the data after
 * each change costs only its new objects). Tests turn this on: a change made in place then throws.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}

/** What parsing a data file's text gave: data of this version, or data only a newer Gloss understands. */
export type Parsed<T = StoreData> =
  { kind: 'current'; data: T; migratedFrom?: number } | { kind: 'newer'; version: number; data: T | undefined };

/** One kind of file the data folder holds (the data file; in the split layout, the library file and document files). */
export interface FileKind<T> {
  /** Parses the file's text, with its journal replayed onto it; throws a readable reason when it cannot. */
  parse(text: string, replay?: Replay): Parsed<T>;
  /** The data of a file that is not there yet. */
  empty(): T;
  /** What the notices call it ("data file" when not said). */
  name?: string;
  /** What the notices say becomes of it when it cannot be read and no backup of it can ("Gloss started with an empty store" when not said). */
  whenLost?: string;
}

/** The data file as a kind of file, under a schema (tests give older ones). */
export function dataFileKind(schema: SchemaInfo): FileKind<StoreData> {
  return { parse: (text, replay) => parseDataFile(text, schema, replay), empty: emptyData };
}

/** A journal to replay while parsing the snapshot it belongs to. */
export interface Replay {
  schemaVersion: number;
  batches: readonly (readonly JournalOp[])[];
  /** Each batch's number, where it has one (see BatchLine). */
  numbers?: readonly (number | undefined)[];
}

/** Parses, replays the journal onto, migrates and validates a data file's text; throws a readable reason when it cannot. */
export function parseDataFile(text: string, schema: SchemaInfo, replay?: Replay): Parsed {
  return parseFileText<StoreData>(text, schema, DataFileSchema, 'a Gloss data file', replay);
}

/**
 * Parses, replays the journal onto, migrates and validates the text of one file of the data folder against
 * `shape` (`what` names it in the reasons); throws a readable reason when it cannot.
 */
export function parseFileText<T>(text: string, schema: SchemaInfo, shape: v.GenericSchema, what: string, replay?: Replay): Parsed<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('it is not valid JSON (it may be truncated or damaged)');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('it does not hold a Gloss data object');
  const current = schema.version;
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new Error('it has no valid schema version');
  }
  if (replay) {
    // The journal's records are in the snapshot's own shape: replayed before any migration.
    if (replay.schemaVersion !== version) throw new Error(`the journal was written for schema version ${replay.schemaVersion}`);
    replayJournal(raw as Record<string, unknown>, replay.batches);
  }
  if (version > current) {
    // Shown read-only when its shape is still one this Gloss understands; never written.
    const readable = v.safeParse(shape, { ...raw, schemaVersion: SCHEMA_VERSION });
    return { kind: 'newer', version, data: readable.success ? (readable.output as T) : undefined };
  }
  let data = raw as Record<string, unknown>;
  for (let from = version; from < current; from += 1) {
    const migrate = schema.migrations[from];
    if (!migrate) throw new Error(`no migration from schema version ${from} is known`);
    data = { ...migrate(data), schemaVersion: from + 1 };
  }
  const checked = v.safeParse(shape, { ...data, schemaVersion: SCHEMA_VERSION });
  if (!checked.success) {
    const issue = checked.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.');
    throw new Error(`it does not have the shape of ${what} (${path ? `${path}: ` : ''}${issue.message})`);
  }
  return { kind: 'current', data: checked.output as T, migratedFrom: version < current ? version : undefined };
}
