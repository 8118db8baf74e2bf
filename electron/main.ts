// The desktop shell's entry point: one instance, one hardened window showing app://gloss (placed
// where it was last time, light or dark with the OS), the host contract registered on IPC, the
// application menu, documents requested from the OS routed to one opener and shown once the page
// says it listens, and a quit that lets the page save what it holds and waits for pending writes.
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
  type WebContents,
} from 'electron';
import { MENU_CHANNEL, type MenuCommand } from '../annotations/contract';
import { APP_NAME } from '../annotations/node/data-dir';
import { SAMPLE_DOCUMENT } from '../annotations/node/sample';
import { GlossService, type SampleDocument } from '../annotations/node/service';
import { aboutMessageBoxOptions, aboutPanelOptions, type AboutFacts } from './about';
import { serveAppRequest } from './app-protocol';
import {
  documentPathsFromArgv,
  parseOpenFilesMessage,
  parseRecentDocuments,
  parseSecondInstanceData,
  withRecentDocument,
} from './documents';
import { OPEN_FILES_CHANNEL } from './drop-files';
import { registerHostIpc } from './ipc';
import { registerSaveIpc } from './save-files';
import { readJsonFile, writeJsonFileAtomic } from './json-file';
import { buildMenuTemplate } from './menu';
import {
  documentsReady,
  onRecentDocument,
  openDocumentFiles,
  setDocumentImporter,
  showOpenDialog,
  showOpenFolderDialog,
} from './open-documents';
import { ANSWER_CHANNEL, PAGE_READY_CHANNEL } from './page-channels';
import { createPageLink } from './page-link';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  denyPermissionCheck,
  denyPermissionRequest,
  isAppUrl,
  isExternalLinkAllowed,
  isTrustedSender,
  secureWebPreferences,
} from './security';
import type { UpdateController } from './update-controller';
import { setUpUpdates } from './updates';
import { initialWindowBounds, loadWindowState, MIN_WINDOW_SIZE, saveWindowState } from './window-state';

// Layout of the build: dist/electron/{main,preload}.cjs, dist/renderer/, dist/samples/.
const RENDERER_ROOT = join(__dirname, '../renderer');
const PRELOAD_PATH = join(__dirname, 'preload.cjs');
const SAMPLE_PATH = join(__dirname, '../samples', SAMPLE_DOCUMENT.file);

/** package.json's version, put in by the build (scripts/build.ts). */
declare const GLOSS_VERSION: string;

// Must precede 'ready': a standard, secure scheme gets a real origin (app://gloss), a secure
// context and fetch, so the page runs under the same rules as an https page.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

// Launched as `electron dist/electron/main.cjs` (development, tests) Electron never reads
// package.json, so name and data folder would be Electron's. Pin both; in a packaged build they
// are the same values Electron would have chosen. GLOSS_DATA_DIR moves the whole profile, which
// also gives every test its own single-instance lock.
app.setName(APP_NAME);
const dataDirOverride = process.env.GLOSS_DATA_DIR;
app.setPath('userData', dataDirOverride ? resolve(dataDirOverride) : join(app.getPath('appData'), APP_NAME));

// Light and dark follow the OS; the page's CSS does the rest through prefers-color-scheme.
nativeTheme.themeSource = 'system';

/** Gloss's version: package.json's, put in by the build. Started as `electron dist/electron/main.cjs`, app.getVersion() would be Electron's. */
const VERSION = typeof GLOSS_VERSION === 'string' ? GLOSS_VERSION : app.getVersion();
const RECENT_DOCUMENTS_FILE = 'recent-documents.json';
/** How long a quit waits for the page to save what it holds; a page that hangs does not keep Gloss open. */
const PAGE_FLUSH_TIMEOUT_MS = 3000;

let mainWindow: BrowserWindow | null = null;
let servicePromise: Promise<GlossService> | null = null;
let quitState: 'running' | 'flushing' | 'flushed' = 'running';
/** Set once start() is about to open the first window; from then on a request with no window open opens one. */
let started = false;
/** The OS is logging out, restarting or shutting down (see the powerMonitor 'shutdown' handler). */
let sessionEnding = false;
/** The page in the main window: commands for it wait until it listens. */
const page = createPageLink(ensureMainWindow);
/** Windows and Linux: File > Open Recent (macOS keeps its own list). */
let recentDocuments: string[] = [];
/** Checks, downloads and installs updates (see updates.ts); made in start(). */
let updates: UpdateController | null = null;

