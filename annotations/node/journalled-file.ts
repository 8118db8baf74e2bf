// One snapshot file with its write-ahead journal, and the one owner of its durable state: opening it (the plan of
// open-plan.ts carried out: recovery, migration, a journal set aside or replayed), saving a batch as one appended
// journal line, rewriting the snapshot (a compaction) when asked, and what a failed write leaves uncertain.
// The store holds one per file of the data folder and decides when each is written.
import { basename, dirname } from 'node:path';
import { Low } from 'lowdb';
import { SCHEMA_VERSION } from '../schemas';
import type { Backups } from './backups';
import { journalLimit, type JournalOptions } from './compaction-policy';
import type { FileKind, StoreData } from './data-file';
import { DurableJSONFile } from './durable-json-file';
import { syncFolder, type FileOps } from './file-ops';
import { freeName, stampOf } from './folder-names';
import { DurableState, NotJournalable, type JournalData } from './journal-diff';
import { JournalFile } from './journal-file';
import { batchLine, fingerprintOf, type Fingerprint } from './journal-format';
import { planFileOpening, type OpenPlan, type OpenStep } from './open-plan';
import { readFolder } from './read-folder';

/** What a journalled file needs from the store that holds it. */
export interface FileContext {
  fs: FileOps;
  now(): Date;
  journal?: JournalOptions;
  /** Where its backups are kept (the one it replaces at each compaction), and restored from when it is unreadable. */
  backups: Backups;
  /** Tells the user something. */
  notice(text: string): void;
  /** Stops the store writing, and says why. */
  readOnly(reason: string): void;
}

/** What a save did: nothing to write, one journal line, or a new snapshot. */
export type SaveOutcome = 'unchanged' | 'appended' | 'compacted';

/** A snapshot and its journal. */
export class JournalledFile<T extends JournalData = StoreData> {
  private readonly db: Low<T>;
  private readonly adapter: DurableJSONFile<T>;
  private readonly journal: JournalFile;
  /** What the snapshot and the journal hold together, by reference. */
  private durable: DurableState;
  /**
   * Set after a failed write, when what the journal's tail or the snapshot now hold is not certain
   * (a failed append or fsync, a rename whose folder flush failed): the next save rewrites the
   * snapshot from memory and empties the journal, instead of appending.
   */
  private needsCompaction = false;
  /** After a compaction that failed in the background, the journal size before which it is not tried again. */
  private retryCompactionAt = 0;
  private pendingFingerprint: Fingerprint | null = null;
  /** The folder the file is in, and the start of the names given to its copies (set aside, kept before a migration). */
  private readonly dir: string;
  private readonly base: string;

  constructor(
    /** The snapshot's path. */
    readonly path: string,
    journalPath: string,
    private readonly kind: FileKind<T>,
    private readonly context: FileContext,
    /** For a document file of the split layout: the number of the last batch the library file committed (see BatchLine). */
    private readonly committed?: () => number,
  ) {
    this.dir = dirname(path);
    this.base = basename(path).replace(/\.json$/, '');
    this.journal = new JournalFile(journalPath, this.dir, context.fs);
    this.adapter = new DurableJSONFile<T>(
      path,
      context.fs,
      (file) => context.backups.keep(file),
      (text) => this.beforeSnapshotRename(text),
    );
    this.db = new Low(this.adapter, kind.empty());
    this.durable = new DurableState(this.db.data);
  }

  /** Whether opening found the snapshot there. */
  found = false;
  /** Whether opening found it written by a newer Gloss: it is only read. */
  newer = false;
  /** Whether opening found it unreadable, set it aside and started from a backup (or empty). */
  recovered = false;
  /** Whether opening set its journal aside (its changes not taken in). */
  journalSetAside = false;

  /** What the file was last opened with or given to save. */
  get current(): T {
    return this.db.data;
  }

  /** Whether the journal holds changes the snapshot does not, or what is on disk is uncertain: a compaction is owed. */
  get dirty(): boolean {
    return this.journal.bytes > 0 || this.needsCompaction;
  }

