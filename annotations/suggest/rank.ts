// Suggestions for a theme: the units (sentences or paragraphs) not yet coded with it, ranked by BM25 against the
// lemmas of its coded passages and of its label and description, each with the terms that earned its score. Pure
// and deterministic: the same library and codebook give the same list in the same order.
import { analysedUnits, contentLemmas } from '../text/unit-terms';
import type { TextSpan } from '../text/english';
import type { TextUnit, UnitSource } from '../text/units';
import { Bm25Index } from './bm25';

/** A document as ranking reads it. */
export interface RankDocument extends UnitSource {
  id: string;
}

/** A coded passage: where it is and its themes. */
export interface CodedPassage extends TextSpan {
  documentId: string;
  themes: readonly string[];
}

/** What the theme is, as ranking needs it. */
export interface RankTheme {
  /** The theme's id and its sub-themes' ids: a passage coded with any of them is coded with the theme. */
  ids: ReadonlySet<string>;
  label: string;
  description: string;
}

/** One proposed passage. */
export interface Suggestion extends TextSpan {
  documentId: string;
  exact: string;
  /** The BM25 score, rounded to 3 decimals (higher is more like the coded passages). */
  score: number;
  /** The shared terms (lemmas) that earned most of the score, most first. */
  why: string[];
  /** How many of the theme's coded passages hold at least one of those terms. */
  passages: number;
}

/** What to rank. */
export interface RankInput {
  documents: readonly RankDocument[];
  /** Every coded passage of these documents (of any theme; the theme's own are picked out). */
  coded: readonly CodedPassage[];
  theme: RankTheme;
  unit: TextUnit;
  /** At most this many suggestions (default 20). */
  limit?: number;
  /** Ranks only these documents' units (all when absent), and only they give the term statistics; the coded
   * passages of every document still count. */
  within?: ReadonlySet<string>;
  /** A unit the analyst rejected for this theme is never proposed again. */
  isRejected?: (documentId: string, span: TextSpan, exact: string) => boolean;
}

/** How many terms a suggestion's "why" lists. */
export const WHY_TERMS = 4;

/**
 * The label and description count as this many coded passages: the analyst's own definition of the theme, so it
 * proposes passages before anything is coded and keeps weighing once many are (chosen on the evaluation set, where
 * 1 gave Security's precision at 5 below the keyword baseline's and 2 or 3 above it: see README).
 */
const DESCRIPTION_PASSAGES = 2;

/**
 * The theme's query: each lemma of its coded passages, label and description (which counts as two more passages),
 * weighted by how many of them hold it and by how much more often it is in them than in the passages coded with
 * other themes only. A word every theme's passages use ("said", "minister") then counts for little, however often
 * it was coded; with nothing else coded every word counts fully.
 */
function themeQuery(input: RankInput, own: readonly Set<string>[], others: readonly Set<string>[]): Map<string, number> {
  const described = new Set(contentLemmas(`${input.theme.label}. ${input.theme.description}`));
  const positives = described.size > 0 ? [...own, ...Array.from({ length: DESCRIPTION_PASSAGES }, () => described)] : own;
  const inOwn = new Map<string, number>();
  for (const terms of positives) for (const t of terms) inOwn.set(t, (inOwn.get(t) ?? 0) + 1);
  const inOthers = new Map<string, number>();
  for (const terms of others) for (const t of terms) if (inOwn.has(t)) inOthers.set(t, (inOthers.get(t) ?? 0) + 1);
  const query = new Map<string, number>();
  for (const [t, count] of inOwn) {
    // Rates with half a passage added either side, so one passage is evidence but not proof.
    const ownRate = (count + SMOOTHING) / (positives.length + 2 * SMOOTHING);
    const otherRate = ((inOthers.get(t) ?? 0) + SMOOTHING) / (others.length + 2 * SMOOTHING);
    const specific = others.length === 0 ? 1 : ownRate / (ownRate + otherRate);
    // A passage count grows a term's weight with diminishing returns, so one term every passage shares cannot
    // outrank a unit that shares several.
    // Squared, so a word twice as common in the theme's passages as in the others' keeps half its weight, not
    // two thirds: on the evaluation set this is what lifts precision where themes share vocabulary (README).
    const weight = count * specific * specific;
    if (weight > 0) query.set(t, weight);
  }
  return query;
}

// Added to the passages that hold a term and to those that do not, when comparing the theme's with the others'.
const SMOOTHING = 0.5;

/** Whether a span overlaps any of the (sorted by start) spans. */
function overlapsAny(spans: readonly TextSpan[], span: TextSpan): boolean {
  for (const s of spans) {
    if (s.start >= span.end) return false;
    if (s.end > span.start) return true;
  }
  return false;
}

/** The theme's suggestions, best first (ties in document and reading order). */
export function rankSuggestions(input: RankInput): Suggestion[] {
  const { theme } = input;
  const byId = new Map(input.documents.map((d) => [d.id, d]));
  const own = input.coded.filter((c) => c.themes.some((t) => theme.ids.has(t)) && byId.has(c.documentId));
  const termsOf = (c: CodedPassage) => new Set(contentLemmas(byId.get(c.documentId)!.text, c.start, c.end));
  const codedTerms = own.map(termsOf);
  const others = input.coded.filter((c) => !c.themes.some((t) => theme.ids.has(t)) && byId.has(c.documentId)).map(termsOf);
  const query = themeQuery(input, codedTerms, others);
  if (query.size === 0) return [];

  const candidates: Array<{ doc: RankDocument; span: TextSpan }> = [];
  const bags: string[][] = [];
  // Only the documents in scope are cut and analysed (a whole library's analysis waits for a library-wide
  // question); the coded passages of every document have shaped the query above all the same.
  for (const doc of input.within ? input.documents.filter((d) => input.within!.has(d.id)) : input.documents) {
    const ownHere = own.filter((c) => c.documentId === doc.id).sort((a, b) => a.start - b.start);
    for (const unit of analysedUnits(doc, input.unit)) {
      // Every unit shapes the term statistics; only uncoded ones are proposed.
      bags.push(unit.lemmas);
      const eligible = !overlapsAny(ownHere, unit);
      candidates.push(eligible ? { doc, span: unit } : { doc, span: { start: -1, end: -1 } });
    }
  }
  const index = new Bm25Index(bags);
  const scored: Array<Suggestion & { order: number }> = [];
  candidates.forEach(({ doc, span }, order) => {
    if (span.start < 0) return;
    const { score, contributions } = index.score(order, query);
    if (score <= 0) return;
    const exact = doc.text.slice(span.start, span.end);
    if (input.isRejected?.(doc.id, span, exact)) return;
    const why = [...contributions]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, WHY_TERMS)
      .map(([term]) => term);
    const passages = codedTerms.filter((terms) => why.some((t) => terms.has(t))).length;
    scored.push({
      documentId: doc.id,
      start: span.start,
      end: span.end,
      exact,
      score: Math.round(score * 1000) / 1000,
      why,
      passages,
      order,
    });
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, input.limit ?? 20).map(({ order: _order, ...suggestion }) => suggestion);
}
