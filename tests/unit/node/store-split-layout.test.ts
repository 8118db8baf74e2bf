// The store over the split layout (file-set.ts): a library file and one file per document, documents loaded on
// demand, each saved edit a journal line in its document's file and the library's, nothing read that is not needed.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { describeRange } from '../../../annotations/anchoring/anchor';
import { parsePlainText } from '../../../annotations/document';
import * as annotations from '../../../annotations/node/annotation-changes';
import * as documents from '../../../annotations/node/document-changes';
import { faultyFileOps, nodeFileOps, type Fault } from '../../../annotations/node/file-ops';
import { parseJournal } from '../../../annotations/node/journal-format';
import { DOCUMENTS_DIR, documentFilePaths, LIBRARY_FILE_NAME, LIBRARY_JOURNAL_NAME } from '../../../annotations/node/split-layout';
import { Store, type StoreOptions } from '../../../annotations/node/store';

const NOW = '2026-12-01T10:00:00.000Z';
const TEXT = 'Trade talks resumed. Security was discussed at length.';

let dir = '';
let fault: Fault | null = null;
const stores: Store[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gloss-split-store-'));
  fault = null;
});
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function open(options: Partial<StoreOptions> = {}): Promise<Store> {
  const store = await Store.open({
    dataDir: dir,
    lock: false,
    freeze: true,
    layout: 'split',
    journal: { idleCompactMs: false },
    fs: faultyFileOps(nodeFileOps, () => fault),
    ...options,
  });
  stores.push(store);
  return store;
}

async function close(store: Store): Promise<void> {
  stores.splice(stores.indexOf(store), 1);
  await store.close();
}

/** Adds documents titled by `titles`, answers their ids. */
async function addDocuments(store: Store, ...titles: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const title of titles) {
    const summary = await store.change((draft) =>
      documents.addDocument(draft, `${title}.txt`, parsePlainText(`${title}\n\n${TEXT}`), NOW, []),
    );
    ids.push(summary.id);
  }
  return ids;
}

/** Highlights `quote` in the document. */
async function highlight(store: Store, documentId: string, quote: string, themes = ['trade']): Promise<{ id: string }> {
  await store.load(() => [documentId]);
  const doc = store.data.documents.find((d) => d.id === documentId)!;
  const start = doc.text.indexOf(quote);
  const target = { source: doc.id, selector: describeRange(doc.text, start, start + quote.length) };
  return store.change((draft) => annotations.createAnnotation(draft, { documentId, target, themes }, NOW, 'me'), {
    needs: () => [documentId],
  });
}

async function batchesIn(file: string): Promise<number> {
  const read = parseJournal(await readFile(file));
  return read.kind === 'read' ? read.batches.length : 0;
}

