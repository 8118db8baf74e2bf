// Okapi BM25 over bags of lemmas: how well each unit answers a weighted set of query terms, term by term, so the
// score can be explained by the terms that made it.

/** BM25's two constants: k1 saturates a term repeated in a unit, b discounts long units. The usual values. */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

/** One unit's score and what each query term added to it. */
export interface Bm25Score {
  score: number;
  /** Query term to its part of the score, for the terms the unit holds. */
  contributions: Map<string, number>;
}

/** An index of units (each a bag of lemmas) for scoring weighted queries. */
export class Bm25Index {
  private readonly counts: Array<Map<string, number>>;
  private readonly lengths: number[];
  private readonly frequency = new Map<string, number>();
  private readonly averageLength: number;

  constructor(units: readonly (readonly string[])[]) {
    this.counts = units.map((lemmas) => {
      const count = new Map<string, number>();
      for (const lemma of lemmas) count.set(lemma, (count.get(lemma) ?? 0) + 1);
      for (const lemma of count.keys()) this.frequency.set(lemma, (this.frequency.get(lemma) ?? 0) + 1);
      return count;
    });
    this.lengths = units.map((lemmas) => lemmas.length);
    this.averageLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, units.length) || 1;
  }

  /** The number of units indexed. */
  get size(): number {
    return this.counts.length;
  }

  /**
   * A term's inverse document frequency, in the variant that never goes below zero (Lucene's), so a term in most
   * units still counts a little rather than against a unit.
   */
  idf(term: string): number {
    const n = this.frequency.get(term) ?? 0;
    return Math.log(1 + (this.counts.length - n + 0.5) / (n + 0.5));
  }

  /** Unit `index`'s score for a query of term weights. */
  score(index: number, query: ReadonlyMap<string, number>): Bm25Score {
    const count = this.counts[index]!;
    const norm = BM25_K1 * (1 - BM25_B + (BM25_B * this.lengths[index]!) / this.averageLength);
    const contributions = new Map<string, number>();
    let score = 0;
    for (const [term, weight] of query) {
      const tf = count.get(term);
      if (!tf) continue;
      const part = weight * this.idf(term) * ((tf * (BM25_K1 + 1)) / (tf + norm));
      contributions.set(term, part);
      score += part;
    }
    return { score, contributions };
  }
}
