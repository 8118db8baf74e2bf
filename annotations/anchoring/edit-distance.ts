// Edit distance for re-anchoring: one table routine (lastRow) behind the distance of a whole string, of the
// best match of a string inside another, and of where a prefix ends. Plain strings, no DOM.

/** Scratch row for the tables below, grown as needed (they run once per candidate, on short strings). */
let row = new Int32Array(64);

function scratch(length: number): Int32Array {
  if (row.length < length) row = new Int32Array(Math.max(length, row.length * 2));
  return row;
}

/**
 * The last row of the edit-distance table of `needle` against `haystack`: cell j is the fewest
 * edits that turn `needle` into a piece of the haystack ending after its first j characters.
 * With `freeStart` that piece may start anywhere (the first row is all zeros), else at 0 (Levenshtein).
 * Context strings are 32 characters, so the table is about 32 x 36 cells: cheaper than setting up
 * a bit-parallel search. The row is scratch space, valid until the next call.
 */
function lastRow(needle: string, haystack: string, freeStart: boolean): Int32Array {
  const n = haystack.length;
  const d = scratch(n + 1);
  for (let j = 0; j <= n; j++) d[j] = freeStart ? 0 : j;
  for (let i = 1; i <= needle.length; i++) {
    const c = needle.charCodeAt(i - 1);
    let diagonal = d[0]!;
    d[0] = i;
    for (let j = 1; j <= n; j++) {
      const up = d[j]!;
      d[j] = Math.min(diagonal + (haystack.charCodeAt(j - 1) === c ? 0 : 1), up + 1, d[j - 1]! + 1);
      diagonal = up;
    }
  }
  return d;
}

/** The fewest edits that turn `needle` into some substring of `haystack` (a free start and end in the haystack). */
function substringDistance(needle: string, haystack: string): number {
  const d = lastRow(needle, haystack, true);
  let best = needle.length;
  for (let j = 0; j <= haystack.length; j++) if (d[j]! < best) best = d[j]!;
  return best;
}

/** Levenshtein distance of two whole strings. */
export function editDistance(a: string, b: string): number {
  return lastRow(a, b, false)[b.length]!;
}

/** 1 minus the edit distance of `needle` to its best match inside `haystack`, per character of needle. */
export function similarity(needle: string, haystack: string): number {
  if (needle.length === 0) return 1;
  if (haystack.length === 0) return 0;
  return 1 - substringDistance(needle, haystack) / needle.length;
}

/**
 * Where `prefix` ends when aligned at the start of `region` (its first characters may have been
 * edited away): the end, within prefix.length +- slack, of its best match as a substring of the
 * region. The last row of a table with a free start gives the distance for every end at once;
 * of equally good ends the earliest is kept, which leaves the most to the quote.
 */
export function prefixEnd(region: string, prefix: string, slack: number): number {
  const n = Math.min(region.length, prefix.length + slack);
  const d = lastRow(prefix, region.slice(0, n), true);
  let best = Math.min(n, Math.max(0, prefix.length - slack));
  for (let j = best + 1; j <= n; j++) if (d[j]! < d[best]!) best = j;
  return best;
}
