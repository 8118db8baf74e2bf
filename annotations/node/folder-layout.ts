// How a data folder's files hold the store's data: what the store asks of its files whatever their layout, and the
// single-file layout (one data file with its journal, the layout before the split) as one such. The split layout
// is the file set (file-set.ts).
import type { StoreData } from './data-file';
import type { StoredDocumentFile, ThemeSetCounts } from './split-layout';
import type { JournalledFile } from './journalled-file';

/** The files of a data folder, as the store writes them. */
export interface FolderLayout {
  /** The file the user is told holds the data (the data file, or the library file). */
  readonly path: string;
  /** Opens the files and answers the data they hold (in the split layout, documents not loaded as placeholders). */
  openData(): Promise<StoreData>;
  /** `data` with these documents loaded (the same data when nothing needed loading). */
  load(data: StoreData, ids: Iterable<string>): Promise<StoreData>;
  /** Whether a document's text, highlights and history are in the data. */
  isLoaded(id: string): boolean;
  /** A document's data as its files hold it, read without loading it; null when there is none. */
  peek(id: string): Promise<StoredDocumentFile | null>;
  /** The counts the library keeps of a document not loaded; undefined for one that is (count its highlights). */
  countsOf(data: StoreData, id: string): ThemeSetCounts | undefined;
  /** Makes `data` durable (journal lines, or new snapshots when `compact`); answers whether a journal grew. */
  save(data: StoreData, compact: boolean): Promise<boolean>;
  /** After a save: `data` with the documents used least recently unloaded, beyond a few (the same data when none). */
  trim(data: StoreData): Promise<StoreData>;
  /** Rewrites the files that owe it with `data`; `background`: a failure is left for a later try. */
  compact(data: StoreData, background: boolean): Promise<void>;
  /** After a failed batch, with `data` put back: takes back what the batch did write to some of the files. */
  failed(data: StoreData): Promise<void>;
  /** Whether a file owes a compaction, and whether a journal outgrew its limit. */
  readonly dirty: boolean;
  readonly wantsCompaction: boolean;
  /** Forgets failed background compactions (closing tries again). */
  retryNow(): void;
  /** Once everything is compacted: removes the empty journals. */
  removeEmptyJournals(): Promise<void>;
}

/** One data file with its journal: everything is loaded, always. */
export class SingleFileLayout implements FolderLayout {
  constructor(private readonly file: JournalledFile<StoreData>) {}

  get path(): string {
    return this.file.path;
  }

  openData(): Promise<StoreData> {
    return this.file.open();
  }

  async load(data: StoreData): Promise<StoreData> {
    return data;
  }

  isLoaded(): boolean {
    return true;
  }

  async peek(): Promise<StoredDocumentFile | null> {
    return null;
  }

  countsOf(): undefined {
    return undefined;
  }

  async save(data: StoreData, compact: boolean): Promise<boolean> {
    return (await this.file.save(data, compact)) === 'appended';
  }

  async trim(data: StoreData): Promise<StoreData> {
    return data;
  }

  async compact(data: StoreData, background: boolean): Promise<void> {
    if (background) await this.file.compactInBackground(data);
    else await this.file.compact(data);
  }

  async failed(): Promise<void> {
    // One file: a failed append is cut back, and a failed compaction leaves the file to be rewritten.
  }

  get dirty(): boolean {
    return this.file.dirty;
  }

  get wantsCompaction(): boolean {
    return this.file.wantsCompaction;
  }

  retryNow(): void {
    this.file.retryNow();
  }

  removeEmptyJournals(): Promise<void> {
    return this.file.removeEmptyJournal();
  }
}
