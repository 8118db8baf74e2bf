// Retrieving passages across the corpus by document, theme, text, note and co-occurring themes
// (tests/fixtures/small-corpus.ts; the expected ids are read off its offsets).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retrievePassages, type PassageFilter } from '../../../annotations/corpus/passages';
import { CORPUS_CODEBOOK, CORPUS_DOCUMENTS, CORPUS_PASSAGES } from '../../fixtures/small-corpus';

const ids = (filter: PassageFilter) =>
  retrievePassages(CORPUS_CODEBOOK, CORPUS_DOCUMENTS, CORPUS_PASSAGES, filter).passages.map((p) => p.id);

test('lists every passage grouped by document in the library’s order, each in reading order', () => {
  const all = retrievePassages(CORPUS_CODEBOOK, CORPUS_DOCUMENTS, CORPUS_PASSAGES);
  // x1's only theme is not in the codebook: it belongs to no theme, as in the counts.
  assert.deepEqual(
    all.passages.map((p) => p.id),
    ['a1', 'a2', 'a3', 'a4', 'a5', 'b1', 'b2', 'b3'],
  );
  assert.deepEqual(all.groups, [
    { documentId: 'd1', title: 'First article', offset: 0, count: 5 },
    { documentId: 'd2', title: 'Second article', offset: 5, count: 3 },
  ]);
});

test('retrieves a theme’s passages with its sub-themes’, but not a sub-theme’s with its parent’s', () => {
  assert.deepEqual(ids({ themes: ['trade'] }), ['a1', 'a2', 'a3', 'b3']);
  assert.deepEqual(ids({ themes: ['tariffs'] }), ['a3', 'b3']);
  assert.deepEqual(ids({ themes: ['diplomacy', 'tariffs'] }), ['a3', 'a5', 'b2', 'b3']);
});

test('narrows by document, by having a note, and by text in the note or the quote, case-insensitively', () => {
  assert.deepEqual(ids({ documents: ['d2'] }), ['b1', 'b2', 'b3']);
  assert.deepEqual(ids({ hasNote: true }), ['a4', 'b2']);
  assert.deepEqual(ids({ hasNote: false, documents: ['d2'] }), ['b1', 'b3']);
  assert.deepEqual(ids({ text: 'VISIT' }), ['b2']);
  assert.deepEqual(ids({ text: 'quote of a5' }), ['a5']);
  assert.deepEqual(ids({ text: '   ' }).length, 8);
  assert.deepEqual(ids({ themes: ['security'], text: 'port' }), ['a4']);
});

test('retrieves where two themes meet: a passage with both, or one sharing text with a passage of the other', () => {
  // a2 has Trade and Security; a1 (Trade) overlaps a2; a3 (Tariffs, so Trade) overlaps a2 (Security).
  assert.deepEqual(ids({ cooccurring: ['trade', 'security'] }), ['a1', 'a2', 'a3']);
  assert.deepEqual(ids({ cooccurring: ['security', 'diplomacy'] }), ['a4', 'a5', 'b1', 'b2']);
  assert.deepEqual(ids({ cooccurring: ['trade', 'diplomacy'] }), []);
});

test('leaves out groups of documents with no passage left', () => {
  const found = retrievePassages(CORPUS_CODEBOOK, CORPUS_DOCUMENTS, CORPUS_PASSAGES, { themes: ['security'], text: 'visit' });
  assert.deepEqual(found.groups, []);
});
