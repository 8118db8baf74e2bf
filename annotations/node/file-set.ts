// The files of the split layout, written as one: the library file and each document's file (see split-layout.ts),
// every one a snapshot with its journal (journalled-file.ts). Documents are loaded on demand into the data the
// store holds; a save splits that data by file and writes each file that changed, the documents first and the
// library last, so that the library never lists a document whose file is not there. A batch that writes more than
// one file is committed by the library file's write: its document lines carry its number, and count only once the
// library holds it (see BatchLine), so that a crash between the files leaves it out whole.
import { basename, join } from 'node:path';
import { errorMessage } from '../errors';
import { Backups } from './backups';
import type { SchemaInfo, StoreData, StoredAnnotation, StoredDocument, StoredHistory } from './data-file';
import type { JournalData } from './journal-diff';
import { JournalledFile, type FileContext } from './journalled-file';
import { readDocumentFile, unlistedDocuments } from './document-files';
import {
  DOCUMENTS_DIR,
  documentFileBase,
  documentFileKind,
  documentFileOf,
  documentFilePaths,
  entryOf,
  groupByDocument,
  LIBRARY_FILE_NAME,
  LIBRARY_JOURNAL_NAME,
  libraryData,
  libraryFields,
  libraryFileKind,
  NO_DOCUMENT_FILE,
  nextBatchNumber,
  NotLoaded,
  placeholderFields,
  placeholderOf,
  sameElements,
  type StoredDocumentFile,
  type StoredEntry,
  type StoredLibrary,
  type ThemeSetCounts,
} from './split-layout';
import type { SplitFiles } from './backup-sets';
import type { FolderLayout } from './folder-layout';

/** A document whose file is open: the file, and what it was last given (to skip it when nothing of it changed). */
interface OpenDocument {
  file: JournalledFile<StoredDocumentFile>;
  /** Null for a document whose file is not written yet. */
  doc: StoredDocument | null;
  annotations: readonly StoredAnnotation[];
  history: StoredHistory | undefined;
}

/** How many documents stay loaded by default: enough for switching between a few, few enough that memory never holds the library. */
export const KEEP_LOADED = 16;

/** The library file and the document files of one data folder. */
export class FileSet implements FolderLayout {
  readonly library: JournalledFile<StoredLibrary>;
  private readonly open = new Map<string, OpenDocument>();
  /** The entry each placeholder stands for (documents not loaded). */
  private readonly entries = new WeakMap<StoredDocument, StoredEntry>();
  /** Each loaded document's entry, with the highlights it was counted from. */
  private readonly counted = new WeakMap<StoredDocument, { annotations: readonly StoredAnnotation[]; entry: StoredEntry }>();

  constructor(
    private readonly dataDir: string,
    private readonly schema: SchemaInfo,
    private readonly context: FileContext,
    /** How many documents stay loaded after a save: the ones used last. */
    private readonly keepLoaded = KEEP_LOADED,
  ) {
    this.library = new JournalledFile(join(dataDir, LIBRARY_FILE_NAME), join(dataDir, LIBRARY_JOURNAL_NAME), libraryFileKind(schema), {
      ...context,
      backups: new Backups(dataDir, context.fs, context.now, 'gloss-library'),
    });
  }

  get path(): string {
    return this.library.path;
  }

  /** Opens the library file and answers the data it lists: every document as a placeholder until it is loaded. */
  async openData(): Promise<StoreData> {
    const folder = join(this.dataDir, DOCUMENTS_DIR);
    await this.context.fs.mkdir(folder, { recursive: true });
    const names = await this.context.fs.readdir(folder);
    // Only the lock holder writes there: every temp file is a crashed write's leftover.
    for (const name of names) {
      if (name.startsWith('.') && name.endsWith('.tmp')) await this.context.fs.rm(join(folder, name), { force: true });
    }
    let library = await this.library.open();
    if (this.library.recovered) library = await this.relist(library);
    const documents = library.documents.map((entry) => {
      const placeholder = placeholderOf(entry);
      this.entries.set(placeholder, entry);
      return placeholder;
    });
    const data = libraryData(library, documents);
    // A closed folder has no journals: a document with one was being changed when Gloss stopped, and the
    // library's counts of it may miss its last change. It is loaded (its journal replayed), so it is counted again.
    const journals = new Set(names.filter((n) => n.endsWith('.journal')));
    const interrupted = library.documents.filter((d) => journals.has(basename(documentFilePaths(this.dataDir, d.id).journal)));
    if (interrupted.length === 0 || this.library.newer) return data;
    let loaded: StoreData = data;
    for (const entry of interrupted) {
      try {
        loaded = await this.load(loaded, [entry.id]);
      } catch (error) {
        // Left to be loaded when it is used, which says why it cannot be.
        this.context.notice(`The file of the document “${entry.title}” could not be read at opening: ${errorMessage(error)}`);
      }
    }
    // The counts as the files have them, written now: a library read beside this folder agrees at once.
    await this.save(loaded, false);
    return loaded;
  }

