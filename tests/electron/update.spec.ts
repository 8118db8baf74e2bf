// End-to-end tests of updating, in the real Electron binary against a stand-in for the GitHub
// release on 127.0.0.1 (tests/fixtures/update-server.ts): Help > Check for Updates finds a newer
// version, downloads it with progress, offers Restart to Update and restarts into the new AppImage;
// a damaged download installs nothing; the automatic check at start asks the server and remembers
// when. Gloss runs as an AppImage would (APPIMAGE names the image, here a file of the test's) with
// GLOSS_UPDATE_CONFIG pointing electron-updater at the server. Skipped without the binary, and off
// Linux (the AppImage path is Linux's; NSIS and macOS installs need a signed, installed build).
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { findElectronBinary, rootSandboxProblem } from '../../scripts/electron-binary';
import { startUpdateServer, type UpdateServer, type UpdateServerOptions } from '../fixtures/update-server';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN_SCRIPT = fileURLToPath(new URL('../../dist/electron/main.cjs', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** A version newer than the running one. */
const NEWER = VERSION.replace(/^(\d+)\.(\d+)\..*$/, (_all, major: string, minor: string) => `${major}.${Number(minor) + 1}.0`);

const binary = findElectronBinary();
test.skip(!binary.available, binary.available ? '' : binary.reason);
test.skip(process.platform !== 'linux', 'the AppImage update path runs on Linux; NSIS and macOS updates need an installed, signed build');

const running: ElectronApplication[] = [];
const servers: UpdateServer[] = [];
test.afterEach(async () => {
  for (const app of running.splice(0)) await app.close().catch(() => undefined);
  for (const server of servers.splice(0)) await server.close();
});

/** The "new AppImage": a script that, started by the updater after the restart, says so in a file. */
function newAppImage(marker: string): Buffer {
  return Buffer.from(`#!/bin/sh\necho "started $*" > '${marker}'\n`);
}

interface Installed {
  app: ElectronApplication;
  /** The running "AppImage" (APPIMAGE). */
  appImage: string;
  dataDir: string;
}

/** Starts Gloss as the AppImage `dir`/Gloss-<VERSION>-x86_64.AppImage, updating from `server`. */
async function launchInstalled(dir: string, server: UpdateServer, settings?: object): Promise<Installed> {
  if (!binary.available) throw new Error('unreachable: the suite skips without a binary');
  expect(existsSync(MAIN_SCRIPT), `${MAIN_SCRIPT} is missing; build the app first`).toBe(true);
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  if (settings) writeFileSync(join(dataDir, 'update-settings.json'), JSON.stringify(settings));
  const appImage = join(dir, 'Applications', `Gloss-${VERSION}-x86_64.AppImage`);
  mkdirSync(dirname(appImage), { recursive: true });
  writeFileSync(appImage, 'the installed AppImage', { mode: 0o755 });
  const config = join(dir, 'app-update.yml');
  writeFileSync(config, server.appUpdateYml('gloss-updater-test'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  Object.assign(env, { GLOSS_DATA_DIR: dataDir, GLOSS_UPDATE_CONFIG: config, APPIMAGE: appImage, XDG_CACHE_HOME: join(dir, 'cache') });
  if (rootSandboxProblem(process.getuid?.(), process.platform, process.env)) env.ELECTRON_DISABLE_SANDBOX = '1';
  const app = await electron.launch({ executablePath: binary.executablePath, args: [MAIN_SCRIPT], cwd: REPO_ROOT, env });
  running.push(app);
  await app.firstWindow();
  return { app, appImage, dataDir };
}

interface Shown {
  message: string;
  detail: string;
  buttons: string[];
}

/**
 * Stands in for the user at Gloss's message boxes (recorded, answered with the button labelled
 * `answer`) and records the window's taskbar progress.
 */
async function watchTheUser(app: ElectronApplication, answer: string): Promise<void> {
  await app.evaluate(({ dialog, BrowserWindow }, answer) => {
    const seen = globalThis as unknown as { shown: Shown[]; progress: number[] };
    seen.shown = [];
    seen.progress = [];
    const showMessageBox = async (...args: unknown[]): Promise<Electron.MessageBoxReturnValue> => {
      const options = args.at(-1) as Electron.MessageBoxOptions;
      seen.shown.push({ message: options.message, detail: options.detail ?? '', buttons: options.buttons ?? [] });
      return { response: Math.max(0, (options.buttons ?? []).indexOf(answer)), checkboxChecked: false };
    };
    dialog.showMessageBox = showMessageBox as typeof dialog.showMessageBox;
    const win = BrowserWindow.getAllWindows()[0]!;
    const setProgressBar = win.setProgressBar.bind(win);
    win.setProgressBar = (progress, options) => {
      seen.progress.push(progress);
      setProgressBar(progress, options);
    };
  }, answer);
}

async function shown(app: ElectronApplication): Promise<Shown[]> {
  return app.evaluate(() => (globalThis as unknown as { shown: Shown[] }).shown);
}

/**
 * Serves `options` from an update server, starts Gloss installed in `dir` with automatic checks off,
 * and clicks Help > Check for Updates with the user answering `answer`.
 */
async function checkFromTheMenu(dir: string, options: UpdateServerOptions, answer: string): Promise<Installed & { server: UpdateServer }> {
  const server = await startUpdateServer(options);
  servers.push(server);
  const installed = await launchInstalled(dir, server, { automaticChecks: false, lastCheckedAt: null });
  await watchTheUser(installed.app, answer);
  await installed.app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('check-for-updates')?.click());
  return { ...installed, server };
}

test('downloads a newer version with progress, offers Restart to Update, and restarts into it', async ({}, testInfo) => {
  const dir = testInfo.outputPath('update');
  const marker = join(dir, 'new-version-started');
  const options = { version: NEWER, appImage: newAppImage(marker), releaseNotes: '<ul><li>Faster export</li></ul>' };
  const { app, appImage, server } = await checkFromTheMenu(dir, options, 'Restart to Update');
  await expect
    .poll(async () => (await shown(app)).map((m) => m.message), { timeout: 30_000 })
    .toEqual([`Gloss ${NEWER} is available.`, `Gloss ${NEWER} is ready to install.`]);
  const ready = (await shown(app))[1]!;
  expect(ready.buttons).toEqual(['Restart to Update', 'Later']);
  expect(ready.detail).toContain('• Faster export');
  // The updater quits Gloss, puts the new AppImage where the old one was and starts it.
  await expect.poll(() => existsSync(marker), { timeout: 30_000 }).toBe(true);
  const installed = join(dirname(appImage), server.fileName);
  expect(readdirSync(dirname(appImage))).toEqual([server.fileName]);
  expect(readFileSync(installed, 'utf8')).toContain('#!/bin/sh');
  // The feed, then the file (electron-updater may first try a differential download of it).
  expect([...new Set(server.requests)]).toEqual(['/latest-linux.yml', `/${server.fileName}`]);
});

test('shows the download in the taskbar and the menu, and installs nothing when the user says Later', async ({}, testInfo) => {
  const dir = testInfo.outputPath('later');
  const { app, appImage } = await checkFromTheMenu(dir, { version: NEWER, appImage: Buffer.alloc(256 * 1024, 7) }, 'Later');
  await expect.poll(async () => (await shown(app)).length, { timeout: 30_000 }).toBe(2);
  const progress = await app.evaluate(() => (globalThis as unknown as { progress: number[] }).progress);
  expect(progress[0]).toBe(0);
  expect(progress.at(-1)).toBe(-1);
  const label = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('check-for-updates')?.label);
  expect(label).toBe('Restart to Update\u2026');
  expect(readFileSync(appImage, 'utf8')).toBe('the installed AppImage');
});

test('installs nothing from a download that does not match its checksum, and says nothing was changed', async ({}, testInfo) => {
  const dir = testInfo.outputPath('damaged');
  const { app, appImage } = await checkFromTheMenu(
    dir,
    { version: NEWER, appImage: Buffer.from('#!/bin/sh\nexit 0\n'), damaged: true },
    'Restart to Update',
  );
  await expect
    .poll(async () => (await shown(app)).map((m) => m.message), { timeout: 30_000 })
    .toEqual([`Gloss ${NEWER} is available.`, 'The update could not be downloaded.']);
  expect((await shown(app))[1]!.detail).toContain(`Nothing was changed: Gloss ${VERSION} stays installed.`);
  expect(readdirSync(dirname(appImage))).toEqual([`Gloss-${VERSION}-x86_64.AppImage`]);
  expect(readFileSync(appImage, 'utf8')).toBe('the installed AppImage');
});

test('checks by itself soon after the first start, and remembers when', async ({}, testInfo) => {
  const dir = testInfo.outputPath('automatic');
  // The feed names the running version: nothing to download, nothing to say.
  const server = await startUpdateServer({ version: VERSION, appImage: Buffer.from('same') });
  servers.push(server);
  const before = Date.now();
  const { app, dataDir } = await launchInstalled(dir, server);
  await watchTheUser(app, 'Later');
  await expect.poll(() => server.requests, { timeout: 30_000 }).toEqual(['/latest-linux.yml']);
  const settingsFile = join(dataDir, 'update-settings.json');
  await expect.poll(() => existsSync(settingsFile)).toBe(true);
  const settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as { automaticChecks: boolean; lastCheckedAt: number };
  expect(settings.automaticChecks).toBe(true);
  expect(settings.lastCheckedAt).toBeGreaterThanOrEqual(before);
  expect(await shown(app)).toEqual([]);
});
