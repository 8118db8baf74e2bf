// Opening documents in the desktop shell: which files a command line names, what a dropped-files
// message may carry, the recent list, and the opener every request goes through.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { createDocumentOpener, notYetNotice, type Notice } from '../../../electron/document-opener';
import {
  DOCUMENT_EXTENSIONS,
  MAX_FILES_PER_REQUEST,
  MAX_RECENT_DOCUMENTS,
  OPEN_DIALOG_FILTERS,
  documentPathsFromArgv,
  isDocumentPath,
  parseOpenFilesMessage,
  parseRecentDocuments,
  parseSecondInstanceData,
  partitionDocumentPaths,
  withRecentDocument,
} from '../../../electron/documents';
import { OPEN_FILES_CHANNEL, installFileDropHandler, type FileDragEvent } from '../../../electron/drop-files';
import { METHOD_NAMES, channelOf } from '../../../annotations/contract';

const CWD = resolve('/home/reader/articles');

describe('documentPathsFromArgv', () => {
  it('takes every argument after the executable in a packaged app, resolved against the folder it started in', () => {
    assert.deepEqual(documentPathsFromArgv(['/opt/Gloss/gloss', 'a.txt', '../../b.md', '/tmp/c.html'], { isPackaged: true, cwd: CWD }), [
      resolve(CWD, 'a.txt'),
      resolve(CWD, '../../b.md'),
      resolve('/tmp/c.html'),
    ]);
  });

  it('skips the main script in development, wherever the switches before it are', () => {
    const expected = [resolve(CWD, 'a.txt')];
    assert.deepEqual(documentPathsFromArgv(['electron', 'dist/electron/main.cjs', 'a.txt'], { isPackaged: false, cwd: CWD }), expected);
    assert.deepEqual(
      documentPathsFromArgv(['electron', '--inspect=0', '--remote-debugging-port=0', 'dist/electron/main.cjs', 'a.txt'], {
        isPackaged: false,
        cwd: CWD,
      }),
      expected,
    );
  });

  it('skips the module a -r switch preloads, as when Playwright starts Electron', () => {
    const argv = ['electron', '-r', '/pw/loader.js', '--no-sandbox', '--inspect=0', 'dist/electron/main.cjs'];
    assert.deepEqual(documentPathsFromArgv(argv, { isPackaged: false, cwd: CWD }), []);
    assert.deepEqual(documentPathsFromArgv([...argv, 'a.md'], { isPackaged: false, cwd: CWD }), [resolve(CWD, 'a.md')]);
  });

  it('answers nothing for a plain launch', () => {
    assert.deepEqual(documentPathsFromArgv(['/opt/Gloss/gloss'], { isPackaged: true, cwd: CWD }), []);
    assert.deepEqual(documentPathsFromArgv(['electron', 'dist/electron/main.cjs'], { isPackaged: false, cwd: CWD }), []);
  });

  it('ignores switches, including those Chromium adds to a second instance and the old macOS -psn argument', () => {
    const argv = ['/opt/Gloss/gloss', '--allow-file-access-from-files', '-psn_0_12345', 'a.txt', '--original-process-start-time=1', 'b.md'];
    assert.deepEqual(documentPathsFromArgv(argv, { isPackaged: true, cwd: CWD }), [resolve(CWD, 'a.txt'), resolve(CWD, 'b.md')]);
  });

  it('reads everything after a bare -- as a path, even one that starts with a dash', () => {
    assert.deepEqual(documentPathsFromArgv(['gloss', '--', '-notes.txt'], { isPackaged: true, cwd: CWD }), [resolve(CWD, '-notes.txt')]);
  });

  it('turns the file: URLs a Linux desktop entry passes for %U into paths, and skips other URLs', () => {
    const file = resolve('/home/reader/My Article.md');
    const argv = ['gloss', pathToFileURL(file).href, 'https://example.com/a.txt', 'gloss://open', 'mailto:a@b.c'];
    assert.deepEqual(documentPathsFromArgv(argv, { isPackaged: true, cwd: CWD }), [file]);
  });

  it('keeps files of kinds Gloss does not open, so the user can be told, and drops duplicates', () => {
    assert.deepEqual(documentPathsFromArgv(['gloss', 'a.pdf', 'a.pdf', './a.pdf'], { isPackaged: true, cwd: CWD }), [
      resolve(CWD, 'a.pdf'),
    ]);
  });

  it('takes at most MAX_FILES_PER_REQUEST files', () => {
    const argv = ['gloss', ...Array.from({ length: MAX_FILES_PER_REQUEST + 5 }, (_, i) => `${i}.txt`)];
    assert.equal(documentPathsFromArgv(argv, { isPackaged: true, cwd: CWD }).length, MAX_FILES_PER_REQUEST);
  });
});

