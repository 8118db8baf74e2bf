// A lowdb adapter whose write returns only once the data is on disk: temp file, fsync, rename, fsync of the folder.
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { nodeFileOps, readIfThere, syncFolder, type FileOps } from './file-ops';

/** The temp file a write goes through; the pid keeps two processes' temp files apart. */
export function tempNameFor(filename: string, pid: number = process.pid): string {
  return join(dirname(filename), `.${basename(filename)}.${pid}.tmp`);
}

/** Whether a file name in the data folder is one of the data file's temp files (left behind by a crash). */
export function isTempNameOf(filename: string, name: string): boolean {
  return name.startsWith(`.${basename(filename)}.`) && name.endsWith('.tmp');
}

/** Reads and writes one JSON file durably. */
export class DurableJSONFile<T> implements Adapter<T> {
  /**
   * Whether the file on disk was already handed to beforeReplace by a write whose rename then
   * failed: it is unchanged, so keeping it again would only add a copy of the same version (and
   * a few failed retries would prune every distinct older backup).
   */
  private replacedFileKept = false;
  /**
   * Whether the last write got as far as renaming its temp file onto the data file: when such a
   * write still fails (flushing the folder), the file on disk may already hold the new content.
   */
  renamed = false;

  constructor(
    readonly filename: string,
    private readonly fs: FileOps = nodeFileOps,
    /** Called with the data file's path just before a write replaces it (to keep a backup). */
    private readonly beforeReplace?: (filename: string) => Promise<void>,
    /** Called with the new content, durable in the temp file, right before the rename puts it in place. */
    private readonly beforeRename?: (text: string) => Promise<void>,
  ) {}

  /** The file's bytes, or null when it does not exist. */
  async readBytes(): Promise<Buffer | null> {
    return readIfThere(this.fs, this.filename);
  }

  /** The file's text, or null when it does not exist. */
  async readText(): Promise<string | null> {
    return (await this.readBytes())?.toString('utf8') ?? null;
  }

  /** The parsed file, or null when it does not exist. A file that does not parse throws. */
  async read(): Promise<T | null> {
    const text = await this.readText();
    return text === null ? null : (JSON.parse(text) as T);
  }

  /**
   * Resolves when the new content has replaced the old one durably. On failure the old file
   * is untouched and no temp file is left. Callers serialise writes (see Store).
   */
  async write(data: T): Promise<void> {
    this.renamed = false;
    const text = JSON.stringify(data);
    const temp = tempNameFor(this.filename);
    const file = await this.fs.open(temp, 'w', 0o600);
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } catch (error) {
      await file.close().catch(() => undefined);
      await this.fs.rm(temp, { force: true });
      throw error;
    }
    await file.close();
    try {
      if (!this.replacedFileKept) await this.beforeReplace?.(this.filename);
      this.replacedFileKept = true;
      await this.beforeRename?.(text);
      await this.fs.rename(temp, this.filename);
      this.renamed = true;
      this.replacedFileKept = false;
    } catch (error) {
      await this.fs.rm(temp, { force: true });
      throw error;
    }
    // The rename itself is durable only once the folder entry is flushed.
    await syncFolder(this.fs, dirname(this.filename));
  }
}
