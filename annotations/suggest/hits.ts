// Search hits as passages to code: each match grown to the sentence or paragraph around it (or kept as found),
// passages that meet merged, so ticking one codes it once however many matches it holds.
import type { TextSpan } from '../text/english';
import type { HitExpansion } from '../text/unit-kinds';
import { unitAt, unitSpans, type UnitSource } from '../text/units';

export { HIT_EXPANSIONS, type HitExpansion } from '../text/unit-kinds';

/** A passage to code and the matches inside it. */
export interface HitPassage extends TextSpan {
  matches: TextSpan[];
}

/** The passages of `matches` (in text order) grown to `expansion`, in text order, overlapping ones merged. */
export function expandHits(doc: UnitSource, matches: readonly TextSpan[], expansion: HitExpansion): HitPassage[] {
  const units = expansion === 'match' ? [] : unitSpans(doc, expansion);
  const passages: HitPassage[] = [];
  for (const match of matches) {
    let span: TextSpan = match;
    if (expansion !== 'match') {
      const first = unitAt(units, match.start);
      const last = unitAt(units, Math.max(match.start, match.end - 1));
      // A match in the space between two units (never one of words) keeps its own extent.
      if (first && first.start < match.end)
        span = { start: Math.min(first.start, match.start), end: Math.max(last?.end ?? match.end, match.end) };
    }
    const previous = passages[passages.length - 1];
    if (previous && span.start < previous.end) {
      previous.end = Math.max(previous.end, span.end);
      previous.matches.push(match);
    } else passages.push({ start: span.start, end: span.end, matches: [match] });
  }
  return passages;
}
