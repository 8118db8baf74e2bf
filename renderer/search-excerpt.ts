// Searching the Annotations list: which entries a query's words match, and the excerpt of a quote or
// note that shows where they matched. Plain string work, no DOM, so the rules are tested in Node; the
// list turns the segments into text nodes and <mark> elements (never markup).

/** A piece of an excerpt: text, marked when it is a match of one of the words. */
export interface Segment {
  text: string;
  match: boolean;
}

/** The words of a search query: each must occur (case-insensitively) for an entry to match. */
export function searchWords(query: string | undefined): string[] {
  return (query ?? '').split(/\s+/).filter(Boolean);
}

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where the words occur in `text`, as [start, end) ranges in order, overlaps merged. Case-insensitive
 * through a Unicode regular expression rather than lower-casing, whose result may differ in length
 * (İ becomes two characters) and so would put the marks in the wrong place.
 */
export function matchRanges(text: string, words: readonly string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const word of words) {
    for (const found of text.matchAll(new RegExp(escapeRegExp(word), 'giu'))) ranges.push([found.index, found.index + found[0].length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** True when every word occurs in one of the texts. */
export function matchesAll(texts: readonly string[], words: readonly string[]): boolean {
  return words.every((word) => texts.some((text) => matchRanges(text, [word]).length > 0));
}

/** Shortens text to `max` characters at a word boundary, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const flat = flatten(text);
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function flatten(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * At most `max` characters of `text` (whitespace flattened) that include the first match of `words`,
 * starting about `before` characters ahead of it (at a word boundary), with "…" where text is left out
 * at either end; the matches inside are marked. Without a match it is the start of the text, shortened.
 */
export function excerpt(text: string, words: readonly string[], max: number, before: number): Segment[] {
  const flat = flatten(text);
  const ranges = matchRanges(flat, words);
  if (ranges.length === 0) return [{ text: shorten(flat, max), match: false }];
  const [firstStart, firstEnd] = ranges[0]!;
  let start = 0;
  let end = flat.length;
  if (flat.length > max) {
    // Not pulled back to fill `max` when the match is near the end: the match must stay early, in the line shown.
    start = Math.max(0, firstStart - before);
    // Begin at a word: after the first space in the window, unless that would pass the match.
    if (start > 0) {
      const space = flat.indexOf(' ', start);
      if (space !== -1 && space < firstStart) start = space + 1;
    }
    end = Math.max(firstEnd, Math.min(flat.length, start + max));
    if (end < flat.length) {
      const space = flat.lastIndexOf(' ', end);
      if (space >= firstEnd) end = space;
    }
  }
  const segments: Segment[] = [];
  const push = (from: number, to: number, match: boolean): void => {
    if (to > from) segments.push({ text: flat.slice(from, to), match });
  };
  let at = start;
  for (const [s, e] of ranges) {
    if (e <= start || s >= end) continue;
    push(at, Math.max(at, s), false);
    push(Math.max(at, s), Math.min(e, end), true);
    at = Math.min(e, end);
  }
  push(at, end, false);
  if (start > 0) segments.unshift({ text: '…', match: false });
  if (end < flat.length) segments.push({ text: '…', match: false });
  return segments;
}
