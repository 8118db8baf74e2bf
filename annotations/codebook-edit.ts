// The rules of codebook editing, as pure functions the service runs inside a store change: labels,
// colours, ids, sub-themes one level deep, shortcuts by order, and deleting a theme from its highlights.
import type { Annotation } from './annotation';
import { CUES, MAX_THEMES, shortcutFor, themeIdFor, type Codebook, type Theme } from './codebook';
import type { ThemeInput } from './contract';
import { GlossError } from './errors';
import type { AnnotationChange } from './history';
import { MAX_DESCRIPTION_CHARS, MAX_LABEL_CHARS } from './schemas';

function invalid(message: string): GlossError {
  return new GlossError('invalid-input', message);
}

/**
 * The codebook `input` describes, checked against the current one: labels trimmed, 1–100 characters
 * and unique ignoring case; colours #rrggbb (stored lower-case); new themes get ids made from their
 * labels; sub-themes one level deep; shortcuts 1–9 by position. A theme that highlights still use
 * cannot be dropped here (deleteTheme asks what becomes of them).
 */
export function editCodebook(current: Codebook, annotations: readonly Annotation[], input: readonly ThemeInput[]): Codebook {
  if (input.length === 0) throw invalid('The codebook needs at least one theme.');
  if (input.length > MAX_THEMES) throw invalid(`The codebook holds at most ${MAX_THEMES} themes.`);
  const existing = new Map(current.map((t) => [t.id, t]));
  const labels = new Set<string>();
  const ids = new Set<string>();
  for (const theme of input) {
    const label = theme.label.trim();
    if (label.length === 0) throw invalid('Every theme needs a label.');
    if (label.length > MAX_LABEL_CHARS) throw invalid(`The label "${label.slice(0, 40)}…" is longer than ${MAX_LABEL_CHARS} characters.`);
    const key = label.toLocaleLowerCase();
    if (labels.has(key)) throw invalid(`Two themes are called "${label}"; labels must differ (ignoring case).`);
    labels.add(key);
    if ((theme.description ?? '').length > MAX_DESCRIPTION_CHARS) {
      throw invalid(`The description of "${label}" is longer than ${MAX_DESCRIPTION_CHARS} characters.`);
    }
    if (theme.id !== undefined) {
      if (ids.has(theme.id)) throw invalid(`The theme id "${theme.id}" is listed twice.`);
      ids.add(theme.id);
    }
  }
  // Ids for new themes, unique among every id given or already in use.
  const taken = new Set([...ids, ...existing.keys()]);
  const themes: Theme[] = input.map((theme, index) => {
    const id = theme.id ?? themeIdFor(theme.label.trim(), taken);
    taken.add(id);
    const before = existing.get(id);
    const next: Theme = {
      id,
      label: theme.label.trim(),
      colour: theme.colour.toLowerCase(),
      cue: theme.cue ?? before?.cue ?? CUES[index % CUES.length]!,
      description: theme.description ?? before?.description ?? '',
      shortcut: shortcutFor(index),
    };
    if (theme.parent !== undefined) next.parent = theme.parent;
    return next;
  });
  const byId = new Map(themes.map((t) => [t.id, t]));
  for (const theme of themes) {
    if (theme.parent === undefined) continue;
    const parent = byId.get(theme.parent);
    if (!parent) throw invalid(`"${theme.label}" is a sub-theme of "${theme.parent}", which is not in the codebook.`);
    if (parent.id === theme.id) throw invalid(`"${theme.label}" cannot be a sub-theme of itself.`);
    if (parent.parent !== undefined) {
      throw invalid(`"${theme.label}" cannot be a sub-theme of "${parent.label}", which is itself a sub-theme (one level only).`);
    }
  }
  const used = new Map<string, number>();
  for (const a of annotations) for (const t of a.themes) used.set(t, (used.get(t) ?? 0) + 1);
  for (const theme of current) {
    const count = used.get(theme.id) ?? 0;
    if (!byId.has(theme.id) && count > 0) {
      throw invalid(
        `"${theme.label}" is used by ${count} highlight${count === 1 ? '' : 's'}; delete it with a choice of what becomes of them.`,
      );
    }
  }
  return themes;
}

/** What deleting a theme gives: the new codebook and annotations, the changes for the history, and counts. */
export interface ThemeDeletion {
  codebook: Codebook;
  annotations: Annotation[];
  changes: AnnotationChange[];
  moved: number;
  removed: number;
  deleted: number;
}

/**
 * Deletes a theme. With `moveTo`, its highlights get that theme in its place (once, where it was);
 * without, it is taken off them and a highlight left with no theme is deleted. Its sub-themes become
 * top-level themes; shortcuts follow the new order.
 */
export function deleteTheme(
  current: Codebook,
  annotations: readonly Annotation[],
  id: string,
  moveTo: string | undefined,
  now: string,
): ThemeDeletion {
  const theme = current.find((t) => t.id === id);
  if (!theme) throw new GlossError('not-found', `No theme with id "${id}".`);
  if (current.length === 1) throw invalid('The codebook needs at least one theme: add another before deleting this one.');
  if (moveTo !== undefined) {
    if (moveTo === id) throw invalid('A theme cannot be moved into itself.');
    if (!current.some((t) => t.id === moveTo)) throw new GlossError('not-found', `No theme with id "${moveTo}" to move the highlights to.`);
  }
  const codebook = current
    .filter((t) => t.id !== id)
    .map((t, index) => {
      const next: Theme = { ...t, shortcut: shortcutFor(index) };
      if (next.parent === id) delete next.parent;
      return next;
    });
  const next: Annotation[] = [];
  const changes: AnnotationChange[] = [];
  let moved = 0;
  let removed = 0;
  let deleted = 0;
  for (const a of annotations) {
    if (!a.themes.includes(id)) {
      next.push(a);
      continue;
    }
    let themes: string[];
    if (moveTo !== undefined) {
      themes = [...new Set(a.themes.map((t) => (t === id ? moveTo : t)))];
      moved += 1;
    } else {
      themes = a.themes.filter((t) => t !== id);
    }
    if (themes.length === 0) {
      deleted += 1;
      changes.push({ before: a, after: null });
      continue;
    }
    if (moveTo === undefined) removed += 1;
    const updated: Annotation = { ...a, themes, modified: now };
    next.push(updated);
    changes.push({ before: a, after: updated });
  }
  return { codebook, annotations: next, changes, moved, removed, deleted };
}
