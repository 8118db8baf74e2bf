// Co-occurrence across the corpus: the figures of each pair of themes (reports/cooccurrence.ts `themePairs`,
// the same rule as a one-document report) summed over the documents, with how many documents the pair meets in.
import type { Theme } from '../codebook';
import { themePairs } from '../reports/cooccurrence';
import type { ThemePair } from '../reports/model';
import type { CodedPassage, CorpusDocument } from './coded-passage';
import { codingByDocument } from './document-coding';

/** A pair's figures over the corpus. */
export interface CorpusPair extends ThemePair {
  /** Documents in which the pair has any figure above zero. */
  documents: number;
}

/** Every pair of the codebook's themes (a theme and its own sub-theme form none), in codebook order. */
export interface CorpusCooccurrence {
  themes: Theme[];
  pairs: CorpusPair[];
}

/** Sums the co-occurrence of every pair of themes over the corpus's documents. */
export function corpusCooccurrence(
  codebook: readonly Theme[],
  documents: readonly CorpusDocument[],
  passages: Iterable<CodedPassage>,
): CorpusCooccurrence {
  const themes = [...codebook];
  let totals: CorpusPair[] | null = null;
  for (const coding of codingByDocument(themes, documents, passages)) {
    const pairs = themePairs(themes, coding.highlights, coding.coverage);
    totals ??= pairs.map((p) => ({ ...p, highlights: 0, overlaps: 0, sharedChars: 0, documents: 0 }));
    pairs.forEach((p, i) => {
      const total = totals![i]!;
      total.highlights += p.highlights;
      total.overlaps += p.overlaps;
      total.sharedChars += p.sharedChars;
      if (p.highlights > 0 || p.overlaps > 0 || p.sharedChars > 0) total.documents += 1;
    });
  }
  // With no documents, the pairs still exist, all zero.
  totals ??= themePairs(themes, [], new Map(themes.map((t) => [t.id, []]))).map((p) => ({ ...p, documents: 0 }));
  return { themes, pairs: totals };
}
