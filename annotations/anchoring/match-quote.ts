// Finding a quote again in a text that may have changed: exact occurrences first, then an
// approximate match near the old position, then one with its context, then anywhere. Plain strings, no DOM.
import search from 'approx-string-match';
import { editDistance, prefixEnd, similarity } from './edit-distance';

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
  /** Where the quote used to start; breaks ties between equally good matches, and says where to look first. */
  hint?: number;
}

/**
 * How far an approximate search looks: `near` only around the old position (see nearSpans),
 * `far` only the rest of the text, `anywhere` near first and then the rest. Without a hint
 * there is no "near": `near` finds nothing and `far` and `anywhere` search the whole text.
 */
export type Reach = 'near' | 'far' | 'anywhere';

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

/**
 * Where to look first. Edits shift a passage by the net length of what was inserted and
 * deleted before it; in an edited article that is rarely more than a couple of thousand
 * characters, so the first window reaches NEAR_SLACK characters (plus twice the quote and its
 * error allowance, so a long quote fits however it shifted) either side of the old position.
 * The second window is WIDE_FACTOR times wider (about ±10,000 characters for a sentence), for
 * heavily edited texts; only then is the rest of the text searched. A Myers scan costs the
 * same per character whatever the error allowance, so a window of 5,000 characters costs
 * about 1/200 of a scan over 1 MB.
 */
const NEAR_SLACK = 2000;
const WIDE_FACTOR = 4;

/**
 * Far from the old position (a moved paragraph, or a deleted passage that must be proved
 * gone), a region this long or shorter is scanned whole. A longer one is searched only around
 * exact seeds: up to MAX_SEEDS disjoint pieces of the quote of at least SEED_LENGTH characters,
 * and the CONTEXT_SEED_LENGTH characters of context touching each end of the quote. By the
 * pigeonhole principle a copy with fewer errors than there are pieces contains one piece
 * intact, so such a copy is always found; one with more errors is found when a piece or the
 * context next to it survived, as it does when a paragraph moves with the passage in it.
 * Each seed costs one indexOf over the text (about 1 ms per MB) instead of a Myers scan of
 * 30-300 ms, which is what an orphan used to cost on every open.
 */
const FULL_SCAN_LIMIT = 100_000;
const SEED_LENGTH = 10;
const MAX_SEEDS = 8;
const CONTEXT_SEED_LENGTH = 16;
/** Seeds so common that their windows cover this share of the region are no help: the region is scanned. */
const MAX_SEEDED_SHARE = 0.25;

/**
 * A quote found through its context (see matchQuoteWithContext): the quote with its prefix
 * and suffix must be as close as a quote alone must be (80%), and at least half of the quote
 * must survive, so a deleted quote, whose old neighbours now touch, is never placed.
 */
const MIN_JOINED_SIMILARITY = 0.8;
const MIN_QUOTE_SIMILARITY_IN_CONTEXT = 0.5;

