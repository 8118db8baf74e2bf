// Updates in the running app: finds how this copy was installed, makes electron-updater's updater
// for it (AppImage, NSIS or macOS, over the GitHub release feed named in the app-update.yml that
// electron-builder puts in resources/), and hands the update controller the real clock, the
// settings file in userData, native message boxes and the window's taskbar progress.
import { existsSync, readFileSync } from 'node:fs';
import { app, dialog, type BrowserWindow } from 'electron';
import { AppImageUpdater, MacUpdater, NsisUpdater, type AppUpdater, type Logger } from 'electron-updater';
import { ElectronAppAdapter } from 'electron-updater/out/ElectronAppAdapter';
import { detectInstall, SELF_UPDATING, type InstallKind } from './install-kind';
import { createUpdateController, type Clock, type UpdateController } from './update-controller';
import { updateSettingsFile } from './update-settings';

/**
 * An app-update.yml to use instead of the packaged one, for an unpackaged Gloss only (the
 * Electron e2e test points it at a server on 127.0.0.1); a packaged build ignores it.
 */
export const UPDATE_CONFIG_ENV = 'GLOSS_UPDATE_CONFIG';

/** What the updates need from main. */
export interface UpdatesOptions {
  /** Gloss's version (an unpackaged run's app.getVersion() is Electron's). */
  version: string;
  /** The window whose taskbar shows the download and which message boxes belong to. */
  window(): BrowserWindow | null;
  /** Rebuilds the menu, whose update item shows where things stand. */
  menuChanged(): void;
}

/** electron-updater's view of the app, with Gloss's version rather than Electron's. */
class GlossAppAdapter extends ElectronAppAdapter {
  constructor(private readonly glossVersion: string) {
    super(app);
  }
  override get version(): string {
    return this.glossVersion;
  }
}

const logger: Logger = {
  info: (message: unknown) => console.info(`Gloss updater: ${String(message)}`),
  warn: (message: unknown) => console.warn(`Gloss updater: ${String(message)}`),
  error: (message: unknown) => console.error(`Gloss updater: ${String(message)}`),
};

function createUpdater(install: InstallKind, version: string, configOverride: string | undefined): AppUpdater {
  const adapter = new GlossAppAdapter(version);
  const updater =
    install === 'nsis'
      ? new NsisUpdater(null, adapter)
      : install === 'mac'
        ? new MacUpdater(undefined, adapter)
        : new AppImageUpdater(null, adapter);
  updater.logger = logger;
  if (configOverride) {
    updater.forceDevUpdateConfig = true;
    updater.updateConfigPath = configOverride;
  }
  return updater;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The update controller for this copy of Gloss; call start() once the window is open. */
export function setUpUpdates(options: UpdatesOptions): UpdateController {
  const configOverride = app.isPackaged ? undefined : process.env[UPDATE_CONFIG_ENV] || undefined;
  const install = detectInstall({
    platform: process.platform,
    isPackaged: app.isPackaged || configOverride !== undefined,
    execPath: process.execPath,
    env: process.env,
    readText,
    exists: existsSync,
  });
  return createUpdateController({
    install,
    version: options.version,
    updater: SELF_UPDATING.has(install) ? createUpdater(install, options.version, configOverride) : null,
    clock: systemClock,
    settings: updateSettingsFile(app.getPath('userData')),
    shell: {
      async showMessage(message) {
        const win = options.window();
        const { response } = win && !win.isDestroyed() ? await dialog.showMessageBox(win, message) : await dialog.showMessageBox(message);
        return response;
      },
      setProgress(fraction) {
        const win = options.window();
        if (win && !win.isDestroyed()) win.setProgressBar(fraction ?? -1);
      },
      menuChanged: options.menuChanged,
      log: (message, error) => console.error(`Gloss: ${message}:`, error ?? ''),
    },
  });
}
