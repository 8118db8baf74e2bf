// Where Gloss keeps its data when nobody says otherwise: the same folder as Electron's userData for "Gloss".
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The application name that Electron's userData folder is named after. */
export const APP_NAME = 'Gloss';

/** Electron's appData folder for a platform, joined with the app name (userData). */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME);
}
