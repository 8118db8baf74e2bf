// The desktop shell's main process as built: dist/electron/main.cjs (built fresh by the project's
// build script, into a temp folder) runs in plain Node against a recording stand-in for 'electron'
// (tests/fixtures/electron-stand-in.ts), and the test plays Electron's events and the page. The page
// is the real bridge the preload exposes (electron/bridge.ts) over the stand-in's IPC pipe, which,
// like Electron's, delivers a message only to listeners present when it arrives. What is asserted is
// what a user would see: every file asked for shows in the page, after the page said it listens, and
// a note typed just before Quit is in the data folder afterwards.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describeRange } from '../../../annotations/anchoring/anchor';
import { SAVE_PDF_CHANNEL, type MenuCommand, type ParsedBlockInput } from '../../../annotations/contract';
import type { Envelope } from '../../../annotations/errors';
import { readDataFolder } from '../../../annotations/node/store';
import type { DesktopBridge } from '../../../annotations/contract';
import { createDesktopBridge } from '../../../electron/bridge';
import { CHECK_FOR_UPDATES_ID } from '../../../electron/menu';
import { PAGE_READY_CHANNEL } from '../../../electron/page-channels';
import { createElectronStandIn, type StandInOptions, type StandInWindow } from '../../fixtures/electron-stand-in';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);
const SAMPLE_ID = 'canada-china-trust';
/** The platform this process really runs on; a test that plays macOS puts it back. */
const PLATFORM = process.platform;

let work = '';
let mainPath = '';
let electronPath = '';

before(async () => {
  work = realpathSync(mkdtempSync(join(tmpdir(), 'gloss-main-smoke-')));
  await promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/build.ts'), '--quiet'], {
    cwd: ROOT,
    env: { ...process.env, GLOSS_OUT_DIR: join(work, 'dist') },
  });
  mainPath = join(work, 'dist/electron/main.cjs');
  // Where main.cjs's require('electron') resolves; its module is seeded with the stand-in.
  electronPath = join(work, 'node_modules/electron/index.js');
  mkdirSync(dirname(electronPath), { recursive: true });
  writeFileSync(electronPath, "throw new Error('the stand-in was not seeded');\n");
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

type StandIn = ReturnType<typeof createElectronStandIn>;

/** A page in one window: the bridge it calls through and the commands its listener got. */
interface Page {
  bridge: DesktopBridge;
  shown: MenuCommand[];
}

interface Launch {
  electron: StandIn;
  dataDir: string;
  files: string;
}

async function until<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Loads a fresh main.cjs as `electron <main.cjs> ...documents` would, with a data folder of its own. */
function launch(
  name: string,
  documents: (files: string) => string[],
  options: StandInOptions & { platform?: NodeJS.Platform } = {},
): Launch {
  const dataDir = join(work, name, 'data');
  const files = join(work, name, 'files');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(files, { recursive: true });
  const electron = createElectronStandIn(options);
  // What main logs ("Gloss: opened ...") goes into the record, in order with everything else.
  const info = mock.method(console, 'info', (message: unknown) => void electron.record.push(`log: ${String(message)}`));
  after(() => info.mock.restore());
  const seeded = new Module(electronPath);
  seeded.filename = electronPath;
  seeded.loaded = true;
  seeded.exports = electron.module;
  require.cache[electronPath] = seeded;
  delete require.cache[mainPath];
  const saved = { argv: process.argv, dataDir: process.env.GLOSS_DATA_DIR };
  const signalListeners = { SIGTERM: process.listeners('SIGTERM'), SIGINT: process.listeners('SIGINT') };
  process.argv = ['/opt/electron/electron', mainPath, ...documents(files)];
  process.env.GLOSS_DATA_DIR = dataDir;
  if (options.platform) Object.defineProperty(process, 'platform', { value: options.platform });
  try {
    require(mainPath);
  } finally {
    process.argv = saved.argv;
    if (saved.dataDir === undefined) delete process.env.GLOSS_DATA_DIR;
    else process.env.GLOSS_DATA_DIR = saved.dataDir;
  }
  if (options.platform) after(() => Object.defineProperty(process, 'platform', { value: PLATFORM }));
  // Each load adds main's signal handlers to this one process; they go with its test.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const added = process.listeners(signal).filter((listener) => !signalListeners[signal].includes(listener));
    after(() => added.forEach((listener) => process.removeListener(signal, listener)));
  }
  return { electron, dataDir, files };
}

function write(files: string, name: string, text: string): string {
  const path = join(files, name);
  writeFileSync(path, text);
  return path;
}

