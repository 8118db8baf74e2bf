// Commands on highlights: apply a theme to the selection or the open highlight, toggle a theme, save a
// note, delete. Each asks the host, then tells the store what the host stored.
import { describeRange } from '../../annotations/anchoring/anchor';
import { selectActive, selectAnnotationAt } from '../state/modules/annotations';
import { selectTheme, selectThemeLabels } from '../state/modules/library';
import type { Reader } from './context';
import { undo } from './history';
import { anchored } from './placement';
import { refuseIfReadOnly, save } from './saving';

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
  const created = await save(reader, () =>
    reader.host.createAnnotation({ documentId: doc.id, target: { source: doc.id, selector: describeRange(doc.text, start, end) }, themes: [themeId] }),
  );
  await reader.flushNote();
  // One action: the new highlight, opened, with the caret after it (one view update, one redraw).
  reader.store.dispatch({ type: 'annotations-changed', upserted: [anchored(doc, created)], removed: [], open: created.id, caret: end });
  reader.store.dispatch({ type: 'step-recorded' });
  reader.notices.announce(`Highlighted as ${selectThemeLabels(reader.store.getState(), [themeId])}.`);
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
  const updated = await save(reader, () => reader.host.updateAnnotation({ id, themes }));
  stored(reader, updated);
  const labels = (ids: string[]): string => selectThemeLabels(reader.store.getState(), ids);
  reader.notices.announce(`${has ? 'Removed' : 'Added'} ${labels([themeId])}. Themes: ${labels(themes)}.`);
}

/** Saves a note; `sitting` counts the times a highlight was opened, so each sitting is one undo step. */
export async function saveNote(reader: Reader, id: string, note: string, sitting: number): Promise<void> {
  const state = reader.store.getState();
  const current = state.annotations.get(id);
  if (!current || current.note === note || state.readOnly) return;
  // The host merges updates with the same key into one undo step.
  const mergeKey = `note:${id}:${PAGE_SESSION}:${sitting}`;
  stored(reader, await save(reader, () => reader.host.updateAnnotation({ id, note, mergeKey })));
}

/** Deletes a highlight; a notice offers its undo while the deletion is the last change. */
export async function deleteHighlight(reader: Reader, id: string): Promise<void> {
  if (!reader.store.getState().annotations.has(id) || refuseIfReadOnly(reader)) return;
  await save(reader, () => reader.host.deleteAnnotation({ id }));
  reader.store.dispatch({ type: 'annotations-changed', upserted: [], removed: [id] });
  reader.store.dispatch({ type: 'step-recorded' });
  reader.article.focus();
  // Seen as well as heard.
  reader.notices.toast.show('Highlight deleted.', 'Undo', () => void undo(reader));
}

/** Deletes the open highlight. */
export function deleteActive(reader: Reader): Promise<void> {
  const active = selectActive(reader.store.getState());
  return active ? deleteHighlight(reader, active.annotation.id) : Promise.resolve();
}

/** Tells the store of an annotation the host stored, anchored again, and of the undo step it made. */
function stored(reader: Reader, annotation: Parameters<typeof anchored>[1]): void {
  const doc = reader.store.getState().document!;
  reader.store.dispatch({ type: 'annotations-changed', upserted: [anchored(doc, annotation)], removed: [] });
  reader.store.dispatch({ type: 'step-recorded' });
}