  /**
   * After the library file was found unreadable (and restored from a backup, or started empty): lists again,
   * after the documents it lists, every document whose file is in the folder, so that none is lost with it.
   */
  private async relist(library: StoredLibrary): Promise<StoredLibrary> {
    const found = await unlistedDocuments(this.context.fs, this.schema, join(this.dataDir, DOCUMENTS_DIR), library);
    if (found.length === 0) return library;
    const relisted = { ...library, documents: [...library.documents, ...found] };
    await this.library.compact(relisted);
    this.context.notice(`${found.length} document${found.length === 1 ? '' : 's'} whose files are in the data folder were listed again.`);
    return relisted;
  }

  countsOf(data: StoreData, id: string): ThemeSetCounts | undefined {
    const doc = data.documents.find((d) => d.id === id);
    return doc && this.entries.get(doc)?.counts;
  }

  /** Whether a document's own file is open, its text, highlights and history in the data. */
  isLoaded(id: string): boolean {
    return this.open.has(id);
  }

  /** A document's file, as an object that writes it (not read yet); `empty`: its data while it has none. */
  private fileOf(id: string, empty: () => StoredDocumentFile = () => NO_DOCUMENT_FILE, title = ''): JournalledFile<StoredDocumentFile> {
    const { file, journal } = documentFilePaths(this.dataDir, id);
    const base = documentFileBase(id);
    const backups = new Backups(this.dataDir, this.context.fs, this.context.now, base, join(DOCUMENTS_DIR, 'backups'));
    return new JournalledFile(file, journal, documentFileKind(this.schema, empty, title), { ...this.context, backups }, () =>
      this.committed(),
    );
  }

  /**
   * The number of the last batch the library file committed, against which a document's journal is read. A
   * library that was recovered from a backup, or whose journal could not be used, cannot tell: every document
   * line counts then, so that nothing acknowledged is lost with it.
   */
  private committed(): number {
    if (this.library.recovered || this.library.journalSetAside) return Number.MAX_SAFE_INTEGER;
    return this.library.current.batch ?? 0;
  }

  /**
   * Loads documents into `data`: each one's file opened (replaying its journal, recovering it if it cannot
   * be read), its placeholder replaced by its record and its highlights and history added. Answers the new
   * data (the same when every one was loaded already).
   */
  async load(data: StoreData, ids: Iterable<string>): Promise<StoreData> {
    const loaded = new Map<string, StoredDocumentFile>();
    for (const id of ids) {
      const already = this.open.get(id);
      if (already) this.touch(id, already);
      if (already || loaded.has(id)) continue;
      const placeholder = data.documents.find((d) => d.id === id);
      const entry = placeholder && this.entries.get(placeholder);
      if (!entry) continue;
      const file = this.fileOf(id, () => documentFileOf({ ...placeholderFields(entry), text: '', blocks: [] }, [], undefined), entry.title);
      const content = await file.open();
      if (!file.found) {
        this.context.notice(
          `The file of the document “${entry.title}” (${file.path}) is missing: it is listed without its text or highlights.`,
        );
      }
      const doc = content.documents[0]!;
      const history = content.history?.[0];
      this.open.set(id, { file, doc, annotations: content.annotations, history });
      loaded.set(id, content);
    }
    if (loaded.size === 0) return data;
    const annotations = [...data.annotations];
    const history = [...(data.history ?? [])];
    for (const content of loaded.values()) {
      annotations.push(...content.annotations);
      history.push(...(content.history ?? []));
    }
    const documents = data.documents.map((d) => loaded.get(d.id)?.documents[0] ?? d);
    return { ...data, documents, annotations, history };
  }

  /** Takes a document as the one used last (the open documents are in the order they were last used). */
  private touch(id: string, open: OpenDocument): void {
    this.open.delete(id);
    this.open.set(id, open);
  }

