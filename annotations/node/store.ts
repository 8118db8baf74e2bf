// The data folder: a snapshot (one lowdb JSON file with a schema version) and a write-ahead journal beside it (see
// journalled-file.ts), opened under an inter-process lock, changed through a queue that coalesces bursts and
// acknowledges only durable writes: each batch is one appended journal line; the snapshot is rewritten now and then.
import { join } from 'node:path';
import { GlossError } from '../errors';
import { SCHEMA_VERSION } from '../schemas';
import { Backups, type BackupInfo } from './backups';
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
import { nodeFileOps, type FileOps } from './file-ops';
import { IDLE_COMPACT_MS, type JournalOptions } from './compaction-policy';
import { lockFolder } from './folder-lock';
import { removeStaleTempFiles } from './folder-names';
import { JOURNAL_FILE_NAME } from './journal-format';
import { JournalledFile } from './journalled-file';
import { WriteQueue, type Change } from './write-queue';

export { DATA_FILE_NAME, JOURNAL_FILE_NAME, SCHEMA_VERSION, type Migration, type StoreData };
export { readDataFolder, type FolderContent } from './read-folder';

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
}

/** How one change is saved. */
export interface ChangeOptions {
  /** Rewrite the snapshot for it rather than appending to the journal (a restored backup: the replaced snapshot is kept as a backup). */
  compact?: boolean;
}

/** The data folder, opened. */
export class Store {
  private readonly main: JournalledFile;
  private readonly queue: WriteQueue;
  /** The data as it is now, including changes whose write is under way. */
  private view: StoreData = emptyData();
  private releaseLock: (() => Promise<void>) | null = null;
  private readOnlyReason: string | null = null;
  /** Things the user must be told, in the order they happened. */
  readonly notices: string[] = [];
  readonly backups: Backups;
  readonly file: string;
  private readonly fs: FileOps;
  private readonly schema: SchemaInfo;
  /** Set once open() finished: a store that failed to open writes nothing more when it is closed. */
  private opened = false;
  /** A compaction is due once the queue is empty (the journal outgrew its limit, the store was idle, or it closes). */
  private compactionWanted = false;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  private constructor(private readonly options: StoreOptions) {
    this.fs = options.fs ?? nodeFileOps;
    const now = options.now ?? (() => new Date());
    this.schema = { version: options.schemaVersion ?? CURRENT_SCHEMA.version, migrations: options.migrations ?? CURRENT_SCHEMA.migrations };
    this.file = join(options.dataDir, DATA_FILE_NAME);
    this.backups = new Backups(options.dataDir, this.fs, now);
    this.main = new JournalledFile(this.file, join(options.dataDir, JOURNAL_FILE_NAME), dataFileKind(this.schema), {
      fs: this.fs,
      now,
      journal: options.journal,
      backups: this.backups,
      notice: (text) => void this.notices.push(text),
      readOnly: (reason) => this.stopWriting(reason),
    });
    this.queue = new WriteQueue({
      current: () => this.view,
      hold: (data) => this.hold(data),
      save: (compact) => this.save(compact),
      checkpoint: () => (this.main.dirty ? this.compactNow() : Promise.resolve()),
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
      await removeStaleTempFiles(store.fs, options.dataDir, store.file);
      store.hold(await store.main.open());
      store.opened = true;
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
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
    await this.main.compact(this.view);
  }

  /** Saves the data in memory after a batch was applied: one journal line, or a new snapshot. */
  private async save(compact: boolean): Promise<void> {
    if (compact) this.clearIdle();
    const outcome = await this.main.save(this.view, compact);
    if (outcome === 'compacted') this.clearIdle();
    else if (outcome === 'appended') {
      if (this.main.wantsCompaction) this.compactionWanted = true;
      else this.armIdle();
    }
  }

  /** A compaction the store decided on (size, idle, closing): a failure loses nothing, the journal still holds every change. */
  private async compactInBackground(): Promise<void> {
    if (this.readOnlyReason) return;
    this.clearIdle();
    await this.main.compactInBackground(this.view);
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
    return this.queue.change(apply, options.compact ?? false);
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

  /** The backups, newest first. */
  listBackups(): Promise<BackupInfo[]> {
    return this.backups.list();
  }

  /** Reads and checks a backup without applying it. */
  readBackup(name: string): Promise<StoreData> {
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
    if (this.opened && !this.readOnlyReason) await this.main.removeEmptyJournal();
    const release = this.releaseLock;
    this.releaseLock = null;
    await release?.().catch(() => undefined);
  }
}
