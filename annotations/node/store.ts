// The data folder: a library file and one file per document (file-set.ts), each a snapshot (lowdb JSON with a schema
// version) with a write-ahead journal beside it (journalled-file.ts), opened under an inter-process lock, changed
// through a queue that coalesces bursts and acknowledges only durable writes: each batch is one appended journal
// line per file it changes; the snapshots are rewritten now and then.
import { join } from 'node:path';
import { GlossError } from '../errors';
import { SCHEMA_VERSION } from '../schemas';
import { BackupSets } from './backup-sets';
import { Backups, newestFirst, type BackupInfo } from './backups';
import {
  CURRENT_SCHEMA,
  DATA_FILE_NAME,
  dataFileKind,
  deepFreeze,
  emptyData,
  type Migration,
  type SchemaInfo,
  type StoreData,
} from './data-file';
import { exists, nodeFileOps, type FileOps } from './file-ops';
import { IDLE_COMPACT_MS, type JournalOptions } from './compaction-policy';
import { lockFolder } from './folder-lock';
import { removeStaleTempFiles } from './folder-names';
import { JOURNAL_FILE_NAME } from './journal-format';
import type { OpenStep } from './open-plan';
import { JournalledFile } from './journalled-file';
import { FileSet } from './file-set';
import { keepSingleFile, splitFolder } from './layout-migration';
import { SingleFileLayout, type FolderLayout } from './folder-layout';
import type { FileContext } from './journalled-file';
import { LIBRARY_FILE_NAME, type StoredDocumentFile, type ThemeSetCounts } from './split-layout';
import { WriteQueue, type Change, type Needs } from './write-queue';

export { DATA_FILE_NAME, JOURNAL_FILE_NAME, SCHEMA_VERSION, type Migration, type StoreData };
export { readDataFolder, type FolderContent } from './read-folder';
export type { Needs } from './write-queue';

/** The steps of opening a data file that only tidy its journal: a data file whose opening needs no other is split as it was read. */
const AS_IT_IS: ReadonlySet<OpenStep['step']> = new Set(['continue-journal', 'compact-after-replay', 'empty-journal', 'remove-journal']);

/** How a store is opened. */
export interface StoreOptions {
  dataDir: string;
  now?: () => Date;
  fs?: FileOps;
  /** Take the folder's inter-process lock (default true). */
  lock?: boolean;
  /** For tests of the migration path. */
  migrations?: readonly Migration[];
  schemaVersion?: number;
  journal?: JournalOptions;
  /** Deep-freeze the data after each change, so that a change made in place throws (tests turn this on). */
  freeze?: boolean;
  /**
   * How the data folder's files are laid out: a library file and one file per document (split-layout.ts), the
   * default, a folder still in a single data file being split at opening (layout-migration.ts, the original
   * kept); or 'single', the one data file of before the split, kept as it is (the bench's comparison, tests
   * of the migration). A folder that holds a library file is always opened split.
   */
  layout?: 'single' | 'split';
  /** In the split layout, how many documents stay loaded after a save (tests ask for few). */
  loadedDocuments?: number;
}

/** How one change is saved. */
export interface ChangeOptions {
  /** Rewrite the snapshot for it rather than appending to the journal (a restored backup: the replaced snapshot is kept as a backup). */
  compact?: boolean;
  /** The documents it works on, loaded before it runs (see Needs); none: it works on the library alone. */
  needs?: Needs;
}

/** The data folder, opened. */
export class Store {
  /** The folder's files: the data file, or the library file and the document files. */
  private main!: FolderLayout;
  private readonly queue: WriteQueue;
  /** The data as it is now, including changes whose write is under way. */
  private view: StoreData = emptyData();
  private releaseLock: (() => Promise<void>) | null = null;
  private readOnlyReason: string | null = null;
  /** Things the user must be told, in the order they happened. */
  readonly notices: string[] = [];
  readonly backups: Backups;
  /** The split layout's backups: sets of its files. */
  private readonly sets: BackupSets;
  private readonly fs: FileOps;
  private readonly context: FileContext;
  private readonly schema: SchemaInfo;
  /** Set once open() finished: a store that failed to open writes nothing more when it is closed. */
  private opened = false;
  /** A compaction is due once the queue is empty (the journal outgrew its limit, the store was idle, or it closes). */
  private compactionWanted = false;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether a batch was saved since the last backup set was kept. */
  private savedSinceSet = false;

