// A lowdb adapter whose write returns only once the data is on disk: temp file, fsync, rename, fsync of the folder.
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

/** Reads and writes one JSON file durably; writes are serialised so a later one always lands last. */
export class DurableJSONFile<T> implements Adapter<T> {
  readonly filename: string;
  private queue: Promise<void> = Promise.resolve();

  constructor(filename: string) {
    this.filename = filename;
  }

  /** The parsed file, or null when it does not exist. A file that does not parse throws. */
  async read(): Promise<T | null> {
    let raw: string;
    try {
      raw = await readFile(this.filename, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return JSON.parse(raw) as T;
  }

  /** Resolves when the new content has replaced the old one durably. */
  write(data: T): Promise<void> {
    const text = JSON.stringify(data, null, 1);
    const next = this.queue.then(() => this.writeNow(text));
    // A failed write must not block the ones after it; the caller still sees its own failure.
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves once every write queued so far has finished (successfully or not). */
  flush(): Promise<void> {
    return this.queue;
  }

  private async writeNow(text: string): Promise<void> {
    const dir = dirname(this.filename);
    const temp = join(dir, `.${basename(this.filename)}.${process.pid}.tmp`);
    const file = await open(temp, 'w', 0o600);
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } catch (error) {
      await file.close().catch(() => undefined);
      await rm(temp, { force: true });
      throw error;
    }
    await file.close();
    try {
      await rename(temp, this.filename);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    // The rename itself is durable only once the folder entry is flushed (not possible on Windows).
    if (process.platform !== 'win32') {
      const folder = await open(dir, 'r');
      try {
        await folder.sync();
      } finally {
        await folder.close();
      }
    }
  }
}
