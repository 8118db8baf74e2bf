// Half-open character intervals: merging a theme's passages (overlaps counted once) and measuring what two themes share.

/** A half-open interval [start, end). */
export interface Interval {
  start: number;
  end: number;
}

/** Merges intervals into disjoint, sorted ones (touching intervals merge too). */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((x, y) => x.start - y.start || x.end - y.end);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ start: interval.start, end: interval.end });
  }
  return merged;
}

/** Total length of the intersection of two sets of disjoint sorted intervals. */
export function intersectionLength(a: readonly Interval[], b: readonly Interval[]): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    total += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
    if (x.end < y.end) i++;
    else j++;
  }
  return total;
}
