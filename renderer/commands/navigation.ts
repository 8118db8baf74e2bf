// Commands that move between highlights: open one in the editor, close it, scroll to it with a flash,
// step to the next or previous one with n / p, and open the one a link names.
import type { Reader } from './context';
import { selectThemeLabels } from '../state/modules/library';

/** How long a highlight flashes after it was scrolled to. */
const FLASH_MS = 1200;

/** Opens a highlight in the editor, which comes into view (and takes focus); optionally scrolls the article to it. */
export function openHighlight(reader: Reader, id: string, options: { scroll: boolean; focus?: boolean }): void {
  const state = reader.store.getState();
  if (!state.annotations.has(id)) return;
  if (state.activeId !== id) void reader.flushNote();
  reader.store.dispatch({ type: 'highlight-opened', id });
  if (options.scroll) scrollToHighlight(reader, id);
  reader.showEditor({ focus: options.focus ?? true });
}

/** Closes the open highlight; with `focusArticle`, the caret goes to its end in the article. */
export function closeHighlight(reader: Reader, options: { focusArticle: boolean }): void {
  void reader.flushNote();
  const state = reader.store.getState();
  const anchor = state.activeId ? state.anchors.get(state.activeId) : undefined;
  reader.store.dispatch({ type: 'highlight-opened', id: null });
  if (options.focusArticle) reader.article.focusAt(anchor?.status === 'anchored' ? anchor.end : null);
}

/** Scrolls the article to a highlight and flashes it. */
export function scrollToHighlight(reader: Reader, id: string): void {
  reader.article.scrollTo(id);
  reader.store.dispatch({ type: 'highlight-flashed', id });
  setTimeout(() => {
    // A later flash of another highlight is left alone.
    if (reader.store.getState().flashId === id) reader.store.dispatch({ type: 'highlight-flashed', id: null });
  }, FLASH_MS);
}

/** Moves the caret to the next (1) or previous (-1) highlight and says which it is. */
export function stepHighlight(reader: Reader, direction: 1 | -1): void {
  const step = reader.article.step(direction, reader.store.getState().reachedId);
  if (!step) {
    reader.notices.announce('There are no highlights yet.');
    return;
  }
  reader.store.dispatch({ type: 'highlight-reached', id: step.placed.annotation.id });
  const labels = selectThemeLabels(reader.store.getState(), step.placed.annotation.themes);
  reader.notices.announce(`Highlight ${step.index + 1} of ${step.total}: ${labels}.`);
}

/** Opens the highlight at the caret. */
export function openAtCaret(reader: Reader): void {
  const id = reader.article.highlightAtCaret();
  if (id) openHighlight(reader, id, { scroll: false });
  else reader.notices.announce('The caret is not on a highlight.');
}

/** Opens the highlight a link to #annotation-<id> names (as the list's entries are). */
export function openFromHash(reader: Reader): void {
  const match = /^#annotation-([A-Za-z0-9_-]+)$/.exec(window.location.hash);
  if (match) openHighlight(reader, match[1]!, { scroll: true });
}
