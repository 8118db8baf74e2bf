// Commands on highlights: apply a theme to the selection or the open highlight, toggle a theme, save a
// note, delete. Each is shown at input and then stored (see ./edits.ts).
import type { Annotation } from '../../annotations/annotation';
import { describeRange } from '../../annotations/anchoring/anchor';
import { selectActive, selectAnnotationAt } from '../state/modules/annotations';
import { selectTheme, selectThemeLabels } from '../state/modules/library';
import type { Reader } from './context';
import { undo } from './history';
import { edit } from './edits';
import { refuseIfReadOnly } from './saving';

/** Identifies this page load, so one sitting's note edits merge into one undo step and no other's do. */
const PAGE_SESSION = Math.random().toString(36).slice(2, 10);

/**
 * Applies a theme: to the selected passage (a new highlight, or the highlight that covers exactly
 * that passage), else to the highlight open in the editor.
 */
export async function applyTheme(reader: Reader, themeId: string): Promise<void> {
  const state = reader.store.getState();
  if (!selectTheme(state, themeId) || refuseIfReadOnly(reader)) return;
  const range = reader.article.selectedRange();
  if (range) {
    const same = selectAnnotationAt(state, range.start, range.end);
    if (same) return toggleTheme(reader, same.id, themeId);
    return createHighlight(reader, range.start, range.end, themeId);
  }
  if (state.activeId) return toggleTheme(reader, state.activeId, themeId);
  reader.notices.announce('Select a passage first, then apply a theme.');
}

async function createHighlight(reader: Reader, start: number, end: number, themeId: string): Promise<void> {
  const doc = reader.store.getState().document!;
  await reader.flushNote();
  // The id is made here, so the highlight is drawn now and the host's answer needs no renumbering.
  const now = new Date().toISOString();
  const target = { source: doc.id, selector: describeRange(doc.text, start, end) };
  const shown: Annotation = {
    id: crypto.randomUUID(),
    documentId: doc.id,
    target,
    themes: [themeId],
    note: '',
    created: now,
    modified: now,
  };
  reader.notices.announce(`Highlighted as ${selectThemeLabels(reader.store.getState(), [themeId])}.`);
  await edit(reader, {
    id: shown.id,
    shown,
    open: true,
    caret: end,
    send: () => reader.host.createAnnotation({ id: shown.id, documentId: doc.id, target, themes: shown.themes }),
  });
}

/** Adds or removes a theme; the last theme cannot be removed (delete the highlight instead). */
export async function toggleTheme(reader: Reader, id: string, themeId: string): Promise<void> {
  const state = reader.store.getState();
  const current = state.annotations.get(id);
  if (!current || refuseIfReadOnly(reader)) return;
  const has = current.themes.includes(themeId);
  if (has && current.themes.length === 1) {
    reader.notices.announce('A highlight keeps at least one theme. Delete the highlight to remove it.');
    return;
  }
  const themes = has ? current.themes.filter((t) => t !== themeId) : [...current.themes, themeId];
  const labels = (ids: string[]): string => selectThemeLabels(reader.store.getState(), ids);
  reader.notices.announce(`${has ? 'Removed' : 'Added'} ${labels([themeId])}. Themes: ${labels(themes)}.`);
  await edit(reader, { id, shown: { ...current, themes }, send: () => reader.host.updateAnnotation({ id, themes }) });
}

/** Saves a note; `sitting` counts the times a highlight was opened, so each sitting is one undo step. */
export async function saveNote(reader: Reader, id: string, note: string, sitting: number): Promise<void> {
  const state = reader.store.getState();
  const current = state.annotations.get(id);
  if (!current || current.note === note || state.readOnly) return;
  // The host merges updates with the same key into one undo step.
  const mergeKey = `note:${id}:${PAGE_SESSION}:${sitting}`;
  await edit(reader, { id, shown: { ...current, note }, send: () => reader.host.updateAnnotation({ id, note, mergeKey }) });
}

/** Deletes a highlight; a notice offers its undo while the deletion is the last change. */
export async function deleteHighlight(reader: Reader, id: string): Promise<void> {
  if (!reader.store.getState().annotations.has(id) || refuseIfReadOnly(reader)) return;
  reader.article.focus();
  const stored = edit(reader, { id, shown: null, send: async () => (await reader.host.deleteAnnotation({ id }), null) });
  // Seen as well as heard; its Undo runs after the deletion reached the host (changes run in order).
  reader.notices.toast.show('Highlight deleted.', 'Undo', () => void undo(reader));
  if (!(await stored)) reader.notices.toast.hide();
}

/** Deletes the open highlight. */
export function deleteActive(reader: Reader): Promise<void> {
  const active = selectActive(reader.store.getState());
  return active ? deleteHighlight(reader, active.annotation.id) : Promise.resolve();
}
