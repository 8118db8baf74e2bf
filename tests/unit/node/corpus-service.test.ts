// The corpus methods of the service over a real data folder: passages paged across documents, the matrix and
// co-occurrence of the library, and the corpus report (its CSV is the matrix, formula-safe).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeRange } from '../../../annotations/anchoring/anchor';
import type { GlossService } from '../../../annotations/node/service';
import { SAMPLE_ID, tempServices } from '../../fixtures/temp-service';

const services = tempServices('gloss-corpus-service-');

/** The sample plus two short articles, coded: returns the service and the new documents' ids. */
async function codedLibrary(): Promise<{ service: GlossService; first: string; second: string }> {
  const service = await services.open();
  const add = async (fileName: string, text: string) =>
    (await service.importDocument({ fileName, dataBase64: Buffer.from(text).toString('base64') })).id;
  const first = await add('=cmd first.txt', '=SUM(1,2) ports\n\nThe tariff on steel rose. Ministers met in Ottawa to talk.');
  const second = await add('second.txt', 'Border talks\n\nA visit to Beijing eased the trade dispute over canola.');
  const code = async (documentId: string, quote: string, themes: string[], note = '') => {
    const { document } = await service.openDocument({ documentId });
    const start = document.text.indexOf(quote);
    assert.ok(start >= 0, quote);
    await service.createAnnotation({
      documentId,
      target: { source: documentId, selector: describeRange(document.text, start, start + quote.length) },
      themes,
      note,
    });
  };
  await code(first, 'The tariff on steel rose', ['trade']);
  await code(first, 'steel rose. Ministers met', ['security'], 'Steel is strategic');
  await code(first, 'Ministers met in Ottawa', ['diplomacy']);
  await code(second, 'A visit to Beijing', ['diplomacy']);
  await code(second, 'the trade dispute over canola', ['trade'], '=HYPERLINK("x")');
  return { service, first, second };
}

test('lists passages across documents a page at a time, the first page with every group of the whole list', async () => {
  const { service, first, second } = await codedLibrary();
  const firstPage = await service.listPassages({ filter: { themes: ['trade'] }, limit: 1 });
  const page = await service.listPassages({ filter: { themes: ['trade'] }, offset: 1, limit: 1 });
  assert.equal(page.total, 2);
  assert.deepEqual(page.groups, [], 'later pages leave the groups out');
  assert.deepEqual(
    firstPage.groups.map((g) => [g.documentId, g.offset, g.count]),
    [
      [first, 0, 1],
      [second, 1, 1],
    ],
  );
  assert.deepEqual(
    page.passages.map((p) => p.quote),
    ['the trade dispute over canola'],
  );
  const noted = await service.listPassages({ filter: { hasNote: true, text: 'strategic' } });
  assert.deepEqual(
    noted.passages.map((p) => p.note),
    ['Steel is strategic'],
  );
  await assert.rejects(service.listPassages({ limit: 100_000 }), /limit/);
});

test('counts the library’s matrix and co-occurrence from the stored highlights', async () => {
  const { service, first } = await codedLibrary();
  const matrix = await service.corpusMatrix({});
  assert.deepEqual(
    matrix.documents.map((d) => d.id),
    [SAMPLE_ID, first, matrix.documents[2]!.id],
  );
  const trade = matrix.themes.findIndex((t) => t.id === 'trade');
  assert.deepEqual(
    matrix.cells[trade]!.map((c) => c.count),
    [0, 1, 1],
  );
  assert.deepEqual(matrix.documentTotals, [0, 3, 2]);
  const { pairs } = await service.corpusCooccurrence({});
  const tradeSecurity = pairs.find((p) => p.a.id === 'trade' && p.b.id === 'security')!;
  // "steel rose" is shared by the Trade and the Security passages of the first article.
  assert.deepEqual([tradeSecurity.overlaps, tradeSecurity.sharedChars, tradeSecurity.documents], [1, 'steel rose'.length, 1]);
});

test('exports the corpus CSV as the matrix, one row per theme and a column per document, formula-safe', async () => {
  const { service } = await codedLibrary();
  const report = await service.exportCorpusReport({ format: 'csv' });
  assert.equal(report.fileName, 'gloss-corpus-report.csv');
  const lines = Buffer.from(report.dataBase64, 'base64').toString('utf8').trimEnd().split('\r\n');
  // The first article's title begins with "=": a spreadsheet must read it as text.
  assert.match(lines[0]!, /^theme,parent theme,[^,]+,"'=SUM\(1,2\) ports",Border talks,total,coverage of the corpus \(%\)$/);
  assert.match(lines[1]!, /^Trade,,0,1,1,2,/);
  assert.equal(lines.at(-1), 'highlights (each once),,0,3,2,5,');
});

test('exports the corpus HTML report with the matrix, passages by theme linking to their documents, and the notes', async () => {
  const { service } = await codedLibrary();
  const html = Buffer.from((await service.exportCorpusReport({ format: 'html', themes: ['trade'] })).dataBase64, 'base64').toString('utf8');
  assert.match(html, /<h2 id="matrix-h">Themes by document<\/h2>/);
  assert.match(html, /2 passages in 2 documents/);
  assert.match(html, /<a href="#doc-3">Border talks<\/a>, characters \d+–\d+/);
  // Only Trade was asked for: no Diplomacy passage, and the formula-like note is escaped text.
  assert.doesNotMatch(html, /A visit to Beijing/);
  assert.match(html, /=HYPERLINK\(&quot;x&quot;\)/);
  await assert.rejects(service.exportCorpusReport({ format: 'html', themes: ['nope'] }), /Unknown theme/);
});

test('lists and counts a highlight made or deleted since the last time it was asked', async () => {
  const { service, second } = await codedLibrary();
  const before = await service.listPassages({ filter: { themes: ['trade'] } });
  const totalBefore = (await service.corpusMatrix({})).total;
  const { document } = await service.openDocument({ documentId: second });
  const start = document.text.indexOf('Beijing');
  const made = await service.createAnnotation({
    documentId: second,
    target: { source: second, selector: describeRange(document.text, start, start + 'Beijing'.length) },
    themes: ['trade'],
  });
  assert.equal((await service.listPassages({ filter: { themes: ['trade'] } })).total, before.total + 1);
  assert.equal((await service.corpusMatrix({})).total, totalBefore + 1);
  await service.deleteAnnotation({ id: made.id });
  assert.equal((await service.listPassages({ filter: { themes: ['trade'] } })).total, before.total);
  assert.equal((await service.corpusMatrix({})).total, totalBefore);
});
