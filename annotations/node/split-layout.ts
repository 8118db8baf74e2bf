// The split layout of a data folder, as data: a library file (every document's entry, the codebook) and one file per
// document (its text, highlights and undo history), their names, their kinds, and the one way each is made from the
// data the store holds and put back together. Writing them, in order and durably, is the file set's (file-set.ts).
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import * as v from 'valibot';
import {
  AnnotationSchema,
  CodebookSchema,
  DocumentFields,
  DocumentSchema,
  HistorySchema,
  RejectedSuggestionsSchema,
  SCHEMA_VERSION,
} from '../schemas';
import { CoderName, Themes } from '../schema-parts';
import {
  emptyData,
  parseFileText,
  type DeepReadonly,
  type FileKind,
  type Parsed,
  type Replay,
  type SchemaInfo,
  type StoreData,
  type StoredAnnotation,
  type StoredDocument,
  type StoredHistory,
} from './data-file';

// The split layout's files, as the schema describes them (their parts are the data file's).
/** A document as the library file lists it: its record without text and blocks, and its counts of highlights. */
const LibraryEntrySchema = v.strictObject({
  ...v.omit(DocumentFields, ['text', 'blocks']).entries,
  /** How many highlights carry each set of themes: the library's counts, whatever the codebook's shape (see countByThemeSets). */
  counts: v.array(v.strictObject({ themes: Themes, count: v.pipe(v.number(), v.integer(), v.minValue(1)) })),
});

/** The library file of the split layout: every document's entry, the codebook, the own coder's name and the rejected suggestions. */
export const LibraryFileSchema = v.pipe(
  v.strictObject({
    schemaVersion: v.literal(SCHEMA_VERSION),
    documents: v.array(LibraryEntrySchema),
    codebook: CodebookSchema,
    /** The data folder's own coder (absent: the OS user name, as the host tells it). */
    coder: v.optional(CoderName),
    rejectedSuggestions: v.optional(RejectedSuggestionsSchema),
    /** The number of the last batch written to several files that this file committed (see BatchLine). */
    batch: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0))),
  }),
  v.check((data) => new Set(data.documents.map((d) => d.id)).size === data.documents.length, 'lists a document twice'),
);

/**
 * One document's file of the split layout: in the data file's shape (one document), so that its journal is
 * the data file's journal, the same records replayed the same way.
 */
export const DocumentFileSchema = v.pipe(
  v.strictObject({
    schemaVersion: v.literal(SCHEMA_VERSION),
    documents: v.pipe(v.array(DocumentSchema), v.length(1, 'must hold exactly one document')),
    annotations: v.array(AnnotationSchema),
    history: v.optional(HistorySchema),
  }),
  v.check((data) => new Set(data.annotations.map((a) => a.id)).size === data.annotations.length, 'holds two annotations with one id'),
  v.check((data) => data.annotations.every((a) => a.documentId === data.documents[0]!.id), 'holds highlights of another document'),
  v.check((data) => (data.history ?? []).every((h) => h.documentId === data.documents[0]!.id), 'holds the history of another document'),
);

/** The library file's name inside the data folder, and its journal's. */
export const LIBRARY_FILE_NAME = 'gloss-library.json';
export const LIBRARY_JOURNAL_NAME = 'gloss-library.journal';
/** The folder inside the data folder that holds one file (and journal) per document. */
export const DOCUMENTS_DIR = 'documents';

/** The library file as the schema describes it. */
export type LibraryFile = v.InferOutput<typeof LibraryFileSchema>;
/** One document's entry in the library file. */
export type LibraryEntry = LibraryFile['documents'][number];
/** The library file's data as the store holds it (never changed in place). */
export type StoredLibrary = DeepReadonly<LibraryFile>;
/** A stored library entry. */
export type StoredEntry = StoredLibrary['documents'][number];
/** One document file's data as the store holds it: in the data file's shape, with one document. */
export type StoredDocumentFile = DeepReadonly<v.InferOutput<typeof DocumentFileSchema>>;

/** How many highlights carry each set of themes. */
export type ThemeSetCounts = StoredEntry['counts'];

