// The co-occurrence table of a report: only the pairs of themes that do occur together, and only the figures that are not all zero.
import type { ThemePair } from './model';

/** One figure of a theme pair, with its column heading. */
export interface CooccurrenceColumn {
  key: 'highlights' | 'overlaps' | 'sharedChars';
  heading: string;
}

const COLUMNS: readonly CooccurrenceColumn[] = [
  { key: 'highlights', heading: 'Highlights with both' },
  { key: 'overlaps', heading: 'Overlapping passages' },
  { key: 'sharedChars', heading: 'Characters with both' },
];

/** What the report shows of the pairs: the rows and columns that hold something (both empty when no two themes meet). */
export interface CooccurrenceTable {
  columns: CooccurrenceColumn[];
  pairs: ThemePair[];
}

/** Drops the pairs whose figures are all zero, then the columns that are zero in every pair left. */
export function cooccurrenceTable(pairs: readonly ThemePair[]): CooccurrenceTable {
  const kept = pairs.filter((p) => COLUMNS.some((c) => p[c.key] > 0));
  return { pairs: kept, columns: COLUMNS.filter((c) => kept.some((p) => p[c.key] > 0)) };
}

/** What to say instead of the table: fewer than two themes, or two or more that never meet. */
export function noCooccurrence(themeCount: number): string {
  return themeCount < 2 ? 'Co-occurrence needs at least two themes.' : 'No co-occurrence: no two themes share a highlight or a passage.';
}
