// Names for the files Gloss keeps beside the data file (backups, files set aside, copies before a migration).
import { join } from 'node:path';
import type { FileOps } from './file-ops';

/** A time as it appears in file names (no colons or dots, which some file systems refuse). */
export function stampOf(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
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
