// The host's side of opening in stages: text without annotations, annotations anchored once and sent compact
// (a range or pages), notes on demand, and those the compact form cannot stand for sent whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeRange } from '../../../annotations/anchoring/anchor';
import { readRecord, type AnnotationPage, type PageCursor } from '../../../annotations/contract-open';
import type { GlossService } from '../../../annotations/node/service';
import { SAMPLE_ID, tempServices } from '../../fixtures/temp-service';

const services = tempServices('gloss-open-stages-');

async function seeded(count: number): Promise<GlossService> {
  const service = await services.open();
  const { document } = await service.openDocument({ documentId: SAMPLE_ID });
  for (let i = 0; i < count; i++) {
    // Made out of order, so the pages' order is the text's and not the creation's.
    const start = ((i * 7919) % 40) * 50 + 10;
    await service.createAnnotation({
      documentId: SAMPLE_ID,
      target: { source: SAMPLE_ID, selector: describeRange(document.text, start, start + 20) },
      themes: i % 3 === 0 ? ['trade', 'security'] : ['diplomacy'],
      note: i % 4 === 0 ? `note ${i}` : undefined,
    });
  }
  return service;
}

/** Every annotation a page stands for, read back, with whether a note is still to come. */
function readPage(text: string, page: AnnotationPage) {
  const doc = { id: SAMPLE_ID, text };
  return [...page.records.map((r) => readRecord(doc, page, r)), ...page.full.map((f) => ({ ...f, hasNote: f.annotation.note !== '' }))];
}

test('answers a document text, codebook and undo flags without any of its annotations', async () => {
  const service = await seeded(3);
  const opened = await service.openDocumentText({ documentId: SAMPLE_ID });
  assert.equal(opened.document.id, SAMPLE_ID);
  assert.equal(opened.annotationCount, 3);
  assert.equal(opened.history.canUndo, true);
  assert.ok(opened.codebook.some((t) => t.id === 'trade'));
  assert.equal('annotations' in opened, false, 'no annotation crosses with the text');
});

test('pages hand out every annotation once, in the order of the text, each the same as stored but for its note', async () => {
  const service = await seeded(40);
  const { document, annotations: stored } = await service.openDocument({ documentId: SAMPLE_ID });
  const seen = [];
  let after: PageCursor | undefined;
  for (let first = true; first || after; first = false) {
    const page: AnnotationPage = await service.openAnnotations({ documentId: SAMPLE_ID, after, limit: 15 });
    assert.equal(page.total, 40);
    seen.push(...readPage(document.text, page));
    after = page.next ?? undefined;
  }
  assert.equal(seen.length, 40);
  assert.equal(new Set(seen.map((s) => s.annotation.id)).size, 40);
  const starts = seen.map((s) => (s.anchor.status === 'anchored' ? s.anchor.start : Infinity));
  assert.deepEqual(
    starts,
    [...starts].sort((a, b) => a - b),
  );
  for (const { annotation, hasNote } of seen) {
    const original = stored.find((a) => a.id === annotation.id)!;
    assert.deepEqual({ ...annotation, note: original.note }, original);
    assert.equal(hasNote, original.note !== '');
  }
});

test('answers the annotations of a range of the text only', async () => {
  const service = await seeded(40);
  const { document, annotations } = await service.openDocument({ documentId: SAMPLE_ID });
  const page = await service.openAnnotations({ documentId: SAMPLE_ID, range: { start: 0, end: 300 } });
  const ids = readPage(document.text, page).map((s) => s.annotation.id);
  const expected = annotations.filter((a) => a.target.selector[0].start < 300).map((a) => a.id);
  assert.ok(expected.length > 0 && expected.length < annotations.length);
  assert.deepEqual([...ids].sort(), [...expected].sort());
  assert.equal(page.next, null);
});

test('answers notes by id, leaving out ids that are not the document’s', async () => {
  const service = await seeded(8);
  const { annotations } = await service.openDocument({ documentId: SAMPLE_ID });
  const withNote = annotations.find((a) => a.note !== '')!;
  const notes = await service.annotationNotes({ documentId: SAMPLE_ID, ids: [withNote.id, 'not-an-annotation'] });
  assert.deepEqual(notes, { [withNote.id]: withNote.note });
});

test('sends whole, with where it was found now, an annotation whose text changed around it', async () => {
  const service = await seeded(4);
  const { document, annotations } = await service.openDocument({ documentId: SAMPLE_ID });
  const first = annotations[0]!;
  const [position] = first.target.selector;
  // Five characters put in before the first highlight: it moved, and the compact form cannot say so.
  const text = `${document.text.slice(0, position.start)}Well, ${document.text.slice(position.start)}`;
  await service.updateDocument({ documentId: SAMPLE_ID, fileName: 'sample.txt', dataBase64: Buffer.from(text).toString('base64') });
  const page = await service.openAnnotations({ documentId: SAMPLE_ID });
  const moved = page.full.find((f) => f.annotation.id === first.id);
  assert.ok(moved, 'sent whole');
  const now = (await service.openDocument({ documentId: SAMPLE_ID })).document.text;
  assert.ok(moved.anchor.status === 'anchored' && moved.anchor.start > position.start, 'found further on');
  assert.equal(now.slice(moved.anchor.start, moved.anchor.end), first.target.selector[1].exact);
  assert.deepEqual(moved.annotation.target, first.target, 'as stored: the review decides where it goes');
});

test('refuses a page larger than allowed and a range that ends before it starts', async () => {
  const service = await services.open();
  await assert.rejects(service.openAnnotations({ documentId: SAMPLE_ID, limit: 5001 }), /limit/);
  await assert.rejects(service.openAnnotations({ documentId: SAMPLE_ID, range: { start: 9, end: 3 } }), /start before it ends/);
  await assert.rejects(service.openDocumentText({ documentId: 'missing' }), /No document/);
});

test('misses no annotation when one before the page’s end is deleted or added between pages', async () => {
  const service = await seeded(30);
  const { document } = await service.openDocument({ documentId: SAMPLE_ID });
  const first = await service.openAnnotations({ documentId: SAMPLE_ID, limit: 10 });
  const delivered = readPage(document.text, first).map((s) => s.annotation.id);
  await service.deleteAnnotation({ id: delivered[0]! });
  await service.createAnnotation({
    documentId: SAMPLE_ID,
    target: { source: SAMPLE_ID, selector: describeRange(document.text, 0, 5) },
    themes: ['trade'],
  });
  let after = first.next ?? undefined;
  while (after) {
    const page: AnnotationPage = await service.openAnnotations({ documentId: SAMPLE_ID, after, limit: 10 });
    delivered.push(...readPage(document.text, page).map((s) => s.annotation.id));
    after = page.next ?? undefined;
  }
  const stored = (await service.listAnnotations({ documentId: SAMPLE_ID })).map((a) => a.id);
  // Everything stored now except the one added before the first page's end (the page shows it as it is made).
  const missing = stored.filter((id) => !delivered.includes(id));
  assert.equal(missing.length, 1);
  assert.equal(new Set(delivered).size, delivered.length, 'none twice');
});