  /**
   * Unloads the documents used least recently beyond those kept, so that memory holds a few, not the library: each
   * one's file compacted first (its journal removed), then its record, highlights and history taken out of `data`
   * and its placeholder listed again. Runs after a save, when every file holds what `data` holds. Answers the data.
   */
  async trim(data: StoreData): Promise<StoreData> {
    const excess = [...this.open.keys()].slice(0, Math.max(0, this.open.size - this.keepLoaded));
    if (excess.length === 0) return data;
    const entries = new Map(this.library.current.documents.map((e) => [e.id, e]));
    const gone = new Map<string, StoredDocument>();
    for (const id of excess) {
      const open = this.open.get(id)!;
      const entry = entries.get(id);
      if (!entry || !open.doc) continue;
      if (open.file.dirty) await open.file.compact(open.file.current).catch(() => undefined);
      // One whose file could not be compacted stays loaded: its journal is still what holds its changes.
      if (open.file.dirty) continue;
      await open.file.removeEmptyJournal(); // one left would read, at the next opening, as a change cut short
      this.open.delete(id);
      const placeholder = placeholderOf(entry);
      this.entries.set(placeholder, entry);
      gone.set(id, placeholder);
    }
    if (gone.size === 0) return data;
    return {
      ...data,
      documents: data.documents.map((d) => gone.get(d.id) ?? d),
      annotations: data.annotations.filter((a) => !gone.has(a.documentId)),
      history: (data.history ?? []).filter((h) => !gone.has(h.documentId)),
    };
  }

  /** Reads one document's data as its files hold it, without loading it (nothing is written: no recovery, no compaction). */
  async peek(id: string): Promise<StoredDocumentFile | null> {
    const { file, journal } = documentFilePaths(this.dataDir, id);
    return readDocumentFile(this.context.fs, this.schema, file, journal, this.committed());
  }

  /** The library file's data for `data`: the entry of each document, counted again for the loaded ones that changed. */
  private libraryFor(data: StoreData, groups: ReadonlyMap<string, StoredAnnotation[]>): StoredLibrary {
    const documents = data.documents.map((doc) => {
      const entry = this.entries.get(doc);
      if (entry) return entry;
      const annotations = groups.get(doc.id) ?? [];
      const known = this.counted.get(doc);
      if (known && sameElements(known.annotations, annotations)) return known.entry;
      const counted = entryOf(doc, annotations);
      this.counted.set(doc, { annotations, entry: counted });
      return counted;
    });
    const previous = this.library.current;
    const rejected = data.rejectedSuggestions;
    const batch = previous?.batch;
    if (
      previous &&
      previous.codebook === data.codebook &&
      previous.rejectedSuggestions === rejected &&
      previous.coder === data.coder &&
      sameElements(previous.documents, documents)
    ) {
      return previous;
    }
    // Rejected suggestions and the coder's name have no journal record: a change of them is written into a new snapshot
    // (see suggest-changes.ts, and setCoderName in service.ts).
    return { schemaVersion: data.schemaVersion, documents, codebook: data.codebook, ...libraryFields(data), ...(batch ? { batch } : {}) };
  }

  /** Makes `data` durable: each file that changed gets a journal line (a new one is written whole), or every file it writes a new snapshot when `compact`. Answers whether anything was appended. */
  async save(data: StoreData, compact: boolean): Promise<boolean> {
    let appended = false;
    await this.write(
      data,
      async (file, content, changed, batch) => {
        if (!changed && !compact && !file.dirty && batch === undefined) return;
        // A numbered batch's document lines are appended even when it is to be compacted: only the library's write commits it.
        const whole = compact && (batch === undefined || Object.is(file, this.library));
        if ((await file.save(content, whole, batch)) === 'appended') appended = true;
      },
      true,
    );
    return appended;
  }

  /** Rewrites every file that owes it (its journal holds anything, or a write failed) with its part of `data`; `background`: a failure is left for a later try, not thrown. */
  async compact(data: StoreData, background: boolean): Promise<void> {
    await this.write(data, async (file, content) => {
      if (!file.dirty) return;
      if (background) await file.compactInBackground(content);
      else await file.compact(content);
    });
  }