describe('isDocumentPath and the Open dialog', () => {
  it('accepts .txt, .md, .html and .docx in any case and nothing else', () => {
    for (const path of ['a.txt', 'b.MD', 'c.markdown', '/x/d.Html', 'e.htm', 'f.DOCX']) assert.ok(isDocumentPath(path), path);
    for (const path of ['a.pdf', 'b.doc', 'txt', 'folder/', 'a.txt.exe', '.md.sh']) assert.ok(!isDocumentPath(path), path);
  });

  it('offers exactly the same kinds in the Open dialog, first all together', () => {
    assert.deepEqual(
      OPEN_DIALOG_FILTERS[0]?.extensions,
      DOCUMENT_EXTENSIONS.map((ext) => ext.slice(1)),
    );
    const rest = OPEN_DIALOG_FILTERS.slice(1).flatMap((filter) => filter.extensions);
    assert.deepEqual([...rest].sort(), [...(OPEN_DIALOG_FILTERS[0]?.extensions ?? [])].sort());
  });

  it('splits requests into documents and other files', () => {
    assert.deepEqual(partitionDocumentPaths(['/a.txt', '/b.pdf', '/c.md']), { documents: ['/a.txt', '/c.md'], unsupported: ['/b.pdf'] });
  });
});

describe('parseOpenFilesMessage', () => {
  it('accepts a list of absolute paths, without duplicates', () => {
    const a = resolve('/docs/a.txt');
    assert.deepEqual(parseOpenFilesMessage([a, a, resolve('/docs/b.pdf')]), [a, resolve('/docs/b.pdf')]);
  });

  it('refuses anything else a renderer might send', () => {
    for (const payload of [
      undefined,
      null,
      'a.txt',
      [],
      ['relative.txt'],
      [resolve('/a.txt'), 42],
      [`${resolve('/a')}\0.txt`],
      [''],
      Array.from({ length: MAX_FILES_PER_REQUEST + 1 }, (_, i) => resolve(`/${i}.txt`)),
      { 0: resolve('/a.txt'), length: 1 },
    ]) {
      assert.equal(parseOpenFilesMessage(payload), null, JSON.stringify(payload));
    }
  });

  it('uses a channel no contract method can have', () => {
    assert.ok(!METHOD_NAMES.map(channelOf).includes(OPEN_FILES_CHANNEL));
  });
});

describe('parseSecondInstanceData', () => {
  it('reads the documents a second launch resolved against its own folder', () => {
    assert.deepEqual(parseSecondInstanceData({ documents: [resolve('/x/a.txt')] }), [resolve('/x/a.txt')]);
    assert.deepEqual(parseSecondInstanceData({ documents: [] }), []);
  });

  it('answers null for missing or malformed data, so the caller falls back to argv', () => {
    for (const data of [undefined, null, {}, { documents: 'a.txt' }, { documents: ['relative.txt'] }]) {
      assert.equal(parseSecondInstanceData(data), null, JSON.stringify(data));
    }
  });
});

describe('the recent list', () => {
  it('moves an opened file to the front once and keeps at most MAX_RECENT_DOCUMENTS', () => {
    assert.deepEqual(withRecentDocument(['/b.txt', '/a.txt'], '/a.txt'), ['/a.txt', '/b.txt']);
    const full = Array.from({ length: MAX_RECENT_DOCUMENTS }, (_, i) => `/${i}.txt`);
    const next = withRecentDocument(full, '/new.txt');
    assert.equal(next.length, MAX_RECENT_DOCUMENTS);
    assert.equal(next[0], '/new.txt');
    assert.ok(!next.includes(`/${MAX_RECENT_DOCUMENTS - 1}.txt`));
  });

  it('reads a stored list forgivingly, keeping only absolute document paths', () => {
    const a = resolve('/docs/a.txt');
    assert.deepEqual(parseRecentDocuments({ recent: [a, 'relative.md', resolve('/x.pdf'), 3, a] }), [a]);
    for (const bad of [null, 'x', { recent: 'x' }, []]) assert.deepEqual(parseRecentDocuments(bad), []);
  });
});

function makeOpener(importer?: (path: string) => Promise<void>) {
  const notices: Notice[] = [];
  const recent: string[] = [];
  const logs: string[] = [];
  const opener = createDocumentOpener({
    notify: async (notice) => void notices.push(notice),
    addRecentDocument: (path) => void recent.push(path),
    log: (message) => void logs.push(message),
  });
  if (importer) opener.setImporter(importer);
  return { opener, notices, recent, logs };
}

