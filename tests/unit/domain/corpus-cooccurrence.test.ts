// Co-occurrence across the corpus against figures worked out by hand from tests/fixtures/small-corpus.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corpusCooccurrence } from '../../../annotations/corpus/cooccurrence';
import { CORPUS_CODEBOOK, CORPUS_DOCUMENTS, CORPUS_PASSAGES } from '../../fixtures/small-corpus';

const { pairs } = corpusCooccurrence(CORPUS_CODEBOOK, CORPUS_DOCUMENTS, CORPUS_PASSAGES);
const figures = Object.fromEntries(pairs.map((p) => [`${p.a.id}+${p.b.id}`, [p.highlights, p.overlaps, p.sharedChars, p.documents]]));

test('lists every pair of themes in codebook order, but no theme with its own sub-theme', () => {
  assert.deepEqual(Object.keys(figures), [
    'trade+security',
    'trade+diplomacy',
    'security+diplomacy',
    'security+tariffs',
    'diplomacy+tariffs',
  ]);
});

test('sums highlights with both themes, overlapping passages and shared characters over the documents', () => {
  // Trade+Security, all in d1: a2 has both (1); a1 (Trade) overlaps a2 (Security), and a2 (Security) overlaps
  // a3 (Tariffs, so Trade): 2 overlaps; Trade covers [0,30), Security [5,20) and [40,50): 15 shared.
  assert.deepEqual(figures['trade+security'], [1, 2, 15, 1]);
  // Security+Diplomacy: a4/a5 share [45,50) in d1 (5), b1/b2 share [10,20) in d2 (10): in two documents.
  assert.deepEqual(figures['security+diplomacy'], [0, 2, 15, 2]);
  // Security+Tariffs: a2 (Security) overlaps a3 (Tariffs) on [15,20).
  assert.deepEqual(figures['security+tariffs'], [0, 1, 5, 1]);
  assert.deepEqual(figures['trade+diplomacy'], [0, 0, 0, 0]);
  assert.deepEqual(figures['diplomacy+tariffs'], [0, 0, 0, 0]);
});

test('agrees with a one-document report’s figures when the corpus is one document', () => {
  const one = corpusCooccurrence(CORPUS_CODEBOOK, [CORPUS_DOCUMENTS[1]!], CORPUS_PASSAGES);
  const sd = one.pairs.find((p) => p.a.id === 'security' && p.b.id === 'diplomacy')!;
  assert.deepEqual([sd.highlights, sd.overlaps, sd.sharedChars, sd.documents], [0, 1, 10, 1]);
});

test('has every pair at zero for an empty corpus', () => {
  const none = corpusCooccurrence(CORPUS_CODEBOOK, [], []);
  assert.equal(none.pairs.length, 5);
  assert.ok(none.pairs.every((p) => p.highlights + p.overlaps + p.sharedChars + p.documents === 0));
});
