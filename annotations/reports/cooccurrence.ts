// Co-occurrence of themes: the pair figures of one document (a report's, or one column of the corpus), and the
// table a report shows of them (only the pairs of themes that do occur together, only the figures not all zero).
import type { Theme } from '../codebook';
import { sameFamily } from './families';
import { intersectionLength, type Interval } from './intervals';
import type { ThemePair } from './model';

/** What the pair figures need of a highlight: where it is and the themes it belongs to (report themes, by identity). */
export interface PairedHighlight {
  start: number;
  end: number;
  belongsTo: readonly Theme[];
}

/**
 * The figures of every pair of `themes` (codebook order; a theme and its own sub-theme form no pair) in one
 * document. `highlights` must be sorted by start; `coverageByTheme` holds each theme's merged intervals.
 */
export function themePairs(
  themes: readonly Theme[],
  highlights: readonly PairedHighlight[],
  coverageByTheme: ReadonlyMap<string, readonly Interval[]>,
): ThemePair[] {
  const pairs: ThemePair[] = [];
  const pairIndex = new Map<string, ThemePair>();
  themes.forEach((a, i) => {
    themes.slice(i + 1).forEach((b) => {
      if (sameFamily(a, b)) return;
      const pair: ThemePair = {
        a,
        b,
        highlights: 0,
        overlaps: 0,
        sharedChars: intersectionLength(coverageByTheme.get(a.id)!, coverageByTheme.get(b.id)!),
      };
      pairs.push(pair);
      pairIndex.set(`${a.id}\u0000${b.id}`, pair);
    });
  });
  // The pair of two themes by their places in the codebook order, looked up once rather than per highlight.
  const order = new Map(themes.map((t, i) => [t.id, i]));
  const grid: (ThemePair | undefined)[][] = themes.map((a) => themes.map((b) => pairIndex.get(`${a.id}\u0000${b.id}`)));
  const pairOf = (tx: Theme, ty: Theme): ThemePair | undefined => {
    const x = order.get(tx.id)!;
    const y = order.get(ty.id)!;
    return x < y ? grid[x]![y] : grid[y]![x];
  };
  // One pass over the highlights counts every pair of themes each one belongs to.
  for (const h of highlights) {
    for (let i = 0; i < h.belongsTo.length; i++) {
      for (let j = i + 1; j < h.belongsTo.length; j++) {
        const pair = pairOf(h.belongsTo[i]!, h.belongsTo[j]!);
        if (pair) pair.highlights += 1;
      }
    }
  }
  // Highlights are sorted by start, so each one only needs comparing with those starting before it ends.
  for (let i = 0; i < highlights.length; i++) {
    const x = highlights[i]!;
    for (let j = i + 1; j < highlights.length && highlights[j]!.start < x.end; j++) {
      const y = highlights[j]!;
      const seen = new Set<ThemePair>();
      for (const tx of x.belongsTo) {
        for (const ty of y.belongsTo) {
          if (tx === ty) continue;
          const pair = pairOf(tx, ty);
          if (pair) seen.add(pair);
        }
      }
      for (const pair of seen) pair.overlaps += 1;
    }
  }

  return pairs;
}

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
