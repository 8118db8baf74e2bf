// Small JSON files of the shell's own (window placement, recent documents) in userData: read
// forgivingly, written atomically. The annotation store has its own, stricter, durable file.
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';

/** Reads a small JSON file, or null when it is missing or unreadable (a bad state file must not stop the app). */
export function readJsonFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/**
 * Writes a small JSON file atomically: to a temporary file beside it, then renamed over it, so a
 * crash or a full disk leaves the old file or the new one, never half of one. Synchronous because it
 * runs as the window closes, when an asynchronous write could be cut off by the quit.
 */
export function writeJsonFileAtomic(path: string, value: unknown): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was written, or it is already gone.
    }
    throw error;
  }
}
