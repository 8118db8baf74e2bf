// File > Open Folder… in the desktop app: which files of a folder it opens (electron/document-opener.ts
// documentsInFolder), over a real folder on disk.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { documentsInFolder } from '../../../electron/document-opener';
import { buildMenuTemplate } from '../../../electron/menu';

test('opens every article of a folder and its sub-folders in path order, leaving out hidden and other files', async () => {
  const root = await mkdtemp(join(tmpdir(), 'gloss-open-folder-'));
  try {
    await mkdir(join(root, 'b-more', '.git'), { recursive: true });
    for (const name of ['c.txt', 'a.MD', 'notes.pdf', '.hidden.txt', 'b-more/d.docx', 'b-more/e.html', 'b-more/.git/f.txt']) {
      await writeFile(join(root, name), 'x');
    }
    const found = await documentsInFolder(root, (path) => readdir(path, { withFileTypes: true }));
    assert.deepEqual(
      found.map((p) => p.slice(root.length + 1)),
      ['a.MD', 'b-more/d.docx', 'b-more/e.html', 'c.txt'],
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('lists Open Folder… under Open… in the File menu when the shell offers it', () => {
  const calls: string[] = [];
  const template = buildMenuTemplate({
    platform: 'linux',
    isPackaged: false,
    send: () => undefined,
    nativeEdit: () => undefined,
    openDocument: () => calls.push('open'),
    openFolder: () => calls.push('folder'),
    openRecentDocument: () => undefined,
    clearRecentDocuments: () => undefined,
    showAbout: () => undefined,
  });
  const file = template.find((m) => m.label === 'File')!;
  const items = (file.submenu as Array<{ label?: string; click?: () => void }>).filter((i) => i.label);
  assert.deepEqual(
    items.slice(0, 2).map((i) => i.label),
    ['Open\u2026', 'Open Folder\u2026'],
  );
  items[1]!.click!();
  assert.deepEqual(calls, ['folder']);
});
