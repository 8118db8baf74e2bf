// The note card: pointing at a highlight's note marker, or putting the caret in a highlight with a
// note, shows a small card beside the marker with the highlight's themes and its note's first line.
import { NOTE_MARKER_CLASS } from '../editor/highlight-plugin';
import { selectHasNote } from '../state/modules/annotations';
import { selectThemeLabels } from '../state/modules/library';
import type { Action } from '../state/actions';
import type { ReaderState } from '../state/reader-state';
import type { Store } from '../state/store';
import { h } from '../ui/dom';
import type { ArticleView } from './article';

/** The note's first non-empty line, shortened to what a card holds. */
export function firstLine(note: string, max = 120): string {
  const line =
    note
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Mounts the card; it follows the pointer over markers and the caret in the article. */
export function mountNoteCard(article: ArticleView, store: Store<ReaderState, Action>): void {
  const themes = h('p', 'note-card-themes');
  const note = h('p', 'note-card-note');
  // Seen only: a screen reader hears the themes with the passage and reads the note in the editor (Enter).
  const card = h(
    'div',
    { props: { className: 'note-card', id: 'note-card', hidden: true }, attrs: { 'aria-hidden': 'true' } },
    themes,
    note,
  );
  document.body.append(card);
  let pointed: string | null = null;

  const show = (id: string | null): void => {
    const annotation = id ? store.getState().annotations.get(id) : undefined;
    const marker = id
      ? article.editorIfOpen?.dom.querySelector<HTMLElement>(`.${NOTE_MARKER_CLASS}[data-note-for="${CSS.escape(id)}"]`)
      : null;
    if (!annotation || !marker || !selectHasNote(store.getState(), annotation)) {
      card.hidden = true;
      return;
    }
    themes.textContent = selectThemeLabels(store.getState(), annotation.themes);
    note.textContent = store.getState().notesToCome.has(annotation.id) ? 'Loading note…' : firstLine(annotation.note);
    card.dataset.for = annotation.id;
    card.hidden = false;
    const at = marker.getBoundingClientRect();
    const width = card.offsetWidth;
    card.style.left = `${Math.max(8, Math.min(at.left - 12, window.innerWidth - width - 8))}px`;
    // Below the marker's line, or above it when the window ends first.
    const below = at.bottom + 6;
    card.style.top = `${below + card.offsetHeight > window.innerHeight - 8 ? at.top - card.offsetHeight - 6 : below}px`;
  };

  /** The highlight with a note at the caret, when the article has the focus and nothing is selected. */
  const atCaret = (): string | null => {
    const view = article.editorIfOpen;
    if (!view?.hasFocus() || article.selectedRange()) return null;
    const id = article.highlightAtCaret();
    const annotation = id ? store.getState().annotations.get(id) : undefined;
    return annotation && selectHasNote(store.getState(), annotation) ? annotation.id : null;
  };
  const refresh = (): void => show(pointed ?? atCaret());

  document.addEventListener('mouseover', (event) => {
    const marker = event.target instanceof Element ? event.target.closest<HTMLElement>(`.${NOTE_MARKER_CLASS}`) : null;
    const id = marker?.dataset.noteFor ?? null;
    if (id === pointed) return;
    pointed = id;
    refresh();
  });
  document.addEventListener('selectionchange', refresh);
  document.addEventListener('focusout', () => requestAnimationFrame(refresh));
  document.getElementById('reader')?.addEventListener('scroll', () => (card.hidden ? undefined : refresh()), { passive: true });
  store.subscribe((state, previous) => {
    if (!card.hidden && (state.annotations !== previous.annotations || state.notesToCome !== previous.notesToCome)) refresh();
  });
}