/** A half-open range [from, to) of the text to search. */
interface Span {
  from: number;
  to: number;
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
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

function combinedScore(quoteScore: number, contextScore: number | null, text: string, start: number, context: QuoteContext): number {
  const prefixWeight = context.prefix ? PREFIX_WEIGHT : 0;
  const suffixWeight = context.suffix ? SUFFIX_WEIGHT : 0;
  const total = QUOTE_WEIGHT + prefixWeight + suffixWeight + POSITION_WEIGHT;
  return (
    (QUOTE_WEIGHT * quoteScore +
      (prefixWeight + suffixWeight) * (contextScore ?? 0) +
      POSITION_WEIGHT * positionScore(text, start, context.hint)) /
    total
  );
}

/** Whether a candidate clears the bars above, given its context score (null: no context known). */
function acceptable(quoteScore: number, quoteLength: number, around: number | null): boolean {
  if (quoteScore < MIN_QUOTE_SIMILARITY_WITH_CONTEXT) return false;
  if (quoteScore < MIN_QUOTE_SIMILARITY) {
    // Without context there is nothing to vouch for a heavily changed quote.
    return around !== null && around >= MIN_CONTEXT_SIMILARITY;
  }
  if (quoteLength >= UNIQUE_QUOTE_LENGTH) return true;
  return around === null || around >= MIN_CONTEXT_FOR_SHORT_QUOTE;
}

/** [hint - radius, hint + length + radius), clipped to the text. */
function window(textLength: number, hint: number, length: number, radius: number): Span {
  return { from: Math.max(0, hint - radius), to: Math.min(textLength, hint + length + radius) };
}

/**
 * The parts of `outer` outside `inner`, each reaching `overlap` characters into `inner` so that
 * a match straddling the border is still seen whole.
 */
function around(outer: Span, inner: Span, overlap: number): Span[] {
  const spans: Span[] = [];
  if (outer.from < inner.from) spans.push({ from: outer.from, to: Math.min(outer.to, inner.from + overlap) });
  if (outer.to > inner.to) spans.push({ from: Math.max(outer.from, inner.to - overlap), to: outer.to });
  return spans;
}

/** One stage of a search: where to look, and whether it is the rest of the text (far from any hint). */
interface Stage {
  spans: Span[];
  far: boolean;
}

/**
 * The stages of a search for a pattern of `length` characters with up to `maxErrors` errors:
 * near the hint, a wider ring around that, then the rest of the text (see NEAR_SLACK).
 * Each stage is searched on its own, so the best match of a near stage is not hidden by a
 * better-scoring copy far away (approx-string-match reports only the lowest error count).
 */
function stages(textLength: number, hint: number | undefined, length: number, maxErrors: number, reach: Reach): Stage[] {
  const whole: Span = { from: 0, to: textLength };
  if (hint === undefined) return reach === 'near' ? [] : [{ spans: [whole], far: true }];
  const radius = 2 * (length + maxErrors) + NEAR_SLACK;
  const near = window(textLength, hint, length, radius);
  const wide = window(textLength, hint, length, radius * WIDE_FACTOR);
  const overlap = length + maxErrors;
  const nearStages: Stage[] = [
    { spans: [near], far: false },
    { spans: around(wide, near, overlap), far: false },
  ];
  const farStage: Stage = { spans: around(whole, wide, overlap), far: true };
  const all = reach === 'near' ? nearStages : reach === 'far' ? [farStage] : [...nearStages, farStage];
  return all.filter((stage) => stage.spans.length > 0);
}

/** The lowest-error approximate matches of `pattern` inside each span, in text offsets. */
function searchSpans(text: string, pattern: string, maxErrors: number, spans: readonly Span[]): Candidate[] {
  const found: Candidate[] = [];
  for (const span of spans) {
    const piece = span.from === 0 && span.to === text.length ? text : text.slice(span.from, span.to);
    for (const m of search(piece, pattern, maxErrors)) found.push({ start: m.start + span.from, end: m.end + span.from, errors: m.errors });
  }
  return found;
}

/** Merges overlapping spans (sorted by start) and clips them to the given regions. */
function clip(spans: Span[], regions: readonly Span[]): Span[] {
  spans.sort((a, b) => a.from - b.from);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.from <= last.to) last.to = Math.max(last.to, span.to);
    else merged.push({ ...span });
  }
  const clipped: Span[] = [];
  for (const span of merged) {
    for (const region of regions) {
      const from = Math.max(span.from, region.from);
      const to = Math.min(span.to, region.to);
      if (from < to) clipped.push({ from, to });
    }
  }
  return clipped;
}

/**
 * The parts of `regions` worth verifying for the quote: windows around exact seeds (see
 * FULL_SCAN_LIMIT), or the regions themselves when they are short or the seeds too common.
 */
function seeded(text: string, quote: string, context: QuoteContext, maxErrors: number, regions: readonly Span[]): Span[] {
  const size = regions.reduce((sum, r) => sum + r.to - r.from, 0);
  if (size <= FULL_SCAN_LIMIT) return [...regions];
  const m = quote.length;
  const windows: Span[] = [];
  let covered = 0;
  /** A window where the quote could start at `start`, with room for its error allowance either side. */
  const around = (start: number): void => {
    windows.push({ from: Math.max(0, start - maxErrors), to: Math.min(text.length, start + m + maxErrors) });
    covered += m + 2 * maxErrors;
  };
  const occurrences = (seed: string, startOf: (at: number) => number): boolean => {
    for (let at = text.indexOf(seed); at !== -1; at = text.indexOf(seed, at + 1)) {
      around(startOf(at));
      if (covered > size * MAX_SEEDED_SHARE) return false;
    }
    return true;
  };
  const pieces = Math.min(MAX_SEEDS, Math.floor(m / SEED_LENGTH));
  for (let i = 0; i < pieces; i++) {
    const from = Math.floor((i * m) / pieces);
    if (!occurrences(quote.slice(from, Math.floor(((i + 1) * m) / pieces)), (at) => at - from)) return [...regions];
  }
  const prefix = (context.prefix ?? '').slice(-CONTEXT_SEED_LENGTH);
  if (prefix.length === CONTEXT_SEED_LENGTH && !occurrences(prefix, (at) => at + prefix.length)) return [...regions];
  const suffix = (context.suffix ?? '').slice(0, CONTEXT_SEED_LENGTH);
  if (suffix.length === CONTEXT_SEED_LENGTH && !occurrences(suffix, (at) => at - m)) return [...regions];
  return clip(windows, regions);
}

/**
 * Every exact occurrence of the quote, scored by context and position; the best one, or null.
 * Occurrences near the hint are looked at first: one whose context matches perfectly and that
 * is nearest the hint cannot be beaten (no other scores more on quote or context, and any
 * occurrence outside the window is farther away), so the scan of the whole text is skipped.
 */
