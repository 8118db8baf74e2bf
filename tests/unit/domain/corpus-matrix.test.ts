// The theme x document matrix against figures worked out by hand from tests/fixtures/small-corpus.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { themeDocumentMatrix } from '../../../annotations/corpus/matrix';
import { CORPUS_CODEBOOK, CORPUS_DOCUMENTS, CORPUS_PASSAGES } from '../../fixtures/small-corpus';

const matrix = themeDocumentMatrix(CORPUS_CODEBOOK, CORPUS_DOCUMENTS, CORPUS_PASSAGES);
const row = (id: string) => matrix.cells[matrix.themes.findIndex((t) => t.id === id)]!;
const total = (id: string) => matrix.themeTotals[matrix.themes.findIndex((t) => t.id === id)]!;

test('counts a highlight in its theme and, for a sub-theme, in its parent too', () => {
  // d1: Trade a1, a2 and a3 (Tariffs); d2: b3 (Tariffs).
  assert.deepEqual(
    row('trade').map((c) => c.count),
    [3, 1],
  );
  assert.deepEqual(
    row('tariffs').map((c) => c.count),
    [1, 1],
  );
  assert.deepEqual(
    row('security').map((c) => c.count),
    [2, 1],
  );
  assert.deepEqual(
    row('diplomacy').map((c) => c.count),
    [1, 1],
  );
});

test('measures coverage as the characters covered once however many of the theme’s highlights overlap there', () => {
  // Trade in d1: [0,10) [5,20) [15,30) merge to [0,30): 30 of 100. Security: [5,20) and [40,50): 25.
  assert.deepEqual(
    row('trade').map((c) => [c.coveredChars, c.coverage]),
    [
      [30, 0.3],
      [10, 0.2],
    ],
  );
  assert.deepEqual(
    row('security').map((c) => [c.coveredChars, c.coverage]),
    [
      [25, 0.25],
      [25, 0.5],
    ],
  );
  assert.deepEqual(
    row('tariffs').map((c) => c.coveredChars),
    [15, 10],
  );
});

test('totals each theme over the corpus and each document over its highlights, counting a highlight once', () => {
  // Trade: 3 + 1 highlights, 30 + 10 characters of 150.
  assert.deepEqual(total('trade'), { count: 4, coveredChars: 40, coverage: 40 / 150 });
  assert.deepEqual(total('security'), { count: 3, coveredChars: 50, coverage: 50 / 150 });
  // a2 has two themes and a3 counts toward Trade and Tariffs, yet each is one of d1's five highlights;
  // x1's only theme is not in the codebook, so it is in no row and no total.
  assert.deepEqual(matrix.documentTotals, [5, 3]);
  assert.equal(matrix.total, 8);
  assert.equal(matrix.maxCount, 3);
  assert.equal(matrix.maxCoverage, 0.5);
});

test('gives an empty document zero coverage rather than dividing by zero', () => {
  const empty = themeDocumentMatrix(CORPUS_CODEBOOK, [{ id: 'e', title: 'Empty', length: 0 }], []);
  assert.deepEqual(empty.cells[0], [{ count: 0, coveredChars: 0, coverage: 0 }]);
  assert.deepEqual(empty.themeTotals[0], { count: 0, coveredChars: 0, coverage: 0 });
});

test('clips a highlight stored past the end of its document to the text', () => {
  const clipped = themeDocumentMatrix(
    CORPUS_CODEBOOK,
    [{ id: 'd', title: 'Short', length: 10 }],
    [{ id: 'p', documentId: 'd', start: 5, end: 40, themes: ['trade'], note: '', quote: '' }],
  );
  assert.deepEqual(clipped.cells[0], [{ count: 1, coveredChars: 5, coverage: 0.5 }]);
});
