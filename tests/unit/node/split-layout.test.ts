// The split layout as data (split-layout.ts): a library split into a library file and one file per document and
// put back together unchanged, each file valid for its kind, the library's counts agreeing with the highlights,
// file names that stay apart on any file system, and documents not loaded failing loudly when their text is read.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { countByTheme, countByThemeSets } from '../../../annotations/codebook';
import { readData } from '../../fixtures/data-folder';
import { CURRENT_SCHEMA, deepFreeze, parseDataFile, type StoreData } from '../../../annotations/node/data-file';
import {
  documentFileBase,
  documentFileKind,
  documentFileOf,
  entryOf,
  joinFiles,
  libraryFileKind,
  NotLoaded,
  placeholderOf,
  splitData,
  type StoredDocumentFile,
} from '../../../annotations/node/split-layout';
import { buildCorpusLibrary } from '../../fixtures/corpus-library';

let root = '';
let data: StoreData;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-split-layout-'));
  await buildCorpusLibrary(join(root, 'lib'), { documents: 5, highlights: 25, chars: 2000 });
  const parsed = parseDataFile(JSON.stringify(await readData(join(root, 'lib'))), CURRENT_SCHEMA);
  assert.equal(parsed.kind, 'current');
  data = parsed.data;
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The data with its annotations grouped by document, in library order (the order the split files give). */
function inLibraryOrder(d: StoreData): StoreData {
  const order = new Map(d.documents.map((doc, i) => [doc.id, i]));
  const annotations = [...d.annotations].sort((a, b) => order.get(a.documentId)! - order.get(b.documentId)!);
  return { ...d, annotations };
}

describe('the split layout', () => {
  test('splits a library into a library file and one file per document, and puts them back together unchanged', () => {
    const { library, documents } = splitData(data);
    assert.equal(documents.length, 5);
    assert.deepEqual(
      library.documents.map((e) => e.id),
      data.documents.map((d) => d.id),
    );
    assert.ok(!('text' in library.documents[0]!), 'the library file holds no text');
    const files = new Map(documents.map((f) => [f.documents[0]!.id, f]));
    assert.deepEqual(joinFiles(library, files), inLibraryOrder(data));
  });

  test('writes files that read back as their kind, and refuses a document file holding another document’s highlights', () => {
    const { library, documents } = splitData(data);
    const libraryKind = libraryFileKind(CURRENT_SCHEMA);
    assert.deepEqual(libraryKind.parse(JSON.stringify(library)), { kind: 'current', data: library, migratedFrom: undefined });
    const kind = documentFileKind(CURRENT_SCHEMA, () => documents[0]!);
    const [first, second] = documents as [StoredDocumentFile, StoredDocumentFile];
    assert.deepEqual(kind.parse(JSON.stringify(first)).data, first);
    const mixed = { ...first, annotations: [...first.annotations, second.annotations[0]] };
    assert.throws(() => kind.parse(JSON.stringify(mixed)), /shape of a Gloss document file .*another document/);
    assert.throws(
      () => kind.parse(JSON.stringify({ ...first, documents: [...first.documents, ...second.documents] })),
      /exactly one document/,
    );
    assert.throws(() => libraryKind.parse(JSON.stringify(first)), /shape of a Gloss library file/);
  });

  test('counts each document’s highlights per theme in the library as the sidebar counts them, sub-themes included, whatever the codebook becomes', () => {
    const doc = data.documents[0]!;
    const mine = data.annotations.filter((a) => a.documentId === doc.id);
    const entry = entryOf(doc, mine);
    assert.equal(
      entry.counts.reduce((n, s) => n + s.count, 0),
      mine.length,
    );
    // A codebook in which one theme became a sub-theme of another after the counts were kept.
    const codebook = data.codebook.map((t, i) => (i === 1 ? { ...t, parent: data.codebook[0]!.id } : t));
    assert.deepEqual(countByThemeSets(codebook, entry.counts), countByTheme(codebook, mine));
    assert.deepEqual(countByThemeSets(data.codebook, entry.counts), countByTheme(data.codebook, mine));
  });

  test('gives two ids that differ only in case two file names, and a lower-case id its own name', () => {
    assert.equal(documentFileBase('article-0001-1a2b3c4d'), 'article-0001-1a2b3c4d');
    const upper = documentFileBase('Article-A');
    const lower = documentFileBase('article-a');
    assert.notEqual(upper.toLowerCase(), lower.toLowerCase());
    assert.equal(upper, upper.toLowerCase());
    assert.equal(documentFileBase('Article-A'), upper, 'the same id always gets the same name');
  });

  test('lists a document not loaded by its entry, and throws when its text is read, not when it is frozen or copied', () => {
    const doc = data.documents[0]!;
    const placeholder = placeholderOf(entryOf(doc, []));
    assert.equal(placeholder.title, doc.title);
    deepFreeze(placeholder);
    const copy = { ...placeholder };
    assert.equal(copy.id, doc.id);
    assert.throws(() => placeholder.text, NotLoaded);
    assert.throws(() => placeholder.blocks.length, /was used before it was loaded/);
    const file = documentFileOf(doc, [], undefined);
    assert.equal(file.documents[0], doc);
  });
});
