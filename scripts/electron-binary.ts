// Finds the Electron binary the way the electron package does, without ever triggering its download.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Whether the binary is there, and where, or why not. */
export type ElectronBinary = { available: true; path: string } | { available: false; reason: string };

const electronPackage = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'electron');

/**
 * node_modules/electron/path.txt names the binary inside dist/ once it was downloaded;
 * ELECTRON_OVERRIDE_DIST_PATH points at an Electron unpacked elsewhere.
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const pathFile = join(electronPackage, 'path.txt');
  const named = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const path = join(override, named || (process.platform === 'win32' ? 'electron.exe' : 'electron'));
    return existsSync(path)
      ? { available: true, path }
      : { available: false, reason: `ELECTRON_OVERRIDE_DIST_PATH names ${override}, but ${path} does not exist` };
  }
  if (!named) return { available: false, reason: 'the Electron binary is not installed (node_modules/electron/path.txt is missing)' };
  const path = join(electronPackage, 'dist', named);
  return existsSync(path)
    ? { available: true, path }
    : { available: false, reason: `the Electron binary is not installed (${path} is missing)` };
}
