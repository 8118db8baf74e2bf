// The journal file beside the data file, and the one owner of its state: whether it exists, whether its folder
// entry is durable, the snapshot its header names, and its length up to the last acknowledged line.
import { SCHEMA_VERSION } from '../schemas';
import { syncFolder, type FileOps } from './file-ops';
import { compactedLine, headerLine, type Fingerprint } from './journal-format';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** The journal of one data folder. */
export class JournalFile {
  /** Whether the file exists. */
  private exists = false;
  /** Whether its folder entry is durable (a created file is lost in a crash until its folder is flushed). */
  private entrySynced = false;
  /** Its length up to its last acknowledged line; 0: empty (the next append starts with a header). */
  private length = 0;
  /** The data file on disk, as the header names it (or will, at the next append); null while there is none. */
  snapshot: Fingerprint | null = null;

  constructor(
    readonly path: string,
    private readonly folder: string,
    private readonly fs: FileOps,
  ) {}

  /** Its length up to its last acknowledged line (0: empty). */
  get bytes(): number {
    return this.length;
  }

  /** Whether a file is there that holds nothing (closing removes it). */
  get emptyFile(): boolean {
    return this.exists && this.length === 0;
  }

  /** Takes what opening found: a journal file or none (its content is not taken up until continueAt). */
  found(exists: boolean): void {
    this.exists = exists;
    this.entrySynced = exists;
    this.length = 0;
  }

  /** Goes on appending after the first `validBytes` bytes (a journal whose changes were replayed; a torn tail is overwritten). */
  continueAt(validBytes: number): void {
    this.length = validBytes;
  }

  /** The one place the journal is taken as gone: removed, set aside, or deleted behind Gloss's back. */
  private gone(): void {
    this.exists = false;
    this.entrySynced = false;
    this.length = 0;
  }

  /**
   * Appends to the journal (after a header, when it is empty) and flushes it. On failure it is cut
   * back to its last acknowledged line, so no partial line is left to replay; what a failed write or
   * fsync left on disk is not certain, so the caller rewrites the snapshot at its next save.
   */
  async append(text: string): Promise<void> {
    const fresh = this.length === 0;
    const bytes = Buffer.from(fresh ? headerLine(this.snapshot!, SCHEMA_VERSION) + text : text, 'utf8');
    // Opened for each append (a few µs): a data folder that was moved or deleted fails here instead of
    // writing on into a file no one will read.
    const handle = await this.fs.open(this.path, fresh ? 'w' : 'r+', 0o600);
    this.exists = true;
    try {
      let written = 0;
      while (written < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, this.length + written);
        written += bytesWritten;
      }
      await handle.datasync();
      if (!this.entrySynced) {
        await syncFolder(this.fs, this.folder);
        this.entrySynced = true;
      }
    } catch (error) {
      await handle
        .truncate(this.length)
        .then(() => handle.datasync())
        .catch(() => undefined);
      throw error;
    } finally {
      await handle.close().catch(() => undefined);
    }
    this.length += bytes.length;
  }

  /**
   * Announces a new snapshot, durably, just before it replaces the data file: found beside it after a
   * crash, the journal is known to be spent. An empty journal has nothing to announce, nor has one
   * deleted behind Gloss's back (the snapshot will hold everything).
   */
  async announce(snapshot: Fingerprint): Promise<void> {
    if (this.length === 0) return;
    try {
      await this.append(compactedLine(snapshot));
    } catch (error) {
      if (!isMissing(error)) throw error;
      this.gone();
    }
  }

  /**
   * Empties the journal. Not flushed: a journal that comes back after a crash is spent (its last
   * line names the data file beside it) and is recognised as such, and the next append's flush
   * makes the new length durable with it.
   */
  async truncate(): Promise<void> {
    let handle;
    try {
      handle = await this.fs.open(this.path, 'r+');
    } catch (error) {
      if (!isMissing(error)) throw error;
      this.gone();
      return;
    }
    try {
      await handle.truncate(0);
    } finally {
      await handle.close().catch(() => undefined);
    }
    this.length = 0;
  }

  /** Deletes the journal file. */
  async remove(): Promise<void> {
    await this.fs.rm(this.path, { force: true });
    this.gone();
  }

  /** Moves the journal to `target` (one that cannot be applied, kept for the user). */
  async setAside(target: string): Promise<void> {
    await this.fs.rename(this.path, target);
    this.gone();
  }
}