/** The nth main window (not the hidden PDF printer), once main has opened it. */
function mainWindow(electron: StandIn, n: number): Promise<StandInWindow> {
  return until(`main window ${n}`, () => electron.windows.filter((win) => win.isMain)[n - 1]);
}

/**
 * What the page does before it subscribes, as renderer/app.ts does: asks for its first document and
 * builds the view (a real page takes far longer than these 150 ms; main, asked for a small file,
 * has long finished importing it by then).
 */
async function loadFirstDocument(bridge: DesktopBridge): Promise<void> {
  await value(bridge.openDocument({ documentId: SAMPLE_ID }));
  await new Promise((resolve) => setTimeout(resolve, 150));
}

/**
 * The page's HTML import, as renderer/main.ts registers it; the real page parses with the DOM and
 * the article schema, this one reads the plain <h1> and <p> of the test's files.
 */
function importHtmlLikeThePage(bridge: DesktopBridge): void {
  bridge.shell.onImportRequest(async ({ fileName, dataBase64 }) => {
    const html = Buffer.from(dataBase64, 'base64').toString('utf8');
    const blocks = [...html.matchAll(/<(h1|p)>([^<]+)<\/\1>/g)].map(([, tag, text]): ParsedBlockInput =>
      tag === 'h1' ? { type: 'heading', level: 1, text: text! } : { type: 'paragraph', text: text! },
    );
    if (blocks.length === 0) throw new Error(`"${fileName}" holds no text.`);
    return (await value<{ id: string }>(bridge.importParsedDocument({ fileName, blocks }))).id;
  });
}

/** The page in `win` loads its first document, then subscribes to menu commands. */
async function openPage(electron: StandIn, win: StandInWindow): Promise<Page> {
  electron.record.push(`test: window ${win.id} ready-to-show`);
  win.emit('ready-to-show');
  const bridge = createDesktopBridge(electron.connectPage(win));
  importHtmlLikeThePage(bridge);
  await loadFirstDocument(bridge);
  const shown: MenuCommand[] = [];
  bridge.shell.onMenuCommand((command) => {
    electron.record.push(`page ${win.id}: got ${command.kind}`);
    shown.push(command);
  });
  return { bridge, shown };
}

async function value<T>(envelope: Promise<unknown>): Promise<T> {
  const answer = (await envelope) as Envelope<T>;
  if (!answer.ok) throw new Error(`the host refused: ${answer.error.message}`);
  return answer.value;
}

async function titleOf(page: Page, documentId: string): Promise<string | undefined> {
  return (await value<{ id: string; title: string }[]>(page.bridge.listDocuments({}))).find((d) => d.id === documentId)?.title;
}

/** The user quits: 'before-quit' as Electron emits it, again after main's own app.quit(), then the windows close. */
async function quit(electron: StandIn): Promise<{ heldBack: boolean }> {
  const quits = electron.record.filter((line) => line === 'app: quit').length;
  let heldBack = false;
  electron.app.emit('before-quit', { preventDefault: () => (heldBack = true) });
  await until('main to quit', () => electron.record.filter((line) => line === 'app: quit').length > quits);
  electron.app.emit('before-quit', { preventDefault: () => assert.fail('the second quit is held back too') });
  for (const win of electron.windows.filter((w) => !w.destroyed)) win.close();
  return { heldBack };
}

function linesBefore(record: string[], marker: string): string[] {
  const at = record.indexOf(marker);
  assert.notEqual(at, -1, `${marker} is in the record`);
  return record.slice(0, at);
}