describe('createDocumentOpener', () => {
  it('says opening documents arrives with the document library while there is no importer, and logs the request', async () => {
    const { opener, notices, recent, logs } = makeOpener();
    await opener.ready();
    await opener.open(['/docs/a.txt']);
    assert.deepEqual(notices, [notYetNotice(['/docs/a.txt'])]);
    assert.match(notices[0]!.message, /document library/);
    assert.match(notices[0]!.detail, /a\.txt/);
    assert.deepEqual(recent, []);
    assert.equal(logs.length, 1);
  });

  it('holds requests that arrive before the app is ready and opens them, in order, when it is', async () => {
    const imported: string[] = [];
    const { opener } = makeOpener(async (path) => void imported.push(path));
    await opener.open(['/a.txt']);
    await opener.open(['/b.md', '/a.txt']);
    assert.deepEqual(imported, []);
    await opener.ready();
    assert.deepEqual(imported, ['/a.txt', '/b.md']);
    await opener.open(['/c.html']);
    assert.deepEqual(imported, ['/a.txt', '/b.md', '/c.html']);
  });

  it('imports each document, adds it to the recent list, and reports unsupported kinds', async () => {
    const imported: string[] = [];
    const { opener, notices, recent } = makeOpener(async (path) => void imported.push(path));
    await opener.ready();
    await opener.open(['/a.txt', '/b.pdf', '/c.md']);
    assert.deepEqual(imported, ['/a.txt', '/c.md']);
    assert.deepEqual(recent, ['/a.txt', '/c.md']);
    assert.equal(notices.length, 1);
    assert.equal(notices[0]?.type, 'warning');
    assert.match(notices[0]!.message, /b\.pdf/);
  });

  it('shows every file that failed, with its reason, and keeps the ones that opened', async () => {
    const { opener, notices, recent } = makeOpener(async (path) => {
      if (path.includes('bad')) throw new Error('The file is not UTF-8 text.');
    });
    await opener.ready();
    await opener.open(['/bad1.txt', '/good.txt', '/bad2.md']);
    assert.deepEqual(recent, ['/good.txt']);
    assert.equal(notices.length, 1);
    assert.equal(notices[0]?.type, 'error');
    assert.match(notices[0]!.message, /2 files/);
    assert.match(notices[0]!.detail, /bad1\.txt\nThe file is not UTF-8 text\./);
  });

  it('runs requests one at a time, so two drops never interleave', async () => {
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((done) => (release = done));
    const { opener } = makeOpener(async (path) => {
      events.push(`start ${path}`);
      if (path === '/slow.txt') await gate;
      events.push(`end ${path}`);
    });
    await opener.ready();
    const first = opener.open(['/slow.txt']);
    const second = opener.open(['/fast.txt']);
    await new Promise((done) => setTimeout(done, 10));
    assert.deepEqual(events, ['start /slow.txt']);
    release();
    await Promise.all([first, second]);
    assert.deepEqual(events, ['start /slow.txt', 'end /slow.txt', 'start /fast.txt', 'end /fast.txt']);
  });

  it('keeps going after a notice fails to show', async () => {
    const logs: string[] = [];
    let calls = 0;
    const opener = createDocumentOpener({
      notify: async () => {
        calls += 1;
        throw new Error('no display');
      },
      addRecentDocument: () => undefined,
      log: (message) => void logs.push(message),
    });
    await opener.ready();
    await opener.open(['/a.txt']);
    await opener.open(['/b.txt']);
    assert.equal(calls, 2);
    assert.ok(logs.some((line) => line.includes('no display')));
  });
});

describe('installFileDropHandler', () => {
  type Listener = (event: FileDragEvent) => void;

  function setUp(pathOf: (file: File) => string = (file) => `/dropped/${file.name}`) {
    const listeners = new Map<string, Listener>();
    const sent: string[][] = [];
    installFileDropHandler(
      { addEventListener: (type, listener) => void listeners.set(type, listener) },
      pathOf,
      (paths) => void sent.push(paths),
    );
    return { listeners, sent };
  }

  function dragEvent(types: string[], names: string[] = []) {
    const state = { prevented: false };
    const event: FileDragEvent = {
      dataTransfer: { types, files: names.map((name) => ({ name }) as File), dropEffect: 'none' },
      preventDefault: () => void (state.prevented = true),
    };
    return { event, state };
  }

  it('accepts dragged files and sends the paths of a drop', () => {
    const { listeners, sent } = setUp();
    const over = dragEvent(['Files']);
    listeners.get('dragover')!(over.event);
    assert.equal(over.state.prevented, true);
    assert.equal(over.event.dataTransfer?.dropEffect, 'copy');
    const drop = dragEvent(['Files'], ['a.txt', 'b.md']);
    listeners.get('drop')!(drop.event);
    assert.equal(drop.state.prevented, true);
    assert.deepEqual(sent, [['/dropped/a.txt', '/dropped/b.md']]);
  });

  it('leaves drags of text to the page', () => {
    const { listeners, sent } = setUp();
    const over = dragEvent(['text/plain']);
    listeners.get('dragover')!(over.event);
    const drop = dragEvent(['text/plain', 'text/html']);
    listeners.get('drop')!(drop.event);
    assert.equal(over.state.prevented, false);
    assert.equal(drop.state.prevented, false);
    assert.deepEqual(sent, []);
  });

  it('skips files that are not on disk and sends nothing when none are', () => {
    const { listeners, sent } = setUp((file) => (file.name === 'memory' ? '' : `/d/${file.name}`));
    listeners.get('drop')!(dragEvent(['Files'], ['memory']).event);
    listeners.get('drop')!(dragEvent(['Files'], ['memory', 'x.txt']).event);
    assert.deepEqual(sent, [['/d/x.txt']]);
  });
});
