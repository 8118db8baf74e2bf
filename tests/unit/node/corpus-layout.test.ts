// A library at corpus scale as the service holds it: the generated library (every highlight where its quote is,
// the same seed giving the same library), and reading every document's annotations across it.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { describeRange } from '../../../annotations/anchoring/anchor';
import type { DocumentData } from '../../../annotations/node/library-walk';
import { GlossService } from '../../../annotations/node/service';
import { buildCorpusLibrary } from '../../fixtures/corpus-library';

let root = '';
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-corpus-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function open(dataDir: string): Promise<GlossService> {
  return GlossService.open({ dataDir, edition: 'browser', version: 'test', lock: false, freeze: true });
}

/** Every document's data, read through forEachDocumentData. */
async function readAll(service: GlossService): Promise<DocumentData[]> {
  const seen: DocumentData[] = [];
  await service.forEachDocumentData((entry) => void seen.push(entry));
  return seen;
}

describe('the generated corpus library', () => {
  it('holds the documents and highlights asked for, each quote the text at its position, with overlaps, notes and several themes', async () => {
    const built = await buildCorpusLibrary(join(root, 'lib'), { documents: 4, highlights: 30, chars: 3000 });
    assert.equal(built.documents, 4);
    assert.equal(built.annotations, 120);
    const service = await open(join(root, 'lib'));
    try {
      const library = await service.listDocuments({});
      assert.deepEqual(
        library.map((d) => d.annotationCount),
        [30, 30, 30, 30],
      );
      const used = new Set<string>();
      for (const summary of library) {
        const { document, annotations } = await service.openDocument({ documentId: summary.id });
        assert.ok(document.text.length >= 3000, `"${document.title}" is about as long as asked`);
        for (const a of annotations) {
          const [position, quote] = a.target.selector;
          assert.equal(document.text.slice(position.start, position.end), quote.exact);
          a.themes.forEach((t) => used.add(t));
        }
      }
      assert.deepEqual([...used].sort(), ['diplomacy', 'security', 'trade']);
      assert.ok(built.overlapping > 0 && built.withNotes > 0 && built.multiTheme > 0, JSON.stringify(built));
    } finally {
      await service.close();
    }
  });

  it('builds the same articles and highlights from the same seed', async () => {
    const contentOf = async (dir: string): Promise<unknown[]> => {
      await buildCorpusLibrary(dir, { documents: 2, highlights: 10, chars: 2000, seed: 7 });
      const service = await open(dir);
      try {
        return (await readAll(service)).map(({ document, annotations }) => ({
          text: document.text,
          highlights: annotations.map((a) => [a.id, a.target.selector[0], a.themes, a.note]),
        }));
      } finally {
        await service.close();
      }
    };
    assert.deepEqual(await contentOf(join(root, 'a')), await contentOf(join(root, 'b')));
  });
});

describe('forEachDocumentData', () => {
  it('reads every document in library order with its own annotations in reading order, as opening each gives them', async () => {
    await buildCorpusLibrary(join(root, 'lib'), { documents: 3, highlights: 25, chars: 2000 });
    const service = await open(join(root, 'lib'));
    try {
      const seen = await readAll(service);
      assert.deepEqual(
        seen.map((e) => e.document.id),
        (await service.listDocuments({})).map((d) => d.id),
      );
      for (const entry of seen) {
        const opened = await service.openDocument({ documentId: entry.document.id });
        assert.deepEqual(entry, { document: opened.document, annotations: opened.annotations });
        const starts = entry.annotations.map((a) => a.target.selector[0].start);
        assert.deepEqual(
          starts,
          [...starts].sort((x, y) => x - y),
        );
        assert.ok(entry.annotations.every((a) => a.documentId === entry.document.id));
      }
    } finally {
      await service.close();
    }
  });

  it('reads one version of the library: a highlight saved while it reads shows in the next read', async () => {
    await buildCorpusLibrary(join(root, 'lib'), { documents: 2, highlights: 5, chars: 1500 });
    const service = await open(join(root, 'lib'));
    try {
      const [first, last] = await service.listDocuments({});
      const { document } = await service.openDocument({ documentId: last!.id });
      const counts: number[] = [];
      await service.forEachDocumentData(async ({ document: visited, annotations }) => {
        if (visited.id === first!.id) {
          await service.createAnnotation({
            documentId: last!.id,
            target: { source: last!.id, selector: describeRange(document.text, 0, 7) },
            themes: ['trade'],
          });
        } else counts.push(annotations.length);
      });
      assert.deepEqual(counts, [5], 'the read that was under way still saw five');
      const after = (await readAll(service)).find((e) => e.document.id === last!.id)!;
      assert.equal(after.annotations.length, 6);
      assert.equal(after.annotations[0]!.target.selector[1].exact, document.text.slice(0, 7), 'in reading order, first');
    } finally {
      await service.close();
    }
  });
});

describe('the library list at corpus scale', () => {
  it('counts each document’s highlights as they stand after every saved change, listed or opened in between', async () => {
    await buildCorpusLibrary(join(root, 'lib'), { documents: 3, highlights: 4, chars: 1500 });
    const service = await open(join(root, 'lib'));
    try {
      const counts = async (): Promise<number[]> => (await service.listDocuments({})).map((d) => d.annotationCount);
      const [, middle] = await service.listDocuments({});
      const { document } = await service.openDocument({ documentId: middle!.id });
      assert.deepEqual(await counts(), [4, 4, 4]);
      const added = await service.createAnnotation({
        documentId: middle!.id,
        target: { source: middle!.id, selector: describeRange(document.text, 0, 7) },
        themes: ['security'],
      });
      assert.deepEqual(await counts(), [4, 5, 4]);
      assert.equal((await service.openDocument({ documentId: middle!.id })).annotations[0]!.id, added.id);
      await service.deleteAnnotation({ id: added.id });
      await service.deleteAnnotation({ id: (await service.listAnnotations({ documentId: middle!.id }))[0]!.id });
      assert.deepEqual(await counts(), [4, 3, 4]);
      await service.undo({ documentId: middle!.id });
      assert.deepEqual(await counts(), [4, 4, 4]);
      assert.equal((await service.listAnnotations({ documentId: middle!.id })).length, 4);
    } finally {
      await service.close();
    }
  });
});