  /**
   * Splits `data` by file and hands each file its part (`changed`: whether it differs from what the file was
   * last given): the document files first, together, then the library file; then the files of documents no
   * longer listed are removed. Throws NotLoaded when the data holds highlights of a document not loaded.
   */
  private async write(
    data: StoreData,
    each: <T extends JournalData>(file: JournalledFile<T>, content: T, changed: boolean, batch?: number) => Promise<void>,
    numbered = false,
  ): Promise<void> {
    const { annotations, history } = groupByDocument(data);
    const present = new Set(data.documents.filter((d) => !this.entries.has(d)).map((d) => d.id));
    for (const id of annotations.keys()) {
      if (!present.has(id)) throw new NotLoaded(`Highlights of the document ${id} were changed before it was loaded.`);
    }
    const writes: Array<{ file: JournalledFile<StoredDocumentFile>; content: StoredDocumentFile; changed: boolean }> = [];
    // The folder comes back with the data folder (one deleted and made again under a running Gloss).
    if (data.documents.some((d) => !this.entries.has(d))) {
      await this.context.fs.mkdir(join(this.dataDir, DOCUMENTS_DIR), { recursive: true });
    }
    for (const doc of data.documents) {
      if (this.entries.has(doc)) continue;
      const mine = annotations.get(doc.id) ?? [];
      const hist = history.get(doc.id);
      const content = documentFileOf(doc, mine, hist);
      let open = this.open.get(doc.id);
      if (!open) {
        // A new document: its file is written whole (over whatever a crashed write left under its name).
        const file = this.fileOf(doc.id, () => content, doc.title);
        await file.open();
        open = { file, doc: null, annotations: [], history: undefined };
        this.open.set(doc.id, open);
      }
      const changed = open.doc !== doc || open.history !== hist || !sameElements(open.annotations, mine);
      if (changed) this.touch(doc.id, open);
      Object.assign(open, { doc, annotations: mine, history: hist });
      writes.push({ file: open.file, content, changed });
    }
    const before = this.library.current;
    let library = this.libraryFor(data, annotations);
    // The commit point: one document file's append alone, or the library file's write when the batch writes more.
    const written = writes.filter((w) => w.changed).length;
    const batch =
      numbered && (written > 1 || (written === 1 && library !== before)) ? nextBatchNumber(this.library.current.batch) : undefined;
    if (batch !== undefined) library = { ...library, batch };
    const settled = await Promise.allSettled(writes.map((w) => each(w.file, w.content, w.changed, w.changed ? batch : undefined)));
    // Every write is let finish, so that each file's state is known, before the first failure is passed on.
    const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    await each(this.library, library, library !== before, batch);
    await this.removeUnlisted(before, library);
  }

  /**
   * After a failed batch, with `data` put back as it was before it: the document files it did write hold an edit
   * that was not acknowledged, so each is written again at once to take it back (a crash before this is
   * the one moment such an edit could come back). A failure here is left to the next save, which diffs
   * against what each file holds.
   */
  async failed(data: StoreData): Promise<void> {
    await this.save(data, false).catch(() => undefined);
  }

  /** Removes the files of documents the library listed and no longer does (removed, or added by a batch that failed). */
  private async removeUnlisted(before: StoredLibrary, after: StoredLibrary): Promise<void> {
    if (before === after) return;
    const listed = new Set(after.documents.map((d) => d.id));
    const gone = new Set([...before.documents.map((d) => d.id), ...this.open.keys()].filter((id) => !listed.has(id)));
    for (const id of gone) {
      const open = this.open.get(id);
      this.open.delete(id);
      await (open?.file ?? this.fileOf(id)).remove();
    }
  }

  /** Every file whose journal holds anything, or whose last write failed. */
  private files(): Array<JournalledFile<StoredDocumentFile> | JournalledFile<StoredLibrary>> {
    return [...[...this.open.values()].map((o) => o.file), this.library];
  }

  /** The files that hold the library now: the library file and the file of every document it lists. */
  get filesOnDisk(): SplitFiles {
    return {
      library: this.library.path,
      documents: this.library.current.documents.map((d) => documentFilePaths(this.dataDir, d.id).file),
    };
  }

  /** Whether any file owes a compaction. */
  get dirty(): boolean {
    return this.files().some((f) => f.dirty);
  }

  /** Whether a journal outgrew its limit. */
  get wantsCompaction(): boolean {
    return this.files().some((f) => f.wantsCompaction);
  }

  /** Forgets failed background compactions, so that closing tries each again. */
  retryNow(): void {
    for (const file of this.files()) file.retryNow();
  }

  /** Once everything is compacted: removes the empty journals. */
  async removeEmptyJournals(): Promise<void> {
    for (const file of this.files()) await file.removeEmptyJournal();
  }
}