export function matchExactQuote(text: string, quote: string, context: QuoteContext = {}): QuoteMatch | null {
  if (quote.length === 0) return null;
  const score = (at: number, around: number | null): QuoteMatch | null =>
    acceptable(1, quote.length, around) ? { start: at, end: at + quote.length, score: combinedScore(1, around, text, at, context) } : null;
  if (context.hint !== undefined && (context.prefix || context.suffix)) {
    const near = window(text.length, context.hint, quote.length, 2 * quote.length + NEAR_SLACK);
    const piece = text.slice(near.from, near.to);
    let nearest: QuoteMatch | null = null;
    for (let at = piece.indexOf(quote); at !== -1; at = piece.indexOf(quote, at + 1)) {
      const around = contextSimilarity(text, near.from + at, near.from + at + quote.length, context);
      const match = around === 1 ? score(near.from + at, around) : null;
      if (match && (!nearest || match.score > nearest.score)) nearest = match;
    }
    if (nearest) return nearest;
  }
  let best: QuoteMatch | null = null;
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    const match = score(at, contextSimilarity(text, at, at + quote.length, context));
    if (match && (!best || match.score > best.score)) best = match;
  }
  return best;
}

/**
 * The best approximate match of the quote within `reach`, or null when nothing is close enough
 * to be trusted (see the thresholds above). The stages are tried in turn and the first with an
 * acceptable match wins, so a passage near its old place is found without scanning the text.
 */
export function matchApproximateQuote(
  text: string,
  quote: string,
  context: QuoteContext = {},
  reach: Reach = 'anywhere',
): QuoteMatch | null {
  if (quote.length < MIN_APPROXIMATE_LENGTH) return null;
  const maxErrors = Math.floor(quote.length * (1 - MIN_QUOTE_SIMILARITY_WITH_CONTEXT));
  for (const stage of stages(text.length, context.hint, quote.length, maxErrors, reach)) {
    const spans = stage.far ? seeded(text, quote, context, maxErrors, stage.spans) : stage.spans;
    let best: QuoteMatch | null = null;
    for (const candidate of searchSpans(text, quote, maxErrors, spans)) {
      const quoteScore = 1 - candidate.errors / quote.length;
      // The context is only worth computing when it can decide acceptance or ranking.
      const around = contextSimilarity(text, candidate.start, candidate.end, context);
      if (!acceptable(quoteScore, quote.length, around)) continue;
      const score = combinedScore(quoteScore, around, text, candidate.start, context);
      if (!best || score > best.score) best = { start: candidate.start, end: candidate.end, score };
    }
    if (best) return best;
  }
  return null;
}

function reversed(s: string): string {
  return [...s].reverse().join('');
}

/**
 * The quote found together with its context, for a short quote that lost or gained a word:
 * "no consul criticised" that became "no criticised" has lost 35% of itself, too much to be
 * trusted alone, but with the 64 characters of context around it the passage has changed by
 * less than 10%. The prefix, quote and suffix are searched as one string near the old position
 * (this path never looks far away: the position is part of what vouches for the match), the
 * quote's new boundaries are where the prefix ends and the suffix begins, and the match is
 * accepted only under MIN_JOINED_SIMILARITY and MIN_QUOTE_SIMILARITY_IN_CONTEXT.
 */
export function matchQuoteWithContext(text: string, quote: string, context: QuoteContext = {}): QuoteMatch | null {
  const prefix = context.prefix ?? '';
  const suffix = context.suffix ?? '';
  if (quote.length < MIN_APPROXIMATE_LENGTH || !prefix || !suffix) return null;
  const joined = prefix + quote + suffix;
  const maxErrors = Math.floor(joined.length * (1 - MIN_JOINED_SIMILARITY));
  const hint = context.hint === undefined ? undefined : Math.max(0, context.hint - prefix.length);
  const reach: Reach = hint === undefined ? 'anywhere' : 'near';
  const reversedSuffix = reversed(suffix);
  for (const stage of stages(text.length, hint, joined.length, maxErrors, reach)) {
    let best: QuoteMatch | null = null;
    for (const candidate of searchSpans(text, joined, maxErrors, stage.spans)) {
      const region = text.slice(candidate.start, candidate.end);
      const start = candidate.start + prefixEnd(region, prefix, candidate.errors);
      const end = candidate.end - prefixEnd(reversed(region), reversedSuffix, candidate.errors);
      if (end - start <= 0) continue;
      const quoteScore = 1 - editDistance(quote, text.slice(start, end)) / quote.length;
      if (quoteScore < MIN_QUOTE_SIMILARITY_IN_CONTEXT) continue;
      const around = contextSimilarity(text, start, end, context);
      if (around === null || around < MIN_CONTEXT_SIMILARITY) continue;
      const score = combinedScore(quoteScore, around, text, start, context);
      if (!best || score > best.score) best = { start, end, score };
    }
    if (best) return best;
  }
  return null;
}
