// Theme families as reports and corpus views count them: a highlight belongs to its themes and to their parents.
import { themeAndChildren, type Theme } from '../codebook';

/**
 * For each theme id, the report themes a highlight carrying it belongs to: the theme and its parent,
 * from codebook.ts `themeAndChildren` (the rule `belongsToTheme` and `countByTheme` apply), inverted
 * once so that each highlight is looked up by its own few themes rather than against every family.
 */
export function familiesById(themes: readonly Theme[]): Map<string, Theme[]> {
  const of = new Map<string, Theme[]>();
  for (const theme of themes) {
    for (const member of themeAndChildren(themes, theme.id)) {
      const list = of.get(member) ?? [];
      list.push(theme);
      of.set(member, list);
    }
  }
  return of;
}

/** Whether one theme is the other's parent: such a pair is one family, not a co-occurrence. */
export function sameFamily(a: Theme, b: Theme): boolean {
  return a.parent === b.id || b.parent === a.id;
}
