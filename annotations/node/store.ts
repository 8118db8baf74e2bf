// The data folder: a snapshot (one lowdb JSON file with a schema version) and a write-ahead journal beside it,
// opened with recovery, migration and an inter-process lock, changed through a queue that coalesces bursts and
// acknowledges only durable writes: each batch is one appended journal line; the snapshot is rewritten now and then.
import { join } from 'node:path';
import { Low } from 'lowdb';
import lockfile from 'proper-lockfile';
import * as v from 'valibot';
import type { Annotation } from '../annotation';
import { DEFAULT_CODEBOOK, type Codebook } from '../codebook';
import type { GlossDocument } from '../document';
import type { DocumentHistory } from '../history';
import { GlossError } from '../errors';
import { DataFileSchema, SCHEMA_VERSION } from '../schemas';
import { Backups, type BackupInfo } from './backups';
import { DurableJSONFile, isTempNameOf } from './durable-json-file';
import { describeFsError, nodeFileOps, type FileOps } from './file-ops';
import {
  batchLine,
  compactedLine,
  DurableState,
  fingerprintOf,
  headerLine,
  JOURNAL_FILE_NAME,
  journalFit,
  NotJournalable,
  parseJournal,
  replayJournal,
  type Fingerprint,
  type JournalOp,
  type JournalRead,
} from './journal';

export { JOURNAL_FILE_NAME, SCHEMA_VERSION };

/** The data file's name inside the data folder. */
export const DATA_FILE_NAME = 'gloss-data.json';
/** The lock that keeps a second process from writing the same folder. */
export const LOCK_NAME = '.gloss.lock';

/** The whole data file. */
export interface StoreData {
  schemaVersion: typeof SCHEMA_VERSION;
  documents: GlossDocument[];
  codebook: Codebook;
  annotations: Annotation[];
  /** Each document's undo and redo steps (absent in data files from before lasting undo). */
  history?: DocumentHistory[];
}

/** Turns a data file of version N into version N + 1; index N of the list. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * The migrations from each older schema version. Version 1 is the first, so there are none
 * yet; the next change of shape adds `MIGRATIONS[1]` and bumps SCHEMA_VERSION.
 */
export const MIGRATIONS: readonly Migration[] = [];

/**
 * The journal's size limit, as a share of the snapshot: rewriting a snapshot of S bytes once per S/2
 * bytes of journal costs each edit at most about twice its own size in snapshot writing, and opening
 * never reads more than 1.5 times the snapshot.
 */
export const JOURNAL_SHARE_OF_SNAPSHOT = 0.5;
/** Below this the journal is never compacted for its size (rewriting a small snapshot is cheap, but appending is cheaper still). */
export const JOURNAL_MIN_BYTES = 64 * 1024;
/** Above this it always is, however large the snapshot: it bounds how much a crash leaves to replay on open. */
export const JOURNAL_MAX_BYTES = 4 * 1024 * 1024;
/** The snapshot is rewritten this long after the last change (a backup of the one it replaces is kept). */
export const IDLE_COMPACT_MS = 5_000;

/** When the store rewrites the snapshot and empties the journal (for tests and benchmarks; the defaults suit Gloss). */
export interface JournalOptions {
  /** Journal size past which the snapshot is rewritten; 0 rewrites the snapshot on every save, as before the journal. */
  compactAboveBytes?: number;
  /** Quiet time after the last change before the snapshot is rewritten; false: not on idle. */
  idleCompactMs?: number | false;
}

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
}

/** How one change is saved. */
export interface ChangeOptions {
  /** Rewrite the snapshot for it rather than appending to the journal (a restored backup: the replaced snapshot is kept as a backup). */
  compact?: boolean;
}

/** A change to apply in memory: what it answers, and how to take it back if its write fails. */
export interface Applied<T> {
  result: T;
  rollback(): void;
}

interface Pending {
  apply(): Applied<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  compact?: boolean;
  /** Not a change: the snapshot is rewritten with the data as it stands at this point of the queue. */
  checkpoint?: boolean;
}