  private constructor(private readonly options: StoreOptions) {
    this.fs = options.fs ?? nodeFileOps;
    const now = options.now ?? (() => new Date());
    this.schema = { version: options.schemaVersion ?? CURRENT_SCHEMA.version, migrations: options.migrations ?? CURRENT_SCHEMA.migrations };
    this.backups = new Backups(options.dataDir, this.fs, now);
    this.sets = new BackupSets(options.dataDir, this.fs, now);
    this.context = {
      fs: this.fs,
      now,
      journal: options.journal,
      backups: this.backups,
      notice: (text) => void this.notices.push(text),
      readOnly: (reason) => this.stopWriting(reason),
    };
    this.queue = new WriteQueue({
      current: () => this.view,
      hold: (data) => this.hold(data),
      prepare: (needs) => this.prepare(needs),
      save: (compact) => this.save(compact),
      failed: () => this.main.failed(this.view),
      checkpoint: async () => {
        if (this.main.dirty) await this.compactNow();
        await this.keepSet();
      },
      wantsIdleWork: () => this.compactionWanted,
      idleWork: async () => {
        this.compactionWanted = false;
        await this.compactInBackground();
      },
    });
  }

  /** Opens the folder: takes the lock, cleans stale temp files, reads, migrates or recovers the data file, and replays its journal. */
  static async open(options: StoreOptions): Promise<Store> {
    const store = new Store(options);
    await store.fs.mkdir(options.dataDir, { recursive: true });
    if (options.lock !== false) {
      store.releaseLock = await lockFolder(options.dataDir, () =>
        store.stopWriting('Another process took over the data folder; Gloss stopped writing to it.'),
      );
    }
    try {
      const { layout, data } = await store.layoutOf(options);
      store.main = layout;
      if (data) store.hold(data);
      else {
        await removeStaleTempFiles(store.fs, options.dataDir, layout.path);
        store.hold(await layout.openData());
      }
      store.opened = true;
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  /**
   * The folder's layout, ready to open: split when it holds a library file (finishing a split a crash
   * interrupted), or when asked for a new folder or one still in a single data file, which is split first
   * (layout-migration.ts); answers the data too when opening it was part of deciding.
   */
  private async layoutOf(options: StoreOptions): Promise<{ layout: FolderLayout; data?: StoreData }> {
    const dir = options.dataDir;
    const now = this.context.now();
    const split = (): FolderLayout => new FileSet(dir, this.schema, this.context, options.loadedDocuments);
    if (await exists(this.fs, join(dir, LIBRARY_FILE_NAME))) {
      const notice = await keepSingleFile(this.fs, dir, now);
      if (notice) this.notices.push(notice);
      return { layout: split() };
    }
    const file = new JournalledFile(join(dir, DATA_FILE_NAME), join(dir, JOURNAL_FILE_NAME), dataFileKind(this.schema), this.context);
    const single = new SingleFileLayout(file);
    if (options.layout === 'single') return { layout: single };
    if (!(await exists(this.fs, single.path))) return { layout: split() };
    await removeStaleTempFiles(this.fs, dir, single.path);
    // A data file that opens as it is (its journal replayed) is split from what was read: the copies kept
    // are the files exactly as they were. One that needs more (recovery, a schema migration) is opened first.
    const plan = await file.plan();
    const asItIs = plan.readOnly === null && plan.steps.every((s) => AS_IT_IS.has(s.step));
    const data = asItIs ? plan.data : await single.openData();
    // A data file of a newer Gloss (or a folder another process took over) is left as it is.
    if (this.readOnlyReason || plan.readOnly) return { layout: single, data };
    this.notices.push(await splitFolder(this.fs, dir, data, now));
    return { layout: split() };
  }

  /** The file the data is in (the data file, or in the split layout the library file). */
  get file(): string {
    return this.main.path;
  }

  /** Loads the documents `needs` names, until it names none that is not loaded. */
  private async prepare(needs: Needs): Promise<void> {
    for (;;) {
      const named = needs(this.view);
      const ids = named === 'all' ? this.view.documents.map((d) => d.id) : [...named];
      const missing = ids.filter((id) => !this.main.isLoaded(id) && this.view.documents.some((d) => d.id === id));
      if (missing.length === 0) return;
      this.hold(await this.main.load(this.view, missing));
    }
  }

  /** Resolves once the documents `needs` names are loaded (after every change queued before), for a read. */
  load(needs: Needs): Promise<void> {
    return this.queue.load(needs);
  }

  /** One document's data as it is now: from memory when it is loaded, else read from its files without loading it. */
  async documentFile(id: string): Promise<StoredDocumentFile | null> {
    return this.main.isLoaded(id) ? null : this.main.peek(id);
  }

  /** The counts the library keeps of a document not loaded (undefined: it is loaded, count its highlights). */
  countsOf(id: string): ThemeSetCounts | undefined {
    return this.main.countsOf(this.view, id);
  }

  /** The data as it is now (including changes whose write is under way). */
  get data(): StoreData {
    return this.view;
  }

  /** Why the store refuses changes, or null when it accepts them. */
  get readOnly(): string | null {
    return this.readOnlyReason;
  }

  private stopWriting(reason: string): void {
    this.readOnlyReason = reason;
    this.notices.push(reason);
  }

  /** Takes `data` as the data in memory (frozen first, when asked). */
  private hold(data: StoreData): void {
    this.view = this.options.freeze ? deepFreeze(data) : data;
  }

  private async compactNow(): Promise<void> {
    this.clearIdle();
    await this.main.compact(this.view, false);
  }

  /** Saves the data in memory after a batch was applied: journal lines, or new snapshots. */
  private async save(compact: boolean): Promise<void> {
    this.savedSinceSet = true;
    const appended = await this.main.save(this.view, compact);
    this.hold(await this.main.trim(this.view));
    if (appended) {
      if (this.main.wantsCompaction) this.compactionWanted = true;
      else this.armIdle();
    } else if (!this.main.dirty) this.clearIdle();
  }

  /** A compaction the store decided on (size, idle, closing): a failure loses nothing, the journal still holds every change. */
  private async compactInBackground(): Promise<void> {
    if (this.readOnlyReason) return;
    this.clearIdle();
    await this.main.compact(this.view, true);
  }

  private armIdle(): void {
    const delay = this.options.journal?.idleCompactMs ?? IDLE_COMPACT_MS;
    if (delay === false) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      this.compactionWanted = true;
      this.queue.pump();
    }, delay);
    // A pending compaction never keeps the process alive; closing compacts anyway.
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  /**
   * Applies a change in memory and resolves with its answer once it is on disk (see WriteQueue).
   * The change states only what it replaces; a failed write puts the data back as it was.
   */
  change<T>(apply: Change<T>, options: ChangeOptions = {}): Promise<T> {
    if (this.readOnlyReason) return Promise.reject(new GlossError('read-only', this.readOnlyReason));
    return this.queue.change(apply, options.compact ?? false, options.needs);
  }

  /**
   * Resolves once the snapshot holds everything changed so far (rewriting it if the journal holds
   * anything), so that the next snapshot write keeps it as a backup. Rejects with a storage error.
   */
  checkpoint(): Promise<void> {
    if (this.readOnlyReason) return Promise.reject(new GlossError('read-only', this.readOnlyReason));
    return this.queue.checkpoint();
  }

  /** Resolves once every change queued so far is written (or has failed). */
  flush(): Promise<void> {
    return this.queue.flush();
  }

  /** The backups, newest first: in the split layout its sets, with the data file's from before the split. */
  async listBackups(): Promise<BackupInfo[]> {
    const sets = this.main instanceof FileSet ? await this.sets.list() : [];
    return newestFirst([...sets, ...(await this.backups.list())]);
  }

  /** In the split layout, with every file holding everything: keeps them as a backup set (at closing, only when something was saved). */
  private async keepSet(always = true): Promise<void> {
    if (!(this.main instanceof FileSet) || this.main.dirty || (!always && !this.savedSinceSet)) return;
    this.savedSinceSet = false;
    await this.sets.keep(this.main.filesOnDisk);
  }

  /** Reads and checks a backup without applying it. */
  readBackup(name: string): Promise<StoreData> {
    if (BackupSets.isSet(name)) return this.sets.readData(name, this.schema);
    return this.backups.readData(name, this.schema);
  }

  /** Writes pending changes, folds the journal into the snapshot (removing it), and releases the lock. */
  async close(): Promise<void> {
    this.clearIdle();
    if (this.opened && !this.readOnlyReason && this.main.dirty) {
      this.compactionWanted = true;
      this.main.retryNow();
      this.queue.pump();
    }
    await this.flush();
    this.clearIdle();
    if (this.opened && !this.readOnlyReason) {
      await this.keepSet(false);
      await this.main.removeEmptyJournals();
    }
    const release = this.releaseLock;
    this.releaseLock = null;
    await release?.().catch(() => undefined);
  }
}
