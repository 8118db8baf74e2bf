// The data folder's inter-process lock: one Gloss (desktop or browser edition) writes a folder at a time.
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { GlossError } from '../errors';
import { describeFsError } from './file-ops';

/** The lock that keeps a second process from writing the same folder. */
export const LOCK_NAME = '.gloss.lock';

/**
 * Takes the folder's lock and resolves with its release. `onLost` runs if another process takes the
 * lock over later (it was stale for too long): the caller must stop writing.
 */
export async function lockFolder(dataDir: string, onLost: () => void): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: join(dataDir, LOCK_NAME),
      // A crashed Gloss leaves its lock behind; it counts as stale once it has not been refreshed for 5 s.
      stale: 5_000,
      update: 2_000,
      retries: { retries: 6, minTimeout: 200, maxTimeout: 1_000 },
      realpath: false,
      onCompromised: onLost,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new GlossError(
        'locked',
        `Another Gloss (the desktop app or a browser edition) is using the data folder ${dataDir}. ` +
          'Close it first, or start with another data folder.',
      );
    }
    throw new GlossError('storage', `The data folder ${dataDir} cannot be locked: ${describeFsError(error)}.`);
  }
}
