// The Library's table as data: which documents a search keeps and in what order a column sorts them. Kept
// apart from the dialog's DOM so the rules are tested without a page (a library may hold hundreds).
import type { DocumentSummary } from '../../annotations/contract';
import { matchesAll, searchWords } from '../search-excerpt';

/** A column the table sorts by. */
export type LibraryColumn = 'title' | 'source' | 'added' | 'highlights';

/** How the table is sorted: a column and a direction, or the library's own order (the order documents were added). */
export interface LibrarySort {
  column: LibraryColumn;
  direction: 'ascending' | 'descending';
}

/** Every column the table shows, with its header (in order). */
export const LIBRARY_COLUMNS: ReadonlyArray<{ column: LibraryColumn; header: string }> = [
  { column: 'title', header: 'Title' },
  { column: 'source', header: 'Source' },
  { column: 'added', header: 'Added' },
  { column: 'highlights', header: 'Highlights' },
];

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compare(a: DocumentSummary, b: DocumentSummary, column: LibraryColumn): number {
  switch (column) {
    case 'title':
      return collator.compare(a.title, b.title);
    case 'source':
      return collator.compare(a.source, b.source);
    case 'added':
      return a.added < b.added ? -1 : a.added > b.added ? 1 : 0;
    case 'highlights':
      return a.annotationCount - b.annotationCount;
  }
}

/**
 * The documents whose title or source contains every word of the query (case-insensitive), sorted. Ties keep
 * the library's order, so sorting by a column with equal values never shuffles rows.
 */
export function libraryRows(documents: readonly DocumentSummary[], query: string, sort: LibrarySort | null): DocumentSummary[] {
  const words = searchWords(query);
  const kept = words.length === 0 ? [...documents] : documents.filter((d) => matchesAll([d.title, d.source], words));
  if (!sort) return kept;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const order = new Map(documents.map((d, i) => [d.id, i]));
  return kept.sort((a, b) => sign * compare(a, b, sort.column) || order.get(a.id)! - order.get(b.id)!);
}

/** The sort after a column's header is pressed: that column ascending, or, pressed again, descending. */
export function nextSort(current: LibrarySort | null, column: LibraryColumn): LibrarySort {
  if (current?.column === column) return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  // Counts and dates are most often wanted largest and newest first.
  return { column, direction: column === 'title' || column === 'source' ? 'ascending' : 'descending' };
}
