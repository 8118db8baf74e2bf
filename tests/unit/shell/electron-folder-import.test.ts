// File > Open Folder… in the desktop app (electron/folder-import.ts): a real folder with a bad file among good ones
// imported into a real library, the page told how far it has come before each file and then what failed and why,
// every command passing the preload's check (electron/menu-command.ts) on its way to the page.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import type { MenuCommand } from '../../../annotations/contract';
import { GlossService } from '../../../annotations/node/service';
import { documentsInFolder } from '../../../electron/document-opener';
import { importFolder, shownName } from '../../../electron/folder-import';
import { parseMenuCommand } from '../../../electron/menu-command';

let root = '';
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-folder-import-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

test('imports a folder with a bad file among good ones, telling the page each step, then showing the last good one and why the bad one failed', async () => {
  const folder = join(root, 'articles');
  await mkdir(join(folder, 'more'), { recursive: true });
  await writeFile(join(folder, 'alpha.txt'), 'Alpha article\nTariffs rose.');
  await writeFile(join(folder, 'empty.txt'), '');
  await writeFile(join(folder, 'more', 'beta.md'), '# Beta article\n\nSecurity *matters*.');
  const paths = await documentsInFolder(folder, (path) => readdir(path, { withFileTypes: true }));
  const service = await GlossService.open({ dataDir: join(root, 'data'), edition: 'desktop', version: 'test', lock: false });
  const told: MenuCommand[] = [];
  try {
    const outcome = await importFolder(folder, paths, {
      add: async (path) =>
        (await service.importDocument({ fileName: basename(path), dataBase64: (await readFile(path)).toString('base64') })).id,
      // What the page receives is what the preload lets through.
      tell: async (command) => void told.push(parseMenuCommand(JSON.parse(JSON.stringify(command)))!),
      log: () => undefined,
    });
    const library = await service.listDocuments({});
    const beta = library.find((d) => d.title === 'Beta article')!;
    assert.deepEqual(
      library.map((d) => d.title),
      ['Alpha article', 'Beta article'],
    );
    assert.deepEqual(told, [
      { kind: 'import-progress', done: 0, total: 3, name: 'articles/alpha.txt' },
      { kind: 'import-progress', done: 1, total: 3, name: 'articles/empty.txt' },
      { kind: 'import-progress', done: 2, total: 3, name: 'articles/more/beta.md' },
      { kind: 'show-document', documentId: beta.id },
      { kind: 'import-finished', opened: 2, total: 3, failures: [{ name: 'articles/empty.txt', reason: '"empty.txt" is empty.' }] },
    ]);
    assert.equal(outcome.opened.length, 2);
  } finally {
    await service.close();
  }
});

test('sends the summary even when no file opened, and shows no document then', async () => {
  const told: MenuCommand[] = [];
  await importFolder('/x/articles', ['/x/articles/a.txt'], {
    add: () => Promise.reject(new Error('it cannot be read (EACCES)')),
    tell: async (command) => void told.push(command),
    log: () => undefined,
  });
  assert.deepEqual(told.at(-1), {
    kind: 'import-finished',
    opened: 0,
    total: 1,
    failures: [{ name: 'articles/a.txt', reason: 'it cannot be read (EACCES)' }],
  });
  assert.equal(
    told.some((c) => c.kind === 'show-document'),
    false,
  );
});

test('names files by their path from the folder’s parent, as a browser folder picker does', () => {
  assert.equal(shownName('/home/ana/articles', '/home/ana/articles/more/b.md'), 'articles/more/b.md');
});

test('the preload refuses progress and summaries that are not of their shape', () => {
  assert.equal(parseMenuCommand({ kind: 'import-progress', done: -1, total: 3, name: 'a' }), null);
  assert.equal(parseMenuCommand({ kind: 'import-progress', done: 1.5, total: 3, name: 'a' }), null);
  assert.equal(parseMenuCommand({ kind: 'import-finished', opened: 1, total: 1, failures: [{ name: 'a' }] }), null);
  assert.equal(parseMenuCommand({ kind: 'import-finished', opened: 1, total: 1, failures: 'none' }), null);
  assert.deepEqual(parseMenuCommand({ kind: 'import-progress', done: 0, total: 1, name: 'a', extra: 1 }), {
    kind: 'import-progress',
    done: 0,
    total: 1,
    name: 'a',
  });
});
