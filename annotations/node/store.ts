// The data folder: a snapshot (one lowdb JSON file with a schema version) and a write-ahead journal beside it,
// opened with recovery, migration and an inter-process lock, changed through a queue that coalesces bursts and
// acknowledges only durable writes: each batch is one appended journal line; the snapshot is rewritten now and then.
import { join } from 'node:path';
import { Low } from 'lowdb';
import { GlossError } from '../errors';
import { SCHEMA_VERSION } from '../schemas';
import { Backups, type BackupInfo } from './backups';
import {
  CURRENT_SCHEMA,
  DATA_FILE_NAME,
  deepFreeze,
  emptyData,
  parseDataFile,
  type Migration,
  type SchemaInfo,
  type StoreData,
} from './data-file';
import { DurableJSONFile } from './durable-json-file';
import { nodeFileOps, type FileOps } from './file-ops';
import { IDLE_COMPACT_MS, journalLimit, type JournalOptions } from './compaction-policy';
import { lockFolder } from './folder-lock';
import { freeName, removeStaleTempFiles, stampOf } from './folder-names';
import { DurableState, NotJournalable } from './journal-diff';
import { JournalFile } from './journal-file';
import { batchLine, fingerprintOf, JOURNAL_FILE_NAME, type Fingerprint } from './journal-format';
import { planOpening, type OpenStep } from './open-plan';
import { readFolder } from './read-folder';
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
  private readonly db: Low<StoreData>;
  private readonly adapter: DurableJSONFile<StoreData>;
  private readonly journal: JournalFile;
  private readonly queue: WriteQueue;
  private releaseLock: (() => Promise<void>) | null = null;
  private readOnlyReason: string | null = null;
  /** Things the user must be told, in the order they happened. */
  readonly notices: string[] = [];
  readonly backups: Backups;
  readonly file: string;
  private readonly fs: FileOps;
  private readonly now: () => Date;
  private readonly schema: SchemaInfo;

  /** What the snapshot and the journal hold together, by reference. */
  private durable: DurableState;
  /** Set once open() finished: a store that failed to open writes nothing more when it is closed. */
  private opened = false;
  /**
   * Set after a failed write, when what the journal's tail or the data file now hold is not certain
   * (a failed append or fsync, a rename whose folder flush failed): the next save rewrites the
   * snapshot from memory and empties the journal, instead of appending.
   */
  private needsCompaction = false;
  /** A compaction is due once the queue is empty (the journal outgrew its limit, the store was idle, or it closes). */
  private compactionWanted = false;
  /** After a compaction that failed in the background, the journal size before which it is not tried again. */
  private retryCompactionAt = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingFingerprint: Fingerprint | null = null;

  private constructor(private readonly options: StoreOptions) {
    this.fs = options.fs ?? nodeFileOps;
    this.now = options.now ?? (() => new Date());
    this.schema = { version: options.schemaVersion ?? CURRENT_SCHEMA.version, migrations: options.migrations ?? CURRENT_SCHEMA.migrations };
    this.file = join(options.dataDir, DATA_FILE_NAME);
    this.journal = new JournalFile(join(options.dataDir, JOURNAL_FILE_NAME), options.dataDir, this.fs);
    this.backups = new Backups(options.dataDir, this.fs, this.now);
    this.adapter = new DurableJSONFile<StoreData>(
      this.file,
      this.fs,
      (file) => this.backups.keep(file),
      (text) => this.beforeSnapshotRename(text),
    );
    this.db = new Low(this.adapter, emptyData());
    this.durable = new DurableState(this.db.data);
    this.queue = new WriteQueue({
      current: () => this.db.data,
      hold: (data) => this.hold(data),
      save: (compact) => this.save(compact),
      checkpoint: () => (this.journal.bytes > 0 || this.needsCompaction ? this.compactNow() : Promise.resolve()),
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
      store.releaseLock = await lockFolder(options.dataDir, () => {
        store.readOnlyReason = 'Another process took over the data folder; Gloss stopped writing to it.';
        store.notices.push(store.readOnlyReason);
      });
    }
    try {
      await removeStaleTempFiles(store.fs, options.dataDir, store.file);
      await store.load();
      store.opened = true;
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  /** The data as it is now (including changes whose write is under way). */
  get data(): StoreData {
    return this.db.data;
  }

  /** Why the store refuses changes, or null when it accepts them. */
  get readOnly(): string | null {
    return this.readOnlyReason;
  }

  /** Takes `data` as the data in memory (frozen first, when asked). */
  private hold(data: StoreData): void {
    this.db.data = this.options.freeze ? deepFreeze(data) : data;
  }

  /** Takes `data` as what the disk holds too (after opening, or after a snapshot was written for it). */
  private holdDurably(data: StoreData): void {
    this.hold(data);
    this.durable = new DurableState(this.db.data);
  }

  /** Reads the data file and the journal, decides how to open them (see open-plan.ts), and does it. */
  private async load(): Promise<void> {
    const read = await readFolder(this.fs, this.file, this.journal.path);
    this.journal.found(read.journal !== null);
    const plan = planOpening(read, this.schema, { dataFile: this.file, journal: this.journal.path });
    this.holdDurably(plan.data);
    this.journal.snapshot = plan.snapshot;
    if (plan.readOnly) {
      this.readOnlyReason = plan.readOnly;
      this.notices.push(plan.readOnly);
    }
    for (const step of plan.steps) await this.perform(step);
  }

  /** Carries out one step of opening. */
  private async perform(step: OpenStep): Promise<void> {
    switch (step.step) {
      case 'set-journal-aside': {
        const aside = await this.freeName(`gloss-data.journal.unreadable-${stampOf(this.now())}`, '.jsonl');
        await this.journal.setAside(aside);
        this.notices.push(
          step.withDataFile
            ? `The journal of the latest changes to that data file was kept too, as ${aside}.`
            : `The journal of the latest changes could not be used (${step.reason}). It was kept as ${aside}; Gloss opened the data file as it was last written in full, without those changes.`,
        );
        return;
      }
      case 'remove-journal':
        return this.journal.remove();
      case 'empty-journal':
        return this.journal.truncate().catch(() => void (this.needsCompaction = true));
      case 'continue-journal':
        return this.journal.continueAt(step.validBytes);
      case 'recover':
        return this.recover(step.reason);
      case 'migrate':
        return this.keepPremigrationCopies(step.from, step.withJournal);
      case 'compact-after-replay':
        // Opening after a crash: one compaction leaves a clean snapshot and an empty journal (a few hundred
        // ms for 8 MB, and only after a crash: a closed store has no journal). A full disk does not stop
        // the opening: the journal stays valid, and the first save rewrites the snapshot.
        return this.compactNow().catch(() => void (this.needsCompaction = true));
      case 'notice':
        this.notices.push(step.text);
    }
  }

  /** Keeps the data file (and the journal replayed onto it) as they were before a migration, then writes the migrated data. */
  private async keepPremigrationCopies(from: number, withJournal: boolean): Promise<void> {
    const stamp = stampOf(this.now());
    const copy = await this.freeName(`gloss-data.v${from}-${stamp}`);
    await this.fs.copyFile(this.file, copy);
    let journalCopy = '';
    if (withJournal) {
      const kept = await this.freeName(`gloss-data.v${from}-${stamp}`, '.journal');
      await this.fs.copyFile(this.journal.path, kept);
      journalCopy = ` (with its journal of later changes, kept as ${kept})`;
    }
    await this.compactNow();
    this.notices.push(
      `The data file was updated from schema version ${from} to ${SCHEMA_VERSION}; the original is kept as ${copy}${journalCopy}.`,
    );
  }

  /** Sets an unreadable data file aside and starts from the newest good backup, or empty. */
  private async recover(reason: string): Promise<void> {
    const aside = await this.freeName(`gloss-data.unreadable-${stampOf(this.now())}`);
    await this.fs.rename(this.file, aside);
    for (const backup of await this.backups.list()) {
      try {
        const parsed = parseDataFile(await this.backups.read(backup.name), this.schema);
        if (parsed.kind !== 'current') continue;
        this.hold(parsed.data);
        await this.compactNow();
        this.notices.push(
          `The data file could not be read (${reason}). It was kept as ${aside}, and Gloss restored the backup of ${backup.created}.`,
        );
        return;
      } catch {
        // Try the next older backup.
      }
    }
    this.holdDurably(emptyData());
    this.notices.push(
      `The data file could not be read (${reason}). It was kept as ${aside}; no good backup was found, so Gloss started with an empty store.`,
    );
  }

  private freeName(base: string, extension = '.json'): Promise<string> {
    return freeName(this.fs, this.options.dataDir, base, extension);
  }

  /** The journal size past which the snapshot is rewritten. */
  private journalLimit(): number {
    return journalLimit(this.options.journal, this.journal.snapshot?.bytes ?? 0);
  }

  /** Runs a journal write; a failure leaves its tail uncertain, so the next save rewrites the snapshot. */
  private async journalWrite(write: Promise<void>): Promise<void> {
    try {
      await write;
    } catch (error) {
      this.needsCompaction = true;
      throw error;
    }
  }

  /** Runs inside a snapshot write, once the new content is durable in its temp file and before it replaces the data file. */
  private async beforeSnapshotRename(text: string): Promise<void> {
    const fingerprint = fingerprintOf(text);
    this.pendingFingerprint = fingerprint;
    await this.journalWrite(this.journal.announce(fingerprint));
  }

  /**
   * Rewrites the snapshot with the data in memory (through lowdb, keeping a backup of the file it
   * replaces) and empties the journal.
   */
  private async compactNow(): Promise<void> {
    this.clearIdle();
    this.pendingFingerprint = null;
    try {
      await this.db.write();
    } catch (error) {
      // Once the rename was done the data file may hold the new content while the journal still
      // belongs to the old one: appending more would be unsafe, so the next save compacts again.
      if (this.adapter.renamed) this.needsCompaction = true;
      throw error;
    }
    this.journal.snapshot = this.pendingFingerprint;
    this.durable = new DurableState(this.db.data);
    this.needsCompaction = false;
    this.retryCompactionAt = 0;
    if (this.journal.bytes > 0) {
      try {
        await this.journal.truncate();
      } catch {
        // Spent, and known to be by its last line; nothing is appended to it until a compaction empties it.
        this.needsCompaction = true;
      }
    }
  }

  /** Saves the data in memory after a batch was applied: one journal line, or a new snapshot. */
  private async save(compact: boolean): Promise<void> {
    const limit = this.journalLimit();
    if (compact || this.needsCompaction || this.journal.snapshot === null || limit === 0) return this.compactNow();
    let diff;
    try {
      diff = this.durable.diff(this.db.data);
    } catch (error) {
      if (error instanceof NotJournalable) return this.compactNow();
      throw error;
    }
    if (diff.ops.length === 0) return;
    const line = batchLine(diff.ops);
    // A change as large as the journal may grow (a restored backup, a big import) goes straight into the snapshot.
    if (line.length > limit) return this.compactNow();
    await this.journalWrite(this.journal.append(line));
    diff.commit();
    if (this.journal.bytes > limit && this.journal.bytes >= this.retryCompactionAt) this.compactionWanted = true;
    else this.armIdle();
  }

  /** A compaction the store decided on (size, idle, closing): a failure loses nothing, the journal still holds every change. */
  private async compactInBackground(): Promise<void> {
    if (this.readOnlyReason || (this.journal.bytes === 0 && !this.needsCompaction)) return;
    try {
      await this.compactNow();
    } catch {
      this.retryCompactionAt = this.journal.bytes + Math.ceil(this.journalLimit() / 2);
    }
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
    if (this.opened && !this.readOnlyReason && (this.journal.bytes > 0 || this.needsCompaction)) {
      this.compactionWanted = true;
      this.retryCompactionAt = 0;
      this.queue.pump();
    }
    await this.flush();
    this.clearIdle();
    if (this.opened && !this.readOnlyReason && this.journal.emptyFile && !this.needsCompaction) {
      await this.journal.remove().catch(() => undefined);
    }
    const release = this.releaseLock;
    this.releaseLock = null;
    await release?.().catch(() => undefined);
  }
}
