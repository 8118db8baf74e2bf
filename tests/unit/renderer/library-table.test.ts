// The Library table's search and sort (renderer/dialogs/library-table.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentSummary } from '../../../annotations/contract';
import { libraryRows, nextSort } from '../../../renderer/dialogs/library-table';

function doc(id: string, title: string, source: string, added: string, annotationCount: number): DocumentSummary {
  return { id, title, source, added, annotationCount, themeCounts: {}, needsReview: false, removable: true };
}

const LIBRARY = [
  doc('a', 'Canola and tariffs', 'canola.txt', '2026-11-02T10:00:00.000Z', 12),
  doc('b', 'Arctic security', 'arctic.md', '2026-11-01T09:00:00.000Z', 3),
  doc('c', 'Article 10 of the treaty', 'treaty.docx', '2026-11-03T08:00:00.000Z', 12),
  doc('d', 'Article 9 of the treaty', 'treaty-9.docx', '2026-11-03T08:00:00.000Z', 0),
];
const ids = (rows: DocumentSummary[]) => rows.map((d) => d.id);

test('keeps the library order until a column is chosen', () => {
  assert.deepEqual(ids(libraryRows(LIBRARY, '', null)), ['a', 'b', 'c', 'd']);
});

test('sorts titles as people read them (case-insensitive, 9 before 10)', () => {
  assert.deepEqual(ids(libraryRows(LIBRARY, '', { column: 'title', direction: 'ascending' })), ['b', 'd', 'c', 'a']);
  assert.deepEqual(ids(libraryRows(LIBRARY, '', { column: 'title', direction: 'descending' })), ['a', 'c', 'd', 'b']);
});

test('sorts by date added and by highlights, ties in library order', () => {
  assert.deepEqual(ids(libraryRows(LIBRARY, '', { column: 'added', direction: 'descending' })), ['c', 'd', 'a', 'b']);
  assert.deepEqual(ids(libraryRows(LIBRARY, '', { column: 'highlights', direction: 'descending' })), ['a', 'c', 'b', 'd']);
});

test('a search keeps documents whose title or source has every word, in any case', () => {
  assert.deepEqual(ids(libraryRows(LIBRARY, 'TREATY', null)), ['c', 'd']);
  assert.deepEqual(ids(libraryRows(LIBRARY, 'treaty 9', null)), ['d']);
  assert.deepEqual(ids(libraryRows(LIBRARY, 'arctic.md', null)), ['b']);
  assert.deepEqual(ids(libraryRows(LIBRARY, 'nothing-like-it', null)), []);
});

test('a header pressed twice turns its order round; counts and dates start largest first', () => {
  assert.deepEqual(nextSort(null, 'title'), { column: 'title', direction: 'ascending' });
  assert.deepEqual(nextSort({ column: 'title', direction: 'ascending' }, 'title'), { column: 'title', direction: 'descending' });
  assert.deepEqual(nextSort({ column: 'title', direction: 'ascending' }, 'added'), { column: 'added', direction: 'descending' });
});
