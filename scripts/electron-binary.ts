// Finds the Electron executable the way node_modules/electron/index.js does, but never downloads it:
// where the binary is absent the Electron end-to-end tests skip with a reason instead.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The Electron executable, or why there is none. */
export type ElectronBinary = { available: true; executablePath: string } | { available: false; reason: string };

/** Why the Electron tests skip when the binary is missing. */
export const MISSING_BINARY_REASON =
  'Electron binary not installed (node_modules/electron/path.txt missing or names a missing file); Electron end-to-end tests skipped';

/** The installed electron package's folder, found through its package.json (which, unlike its index.js, runs nothing). */
export function electronPackageDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * Resolves the executable as electron's index.js would: path.txt names it relative to the
 * package's dist folder, or relative to ELECTRON_OVERRIDE_DIST_PATH when that is set (where a
 * missing path.txt means "electron").
 */
export function findElectronBinary(packageDir: string | null = electronPackageDir(), env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const missing: ElectronBinary = { available: false, reason: MISSING_BINARY_REASON };
  if (!packageDir) return missing;
  const pathFile = join(packageDir, 'path.txt');
  const named = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  let executablePath: string;
  if (override) executablePath = join(override, named || 'electron');
  else if (named) executablePath = join(packageDir, 'dist', named);
  else return missing;
  return existsSync(executablePath) ? { available: true, executablePath } : missing;
}

/**
 * Why the desktop window cannot open for this user, or null. On Linux Chromium will not start its
 * sandboxed processes as root, and Gloss keeps the sandbox on (app.enableSandbox() even drops a
 * --no-sandbox switch), so Electron would abort. ELECTRON_DISABLE_SANDBOX, set by the user, is
 * their choice to run without the OS sandbox, and is respected.
 */
export function rootSandboxProblem(uid: number | undefined, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string | null {
  if (platform !== 'linux' || uid !== 0 || env.ELECTRON_DISABLE_SANDBOX) return null;
  return 'Chromium will not run its sandbox as root (run Gloss as a normal user, or set ELECTRON_DISABLE_SANDBOX=1 to go without it)';
}
