// Rejected suggestions as data: which unit of which document the analyst turned down for which theme, with a hash
// of its text so that a rejection lapses when the text there changes instead of hiding another passage.
import type { TextSpan } from '../text/english';

/** One rejected suggestion, as the data file keeps it. */
export interface RejectedSuggestion extends TextSpan {
  documentId: string;
  themeId: string;
  /** SHA-256 (hex) of the unit's text when it was rejected. */
  textHash: string;
}

function keyOf(documentId: string, themeId: string, span: TextSpan): string {
  return `${documentId}\u0000${themeId}\u0000${span.start}\u0000${span.end}`;
}

/**
 * A test for "was this unit rejected for this theme?", given how to hash a text (the host's SHA-256): units are
 * looked up by place first, so only the few rejected places are hashed.
 */
export function rejectionTest(
  rejected: readonly RejectedSuggestion[],
  themeId: string,
  hash: (text: string) => string,
): (documentId: string, span: TextSpan, exact: string) => boolean {
  const byPlace = new Map<string, string>();
  for (const r of rejected) if (r.themeId === themeId) byPlace.set(keyOf(r.documentId, r.themeId, r), r.textHash);
  return (documentId, span, exact) => {
    const stored = byPlace.get(keyOf(documentId, themeId, span));
    return stored !== undefined && stored === hash(exact);
  };
}

/** The list with one more rejection (the same one again replaces it), the oldest forgotten past `limit`. */
export function withRejection(rejected: readonly RejectedSuggestion[], next: RejectedSuggestion, limit: number): RejectedSuggestion[] {
  const key = keyOf(next.documentId, next.themeId, next);
  const kept = rejected.filter((r) => keyOf(r.documentId, r.themeId, r) !== key);
  return [...kept, next].slice(-limit);
}
