// A faithful small port of the Hypothesis client's quote matcher, the baseline of scenario 6.

// Source: hypothesis/client, src/annotator/anchoring/match-quote.ts (matchQuote, search,
// textMatchScore; BSD-2-Clause), and the order of selectors in src/annotator/anchoring/html.ts
// (`anchor`: a TextPositionSelector is used when the text at its offsets equals the quote,
// otherwise the TextQuoteSelector is matched with the position's start as `hint`). The
// scoring weights, the error budget (min(256, quote.length / 2)) and the exact-match shortcut
// are Hypothesis's; like the original, the best-scoring candidate is returned whatever its score.
import approxSearch from 'approx-string-match';
import type { AnnotationTarget } from '../../annotations/annotation';

/** A match of a quote in a text, scored 0..1 (1: quote and context match perfectly). */
export interface HypothesisMatch {
  start: number;
  end: number;
  score: number;
}

/** What Hypothesis knows about a quote besides its text. */
export interface HypothesisContext {
  prefix?: string;
  suffix?: string;
  hint?: number;
}

interface StringMatch {
  start: number;
  end: number;
  errors: number;
}

/** Exact matches first (approx-string-match does not shortcut them); otherwise up to maxErrors errors. */
function search(text: string, str: string, maxErrors: number): StringMatch[] {
  let matchPos = 0;
  const exactMatches: StringMatch[] = [];
  while (matchPos !== -1) {
    matchPos = text.indexOf(str, matchPos);
    if (matchPos !== -1) {
      exactMatches.push({ start: matchPos, end: matchPos + str.length, errors: 0 });
      matchPos += 1;
    }
  }
  if (exactMatches.length > 0) return exactMatches;
  return approxSearch(text, str, maxErrors);
}

/** A score between 0 and 1 for the similarity of `text` and `str`. */
function textMatchScore(text: string, str: string): number {
  // `search` returns at least one match when the error budget is str.length, unless either is empty.
  if (str.length === 0 || text.length === 0) return 0.0;
  const matches = search(text, str, str.length);
  return 1 - matches[0]!.errors / str.length;
}

/** Hypothesis's matchQuote: the best approximate match of `quote` in `text`, or null when there is no candidate at all. */
export function matchQuote(text: string, quote: string, context: HypothesisContext = {}): HypothesisMatch | null {
  if (quote.length === 0) return null;
  // Hypothesis's trade-off between recall, precision and the O((maxErrors / 32) * text.length) search.
  const maxErrors = Math.min(256, quote.length / 2);
  const matches = search(text, quote, maxErrors);
  if (matches.length === 0) return null;

  const scoreMatch = (match: StringMatch): number => {
    const quoteWeight = 50; // Similarity of matched text to quote.
    const prefixWeight = 20; // Similarity of text before matched text to `context.prefix`.
    const suffixWeight = 20; // Similarity of text after matched text to `context.suffix`.
    const posWeight = 2; // Proximity to expected location. Used as a tie-breaker.

    const quoteScore = 1 - match.errors / quote.length;
    const prefixScore = context.prefix
      ? textMatchScore(text.slice(Math.max(0, match.start - context.prefix.length), match.start), context.prefix)
      : 1.0;
    const suffixScore = context.suffix ? textMatchScore(text.slice(match.end, match.end + context.suffix.length), context.suffix) : 1.0;
    let posScore = 1.0;
    if (typeof context.hint === 'number') {
      const offset = Math.abs(match.start - context.hint);
      posScore = 1.0 - offset / text.length;
    }
    const rawScore = quoteWeight * quoteScore + prefixWeight * prefixScore + suffixWeight * suffixScore + posWeight * posScore;
    const maxScore = quoteWeight + prefixWeight + suffixWeight + posWeight;
    return rawScore / maxScore;
  };

  const scoredMatches = matches.map((m) => ({ start: m.start, end: m.end, score: scoreMatch(m) }));
  scoredMatches.sort((a, b) => b.score - a.score);
  return scoredMatches[0]!;
}

/** Hypothesis's anchoring of a target in plain text: the position if its text still equals the quote, else matchQuote. */
export function hypothesisAnchor(text: string, target: AnnotationTarget): { start: number; end: number; byQuote: boolean } | null {
  const [position, quote] = target.selector;
  if (text.slice(position.start, position.end) === quote.exact) return { start: position.start, end: position.end, byQuote: false };
  const match = matchQuote(text, quote.exact, { prefix: quote.prefix, suffix: quote.suffix, hint: position.start });
  return match ? { start: match.start, end: match.end, byQuote: true } : null;
}