  /** Whether the journal outgrew its limit (and a background compaction that failed is due to be tried again). */
  get wantsCompaction(): boolean {
    return this.journal.bytes > this.limit() && this.journal.bytes >= this.retryCompactionAt;
  }

  /** Reads the snapshot and the journal and decides how to open them, changing nothing (see open-plan.ts). */
  async plan(): Promise<OpenPlan<T>> {
    const read = await readFolder(this.context.fs, this.path, this.journal.path);
    this.found = read.dataFile !== null;
    this.journal.found(read.journal !== null);
    return planFileOpening(read, this.kind, { dataFile: this.path, journal: this.journal.path }, this.committed?.());
  }

  /** Reads the snapshot and the journal, decides how to open them (see open-plan.ts), does it, and answers the data. */
  async open(): Promise<T> {
    const plan = await this.plan();
    this.holdDurably(plan.data);
    this.journal.snapshot = plan.snapshot;
    this.newer = plan.readOnly !== null;
    if (plan.readOnly) this.context.readOnly(plan.readOnly);
    for (const step of plan.steps) await this.perform(step);
    return this.db.data;
  }

  private holdDurably(data: T): void {
    this.db.data = data;
    this.durable = new DurableState(data);
  }

  /** Carries out one step of opening. */
  private async perform(step: OpenStep): Promise<void> {
    switch (step.step) {
      case 'set-journal-aside': {
        this.journalSetAside = true;
        const aside = await this.freeName(`${basename(this.journal.path)}.unreadable-${stampOf(this.context.now())}`, '.jsonl');
        await this.journal.setAside(aside);
        this.context.notice(
          step.withDataFile
            ? `The journal of the latest changes to that ${this.name} was kept too, as ${aside}.`
            : `The journal of the latest changes could not be used (${step.reason}). It was kept as ${aside}; Gloss opened the ${this.name} as it was last written in full, without those changes.`,
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
        return this.compact(this.db.data).catch(() => void (this.needsCompaction = true));
      case 'notice':
        this.context.notice(step.text);
    }
  }

  /** Keeps the snapshot (and the journal replayed onto it) as they were before a migration, then writes the migrated data. */
  private async keepPremigrationCopies(from: number, withJournal: boolean): Promise<void> {
    const stamp = stampOf(this.context.now());
    const copy = await this.freeName(`${this.base}.v${from}-${stamp}`);
    await this.context.fs.copyFile(this.path, copy);
    let journalCopy = '';
    if (withJournal) {
      const kept = await this.freeName(`${this.base}.v${from}-${stamp}`, '.journal');
      await this.context.fs.copyFile(this.journal.path, kept);
      journalCopy = ` (with its journal of later changes, kept as ${kept})`;
    }
    await this.compact(this.db.data);
    this.context.notice(
      `The ${this.name} was updated from schema version ${from} to ${SCHEMA_VERSION}; the original is kept as ${copy}${journalCopy}.`,
    );
  }

  /** Sets an unreadable snapshot aside and starts from the newest good backup, or empty. */
  private async recover(reason: string): Promise<void> {
    this.recovered = true;
    const aside = await this.freeName(`${this.base}.unreadable-${stampOf(this.context.now())}`);
    await this.context.fs.rename(this.path, aside);
    for (const backup of await this.context.backups.list()) {
      try {
        const parsed = this.kind.parse(await this.context.backups.read(backup.name));
        if (parsed.kind !== 'current') continue;
        await this.compact(parsed.data);
        this.context.notice(
          `The ${this.name} could not be read (${reason}). It was kept as ${aside}, and Gloss restored the backup of ${backup.created}.`,
        );
        return;
      } catch {
        // Try the next older backup.
      }
    }
    this.holdDurably(this.kind.empty());
    this.context.notice(
      `The ${this.name} could not be read (${reason}). It was kept as ${aside}; no good backup was found, so ${this.kind.whenLost ?? 'Gloss started with an empty store'}.`,
    );
  }

  /** What the notices call the file. */
  private get name(): string {
    return this.kind.name ?? 'data file';
  }

  private freeName(base: string, extension = '.json'): Promise<string> {
    return freeName(this.context.fs, this.dir, base, extension);
  }

  /** The journal size past which the snapshot is rewritten. */
  private limit(): number {
    return journalLimit(this.context.journal, this.journal.snapshot?.bytes ?? 0);
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

  /** Runs inside a snapshot write, once the new content is durable in its temp file and before it replaces the snapshot. */
  private async beforeSnapshotRename(text: string): Promise<void> {
    const fingerprint = fingerprintOf(text);
    this.pendingFingerprint = fingerprint;
    await this.journalWrite(this.journal.announce(fingerprint));
  }

  /**
   * Rewrites the snapshot with `data` (through lowdb, keeping a backup of the file it replaces) and
   * empties the journal; `data` is then what the file holds durably.
   */
  async compact(data: T): Promise<void> {
    this.pendingFingerprint = null;
    this.db.data = data;
    try {
      await this.db.write();
    } catch (error) {
      // Once the rename was done the snapshot may hold the new content while the journal still
      // belongs to the old one: appending more would be unsafe, so the next save compacts again.
      if (this.adapter.renamed) this.needsCompaction = true;
      throw error;
    }
    this.journal.snapshot = this.pendingFingerprint;
    this.durable = new DurableState(data);
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

  /**
   * Makes `data` durable: one journal line of what changed since the last save, or a new snapshot. `batch`: the
   * number of a batch that writes several files (see BatchLine): its line carries it, is written even when it
   * holds no change (the library file's commits the batch), and is appended whatever its size, since a new
   * snapshot could not be taken back if the batch is not committed.
   */
  async save(data: T, compact: boolean, batch?: number): Promise<SaveOutcome> {
    const limit = this.limit();
    const rewrite = async (): Promise<SaveOutcome> => (await this.compact(data), 'compacted');
    if (compact || this.needsCompaction || this.journal.snapshot === null || (limit === 0 && batch === undefined)) return rewrite();
    let diff;
    try {
      diff = this.durable.diff(data);
    } catch (error) {
      if (error instanceof NotJournalable) return rewrite();
      throw error;
    }
    if (diff.ops.length === 0 && batch === undefined) return 'unchanged';
    const line = batchLine(diff.ops, batch);
    // A change as large as the journal may grow (a restored backup, a big import) goes straight into the snapshot.
    if (line.length > limit && batch === undefined) return rewrite();
    try {
      await this.journalWrite(this.journal.append(line));
    } catch (error) {
      // The journal is gone (its folder was deleted and made again): the snapshot is written from memory instead.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return rewrite();
      throw error;
    }
    diff.commit();
    this.db.data = data;
    return 'appended';
  }

  /** A compaction the store decided on (size, idle, closing): a failure loses nothing, the journal still holds every change. */
  async compactInBackground(data: T): Promise<void> {
    if (!this.dirty) return;
    try {
      await this.compact(data);
    } catch {
      this.retryCompactionAt = this.journal.bytes + Math.ceil(this.limit() / 2);
    }
  }

  /** Deletes the snapshot and its journal (a document removed from the library); the folder entry is flushed. */
  async remove(): Promise<void> {
    await this.journal.remove();
    await this.context.fs.rm(this.path, { force: true });
    this.needsCompaction = false;
    await syncFolder(this.context.fs, this.dir);
  }

  /** Forgets a failed background compaction, so that the next one (closing) is tried whatever the journal's size. */
  retryNow(): void {
    this.retryCompactionAt = 0;
  }

  /** Once everything is compacted: removes the journal, empty by then (a closed folder has none). */
  async removeEmptyJournal(): Promise<void> {
    if (this.journal.emptyFile && !this.needsCompaction) await this.journal.remove().catch(() => undefined);
  }
}