/**
 * The file name (without extension) of a document's file. Ids are letters, digits, "-" and "_"; one with
 * capitals gets a hash of its exact spelling too, so that two ids differing only in case stay two files on a
 * file system that ignores case (no id holds a ".", so no other id's name is taken).
 */
export function documentFileBase(id: string): string {
  if (!/[A-Z]/.test(id)) return id;
  return `${id.toLowerCase()}.${createHash('sha256').update(id).digest('hex').slice(0, 12)}`;
}

/** Where a document's file and its journal are in the data folder `dataDir`. */
export function documentFilePaths(dataDir: string, id: string): { file: string; journal: string } {
  const base = join(dataDir, DOCUMENTS_DIR, documentFileBase(id));
  return { file: `${base}.json`, journal: `${base}.journal` };
}

/** The library file as a kind of file. */
export function libraryFileKind(schema: SchemaInfo): FileKind<StoredLibrary> {
  return {
    parse: (text, replay) =>
      withCommits(parseFileText<StoredLibrary>(text, schema, LibraryFileSchema, 'a Gloss library file', replay), replay),
    empty: () => libraryOf(emptyData()),
    name: 'library file',
    whenLost: 'Gloss lists the documents whose files it finds, with the default codebook',
  };
}

/** The library's data with the number of the last batch its journal committed (its lines carry them, see BatchLine). */
function withCommits(parsed: Parsed<StoredLibrary>, replay: Replay | undefined): Parsed<StoredLibrary> {
  const numbers = (replay?.numbers ?? []).filter((n): n is number => n !== undefined);
  if (numbers.length === 0 || !parsed.data) return parsed;
  return { ...parsed, data: { ...parsed.data, batch: Math.max(parsed.data.batch ?? 0, ...numbers) } } as Parsed<StoredLibrary>;
}

/** A document's file as a kind of file; `empty` is the file of a document not written yet, `title` names it in notices. */
export function documentFileKind(schema: SchemaInfo, empty: () => StoredDocumentFile, title = ''): FileKind<StoredDocumentFile> {
  return {
    parse: (text, replay) => parseFileText<StoredDocumentFile>(text, schema, DocumentFileSchema, 'a Gloss document file', replay),
    empty,
    name: title ? `file of the document “${title}”` : 'document file',
    whenLost: 'the document is listed without its text and highlights',
  };
}

/** The counts of a document's highlights by their sets of themes (the set in the order it is stored). */
export function countsOf(annotations: readonly StoredAnnotation[]): ThemeSetCounts {
  const bySet = new Map<string, { themes: readonly string[]; count: number }>();
  for (const a of annotations) {
    const key = [...a.themes].sort().join('\n');
    const seen = bySet.get(key);
    if (seen) seen.count += 1;
    else bySet.set(key, { themes: a.themes, count: 1 });
  }
  return [...bySet.values()];
}

/** How many highlights the counts stand for. */
export function highlightCount(counts: ThemeSetCounts): number {
  return counts.reduce((sum, set) => sum + set.count, 0);
}

/** A document's entry: its record without text and blocks, with the counts of its highlights. */
export function entryOf(doc: StoredDocument, annotations: readonly StoredAnnotation[]): StoredEntry {
  const { text: _text, blocks: _blocks, ...meta } = doc;
  return { ...meta, counts: countsOf(annotations) };
}

/** Each document's highlights and history in the order the data holds them, by document id. */
export function groupByDocument(data: Pick<StoreData, 'annotations' | 'history'>): {
  annotations: Map<string, StoredAnnotation[]>;
  history: Map<string, StoredHistory>;
} {
  const annotations = new Map<string, StoredAnnotation[]>();
  for (const a of data.annotations) {
    const group = annotations.get(a.documentId);
    if (group) group.push(a);
    else annotations.set(a.documentId, [a]);
  }
  return { annotations, history: new Map((data.history ?? []).map((h) => [h.documentId, h])) };
}

/** What a document file holds before it is read: never written (only a file with its document is). */
export const NO_DOCUMENT_FILE: StoredDocumentFile = Object.freeze({ schemaVersion: SCHEMA_VERSION, documents: [], annotations: [] });

