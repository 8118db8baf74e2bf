// Search hits and suggestions through the service: coding many passages is one undo step, a rejected suggestion
// stays rejected after a restart and lapses when its text changes, and nothing is coded until it is accepted.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { describeRange } from '../../../annotations/anchoring/anchor';
import type { GlossService } from '../../../annotations/node/service';
import { libraryFile } from '../../fixtures/data-folder';
import { SAMPLE_ID, SAMPLE_PLAIN_TEXT, tempServices } from '../../fixtures/temp-service';

const services = tempServices('gloss-suggest-');

async function code(service: GlossService, quote: string, themes: string[]): Promise<void> {
  const start = SAMPLE_PLAIN_TEXT.indexOf(quote);
  assert.ok(start >= 0, quote);
  await service.createAnnotation({
    documentId: SAMPLE_ID,
    target: { source: SAMPLE_ID, selector: describeRange(SAMPLE_PLAIN_TEXT, start, start + quote.length) },
    themes,
  });
}

test('the hits of a search are grown to their sentences, and coding them all is one step that one undo takes back', async () => {
  const service = await services.open();
  const found = await service.findPassages({ documentId: SAMPLE_ID, query: 'tariff* OR canola', expand: 'sentence' });
  assert.ok(found.passages.length >= 2, 'several sentences hold a hit');
  for (const p of found.passages) {
    assert.equal(SAMPLE_PLAIN_TEXT.slice(p.start, p.end), p.exact);
    assert.match(p.exact, /tariff|canola/i);
    assert.match(p.exact, /[.!?"”]$/, 'a whole sentence');
  }
  const made = await service.createAnnotations({
    documentId: SAMPLE_ID,
    annotations: found.passages.map((p) => ({
      target: { source: SAMPLE_ID, selector: describeRange(SAMPLE_PLAIN_TEXT, p.start, p.end) },
      themes: ['trade', 'diplomacy'],
    })),
  });
  assert.equal(made.length, found.passages.length);
  assert.equal((await service.listAnnotations({ documentId: SAMPLE_ID })).length, found.passages.length);
  const history = await service.getHistory({ documentId: SAMPLE_ID });
  assert.equal(history.undoLabel, `${found.passages.length} highlights added`);
  const undone = await service.undo({ documentId: SAMPLE_ID });
  assert.equal(undone.removed.length, found.passages.length);
  assert.equal((await service.listAnnotations({ documentId: SAMPLE_ID })).length, 0);
  assert.equal((await service.getHistory({ documentId: SAMPLE_ID })).canUndo, false, 'one step took them all');
});

test('a batch that names an unknown theme or a wrong quote is refused whole, and nothing is stored', async () => {
  const service = await services.open();
  const good = { target: { source: SAMPLE_ID, selector: describeRange(SAMPLE_PLAIN_TEXT, 0, 20) }, themes: ['trade'] };
  const bad = { target: { source: SAMPLE_ID, selector: describeRange(SAMPLE_PLAIN_TEXT, 30, 50) }, themes: ['no-such-theme'] };
  await assert.rejects(service.createAnnotations({ documentId: SAMPLE_ID, annotations: [good, bad] }), /Unknown theme/);
  assert.equal((await service.listAnnotations({ documentId: SAMPLE_ID })).length, 0);
  await assert.rejects(service.findPassages({ documentId: SAMPLE_ID, query: '"unclosed' }), /quote that is not closed/);
});

test('suggestions resemble the coded passages, code nothing, and a rejected one does not come back after a restart', async () => {
  let service = await services.open();
  await code(service, 'Trade issues remain a central challenge in China-Canada relations.', ['trade']);
  const before = await service.listAnnotations({ documentId: SAMPLE_ID });
  const first = await service.suggestPassages({ themeId: 'trade', documentId: SAMPLE_ID, limit: 5 });
  assert.ok(first.length > 0);
  assert.ok(first[0]!.why.length > 0 && first[0]!.score > 0);
  assert.deepEqual(await service.listAnnotations({ documentId: SAMPLE_ID }), before, 'suggesting codes nothing');
  const top = first[0]!;
  await service.rejectSuggestion({ documentId: SAMPLE_ID, themeId: 'trade', start: top.start, end: top.end });
  const after = await service.suggestPassages({ themeId: 'trade', documentId: SAMPLE_ID, limit: 5 });
  assert.ok(!after.some((s) => s.start === top.start), 'not proposed again');
  assert.ok(
    (await service.suggestPassages({ themeId: 'diplomacy', documentId: SAMPLE_ID, limit: 200 })).length > 0,
    'rejected for Trade only',
  );
  service = await services.reopen(service);
  const reopened = await service.suggestPassages({ themeId: 'trade', documentId: SAMPLE_ID, limit: 5 });
  assert.ok(!reopened.some((s) => s.start === top.start), 'still rejected after a restart');
  const stored = JSON.parse(await readFile(libraryFile(services.dir()), 'utf8')) as { rejectedSuggestions: unknown[] };
  assert.equal(stored.rejectedSuggestions.length, 1);
});

test('a rejection lapses when the text of its passage changes', async () => {
  const service = await services.open();
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const doc = await service.importDocument({
    fileName: 'talks.txt',
    dataBase64: b64('Talks\nTariffs on canola rose. Canola tariffs hurt farmers.'),
  });
  const text = (await service.openDocument({ documentId: doc.id })).document.text;
  const [hit] = await service.suggestPassages({ themeId: 'trade', documentId: doc.id });
  assert.ok(hit);
  await service.rejectSuggestion({ documentId: doc.id, themeId: 'trade', start: hit.start, end: hit.end });
  assert.ok(!(await service.suggestPassages({ themeId: 'trade', documentId: doc.id })).some((s) => s.start === hit.start));
  // The same place now holds other words of the same length: the rejection was of the old ones.
  const changed = text.slice(0, hit.start) + hit.exact.replace(/rose|hurt/, (w) => (w === 'rose' ? 'fell' : 'irk')) + text.slice(hit.end);
  await service.updateDocument({ documentId: doc.id, fileName: 'talks.txt', dataBase64: b64(changed) });
  const again = await service.suggestPassages({ themeId: 'trade', documentId: doc.id });
  assert.ok(
    again.some((s) => s.start === hit.start),
    'proposed again once its text changed',
  );
});

test('suggestions for an unknown theme or document are refused with a reason', async () => {
  const service = await services.open();
  await assert.rejects(service.suggestPassages({ themeId: 'nope' }), /No theme with id "nope"/);
  await assert.rejects(service.suggestPassages({ themeId: 'trade', documentId: 'missing' }), /No document/);
  await assert.rejects(service.rejectSuggestion({ documentId: SAMPLE_ID, themeId: 'trade', start: 5, end: 10_000_000 }), /after the end/);
});

test('a rejection and the edits journaled after it are both there after a crash', async () => {
  const service = await services.open();
  const [top] = await service.suggestPassages({ themeId: 'diplomacy', documentId: SAMPLE_ID });
  await service.rejectSuggestion({ documentId: SAMPLE_ID, themeId: 'diplomacy', start: top!.start, end: top!.end });
  await code(service, 'Trade issues remain a central challenge in China-Canada relations.', ['trade']);
  // A second process opening the folder while the first never closed it: what a restart after a crash reads.
  const after = await services.open();
  assert.equal((await after.listAnnotations({ documentId: SAMPLE_ID })).length, 1, 'the journaled highlight');
  const again = await after.suggestPassages({ themeId: 'diplomacy', documentId: SAMPLE_ID });
  assert.ok(!again.some((s) => s.start === top!.start), 'the rejection');
});

test('suggestions and rejections are never exported or counted: reports and counts are those of the coded passages alone', async () => {
  const service = await services.open();
  await code(service, 'Trade issues remain a central challenge in China-Canada relations.', ['trade']);
  const exportAll = async () =>
    Promise.all(
      (['jsonld', 'csv', 'md'] as const).map(async (format) => {
        const report = await service.exportReport({ documentId: SAMPLE_ID, format });
        return Buffer.from(report.dataBase64, 'base64')
          .toString('utf8')
          .replace(/20\d\d-\d\d-\d\dT[\d:.]+Z/g, 'TIME');
      }),
    );
  const before = await exportAll();
  const counts = (await service.listDocuments({})).map((d) => d.themeCounts);
  const suggestions = await service.suggestPassages({ themeId: 'trade', documentId: SAMPLE_ID, limit: 3 });
  await service.rejectSuggestion({ documentId: SAMPLE_ID, themeId: 'trade', start: suggestions[0]!.start, end: suggestions[0]!.end });
  assert.deepEqual(await exportAll(), before);
  assert.deepEqual(
    (await service.listDocuments({})).map((d) => d.themeCounts),
    counts,
  );
  // JSON-LD and CSV hold the annotations alone (Markdown also holds the article, so every passage is in it).
  for (const text of before.slice(0, 2))
    assert.ok(!text.includes(suggestions[1]!.exact.slice(0, 60)), 'a suggested passage is in no export');
});
