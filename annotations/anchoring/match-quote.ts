// Finding a quote again in a text that may have changed: exact occurrences first, then an
// approximate match scored by the quote, its context and its old position. Plain strings, no DOM.
import search from 'approx-string-match';

/** Where a quote was found, and how sure we are (0..1). */
export interface QuoteMatch {
  start: number;
  end: number;
  score: number;
}

/** What is known about the quote besides its text. */
export interface QuoteContext {
  prefix?: string;
  suffix?: string;
  /** Where the quote used to start; breaks ties between equally good matches. */
  hint?: number;
}

/**
 * Scoring weights, as in Hypothesis's matcher: the quote itself matters most; prefix and
 * suffix together matter nearly as much, which is what tells two occurrences of the same
 * words apart; the old position only breaks ties, so a moved paragraph is still found.
 */
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;

/**
 * Unlike Hypothesis (which accepts its best match whatever it scores), a match must clear a
 * bar, or the annotation becomes an orphan: a wrong place is worse than a visible orphan.
 * A quote with at most 20% of its characters changed is accepted on its own; one with up
 * to 40% changed only when its context still matches well.
 */
const MIN_QUOTE_SIMILARITY = 0.8;
const MIN_QUOTE_SIMILARITY_WITH_CONTEXT = 0.6;
const MIN_CONTEXT_SIMILARITY = 0.8;
/** Quotes shorter than this are too easily found by chance to match approximately. */
const MIN_APPROXIMATE_LENGTH = 8;
/**
 * An exact copy of a short quote may sit anywhere (a name, a stock phrase): it is accepted
 * only where some of its old context survives. From this length on a copy is taken as the
 * passage itself, since an accidental repeat of 40 characters is rare in prose.
 */
const UNIQUE_QUOTE_LENGTH = 40;
const MIN_CONTEXT_FOR_SHORT_QUOTE = 0.5;

/** 1 minus the edit distance of `needle` to its best match inside `haystack`, per character of needle. */
export function similarity(needle: string, haystack: string): number {
  if (needle.length === 0) return 1;
  if (haystack.length === 0) return 0;
  const matches = search(haystack, needle, needle.length);
  if (matches.length === 0) return 0;
  let best = needle.length;
  for (const match of matches) best = Math.min(best, match.errors);
  return 1 - best / needle.length;
}

/** How well the text around [start, end) matches the old context (0..1); null when there was no context to compare. */
export function contextSimilarity(text: string, start: number, end: number, context: QuoteContext): number | null {
  const prefix = context.prefix ?? '';
  const suffix = context.suffix ?? '';
  if (!prefix && !suffix) return null;
  // A little slack either side so that an inserted or deleted character next to the quote still lines up.
  const before = text.slice(Math.max(0, start - prefix.length - 4), start);
  const after = text.slice(end, end + suffix.length + 4);
  const prefixScore = prefix ? similarity(prefix, before) : 1;
  const suffixScore = suffix ? similarity(suffix, after) : 1;
  return (prefixScore * prefix.length + suffixScore * suffix.length) / (prefix.length + suffix.length);
}

function positionScore(text: string, start: number, hint: number | undefined): number {
  if (hint === undefined) return 1;
  return 1 - Math.min(1, Math.abs(start - hint) / Math.max(1, text.length));
}

function combinedScore(quoteScore: number, text: string, start: number, end: number, context: QuoteContext): number {
  const prefixWeight = context.prefix ? PREFIX_WEIGHT : 0;
  const suffixWeight = context.suffix ? SUFFIX_WEIGHT : 0;
  const contextScore = contextSimilarity(text, start, end, context) ?? 0;
  const total = QUOTE_WEIGHT + prefixWeight + suffixWeight + POSITION_WEIGHT;
  return (
    (QUOTE_WEIGHT * quoteScore +
      (prefixWeight + suffixWeight) * contextScore +
      POSITION_WEIGHT * positionScore(text, start, context.hint)) /
    total
  );
}

/** Whether a candidate clears the bars above; the context is computed only when it matters. */
function acceptable(quoteScore: number, quoteLength: number, context: () => number | null): boolean {
  if (quoteScore < MIN_QUOTE_SIMILARITY_WITH_CONTEXT) return false;
  const needsContext = quoteLength < UNIQUE_QUOTE_LENGTH || quoteScore < MIN_QUOTE_SIMILARITY;
  if (!needsContext) return true;
  const around = context();
  if (quoteScore < MIN_QUOTE_SIMILARITY) {
    // Without context there is nothing to vouch for a heavily changed quote.
    return around !== null && around >= MIN_CONTEXT_SIMILARITY;
  }
  return around === null || around >= MIN_CONTEXT_FOR_SHORT_QUOTE;
}

/** Every exact occurrence of the quote, scored by context and position; the best one, or null. */
export function matchExactQuote(text: string, quote: string, context: QuoteContext = {}): QuoteMatch | null {
  if (quote.length === 0) return null;
  let best: QuoteMatch | null = null;
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    if (!acceptable(1, quote.length, () => contextSimilarity(text, at, at + quote.length, context))) continue;
    const score = combinedScore(1, text, at, at + quote.length, context);
    if (!best || score > best.score) best = { start: at, end: at + quote.length, score };
  }
  return best;
}

/**
 * The best approximate match of the quote, or null when nothing is close enough to be
 * trusted (see the thresholds above).
 */
export function matchApproximateQuote(text: string, quote: string, context: QuoteContext = {}): QuoteMatch | null {
  if (quote.length < MIN_APPROXIMATE_LENGTH) return null;
  const maxErrors = Math.floor(quote.length * (1 - MIN_QUOTE_SIMILARITY_WITH_CONTEXT));
  const candidates = search(text, quote, maxErrors);
  let best: QuoteMatch | null = null;
  for (const candidate of candidates) {
    const quoteScore = 1 - candidate.errors / quote.length;
    if (!acceptable(quoteScore, quote.length, () => contextSimilarity(text, candidate.start, candidate.end, context))) continue;
    const score = combinedScore(quoteScore, text, candidate.start, candidate.end, context);
    if (!best || score > best.score) best = { start: candidate.start, end: candidate.end, score };
  }
  return best;
}
