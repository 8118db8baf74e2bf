// How many of the shown highlights carry each set of themes. Thousands of highlights share a handful of
// sets, so the counts per theme (sub-themes toward their parents) and the screen reader's descriptions,
// one per set, are derived from this tally, which an edit changes in place of one entry: an edit never
// recounts every highlight.
import type { Annotation } from '../../annotations/annotation';

/** One set of themes in use, and how many highlights carry exactly it. */
export interface ThemeSetCount {
  readonly themes: readonly string[];
  readonly count: number;
}

/** The tally: by the set's key (its theme ids in order). */
export type ThemeTally = ReadonlyMap<string, ThemeSetCount>;

const keyOf = (themes: readonly string[]): string => themes.join('\n');

/** The tally of these highlights. */
export function tallyOf(annotations: Iterable<Pick<Annotation, 'themes'>>): ThemeTally {
  const tally = new Map<string, ThemeSetCount>();
  for (const { themes } of annotations) bump(tally, themes, 1);
  return tally;
}

/** The tally after `gone` highlights left and `came` arrived (a changed highlight is in both). */
export function retally(
  tally: ThemeTally,
  gone: Iterable<Pick<Annotation, 'themes'>>,
  came: Iterable<Pick<Annotation, 'themes'>>,
): ThemeTally {
  // A copy of the few sets in use, not of the highlights.
  const next = new Map(tally);
  for (const { themes } of gone) bump(next, themes, -1);
  for (const { themes } of came) bump(next, themes, 1);
  return next;
}

function bump(tally: Map<string, ThemeSetCount>, themes: readonly string[], by: number): void {
  const key = keyOf(themes);
  const count = (tally.get(key)?.count ?? 0) + by;
  if (count > 0) tally.set(key, { themes: tally.get(key)?.themes ?? themes, count });
  else tally.delete(key);
}