describe('the built main process', { timeout: 60_000 }, () => {
  it('shows the files named on the command line once the page says it listens, and only then counts them as opened', async () => {
    const { electron, dataDir } = launch('argv', (files) => [
      write(files, 'harbour-notes.txt', 'Harbour notes\n\nThe port reopened in March.\n'),
      write(files, 'tariffs.html', '<h1>Tariffs</h1><p>Duties rose.</p>'),
      write(files, 'empty.html', '<div></div>'),
    ]);
    electron.app.becomeReady();
    const win = await mainWindow(electron, 1);
    const page = await openPage(electron, win);
    await until('both files to show', () => page.shown.length === 2);
    const text = page.shown[0]!;
    assert.equal(text.kind === 'show-document' && (await titleOf(page, text.documentId)), 'Harbour notes');
    const html = page.shown[1]!;
    assert.equal(html.kind === 'show-document' && (await titleOf(page, html.documentId)), 'Tariffs');
    // The HTML file with no text is reported, and is neither logged as opened nor kept in Open Recent.
    await until('the failure to be reported', () => electron.record.includes('dialog: message \u201cempty.html\u201d could not be opened'));
    const beforeReady = linesBefore(electron.record, `page ${win.id}: send ${PAGE_READY_CHANNEL} []`);
    assert.deepEqual(
      beforeReady.filter((line) => line.includes('gloss:menu-command')),
      [],
      'nothing was sent to a page not yet listening',
    );
    assert.deepEqual(
      beforeReady.filter((line) => line.startsWith('log: Gloss: opened')),
      [],
      'nothing was logged as opened before it was',
    );
    assert.deepEqual(
      electron.record.filter((line) => line.startsWith('log: Gloss: opened')).map((line) => line.split('/').pop()),
      ['harbour-notes.txt', 'tariffs.html'],
    );
    const recent = JSON.parse(readFileSync(join(dataDir, 'recent-documents.json'), 'utf8')) as { recent: string[] };
    assert.deepEqual(
      recent.recent.map((path) => path.split('/').pop()),
      ['tariffs.html', 'harbour-notes.txt'],
    );
    await quit(electron);
  });

  it('shows the files a second launch hands over in the open window', async () => {
    const { electron, files } = launch('second-instance', () => []);
    electron.app.becomeReady();
    const win = await mainWindow(electron, 1);
    const page = await openPage(electron, win);
    const md = write(files, 'minutes.md', '# Minutes\n\nThe envoys met twice.\n');
    electron.app.emit('second-instance', {}, ['/usr/bin/gloss', md], files, { documents: [md] });
    await until('the document to show', () => page.shown.length === 1);
    const shown = page.shown[0]!;
    assert.equal(shown.kind === 'show-document' && (await titleOf(page, shown.documentId)), 'Minutes');
    assert.ok(electron.record.includes(`window ${win.id}: focus`), 'the window comes forward');
    await quit(electron);
  });

  it('on macOS, shows a file opened before ready, and opens a window for files and launches that arrive with none open', async () => {
    const { electron, files } = launch('macos', () => [], { platform: 'darwin' });
    const early = write(files, 'early.md', '# Early\n\nOpened from Finder.\n');
    electron.app.emit('open-file', { preventDefault: () => undefined }, early);
    electron.app.becomeReady();
    const first = await openPage(electron, await mainWindow(electron, 1));
    await until('the early file to show', () => first.shown.length === 1);
    const earlyShown = first.shown[0]!;
    assert.equal(earlyShown.kind === 'show-document' && (await titleOf(first, earlyShown.documentId)), 'Early');

    electron.windows[0]!.close();
    const late = write(files, 'late.txt', 'Late\n\nOpened from the Dock with no window.\n');
    electron.app.emit('open-file', { preventDefault: () => undefined }, late);
    const second = await openPage(electron, await mainWindow(electron, 2));
    await until('the late file to show', () => second.shown.length === 1);
    const lateShown = second.shown[0]!;
    assert.equal(lateShown.kind === 'show-document' && (await titleOf(second, lateShown.documentId)), 'Late');
    const recentAt = electron.record.indexOf(`app: addRecentDocument ${late}`);
    const sentAt = electron.record.findIndex((line) => line.startsWith('window 2: send gloss:menu-command'));
    assert.ok(sentAt > electron.record.indexOf(`page 2: send ${PAGE_READY_CHANNEL} []`), 'sent once the new page listens');
    assert.ok(recentAt > sentAt, 'in the recent list only once sent to the page');

    electron.windows[1]!.close();
    electron.app.emit('second-instance', {}, ['/Applications/Gloss.app/Contents/MacOS/Gloss'], files, { documents: [] });
    await mainWindow(electron, 3);
    await quit(electron);
  });

  it('maximises a window remembered maximised only when it is ready to show', async () => {
    const { electron } = launch('maximised', () => [], {});
    const state = { bounds: { x: 100, y: 80, width: 1000, height: 700 }, maximized: true };
    writeFileSync(join(work, 'maximised/data/window-state.json'), JSON.stringify(state));
    electron.app.becomeReady();
    const win = await mainWindow(electron, 1);
    await until('the page to start loading', () => electron.record.some((line) => line.startsWith(`window ${win.id}: loadURL`)));
    await openPage(electron, win);
    const own = (lines: string[]) => lines.filter((line) => /: (show|maximize)$/.test(line) && line.startsWith(`window ${win.id}:`));
    assert.deepEqual(own(linesBefore(electron.record, `test: window ${win.id} ready-to-show`)), []);
    assert.deepEqual(own(electron.record), [`window ${win.id}: maximize`, `window ${win.id}: show`]);
    await quit(electron);
  });

  it("prints a PDF on the paper of the user's region, not of the UI language", async () => {
    const savePath = join(work, 'report.pdf');
    const { electron } = launch('pdf', () => [], { locale: 'fr', countryCode: 'CA', savePath });
    electron.app.becomeReady();
    const page = await openPage(electron, await mainWindow(electron, 1));
    assert.equal(electron.ipcMain.handlers.has(SAVE_PDF_CHANNEL), true);
    const saved = await value<{ path: string }>(page.bridge.shell.savePdf({ defaultName: 'report.pdf', html: '<h1>Report</h1>' }));
    assert.equal(saved.path, savePath);
    assert.equal(readFileSync(savePath, 'utf8'), '%PDF-1.7 stand-in');
    const printed = electron.record.find((line) => line.includes(': printToPDF '));
    assert.match(printed ?? '', /"pageSize":"Letter"/);
    const printer = electron.windows.find((win) => !win.isMain);
    assert.equal(printer?.options.webPreferences?.javascript, false);
    assert.equal(printer?.destroyed, true, 'the hidden printing window is gone');
    await quit(electron);
  });

  it('keeps a note typed just before Quit', async () => {
    const { electron, dataDir } = launch('quit', () => []);
    electron.app.becomeReady();
    const page = await openPage(electron, await mainWindow(electron, 1));
    const { document } = await value<{ document: { text: string } }>(page.bridge.openDocument({ documentId: SAMPLE_ID }));
    const quote = 'China and Canada are actively working';
    const start = document.text.indexOf(quote);
    const target = { source: SAMPLE_ID, selector: describeRange(document.text, start, start + quote.length) };
    const { id } = await value<{ id: string }>(page.bridge.createAnnotation({ documentId: SAMPLE_ID, target, themes: ['trade'] }));
    // The page's note field: typed, still inside its typing delay; saved when asked, or at unload.
    let pending: string | null = 'Typed a moment before Cmd+Q.';
    const saveNote = async (): Promise<void> => {
      if (pending === null) return;
      const note = pending;
      pending = null;
      await page.bridge.updateAnnotation({ id, note });
    };
    page.bridge.shell.onFlushRequest(saveNote);
    const { heldBack } = await quit(electron);
    // The page would try again from beforeunload as its window closes, but by then the quit has
    // gone through and the process ends: what is on disk now is what the user finds next time.
    assert.equal(heldBack, true, 'the first quit waits for the writes');
    const { raw } = await readDataFolder(dataDir);
    const annotations = (raw as { annotations: { id: string; note?: string }[] }).annotations;
    assert.equal(annotations.find((a) => a.id === id)?.note, 'Typed a moment before Cmd+Q.');
  });

  it('lets a macOS logout through, and on Linux quits at shutdown while logind waits', async () => {
    const mac = launch('logout-mac', () => [], { platform: 'darwin' });
    mac.electron.app.becomeReady();
    await openPage(mac.electron, await mainWindow(mac.electron, 1));
    mac.electron.powerMonitor.emit('shutdown', { preventDefault: () => assert.fail('macOS shutdown is not delayed') });
    let heldBack = false;
    mac.electron.app.emit('before-quit', { preventDefault: () => (heldBack = true) });
    assert.equal(heldBack, false, 'holding the quit back would cancel the logout');
    await until('the library to be closed', () => mac.electron.record.includes('app: quit'));

    const linux = launch('shutdown-linux', () => [], { platform: 'linux' });
    linux.electron.app.becomeReady();
    await openPage(linux.electron, await mainWindow(linux.electron, 1));
    let delayed = false;
    linux.electron.powerMonitor.emit('shutdown', { preventDefault: () => (delayed = true) });
    assert.equal(delayed, true);
    assert.ok(linux.electron.record.includes('app: quit'));
    assert.equal((await quit(linux.electron)).heldBack, true, 'the ordinary quit, with its flush, runs');
  });

  it('answers Help > Check for Updates in a development run with why it does not update, and asks no server', async () => {
    const { electron, dataDir } = launch('updates', () => []);
    electron.app.becomeReady();
    await openPage(electron, await mainWindow(electron, 1));
    const help = electron.applicationMenu().find((item) => item.role === 'help');
    const check = (help?.submenu as { id?: string; click?: () => void }[] | undefined)?.find((item) => item.id === CHECK_FOR_UPDATES_ID);
    assert.ok(check?.click, 'Help has Check for Updates');
    check.click();
    await until('the answer', () => electron.record.includes('dialog: message Updates are for installed builds.'));
    assert.deepEqual(
      readdirSync(dataDir).filter((name) => name.includes('update')),
      [],
      'no update state for a copy that does not update',
    );
    await quit(electron);
  });
});
