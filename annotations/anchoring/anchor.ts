// Anchoring: describe a range of the plain text as W3C selectors, and find those selectors
// again in a text, trying the position, then the quote with context, then an approximate match
// near the old place, then the quote and its context as one near the old place, then anywhere.
import type { AnnotationTarget, TextPositionSelector, TextQuoteSelector } from '../annotation';
import {
  contextSimilarity,
  matchApproximateQuote,
  matchExactQuote,
  matchQuoteWithContext,
  type QuoteMatch,
  type Reach,
} from './match-quote';

/** Characters of context kept either side of a quote. */
export const CONTEXT_LENGTH = 32;

/** How an annotation was found again. */
export type AnchorMethod = 'exact' | 'moved' | 'approximate';

/** A target found in the text. */
export interface Anchored {
  status: 'anchored';
  method: AnchorMethod;
  start: number;
  end: number;
  /** 1 for an exact position; lower the less sure the match. */
  confidence: number;
}

/** A target that could not be found; it is shown to the user, never dropped. */
export interface Orphaned {
  status: 'orphan';
  reason: string;
}

/** The outcome of anchoring one target. */
export type AnchorResult = Anchored | Orphaned;

/** Describes [start, end) of text as a position selector and a quote selector with context. */
export function describeRange(text: string, start: number, end: number): [TextPositionSelector, TextQuoteSelector] {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new RangeError(`Range ${start}-${end} is not inside a text of ${text.length} characters.`);
  }
  return [
    { type: 'TextPositionSelector', start, end },
    {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
      suffix: text.slice(end, end + CONTEXT_LENGTH),
    },
  ];
}

type Strategy = (text: string, position: TextPositionSelector, quote: TextQuoteSelector) => Anchored | null;

/**
 * The old offsets still hold the quote, and its context still matches well (the same words
 * inserted just before the passage must not capture it): the annotation has not moved.
 */
const MIN_CONTEXT_AT_POSITION = 0.8;

const byPosition: Strategy = (text, position, quote) => {
  if (text.slice(position.start, position.end) !== quote.exact) return null;
  const sameContext =
    text.slice(Math.max(0, position.start - quote.prefix.length), position.start) === quote.prefix &&
    text.slice(position.end, position.end + quote.suffix.length) === quote.suffix;
  if (!sameContext && (contextSimilarity(text, position.start, position.end, quote) ?? 1) < MIN_CONTEXT_AT_POSITION) return null;
  return { status: 'anchored', method: 'exact', start: position.start, end: position.end, confidence: 1 };
};

const byQuote: Strategy = (text, position, quote) => {
  const match = matchExactQuote(text, quote.exact, { prefix: quote.prefix, suffix: quote.suffix, hint: position.start });
  return match ? { status: 'anchored', method: 'moved', start: match.start, end: match.end, confidence: match.score } : null;
};

function approximate(match: QuoteMatch | null): Anchored | null {
  return match ? { status: 'anchored', method: 'approximate', start: match.start, end: match.end, confidence: match.score } : null;
}

const approximately =
  (reach: Reach): Strategy =>
  (text, position, quote) =>
    approximate(matchApproximateQuote(text, quote.exact, { prefix: quote.prefix, suffix: quote.suffix, hint: position.start }, reach));

const withContext: Strategy = (text, position, quote) =>
  approximate(matchQuoteWithContext(text, quote.exact, { prefix: quote.prefix, suffix: quote.suffix, hint: position.start }));

/**
 * Tried in order; the first that finds the passage wins. The cheap, sure strategies come
 * first; the approximate ones look near the old position before the rest of the text is
 * scanned, since almost every edited passage is still near where it was and a scan of a long
 * text costs a hundred times more than a look around the old place.
 */
const STRATEGIES: readonly Strategy[] = [byPosition, byQuote, approximately('near'), withContext, approximately('far')];

/** Finds a target again in the text, or says why it cannot. */
export function anchorTarget(text: string, target: AnnotationTarget): AnchorResult {
  const [position, quote] = target.selector;
  for (const strategy of STRATEGIES) {
    const found = strategy(text, position, quote);
    if (found) return found;
  }
  return { status: 'orphan', reason: 'The quoted passage is no longer in the text.' };
}
