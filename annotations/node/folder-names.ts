// Names for the files beside the data file (backups, files set aside, pre-migration copies); clearing crashed writes' temp files.
import { join } from 'node:path';
import { isTempNameOf } from './durable-json-file';
import type { FileOps } from './file-ops';

/** A time as it appears in file names (no colons or dots, which some file systems refuse). */
export function stampOf(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/**
 * Removes the temp files of `file` in `dir`. Only the lock holder writes there, so every temp file is
 * a crashed write's leftover; the journal is appended in place and has none.
 */
export async function removeStaleTempFiles(fs: FileOps, dir: string, file: string): Promise<void> {
  for (const name of await fs.readdir(dir)) {
    if (isTempNameOf(file, name)) await fs.rm(join(dir, name), { force: true });
  }
}

/** `base` + `extension` in `dir`, or with -2, -3, ... before the extension when that name is taken. */
export async function freeName(fs: FileOps, dir: string, base: string, extension: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const candidate = join(dir, `${base}${n === 1 ? '' : `-${n}`}${extension}`);
    try {
      await fs.access(candidate);
    } catch {
      return candidate;
    }
  }
}