/** One document's file, from the document and what belongs to it. */
export function documentFileOf(
  doc: StoredDocument,
  annotations: readonly StoredAnnotation[],
  history: StoredHistory | undefined,
): StoredDocumentFile {
  return { schemaVersion: SCHEMA_VERSION, documents: [doc], annotations, ...(history ? { history: [history] } : {}) };
}

/** The library file of the data (every document's entry, counted from its highlights). */
export function libraryOf(data: StoreData): StoredLibrary {
  const { annotations } = groupByDocument(data);
  return {
    schemaVersion: SCHEMA_VERSION,
    documents: data.documents.map((doc) => entryOf(doc, annotations.get(doc.id) ?? [])),
    codebook: data.codebook,
    ...libraryFields(data),
  };
}

/** The library-wide fields beside the documents and the codebook, as the data and the library file both hold them (absent ones left out). */
export function libraryFields(data: Pick<StoreData, 'coder' | 'rejectedSuggestions'>): Pick<StoreData, 'coder' | 'rejectedSuggestions'> {
  return {
    ...(data.coder !== undefined ? { coder: data.coder } : {}),
    ...(data.rejectedSuggestions ? { rejectedSuggestions: data.rejectedSuggestions } : {}),
  };
}

/** The data split into its files: the library file and each document's file, in library order. */
export function splitData(data: StoreData): { library: StoredLibrary; documents: StoredDocumentFile[] } {
  const { annotations, history } = groupByDocument(data);
  return {
    library: libraryOf(data),
    documents: data.documents.map((doc) => documentFileOf(doc, annotations.get(doc.id) ?? [], history.get(doc.id))),
  };
}

/**
 * The data a library file and its document files hold together: the documents the library lists, in its
 * order, each as its own file has it (the library's entries are a cache of the files, corrected whenever a
 * document is loaded); a document without a file is left out.
 */
export function joinFiles(library: StoredLibrary, files: ReadonlyMap<string, StoredDocumentFile>): StoreData {
  const documents: StoredDocument[] = [];
  const annotations: StoredAnnotation[] = [];
  const history: StoredHistory[] = [];
  for (const entry of library.documents) {
    const file = files.get(entry.id);
    if (!file) continue;
    documents.push(file.documents[0]!);
    annotations.push(...file.annotations);
    history.push(...(file.history ?? []));
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    documents,
    codebook: library.codebook,
    annotations,
    ...(history.length > 0 ? { history } : {}),
    ...libraryFields(library),
  };
}

/** Thrown when a change reads the text of a document the store has not loaded (a mistake in the service). */
export class NotLoaded extends Error {}

/**
 * A document the store has not loaded, as the data lists it: its entry's fields, and text and blocks that
 * throw when read, so that a change that forgot to load a document fails loudly instead of seeing an
 * empty text. The two are not enumerable: freezing, spreading or listing the record never reads them.
 */
export function placeholderOf(entry: StoredEntry): StoredDocument {
  const meta = placeholderFields(entry);
  const missing = (): never => {
    throw new NotLoaded(`The document "${entry.title}" (${entry.id}) was used before it was loaded.`);
  };
  return Object.defineProperties({ ...meta }, { text: { get: missing }, blocks: { get: missing } }) as StoredDocument;
}

/** An entry's fields as a document's (its counts left out). */
export function placeholderFields(entry: StoredEntry): Omit<StoredDocument, 'text' | 'blocks'> {
  const { counts: _counts, ...meta } = entry;
  return meta;
}

/** Whether two lists hold the same elements, by reference. */
export function sameElements<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/**
 * The number of a new batch that writes several files (see BatchLine): above the last the library committed, and
 * (the clock going forward) above any a crash left uncommitted in a document file not read since.
 */
export function nextBatchNumber(last: number | undefined): number {
  return Math.max((last ?? 0) + 1, Date.now());
}

/** The data the library file lists before any document is loaded: `documents` (placeholders), no highlights yet. */
export function libraryData(library: StoredLibrary, documents: StoredDocument[]): StoreData {
  return {
    schemaVersion: library.schemaVersion,
    documents,
    codebook: library.codebook,
    annotations: [],
    history: [],
    ...libraryFields(library),
  };
}
