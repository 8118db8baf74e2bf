// The service over the split layout: what a user sees is what the single data file gives (listing, reading across
// the library, a theme deleted across documents and undone after reopening), with documents loaded only when used.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { describeRange } from '../../../annotations/anchoring/anchor';
import type { DocumentData } from '../../../annotations/node/library-walk';
import { GlossService } from '../../../annotations/node/service';
import { DOCUMENTS_DIR, LIBRARY_FILE_NAME } from '../../../annotations/node/split-layout';

const TEXTS = [
  'Tariffs\n\nTrade talks resumed on tariffs. Security was discussed at length.',
  'Envoys\n\nDiplomacy returned with envoys. Trade followed the envoys home.',
];

let root = '';
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-split-service-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function open(layout: 'single' | 'split', dir = join(root, layout)): Promise<GlossService> {
  return GlossService.open({
    dataDir: dir,
    edition: 'browser',
    version: 'test',
    lock: false,
    freeze: true,
    layout,
    journal: { idleCompactMs: false },
  });
}

/** The same small library in a folder of each layout: two documents, highlights of several themes. */
async function build(service: GlossService): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, text] of TEXTS.entries()) {
    const { id } = await service.importDocument({ fileName: `doc-${i}.txt`, dataBase64: Buffer.from(text).toString('base64') });
    ids.push(id);
    const { document } = await service.openDocument({ documentId: id });
    for (const [quote, themes] of [
      ['Trade', ['trade']],
      ['Security', ['security', 'trade']],
      ['envoys', ['diplomacy']],
    ] as const) {
      const start = document.text.indexOf(quote);
      if (start < 0) continue;
      const target = { source: id, selector: describeRange(document.text, start, start + quote.length) };
      await service.createAnnotation({ documentId: id, target, themes: [...themes], note: `on ${quote}` });
    }
  }
  return ids;
}

async function readAll(service: GlossService): Promise<DocumentData[]> {
  const seen: DocumentData[] = [];
  await service.forEachDocumentData((entry) => void seen.push(entry));
  return seen;
}

/** What a user sees of a library, ids and times aside. */
async function view(service: GlossService): Promise<unknown> {
  const listed = (await service.listDocuments({})).map(({ id: _id, added: _added, ...rest }) => rest);
  const read = (await readAll(service)).map(({ document, annotations }) => ({
    title: document.title,
    text: document.text,
    highlights: annotations.map((a) => [a.target.selector[1].exact, a.themes, a.note]),
  }));
  return { listed, read };
}

describe('the service over the split layout', () => {
  test('lists and reads the library after reopening as the single data file does', async () => {
    const single = await open('single');
    await build(single);
    const split = await open('split');
    await build(split);
    const expected = await view(single);
    assert.deepEqual(await view(split), expected);
    await single.close();
    await split.close();
    assert.ok((await readdir(join(root, 'split'))).includes(LIBRARY_FILE_NAME));
    assert.equal((await readdir(join(root, 'split', DOCUMENTS_DIR))).filter((n) => n.endsWith('.json')).length, 2);

    const reopened = await open('split');
    assert.deepEqual(
      (await reopened.listDocuments({})).map(({ id: _id, added: _added, ...rest }) => rest),
      (expected as { listed: unknown }).listed,
    );
    assert.deepEqual(await view(reopened), expected);
    await reopened.close();
  });

  test('keeps a backup set of every file at closing, and restores it whole, keeping the state it replaced', async () => {
    const service = await open('split');
    const [first] = await build(service);
    const before = await view(service);
    await service.close();

    const reopened = await open('split');
    const [set] = await reopened.listBackups({});
    assert.ok(set, 'closing kept a set');
    assert.match(set.name, /^gloss-library-set\./);
    assert.equal(set.documentCount, 2);
    assert.equal(set.annotationCount, 4);
    const doomed = (await reopened.listAnnotations({ documentId: first! }))[0]!;
    await reopened.deleteAnnotation({ id: doomed.id });
    await reopened.importDocument({ fileName: 'third.txt', dataBase64: Buffer.from('Third\n\nA third text.').toString('base64') });
    const changed = await view(reopened);

    await reopened.restoreBackup({ name: set.name });
    assert.deepEqual(await view(reopened), before);
    const [replaced] = await reopened.listBackups({});
    assert.equal(replaced!.documentCount, 3, 'the state the restore replaced is a set too');
    await reopened.restoreBackup({ name: replaced!.name });
    assert.deepEqual(await view(reopened), changed);
    await reopened.close();
    const again = await open('split');
    assert.deepEqual(await view(again), changed);
    await again.close();
  });

  test('deletes a theme across documents not opened since reopening, and undoes it after reopening again', async () => {
    const service = await open('split');
    const [first, second] = await build(service);
    await service.close();

    const reopened = await open('split');
    const result = await reopened.deleteTheme({ id: 'trade', moveTo: 'security', documentId: first! });
    assert.equal(result.moved + result.removed, 3);
    const themesOf = async (s: GlossService, id: string): Promise<string[][]> =>
      (await s.listAnnotations({ documentId: id })).map((a) => a.themes);
    assert.deepEqual(await themesOf(reopened, second!), [['diplomacy'], ['security']]);
    await reopened.close();

    const again = await open('split');
    assert.deepEqual(
      (await again.listDocuments({})).map((d) => d.themeCounts.trade ?? 0),
      [0, 0],
      'the library’s counts follow the change in every document',
    );
    const undone = await again.undo({ documentId: first! });
    assert.equal(undone.label, 'Theme “Trade” deleted');
    assert.deepEqual(await themesOf(again, second!), [['diplomacy'], ['trade']]);
    assert.deepEqual(
      (await again.listDocuments({})).map((d) => d.themeCounts.trade),
      [2, 1],
    );
    await again.close();
  });
});
