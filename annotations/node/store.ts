// The data folder: one lowdb JSON file with a schema version, opened with recovery, migration and an
// inter-process lock, changed through a queue that coalesces bursts and acknowledges only durable writes.
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

export { SCHEMA_VERSION };

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
}

function emptyData(): StoreData {
  return { schemaVersion: SCHEMA_VERSION, documents: [], codebook: structuredClone(DEFAULT_CODEBOOK), annotations: [] };
}

function stampOf(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** What reading a data file's text gave: data of this version, or data only a newer Gloss understands. */
type Parsed =
  | { kind: 'current'; data: StoreData; migratedFrom?: number }
  | { kind: 'newer'; version: number; data: StoreData | undefined };

/** The data folder, opened. */
export class Store {
  private readonly db: Low<StoreData>;
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;
  private releaseLock: (() => Promise<void>) | null = null;
  private readOnlyReason: string | null = null;
  /** Things the user must be told, in the order they happened. */
  readonly notices: string[] = [];
  readonly backups: Backups;
  readonly file: string;
  private readonly fs: FileOps;
  private readonly now: () => Date;

  private constructor(private readonly options: StoreOptions) {
    this.fs = options.fs ?? nodeFileOps;
    this.now = options.now ?? (() => new Date());
    this.file = join(options.dataDir, DATA_FILE_NAME);
    this.backups = new Backups(options.dataDir, this.fs, this.now);
    this.db = new Low(new DurableJSONFile<StoreData>(this.file, this.fs, (file) => this.backups.keep(file)), emptyData());
  }

  /** Opens the folder: takes the lock, cleans stale temp files, reads, migrates or recovers the data file. */
  static async open(options: StoreOptions): Promise<Store> {
    const store = new Store(options);
    await store.fs.mkdir(options.dataDir, { recursive: true });
    if (options.lock !== false) await store.lock();
    try {
      await store.removeStaleTempFiles();
      await store.load();
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
    for (const name of await this.fs.readdir(this.options.dataDir)) {
      if (isTempNameOf(this.file, name)) await this.fs.rm(join(this.options.dataDir, name), { force: true });
    }
  }

  /** Parses, migrates and validates a data file's text; throws a readable reason when it cannot. */
  private parse(text: string): Parsed {
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
    const adapter = this.db.adapter as DurableJSONFile<StoreData>;
    let text: string | null;
    try {
      text = await adapter.readText();
    } catch (error) {
      throw new GlossError('storage', `The data file ${this.file} cannot be read: ${describeFsError(error)}.`);
    }
    if (text === null) return;
    let parsed: Parsed;
    try {
      parsed = this.parse(text);
    } catch (error) {
      await this.recover((error as Error).message);
      return;
    }
    if (parsed.kind === 'newer') {
      this.readOnlyReason =
        `The data file was written by a newer Gloss (schema version ${parsed.version}; this Gloss knows ${SCHEMA_VERSION}). ` +
        `It is open read-only (${this.file}): update Gloss to change it.`;
      this.notices.push(this.readOnlyReason);
      if (parsed.data) this.db.data = parsed.data;
      return;
    }
    this.db.data = parsed.data;
    if (parsed.migratedFrom !== undefined) {
      const copy = await this.freeName(`gloss-data.v${parsed.migratedFrom}-${stampOf(this.now())}`);
      await this.fs.copyFile(this.file, copy);
      await this.db.write();
      this.notices.push(
        `The data file was updated from schema version ${parsed.migratedFrom} to ${SCHEMA_VERSION}; the original is kept as ${copy}.`,
      );
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
        await this.db.write();
        this.notices.push(
          `The data file could not be read (${reason}). It was kept as ${aside}, and Gloss restored the backup of ${backup.created}.`,
        );
        return;
      } catch {
        // Try the next older backup.
      }
    }
    this.notices.push(
      `The data file could not be read (${reason}). It was kept as ${aside}; no good backup was found, so Gloss started with an empty store.`,
    );
  }

  private async freeName(base: string): Promise<string> {
    for (let n = 1; ; n += 1) {
      const candidate = join(this.options.dataDir, `${base}${n === 1 ? '' : `-${n}`}.json`);
      try {
        await this.fs.access(candidate);
      } catch {
        return candidate;
      }
    }
  }

  /**
   * Applies a change in memory and resolves once it is on disk. Changes that arrive while a
   * write is under way are applied together and written once, so a burst of edits costs two
   * writes. If a write fails, every change in it is rolled back (newest first) and rejected
   * with a storage error; the file on disk still holds the last acknowledged state.
   */
  change<T>(apply: () => Applied<T>): Promise<T> {
    if (this.readOnlyReason) return Promise.reject(new GlossError('read-only', this.readOnlyReason));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ apply, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.writing) return;
    // Cleared only once the promise is stored and settled: a batch that fails validation
    // finishes synchronously, and clearing inside it would leave a stale promise behind.
    this.writing = this.drain().finally(() => {
      this.writing = null;
      if (this.queue.length > 0) this.pump();
    });
  }

  private async drain(): Promise<void> {
    // Each pass applies everything queued so far and writes it once.
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
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
        await this.db.write();
        for (const { pending, change } of applied) pending.resolve(change.result);
      } catch (error) {
        for (const { change } of [...applied].reverse()) change.rollback();
        const failure = new GlossError(
          'storage',
          `Not saved: ${describeFsError(error)}. The file on disk still holds your last saved work; try again.`,
        );
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

  /** Writes pending changes and releases the lock. */
  async close(): Promise<void> {
    await this.flush();
    const release = this.releaseLock;
    this.releaseLock = null;
    await release?.().catch(() => undefined);
  }
}