// The documents this launch was asked to open. A second launch resolves them against its own
// folder and hands them to the running Gloss, which opens them in its window.
const launchDocuments = documentPathsFromArgv(process.argv, { isPackaged: app.isPackaged });

if (!app.requestSingleInstanceLock({ documents: launchDocuments })) {
  // Another Gloss owns this data folder; it has been told to come forward (see 'second-instance').
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    focusMainWindow();
    const documents =
      parseSecondInstanceData(additionalData) ?? documentPathsFromArgv(argv, { isPackaged: app.isPackaged, cwd: workingDirectory });
    void openDocumentFiles(documents);
  });
  // macOS hands files over by event (Finder, the Dock, file associations), before 'ready' on a cold start.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void openDocumentFiles([path]);
  });
  void openDocumentFiles(launchDocuments);
  app.on('web-contents-created', (_event, contents) => harden(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) ensureMainWindow();
  });
  app.on('before-quit', (event) => {
    if (quitState === 'flushed') return;
    // macOS counts a held-back quit during logout, restart or shutdown as the app refusing, and
    // cancels the logout; the app.quit() that follows the flush does not resume it. So the quit
    // goes through at once: every change already saved is a durable journal append, and the flush
    // started here still writes whatever it reaches before the process ends.
    if (sessionEnding && process.platform === 'darwin') {
      if (quitState === 'running') void flushAndQuit();
      return;
    }
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
  app.setAboutPanelOptions(aboutPanelOptions(aboutFacts()));
  recentDocuments = parseRecentDocuments(readJsonFile(recentDocumentsFile()));
  onRecentDocument(rememberRecentDocument);
  updates = setUpUpdates({ version: VERSION, window: () => mainWindow, menuChanged: installMenu });
  installMenu();
  servicePromise = openService();
  const service = await servicePromise;
  registerHostIpc(ipcMain, service);
  registerSaveIpc(ipcMain);
  ipcMain.on(OPEN_FILES_CHANNEL, (event, payload) => {
    const paths = isTrustedSender(event.senderFrame) ? parseOpenFilesMessage(payload) : null;
    if (paths) void openDocumentFiles(paths);
  });
  // The files asked for so far (command line, macOS open-file before 'ready', a second launch)
  // are opened once the page listens: sent earlier, they would be lost.
  ipcMain.on(PAGE_READY_CHANNEL, (event) => {
    if (!isTrustedSender(event.senderFrame)) return;
    page.pageReady(event.sender);
    void documentsReady();
  });
  ipcMain.on(ANSWER_CHANNEL, (event, token, answer) => {
    if (isTrustedSender(event.senderFrame)) page.answered(event.sender, token, answer);
  });
  // Every way a file reaches Gloss ends here: the service checks and stores it, the page shows it.
  // It counts as opened (logged, added to Open Recent) only once it is in the library and the page
  // that shows it has been told; a failure reaches the opener, which reports it.
  setDocumentImporter(async (path) => {
    const file = { fileName: basename(path), dataBase64: (await readFile(path)).toString('base64') };
    // HTML is parsed by the page, through the article's schema, which then imports it and answers with its id.
    const documentId = /\.html?$/i.test(path) ? await page.importHtml(file) : (await service.importDocument(file)).id;
    await page.deliver({ kind: 'show-document', documentId });
  });
  watchSessionEnd();
  started = true;
  createWindow();
  updates.start();
}

/**
 * Logout, restart and shutdown. Linux: logind waits for Gloss while it holds the delay this
 * handler's preventDefault() takes (up to InhibitDelayMaxSec, 5 s by default, more than the
 * page's flush is given), so the ordinary quit (page flush, then the library closed) runs. macOS: see 'before-quit'. Windows emits neither this nor 'before-quit' when the session
 * ends, and gives no way to wait: what is lost there is at most a note still inside its typing
 * delay, since every saved change is already a durable journal append that the next start replays.
 */
function watchSessionEnd(): void {
  // electron.d.ts types this listener as () => void, but Electron passes an Event whose
  // preventDefault() takes the delay (docs/api/power-monitor.md).
  const onShutdown = (event: Electron.Event): void => {
    sessionEnding = true;
    if (process.platform === 'linux') {
      event.preventDefault();
      app.quit();
    }
  };
  powerMonitor.on('shutdown', onShutdown as () => void);
}

function installMenu(): void {
  const template = buildMenuTemplate({
    platform: process.platform,
    isPackaged: app.isPackaged,
    send: sendMenuCommand,
    nativeEdit: (action) => focusedContents()?.[action](),
    openDocument: () => void showOpenDialog().catch((error: unknown) => console.error('Gloss: the Open dialog failed', error)),
    openFolder: () => void showOpenFolderDialog().catch((error: unknown) => console.error('Gloss: the Open Folder dialog failed', error)),
    recentDocuments,
    openRecentDocument: (path) => void openDocumentFiles([path]),
    clearRecentDocuments: () => {
      if (process.platform === 'win32') app.clearRecentDocuments();
      recentDocuments = [];
      saveRecentDocuments();
      installMenu();
    },
    showAbout: () => void dialog.showMessageBox(aboutMessageBoxOptions(aboutFacts())),
    ...(updates && { updates: { state: updates.menu(), check: updates.checkNow, setAutomaticChecks: updates.setAutomaticChecks } }),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function aboutFacts(): AboutFacts {
  return {
    version: VERSION,
    electron: process.versions.electron ?? '',
    chrome: process.versions.chrome ?? '',
    node: process.versions.node,
    year: new Date().getFullYear(),
  };
}

function recentDocumentsFile(): string {
  return join(app.getPath('userData'), RECENT_DOCUMENTS_FILE);
}

function rememberRecentDocument(path: string): void {
  if (process.platform === 'darwin') return;
  recentDocuments = withRecentDocument(recentDocuments, path);
  saveRecentDocuments();
  installMenu();
}

function saveRecentDocuments(): void {
  try {
    writeJsonFileAtomic(recentDocumentsFile(), { recent: recentDocuments });
  } catch (error) {
    console.error('Gloss: the recent documents could not be saved:', error);
  }
}

async function openService(): Promise<GlossService> {
  return GlossService.open({
    dataDir: app.getPath('userData'),
    edition: 'desktop',
    version: VERSION,
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
  const userData = app.getPath('userData');
  const state = loadWindowState(userData);
  const win = new BrowserWindow({
    title: 'Gloss',
    show: false,
    ...initialWindowBounds(state, screen.getAllDisplays()),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    // The page's own --bg (renderer/styles.css), so a dark-mode window does not flash white while it loads.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1c1e' : '#fbfaf7',
    webPreferences: secureWebPreferences(PRELOAD_PATH),
  });
  // maximize() shows the window, so it waits for the content like show() does.
  win.once('ready-to-show', () => {
    if (state?.maximized) win.maximize();
    win.show();
  });
  // Remembered as it closes: the bounds it has when not maximised, and whether it is.
  win.on('close', () => saveWindowState(userData, { bounds: win.getNormalBounds(), maximized: win.isMaximized() }));
  // A page that fails to load never becomes ready-to-show; show the window anyway rather than
  // leave an invisible app running.
  win.webContents.once('did-fail-load', () => {
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  });
  const contents = win.webContents;
  // A reload or a crash leaves a page that has not subscribed yet: commands wait for it again.
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) page.pageGone(contents);
  });
  contents.on('render-process-gone', () => page.pageGone(contents));
  win.on('closed', () => {
    page.pageGone(contents);
    if (mainWindow === win) mainWindow = null;
  });
  win.loadURL(APP_ENTRY_URL).catch((error: unknown) => console.error('Gloss: the window could not load', error));
  mainWindow = win;
  return win;
}

/** Opens the main window when there is none (macOS keeps running without one); before start() nothing. */
function ensureMainWindow(): void {
  if (started && (!mainWindow || mainWindow.isDestroyed())) createWindow();
}

function focusMainWindow(): void {
  const win = mainWindow;
  // A window opened here shows itself once its content is ready.
  if (!win || win.isDestroyed()) return ensureMainWindow();
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/**
 * Applied to every web contents the app creates: no new windows, no leaving app://gloss, no
 * webviews. A link opened as a new window (a note's link) goes to the system browser or mail
 * client when it is http, https or mailto, and nowhere otherwise.
 */
function harden(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) {
      shell.openExternal(url).catch((error: unknown) => console.error(`Gloss: ${url} could not be opened`, error));
    }
    return { action: 'deny' };
  });
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

/**
 * Lets the page save what it holds (a note typed just now is still inside its typing delay), then
 * waits for every pending write and closes the library, then lets the quit 'before-quit' held back
 * go through. In that order: the page's own save at unload would come after the library closed.
 */
async function flushAndQuit(): Promise<void> {
  quitState = 'flushing';
  try {
    await page.flush(PAGE_FLUSH_TIMEOUT_MS);
    const service = await servicePromise;
    await service?.close();
  } catch (error) {
    console.error('Gloss: pending changes could not be written before quitting:', error);
  } finally {
    quitState = 'flushed';
    app.quit();
  }
}
