// Moving a folder from the single data file to the split layout (layout-migration.ts): the library seen the same
// before and after, the original data file kept, and a crash at any point of the move losing nothing.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { describeRange } from '../../../annotations/anchoring/anchor';
import { nodeFileOps, type FileOps } from '../../../annotations/node/file-ops';
import { DATA_FILE_NAME, GlossService } from '../../../annotations/node/service';
import { DOCUMENTS_DIR, LIBRARY_FILE_NAME } from '../../../annotations/node/split-layout';

const TEXTS = [
  'Tariffs\n\nTrade talks resumed on tariffs. Security was discussed at length.',
  'Envoys\n\nDiplomacy returned with envoys. Trade followed the envoys home.',
];

let root = '';
/** A folder in the single data file, with a journal of changes not folded in yet, and what its data file holds. */
let original = '';
let originalBytes: Buffer;
let expected: unknown;

function open(dataDir: string, layout: 'single' | 'split', fs: FileOps = nodeFileOps): Promise<GlossService> {
  return GlossService.open({ dataDir, edition: 'browser', version: 'test', lock: false, layout, fs, journal: { idleCompactMs: false } });
}

/** What a user sees of a library: each document listed, and read with its highlights. */
async function view(service: GlossService): Promise<unknown> {
  const listed = await service.listDocuments({});
  const read: unknown[] = [];
  await service.forEachDocumentData(({ document, annotations }) => void read.push({ document, annotations }));
  return { listed, read, codebook: await service.getCodebook({}) };
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-migration-'));
  original = join(root, 'original');
  const building = join(root, 'building');
  const service = await open(building, 'single');
  for (const [i, text] of TEXTS.entries()) {
    const { id } = await service.importDocument({ fileName: `doc-${i}.txt`, dataBase64: Buffer.from(text).toString('base64') });
    const { document } = await service.openDocument({ documentId: id });
    for (const quote of ['Trade', 'envoys', 'Security']) {
      const start = document.text.indexOf(quote);
      if (start < 0) continue;
      const target = { source: id, selector: describeRange(document.text, start, start + quote.length) };
      await service.createAnnotation({ documentId: id, target, themes: ['trade'], note: `on ${quote}` });
    }
    await service.undo({ documentId: id });
  }
  expected = await view(service);
  // Copied while Gloss still runs: the data file with a journal of the latest changes, as a crash leaves it.
  await cp(building, original, { recursive: true });
  await service.close();
  originalBytes = await readFile(join(original, DATA_FILE_NAME));
  assert.ok((await readFile(join(original, 'gloss-data.journal'))).length > 0);
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Where a copy of the original data file is in the folder: the data file itself, or the copy kept by the split. */
async function originalKept(dir: string): Promise<boolean> {
  for (const name of await readdir(dir)) {
    if ((name === DATA_FILE_NAME || name.startsWith('gloss-data.before-split-')) && name.endsWith('.json')) {
      if ((await readFile(join(dir, name))).equals(originalBytes)) return true;
    }
  }
  return false;
}

/** File operations that stop working for good after `lives` changes to the disk, as a process killed there. */
function dyingAfter(lives: number): { fs: FileOps; died: () => boolean } {
  let left = lives;
  const tick = (): void => {
    left -= 1;
    if (left < 0) throw Object.assign(new Error('EIO: the process is dead'), { code: 'EIO' });
  };
  const fs: FileOps = {
    ...nodeFileOps,
    open: ((path: string, flags?: string, mode?: number) => {
      if (flags !== undefined && flags !== 'r') tick();
      return nodeFileOps.open(path, flags, mode);
    }) as FileOps['open'],
    rename: async (from, to) => (tick(), nodeFileOps.rename(from, to)),
    link: async (from, to) => (tick(), nodeFileOps.link(from, to)),
    copyFile: async (from, to) => (tick(), nodeFileOps.copyFile(from, to)),
    rm: async (path, options) => (tick(), nodeFileOps.rm(path, options)),
    mkdir: async (path, options) => (tick(), nodeFileOps.mkdir(path, options)),
  };
  return { fs, died: () => left < 0 };
}

describe('moving a folder to the split layout', () => {
  test('splits a folder kept in one data file when it opens, keeping the original, and shows the same library', async () => {
    const dir = join(root, 'moved');
    await cp(original, dir, { recursive: true });
    const service = await open(dir, 'split');
    const status = await service.getStatus({});
    assert.match(status.notices.join('\n'), /one file per document .* kept as gloss-data\.before-split-.*\.json/);
    assert.equal(status.dataFile, join(dir, LIBRARY_FILE_NAME));
    assert.deepEqual(await view(service), expected);
    await service.close();
    assert.ok(!(await readdir(dir)).includes(DATA_FILE_NAME), 'the data file is no longer the folder’s data');
    assert.ok(await originalKept(dir));
    assert.equal((await readdir(join(dir, DOCUMENTS_DIR))).filter((n) => n.endsWith('.json')).length, 2);

    const again = await open(dir, 'split');
    assert.deepEqual((await again.getStatus({})).notices, [], 'the split is done once');
    assert.deepEqual(await view(again), expected);
    await again.close();
  });

  test('loses nothing when the process dies at any point of the split', async () => {
    let completed = false;
    for (let lives = 0; !completed; lives += 1) {
      assert.ok(lives < 200, 'the split ends');
      const dir = join(root, `crash-${lives}`);
      await cp(original, dir, { recursive: true });
      const dying = dyingAfter(lives);
      try {
        const service = await open(dir, 'split', dying.fs);
        await service.close();
      } catch (error) {
        assert.ok(dying.died(), `only the crash stops it: ${String(error)}`);
      }
      completed = !dying.died();
      if (completed) assert.ok(lives > 10, `the split took ${lives} changes to the disk`);
      assert.ok(await originalKept(dir), `after ${lives} changes to the disk the original data file is still there`);
      const reopened = await open(dir, 'split');
      assert.deepEqual(await view(reopened), expected, `after ${lives} changes to the disk`);
      await reopened.close();
      assert.ok((await readdir(dir)).includes(LIBRARY_FILE_NAME));
      await rm(dir, { recursive: true, force: true });
    }
  });
});