describe('the store over the split layout', () => {
  test('saves a highlight as one journal line in its document’s file and one in the library’s, and reopens to it', async () => {
    const store = await open();
    const [first, second] = await addDocuments(store, 'first', 'second');
    const libraryBatches = await batchesIn(join(dir, LIBRARY_JOURNAL_NAME));
    await highlight(store, first!, 'Trade talks');
    const paths = documentFilePaths(dir, first!);
    assert.equal(await batchesIn(paths.journal), 1);
    assert.equal(await batchesIn(join(dir, LIBRARY_JOURNAL_NAME)), libraryBatches + 1, 'the library journals the new counts');
    assert.deepEqual(
      (await readdir(join(dir, DOCUMENTS_DIR))).filter((n) => n.startsWith(second!)),
      [`${second}.json`],
      'the other document’s file is not touched',
    );
    await close(store);
    assert.ok(!(await readdir(dir)).includes(LIBRARY_JOURNAL_NAME), 'closing folds the journals in');

    const again = await open();
    assert.equal(again.countsOf(first!)?.[0]?.count, 1, 'the library counts the highlight without loading the document');
    assert.equal(again.data.annotations.length, 0, 'no document is loaded at opening');
    await again.load(() => [first!]);
    assert.deepEqual(
      again.data.annotations.map((a) => a.target.selector[1].exact),
      ['Trade talks'],
    );
    assert.equal(again.data.documents.find((d) => d.id === first)!.text.startsWith('first'), true);
  });

  test('opens a library whose document file is damaged, and sets that file aside only when the document is loaded', async () => {
    const store = await open();
    const [kept, damaged] = await addDocuments(store, 'kept', 'damaged');
    await highlight(store, damaged!, 'Security');
    await close(store);
    await writeFile(documentFilePaths(dir, damaged!).file, '{"schemaVersion": 1, "documents": [');

    const again = await open();
    assert.deepEqual(
      again.data.documents.map((d) => d.title),
      ['kept', 'damaged'],
    );
    assert.deepEqual(again.notices, []);
    await again.load(() => [kept!, damaged!]);
    assert.match(again.notices.join('\n'), /The file of the document “damaged” could not be read \(it is not valid JSON/);
    assert.ok((await readdir(join(dir, DOCUMENTS_DIR))).some((n) => n.startsWith(`${damaged}.unreadable-`)));
  });

  test('sets an unreadable library file aside, restores its backup, and lists again the documents added since', async () => {
    const store = await open();
    const [first] = await addDocuments(store, 'first');
    await close(store);
    const later = await open();
    const [second] = await addDocuments(later, 'second');
    await highlight(later, second!, 'Security');
    await close(later);
    await writeFile(join(dir, LIBRARY_FILE_NAME), '{"schemaVersion": 1, "documents": [{"id": ');

    const again = await open();
    assert.match(again.notices.join('\n'), /The library file could not be read \(it is not valid JSON.*restored the backup of/);
    assert.match(again.notices.join('\n'), /1 document whose files are in the data folder were listed again/);
    assert.deepEqual(
      again.data.documents.map((d) => d.id),
      [first, second],
    );
    assert.equal(again.countsOf(second!)?.[0]?.count, 1);
    assert.ok((await readdir(dir)).some((n) => n.startsWith('gloss-library.unreadable-')));
  });

  test('leaves out at opening a highlight a crash left in its document journal before the library committed it, counts agreeing', async () => {
    const store = await open();
    const [id] = await addDocuments(store, 'one');
    await close(store);
    const running = await open();
    await highlight(running, id!, 'Trade talks');
    // A crash after the document's append and before the library's: the library never committed the batch.
    const crashed = `${dir}-crashed`;
    await cp(dir, crashed, { recursive: true });
    await rm(join(crashed, LIBRARY_JOURNAL_NAME), { force: true });
    await close(running);

    const again = await open({ dataDir: crashed });
    await again.load(() => 'all');
    assert.equal(again.data.annotations.length, 0, 'the highlight never acknowledged is not there');
    assert.equal(again.countsOf(id!), undefined, 'the document with a journal is loaded at opening, and counted from its highlights');
    await close(again);
    assert.deepEqual(JSON.parse(await readFile(join(crashed, LIBRARY_FILE_NAME), 'utf8')).documents[0].counts, []);
    const reopened = await open({ dataDir: crashed });
    await reopened.load(() => 'all');
    assert.equal(reopened.data.annotations.length, 0, 'and does not come back later');
    await close(reopened);
    await rm(crashed, { recursive: true, force: true });
  });

  test('keeps only the documents used last loaded, and loads again one it let go, with every change', async () => {
    const store = await open({ loadedDocuments: 2 });
    const ids = await addDocuments(store, 'a', 'b', 'c', 'd');
    const loaded = (): string[] => ids.filter((id) => store.countsOf(id) === undefined);
    assert.deepEqual(loaded(), ids.slice(2), 'the two added last');
    await highlight(store, ids[0]!, 'Trade talks');
    assert.deepEqual(loaded(), [ids[0], ids[3]]);
    assert.equal(store.data.annotations.length, 1);
    await highlight(store, ids[1]!, 'Security');
    await highlight(store, ids[2]!, 'length');
    assert.deepEqual(loaded(), [ids[1], ids[2]]);
    assert.equal(store.countsOf(ids[0]!)?.[0]?.count, 1, 'one let go is listed with its counts');
    await highlight(store, ids[0]!, 'Security');
    await close(store);
    const again = await open();
    await again.load(() => 'all');
    assert.deepEqual(
      ids.map((id) => again.data.annotations.filter((a) => a.documentId === id).map((a) => a.target.selector[1].exact)),
      [['Trade talks', 'Security'], ['Security'], ['length'], []],
    );
  });

  test('opens a folder closed after more documents were used than stay loaded without loading any of them', async () => {
    const store = await open({ loadedDocuments: 2 });
    const ids = await addDocuments(store, 'a', 'b', 'c', 'd', 'e');
    for (const id of ids) await highlight(store, id, 'Trade talks');
    await close(store);
    // A clean close leaves no journal, of a document let go as of one still loaded: a journal at opening means
    // a change was cut short, and its document is loaded to be counted again, which at 500 documents took seconds.
    const names = await readdir(join(dir, DOCUMENTS_DIR));
    assert.deepEqual(
      names.filter((n) => n.endsWith('.journal')),
      [],
    );
    const again = await open({ loadedDocuments: 2 });
    assert.deepEqual(
      ids.filter((id) => again.countsOf(id) === undefined),
      [],
      'every document listed from the library file, none loaded',
    );
    assert.deepEqual(
      ids.map((id) => again.countsOf(id)?.[0]?.count),
      [1, 1, 1, 1, 1],
    );
  });

  test('refuses a change to the highlights of a document it was not asked to load', async () => {
    const store = await open();
    const [id] = await addDocuments(store, 'one');
    await close(store);
    const again = await open();
    const target = { source: id!, selector: describeRange(`one\n\n${TEXT}`, 5, 10) };
    await assert.rejects(
      again.change((draft) => annotations.createAnnotation(draft, { documentId: id!, target, themes: ['trade'] }, NOW, 'me')),
      /was used before it was loaded|before it was loaded/,
    );
    assert.equal(again.data.annotations.length, 0);
  });

  test('removes a document’s files once the library no longer lists it', async () => {
    const store = await open();
    const [gone, stays] = await addDocuments(store, 'gone', 'stays');
    await highlight(store, gone!, 'Trade talks');
    await store.change((draft) => documents.removeDocument(draft, gone!, []), { needs: () => [gone!] });
    const names = await readdir(join(dir, DOCUMENTS_DIR));
    assert.ok(!names.some((n) => n.startsWith(gone!)), names.join(', '));
    assert.ok(names.includes(`${stays}.json`));
    await close(store);
    const again = await open();
    assert.deepEqual(
      again.data.documents.map((d) => d.title),
      ['stays'],
    );
  });

  for (const where of ['document', 'library'] as const) {
    test(`after the ${where} file's write fails, nothing of the failed edit comes back, and the next edit is saved`, async () => {
      // The fault hits only the files of one kind: the library's, or the documents'.
      const faulty = faultyFileOps(nodeFileOps, () => fault);
      const hit = (path: unknown): boolean => String(path).includes('gloss-library') === (where === 'library');
      const store = await open({ fs: { ...nodeFileOps, open: (path, ...rest) => (hit(path) ? faulty : nodeFileOps).open(path, ...rest) } });
      const [id] = await addDocuments(store, 'one');
      await highlight(store, id!, 'Trade talks');
      fault = { on: 'sync', code: 'EIO' };
      await assert.rejects(highlight(store, id!, 'Security'), /Not saved/);
      fault = null;
      assert.equal(store.data.annotations.length, 1);
      // As after a crash right then: a copy of the folder as its files hold it.
      const crashed = `${dir}-crashed`;
      await cp(dir, crashed, { recursive: true });
      const meanwhile = await open({ dataDir: crashed });
      await meanwhile.load(() => 'all');
      assert.deepEqual(
        meanwhile.data.annotations.map((a) => a.target.selector[1].exact),
        ['Trade talks'],
      );
      await close(meanwhile);
      await rm(crashed, { recursive: true, force: true });
      await highlight(store, id!, 'length');
      await close(store);
      const again = await open();
      await again.load(() => 'all');
      assert.deepEqual(
        again.data.annotations.map((a) => a.target.selector[1].exact),
        ['Trade talks', 'length'],
      );
      assert.equal(
        JSON.parse(await readFile(join(dir, LIBRARY_FILE_NAME), 'utf8')).documents[0].counts[0].count,
        2,
        'the library counts what the document holds',
      );
    });
  }
});