function emptyData(): StoreData {
  return { schemaVersion: SCHEMA_VERSION, documents: [], codebook: structuredClone(DEFAULT_CODEBOOK), annotations: [] };
}

function stampOf(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

function storageError(error: unknown): GlossError {
  return new GlossError(
    'storage',
    `Not saved: ${describeFsError(error)}. The file on disk still holds your last saved work; try again.`,
  );
}

/** Flushes a folder's entries (a created or renamed file is durable only then; not possible on Windows). */
async function syncFolder(fs: FileOps, folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readOrNull(fs: FileOps, file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** What a reader outside the store finds in a data folder. */
export interface FolderContent {
  /** The data file's parsed JSON with the journal's changes applied; not validated or migrated. */
  raw: unknown;
  /** What became of the journal: none there, its changes applied, already in the data file, or left out (see problem). */
  journal: 'none' | 'replayed' | 'spent' | 'ignored';
  problem?: string;
}

/**
 * Reads a data folder the way opening it would, without writing anything (no lock, no compaction,
 * no recovery): the data file with its journal replayed. Safe beside a running Gloss: a compaction
 * that lands between reading the journal and the data file is noticed and the read repeated.
 * Throws the file system's error when the data file cannot be read, a SyntaxError when it is not JSON.
 */
export async function readDataFolder(dataDir: string, fs: FileOps = nodeFileOps): Promise<FolderContent> {
  const file = join(dataDir, DATA_FILE_NAME);
  const journalFile = join(dataDir, JOURNAL_FILE_NAME);
  for (let attempt = 0; ; attempt += 1) {
    // The journal first: a compaction replaces the data file before it empties the journal.
    const journalBytes = await readOrNull(fs, journalFile);
    const bytes = await fs.readFile(file);
    const raw: unknown = JSON.parse(bytes.toString('utf8'));
    const journal: JournalRead = journalBytes ? parseJournal(journalBytes) : { kind: 'empty' };
    if (journal.kind === 'empty') return { raw, journal: 'none' };
    if (journal.kind === 'unreadable') return { raw, journal: 'ignored', problem: journal.reason };
    const fit = journalFit(journal, fingerprintOf(bytes));
    if (fit === 'spent') return { raw, journal: 'spent' };
    if (fit === 'applies') {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { raw, journal: 'ignored', problem: 'the data file is not an object' };
      try {
        replayJournal(raw as Record<string, unknown>, journal.batches);
      } catch (error) {
        return { raw: JSON.parse(bytes.toString('utf8')), journal: 'ignored', problem: (error as Error).message };
      }
      return { raw, journal: 'replayed' };
    }
    if (journal.batches.length === 0) return { raw, journal: 'none' };
    if (attempt >= 10) return { raw, journal: 'ignored', problem: 'it belongs to another version of the data file' };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** What reading a data file's text gave: data of this version, or data only a newer Gloss understands. */
type Parsed =
  | { kind: 'current'; data: StoreData; migratedFrom?: number }
  | { kind: 'newer'; version: number; data: StoreData | undefined };

/** A journal to replay while parsing the snapshot it belongs to. */
interface Replay {
  schemaVersion: number;
  batches: readonly (readonly JournalOp[])[];
}

/** The data folder, opened. */
export class Store {
  private readonly db: Low<StoreData>;
  private readonly adapter: DurableJSONFile<StoreData>;
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;
  private releaseLock: (() => Promise<void>) | null = null;
  private readOnlyReason: string | null = null;
  /** Things the user must be told, in the order they happened. */
  readonly notices: string[] = [];
  readonly backups: Backups;
  readonly file: string;
  /** The journal beside the data file. */
  readonly journalFile: string;
  private readonly fs: FileOps;
  private readonly now: () => Date;

  /** The data file on disk, as the journal's header names it; null while there is none. */
  private snapshot: Fingerprint | null = null;
  /** What the snapshot and the journal hold together, by reference. */
  private durable: DurableState;
  /** The journal's length up to its last acknowledged line; 0: empty (the next append starts with a header). */
  private journalBytes = 0;
  /** Whether the journal file exists. */
  private journalExists = false;
  /** Whether its folder entry is durable (a created file is lost in a crash until its folder is flushed). */
  private journalEntrySynced = false;
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
    this.file = join(options.dataDir, DATA_FILE_NAME);
    this.journalFile = join(options.dataDir, JOURNAL_FILE_NAME);
    this.backups = new Backups(options.dataDir, this.fs, this.now);
    this.adapter = new DurableJSONFile<StoreData>(
      this.file,
      this.fs,
      (file) => this.backups.keep(file),
      (text) => this.beforeSnapshotRename(text),
    );
    this.db = new Low(this.adapter, emptyData());
    this.durable = new DurableState(this.db.data);
  }

  /** Opens the folder: takes the lock, cleans stale temp files, reads, migrates or recovers the data file, and replays its journal. */
  static async open(options: StoreOptions): Promise<Store> {
    const store = new Store(options);
    await store.fs.mkdir(options.dataDir, { recursive: true });
    if (options.lock !== false) await store.lock();
    try {
      await store.removeStaleTempFiles();
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

  private async lock(): Promise<void> {
    try {
      this.releaseLock = await lockfile.lock(this.options.dataDir, {
        lockfilePath: join(this.options.dataDir, LOCK_NAME),
        // A crashed Gloss leaves its lock behind; it counts as stale once it has not been refreshed for 5 s.
        stale: 5_000,
        update: 2_000,
        retries: { retries: 6, minTimeout: 200, maxTimeout: 1_000 },
        realpath: false,
        onCompromised: () => {
          this.readOnlyReason = 'Another process took over the data folder; Gloss stopped writing to it.';
          this.notices.push(this.readOnlyReason);
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
        throw new GlossError(
          'locked',
          `Another Gloss (the desktop app or a browser edition) is using the data folder ${this.options.dataDir}. ` +
            'Close it first, or start with another data folder.',
        );
      }
      throw new GlossError('storage', `The data folder ${this.options.dataDir} cannot be locked: ${describeFsError(error)}.`);
    }
  }

  private async removeStaleTempFiles(): Promise<void> {
    // Only this process writes here (it holds the lock), so every temp file is a crashed write's leftover.
    // The journal is appended in place and has no temp files (its name is not one of the data file's).
    for (const name of await this.fs.readdir(this.options.dataDir)) {
      if (isTempNameOf(this.file, name)) await this.fs.rm(join(this.options.dataDir, name), { force: true });
    }
  }

  /** Parses, replays the journal onto, migrates and validates a data file's text; throws a readable reason when it cannot. */
  private parse(text: string, replay?: Replay): Parsed {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new Error('it is not valid JSON (it may be truncated or damaged)');
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('it does not hold a Gloss data object');
    const current = this.options.schemaVersion ?? SCHEMA_VERSION;
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
      const readable = v.safeParse(DataFileSchema, { ...raw, schemaVersion: SCHEMA_VERSION });
      return { kind: 'newer', version, data: readable.success ? (readable.output as StoreData) : undefined };
    }
    let data = raw as Record<string, unknown>;
    const migrations = this.options.migrations ?? MIGRATIONS;
    for (let from = version; from < current; from += 1) {
      const migrate = migrations[from];
      if (!migrate) throw new Error(`no migration from schema version ${from} is known`);
      data = { ...migrate(data), schemaVersion: from + 1 };
    }
    const checked = v.safeParse(DataFileSchema, { ...data, schemaVersion: SCHEMA_VERSION });
    if (!checked.success) {
      const issue = checked.issues[0];
      const path = issue.path?.map((p) => String(p.key)).join('.');
      throw new Error(`it does not have the shape of a Gloss data file (${path ? `${path}: ` : ''}${issue.message})`);
    }
    return { kind: 'current', data: checked.output as StoreData, migratedFrom: version < current ? version : undefined };
  }

  private async load(): Promise<void> {
    let bytes: Buffer | null;
    let journalBytes: Buffer | null;
    try {
      bytes = await this.adapter.readBytes();
    } catch (error) {
      throw new GlossError('storage', `The data file ${this.file} cannot be read: ${describeFsError(error)}.`);
    }
    try {
      journalBytes = await readOrNull(this.fs, this.journalFile);
    } catch (error) {
      throw new GlossError('storage', `The journal ${this.journalFile} cannot be read: ${describeFsError(error)}.`);
    }
    this.journalExists = journalBytes !== null;
    this.journalEntrySynced = this.journalExists;
    const journal: JournalRead = journalBytes && journalBytes.length > 0 ? parseJournal(journalBytes) : { kind: 'empty' };
    // Whether the journal holds anything worth keeping if it cannot be applied.
    const worthKeeping = journal.kind === 'unreadable' || (journal.kind === 'read' && journal.batches.length > 0);

    if (bytes === null) {
      if (worthKeeping) await this.setJournalAside('there is no data file for its changes to apply to', false);
      else if (this.journalExists) await this.removeJournal();
      return;
    }
    const text = bytes.toString('utf8');
    this.snapshot = fingerprintOf(bytes);
    let replay: Replay | undefined;
    let journalProblem: string | null = null;
    if (journal.kind === 'unreadable') journalProblem = journal.reason;
    else if (journal.kind === 'read') {
      const fit = journalFit(journal, this.snapshot);
      if (fit === 'applies') replay = { schemaVersion: journal.header.schemaVersion, batches: journal.batches };
      else if (fit === 'foreign' && journal.batches.length > 0) journalProblem = 'it belongs to another version of the data file';
      // 'spent': a compaction put its changes in the data file and stopped before emptying it.
    }

    let parsed: Parsed | undefined;
    try {
      parsed = this.parse(text, replay && replay.batches.length > 0 ? replay : undefined);
    } catch (error) {
      if (replay && replay.batches.length > 0) {
        // Was it the journal? The data file alone tells.
        try {
          parsed = this.parse(text);
          journalProblem = `its changes do not apply to the data file: ${(error as Error).message}`;
          replay = undefined;
        } catch {
          parsed = undefined;
        }
      }
      if (!parsed) {
        this.snapshot = null;
        if (worthKeeping) await this.setJournalAside('the data file it belongs to could not be read', true);
        else if (this.journalExists) await this.removeJournal();
        await this.recover((error as Error).message);
        return;
      }
    }

    if (parsed.kind === 'newer') {
      this.readOnlyReason =
        `The data file was written by a newer Gloss (schema version ${parsed.version}; this Gloss knows ${SCHEMA_VERSION}). ` +
        `It is open read-only (${this.file}): update Gloss to change it.`;
      this.notices.push(this.readOnlyReason);
      if (parsed.data) this.db.data = parsed.data;
      this.durable = new DurableState(this.db.data);
      // Read-only: nothing is written, renamed or truncated, the journal included.
      if (journalProblem && worthKeeping) {
        this.notices.push(`The latest changes, in ${this.journalFile}, cannot be shown (${journalProblem}); the file is left as it is.`);
      }
      return;
    }

    this.db.data = parsed.data;
    this.durable = new DurableState(parsed.data);
    const replayed = replay?.batches.length ?? 0;
    if (journalProblem !== null) await this.setJournalAside(journalProblem, false);
    else if (replayed > 0 && journal.kind === 'read') this.journalBytes = journal.validBytes;
    // Spent, from another data file but empty, only a header, or only a torn first append: nothing to keep.
    else if (this.journalExists && journalBytes!.length > 0) await this.emptyJournalQuietly();

    if (parsed.migratedFrom !== undefined) {
      const stamp = stampOf(this.now());
      const copy = await this.freeName(`gloss-data.v${parsed.migratedFrom}-${stamp}`);
      await this.fs.copyFile(this.file, copy);
      let journalCopy = '';
      if (replayed > 0) {
        const kept = await this.freeName(`gloss-data.v${parsed.migratedFrom}-${stamp}`, '.journal');
        await this.fs.copyFile(this.journalFile, kept);
        journalCopy = ` (with its journal of later changes, kept as ${kept})`;
      }
      await this.compactNow();
      this.notices.push(
        `The data file was updated from schema version ${parsed.migratedFrom} to ${SCHEMA_VERSION}; the original is kept as ${copy}${journalCopy}.`,
      );
    } else if (replayed > 0) {
      // Opening after a crash: one compaction leaves a clean snapshot and an empty journal (a few hundred
      // ms for 8 MB, and only after a crash: a closed store has no journal). A full disk does not stop
      // the opening: the journal stays valid, and the first save rewrites the snapshot.
      try {
        await this.compactNow();
      } catch {
        this.needsCompaction = true;
      }
    }
  }

  /** Sets an unreadable data file aside and starts from the newest good backup, or empty. */
  private async recover(reason: string): Promise<void> {
    const aside = await this.freeName(`gloss-data.unreadable-${stampOf(this.now())}`);
    await this.fs.rename(this.file, aside);
    for (const backup of await this.backups.list()) {
      try {
        const parsed = this.parse(await this.backups.read(backup.name));
        if (parsed.kind !== 'current') continue;
        this.db.data = parsed.data;
        await this.compactNow();
        this.notices.push(
          `The data file could not be read (${reason}). It was kept as ${aside}, and Gloss restored the backup of ${backup.created}.`,
        );
        return;
      } catch {
        // Try the next older backup.
      }
    }
    this.db.data = emptyData();
    this.durable = new DurableState(this.db.data);
    this.notices.push(
      `The data file could not be read (${reason}). It was kept as ${aside}; no good backup was found, so Gloss started with an empty store.`,
    );
  }

  /** Keeps a journal that cannot be applied under a name of its own, and tells the user. */
  private async setJournalAside(reason: string, withDataFile: boolean): Promise<void> {
    const aside = await this.freeName(`gloss-data.journal.unreadable-${stampOf(this.now())}`, '.jsonl');
    await this.fs.rename(this.journalFile, aside);
    this.journalExists = false;
    this.journalEntrySynced = false;
    this.journalBytes = 0;
    this.notices.push(
      withDataFile
        ? `The journal of the latest changes to that data file was kept too, as ${aside}.`
        : `The journal of the latest changes could not be used (${reason}). It was kept as ${aside}; Gloss opened the data file as it was last written in full, without those changes.`,
    );
  }

  private async removeJournal(): Promise<void> {
    await this.fs.rm(this.journalFile, { force: true });
    this.journalExists = false;
    this.journalEntrySynced = false;
    this.journalBytes = 0;
  }

  /** Empties a journal with nothing to replay (spent, or only a torn first append); a failure leaves it for the next compaction. */
  private async emptyJournalQuietly(): Promise<void> {
    try {
      await this.truncateJournal();
    } catch {
      this.needsCompaction = true;
    }
  }

  private async freeName(base: string, extension = '.json'): Promise<string> {
    for (let n = 1; ; n += 1) {
      const candidate = join(this.options.dataDir, `${base}${n === 1 ? '' : `-${n}`}${extension}`);
      try {
        await this.fs.access(candidate);
      } catch {
        return candidate;
      }
    }
  }

  /** The journal size past which the snapshot is rewritten. */
  private journalLimit(): number {
    const fixed = this.options.journal?.compactAboveBytes;
    if (fixed !== undefined) return fixed;
    const share = Math.floor((this.snapshot?.bytes ?? 0) * JOURNAL_SHARE_OF_SNAPSHOT);
    return Math.min(JOURNAL_MAX_BYTES, Math.max(JOURNAL_MIN_BYTES, share));
  }

  /**
   * Appends to the journal (after a header, when it is empty) and flushes it. On failure it is cut
   * back to its last acknowledged line, so no partial line is left to replay; since what a failed
   * write or fsync left on disk is not certain, the next save also rewrites the snapshot.
   */
  private async appendToJournal(text: string): Promise<void> {
    const fresh = this.journalBytes === 0;
    const bytes = Buffer.from(fresh ? headerLine(this.snapshot!, SCHEMA_VERSION) + text : text, 'utf8');
    // Opened for each append (a few µs): a data folder that was moved or deleted fails here instead of
    // writing on into a file no one will read.
    let handle;
    try {
      handle = await this.fs.open(this.journalFile, fresh ? 'w' : 'r+', 0o600);
    } catch (error) {
      this.needsCompaction = true;
      throw error;
    }
    this.journalExists = true;
    try {
      let written = 0;
      while (written < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, this.journalBytes + written);
        written += bytesWritten;
      }
      await handle.datasync();
      if (!this.journalEntrySynced) {
        await syncFolder(this.fs, this.options.dataDir);
        this.journalEntrySynced = true;
      }
    } catch (error) {
      this.needsCompaction = true;
      await handle
        .truncate(this.journalBytes)
        .then(() => handle.datasync())
        .catch(() => undefined);
      throw error;
    } finally {
      await handle.close().catch(() => undefined);
    }
    this.journalBytes += bytes.length;
  }

  /**
   * Empties the journal. Not flushed: a journal that comes back after a crash is spent (its last
   * line names the data file beside it) and is recognised as such, and the next append's flush
   * makes the new length durable with it.
   */
  private async truncateJournal(): Promise<void> {
    let handle;
    try {
      handle = await this.fs.open(this.journalFile, 'r+');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.journalExists = false;
      this.journalEntrySynced = false;
      this.journalBytes = 0;
      return;
    }
    try {
      await handle.truncate(0);
    } finally {
      await handle.close().catch(() => undefined);
    }
    this.journalBytes = 0;
  }

  /** Runs inside a snapshot write, once the new content is durable in its temp file and before it replaces the data file. */
  private async beforeSnapshotRename(text: string): Promise<void> {
    const fingerprint = fingerprintOf(text);
    this.pendingFingerprint = fingerprint;
    if (this.journalBytes === 0) return;
    // Announce the new snapshot in the journal: found beside it after a crash, the journal is known to be spent.
    try {
      await this.appendToJournal(compactedLine(fingerprint));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // The journal was deleted behind Gloss's back: nothing to announce, the snapshot will hold everything.
      this.journalExists = false;
      this.journalEntrySynced = false;
      this.journalBytes = 0;
    }
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
    this.snapshot = this.pendingFingerprint;
    this.durable = new DurableState(this.db.data);
    this.needsCompaction = false;
    this.retryCompactionAt = 0;
    if (this.journalBytes > 0) {
      try {
        await this.truncateJournal();
      } catch {
        // Spent, and known to be by its last line; nothing is appended to it until a compaction empties it.
        this.needsCompaction = true;
      }
    }
  }

  /** Saves the data in memory after a batch was applied: one journal line, or a new snapshot. */
  private async save(compact: boolean): Promise<void> {
    const limit = this.journalLimit();
    if (compact || this.needsCompaction || this.snapshot === null || limit === 0) return this.compactNow();
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
    await this.appendToJournal(line);
    diff.commit();
    if (this.journalBytes > limit && this.journalBytes >= this.retryCompactionAt) this.compactionWanted = true;
    else this.armIdle();
  }

  /** A compaction the store decided on (size, idle, closing): a failure loses nothing, the journal still holds every change. */
  private async compactInBackground(): Promise<void> {
    if (this.readOnlyReason || (this.journalBytes === 0 && !this.needsCompaction)) return;
    try {
      await this.compactNow();
    } catch {
      this.retryCompactionAt = this.journalBytes + Math.ceil(this.journalLimit() / 2);
    }
  }

  private armIdle(): void {
    const delay = this.options.journal?.idleCompactMs ?? IDLE_COMPACT_MS;
    if (delay === false) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      this.compactionWanted = true;
      this.pump();
    }, delay);
    // A pending compaction never keeps the process alive; closing compacts anyway.
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  /**
   * Applies a change in memory and resolves once it is on disk. Changes that arrive while a
   * write is under way are applied together and written once, so a burst of edits costs two
   * writes. If a write fails, every change in it is rolled back (newest first) and rejected
   * with a storage error; the file on disk still holds the last acknowledged state.
   */
  change<T>(apply: () => Applied<T>, options: ChangeOptions = {}): Promise<T> {
    if (this.readOnlyReason) return Promise.reject(new GlossError('read-only', this.readOnlyReason));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ apply, resolve: resolve as (value: unknown) => void, reject, compact: options.compact });
      this.pump();
    });
  }

  /**
   * Resolves once the snapshot holds everything changed so far (rewriting it if the journal holds
   * anything), so that the next snapshot write keeps it as a backup. Rejects with a storage error.
   */
  checkpoint(): Promise<void> {
    if (this.readOnlyReason) return Promise.reject(new GlossError('read-only', this.readOnlyReason));
    return new Promise<void>((resolve, reject) => {
      const apply = (): Applied<undefined> => ({ result: undefined, rollback: () => undefined });
      this.queue.push({ apply, resolve: resolve as (value: unknown) => void, reject, checkpoint: true });
      this.pump();
    });
  }

  private pump(): void {
    if (this.writing) return;
    // Cleared only once the promise is stored and settled: a batch that fails validation
    // finishes synchronously, and clearing inside it would leave a stale promise behind.
    this.writing = this.drain().finally(() => {
      this.writing = null;
      if (this.queue.length > 0 || this.compactionWanted) this.pump();
    });
  }

  private async drain(): Promise<void> {
    // Each pass applies everything queued so far (up to a checkpoint) and writes it once; compactions
    // the store wants run when nothing is queued, so they never race with an append.
    for (;;) {
      if (this.queue.length === 0) {
        if (!this.compactionWanted) return;
        this.compactionWanted = false;
        await this.compactInBackground();
        continue;
      }
      if (this.queue[0]!.checkpoint) {
        const pending = this.queue.shift()!;
        try {
          if (this.journalBytes > 0 || this.needsCompaction) await this.compactNow();
          pending.resolve(undefined);
        } catch (error) {
          pending.reject(storageError(error));
        }
        continue;
      }
      const cut = this.queue.findIndex((p) => p.checkpoint);
      const batch = this.queue.splice(0, cut === -1 ? this.queue.length : cut);
      const applied: Array<{ pending: Pending; change: Applied<unknown> }> = [];
      for (const pending of batch) {
        try {
          applied.push({ pending, change: pending.apply() });
        } catch (error) {
          pending.reject(error);
        }
      }
      if (applied.length === 0) continue;
      try {
        await this.save(applied.some(({ pending }) => pending.compact));
        for (const { pending, change } of applied) pending.resolve(change.result);
      } catch (error) {
        for (const { change } of [...applied].reverse()) change.rollback();
        const failure = storageError(error);
        for (const { pending } of applied) pending.reject(failure);
      }
    }
  }

  /** Resolves once every change queued so far is written (or has failed). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** The backups, newest first. */
  listBackups(): Promise<BackupInfo[]> {
    return this.backups.list();
  }

  /** Reads and checks a backup without applying it. */
  async readBackup(name: string): Promise<StoreData> {
    let text: string;
    try {
      text = await this.backups.read(name);
    } catch {
      throw new GlossError('not-found', `No backup named "${name}".`);
    }
    let parsed: Parsed;
    try {
      parsed = this.parse(text);
    } catch (error) {
      throw new GlossError('invalid-document', `The backup "${name}" cannot be used: ${(error as Error).message}.`);
    }
    if (parsed.kind !== 'current') throw new GlossError('invalid-document', `The backup "${name}" is from a newer Gloss.`);
    return parsed.data;
  }

  /** Writes pending changes, folds the journal into the snapshot (removing it), and releases the lock. */
  async close(): Promise<void> {
    this.clearIdle();
    if (this.opened && !this.readOnlyReason && (this.journalBytes > 0 || this.needsCompaction)) {
      this.compactionWanted = true;
      this.retryCompactionAt = 0;
      this.pump();
    }
    await this.flush();
    this.clearIdle();
    if (this.opened && !this.readOnlyReason && this.journalExists && this.journalBytes === 0 && !this.needsCompaction) {
      await this.removeJournal().catch(() => undefined);
    }
    const release = this.releaseLock;
    this.releaseLock = null;
    await release?.().catch(() => undefined);
  }
}
