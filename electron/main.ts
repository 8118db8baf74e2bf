// The desktop shell's entry point: one instance, one hardened window showing app://gloss, the
// host contract registered on IPC, the application menu, and a quit that waits for pending writes.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, type WebContents } from 'electron';
import { MENU_CHANNEL, type MenuCommand } from '../annotations/contract';
import { APP_NAME } from '../annotations/node/data-dir';
import { SAMPLE_DOCUMENT } from '../annotations/node/sample';
import { GlossService, type SampleDocument } from '../annotations/node/service';
import { serveAppRequest } from './app-protocol';
import { registerHostIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  denyPermissionCheck,
  denyPermissionRequest,
  isAppUrl,
  secureWebPreferences,
} from './security';

// Layout of the build: dist/electron/{main,preload}.cjs, dist/renderer/, dist/samples/.
const RENDERER_ROOT = join(__dirname, '../renderer');
const PRELOAD_PATH = join(__dirname, 'preload.cjs');
const SAMPLE_PATH = join(__dirname, '../samples', SAMPLE_DOCUMENT.file);

/** package.json's version, put in by the build (scripts/build.ts). */
declare const GLOSS_VERSION: string;

// Must precede 'ready': a standard, secure scheme gets a real origin (app://gloss), a secure
// context and fetch, so the page runs under the same rules as an https page.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

// Launched as `electron dist/electron/main.cjs` (development, tests) Electron never reads
// package.json, so name and data folder would be Electron's. Pin both; in a packaged build they
// are the same values Electron would have chosen. GLOSS_DATA_DIR moves the whole profile, which
// also gives every test its own single-instance lock.
app.setName(APP_NAME);
const dataDirOverride = process.env.GLOSS_DATA_DIR;
app.setPath('userData', dataDirOverride ? resolve(dataDirOverride) : join(app.getPath('appData'), APP_NAME));

let mainWindow: BrowserWindow | null = null;
let servicePromise: Promise<GlossService> | null = null;
let quitState: 'running' | 'flushing' | 'flushed' = 'running';

if (!app.requestSingleInstanceLock()) {
  // Another Gloss owns this data folder; it has been told to come forward (see 'second-instance').
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => harden(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (servicePromise && BrowserWindow.getAllWindows().length === 0) void servicePromise.then(() => createWindow(), () => undefined);
  });
  app.on('before-quit', (event) => {
    if (quitState === 'flushed') return;
    event.preventDefault();
    if (quitState === 'running') void flushAndQuit();
  });
  process.once('SIGTERM', () => app.quit());
  process.once('SIGINT', () => app.quit());
  app.whenReady().then(start).catch(failToStart);
}

async function start(): Promise<void> {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler(denyPermissionRequest);
  ses.setPermissionCheckHandler(denyPermissionCheck);
  ses.setDevicePermissionHandler(() => false);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(RENDERER_ROOT, request));
  const template = buildMenuTemplate({
    platform: process.platform,
    isPackaged: app.isPackaged,
    send: sendMenuCommand,
    nativeEdit: (action) => focusedContents()?.[action](),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  servicePromise = openService();
  registerHostIpc(ipcMain, await servicePromise);
  createWindow();
}

async function openService(): Promise<GlossService> {
  return GlossService.open({
    dataDir: app.getPath('userData'),
    edition: 'desktop',
    // Started as `electron dist/electron/main.cjs`, app.getVersion() would be Electron's own version.
    version: typeof GLOSS_VERSION === 'string' ? GLOSS_VERSION : app.getVersion(),
    samples: await readSamples(),
  });
}

/** The bundled sample; a build without it still starts, with an empty library. */
async function readSamples(): Promise<SampleDocument[]> {
  try {
    return [{ id: SAMPLE_DOCUMENT.id, source: SAMPLE_DOCUMENT.file, text: await readFile(SAMPLE_PATH, 'utf8') }];
  } catch (error) {
    console.error(`Gloss: the sample article could not be read from ${SAMPLE_PATH}:`, error);
    return [];
  }
}

function failToStart(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error('Gloss could not start:', error);
  dialog.showErrorBox('Gloss could not start', `${message}\n\nData folder: ${app.getPath('userData')}`);
  app.exit(1);
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Gloss',
    show: false,
    width: 1280,
    height: 860,
    minWidth: 640,
    minHeight: 480,
    webPreferences: secureWebPreferences(PRELOAD_PATH),
  });
  win.once('ready-to-show', () => win.show());
  // A page that fails to load never becomes ready-to-show; show the window anyway rather than
  // leave an invisible app running.
  win.webContents.once('did-fail-load', () => {
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.loadURL(APP_ENTRY_URL).catch((error: unknown) => console.error('Gloss: the window could not load', error));
  mainWindow = win;
  return win;
}

function focusMainWindow(): void {
  const win = mainWindow;
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/** Applied to every web contents the app creates: no new windows, no leaving app://gloss, no webviews. */
function harden(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayOnApp = (event: { url: string; preventDefault(): void }): void => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-frame-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The page menu commands go to: the focused window's, else the main window's. */
function focusedContents(): WebContents | null {
  const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
  return target && !target.isDestroyed() ? target.webContents : null;
}

function sendMenuCommand(command: MenuCommand): void {
  focusedContents()?.send(MENU_CHANNEL, command);
}

/** Waits for every pending write, then lets the quit that 'before-quit' held back go through. */
async function flushAndQuit(): Promise<void> {
  quitState = 'flushing';
  try {
    const service = await servicePromise;
    await service?.close();
  } catch (error) {
    console.error('Gloss: pending changes could not be written before quitting:', error);
  } finally {
    quitState = 'flushed';
    app.quit();
  }
}
