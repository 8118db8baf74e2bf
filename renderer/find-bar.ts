// The find bar over the article: Ctrl/Cmd+F opens it, typing marks every match, Enter/F3 and Shift+Enter/Shift+F3
// step through them, Escape closes it and leaves the current match selected in the article (ready for a theme key).
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { currentMatch, findKey, withFindAction, type FindState } from './editor/find-plugin';

/** Selected text at most this long (and on one line) becomes the query when the bar opens. */
const PREFILL_MAX_CHARS = 200;

const numberFormat = new Intl.NumberFormat('en');

/** "3 of 12", "3 of 1,000+", "No matches", or '' when nothing is searched. */
export function findStatusText(state: Pick<FindState, 'query' | 'matches' | 'capped' | 'current'>): string {
  if (state.query === '') return '';
  if (state.matches.length === 0) return 'No matches';
  const total = `${numberFormat.format(state.matches.length)}${state.capped ? '+' : ''}`;
  return `${numberFormat.format(state.current + 1)} of ${total}`;
}

function button(id: string, text: string, keys: string, title: string): HTMLButtonElement {
  const el = document.createElement('button');
  el.type = 'button';
  el.id = id;
  el.textContent = text;
  el.title = title;
  el.setAttribute('aria-keyshortcuts', keys);
  return el;
}

/** The bar; it finds the article's view through `getView`, since a new document brings a new view. */
export class FindBar {
  private readonly bar = document.createElement('div');
  private readonly input = document.createElement('input');
  private readonly status = document.createElement('span');
  /** Where the search started: matches are counted from the first one at or after it. */
  private origin = 0;

  constructor(
    place: HTMLElement,
    private readonly getView: () => EditorView,
  ) {
    this.bar.className = 'find-bar';
    this.bar.id = 'find-bar';
    this.bar.setAttribute('role', 'search');
    this.bar.setAttribute('aria-label', 'Find in the article');
    this.bar.hidden = true;
    const label = document.createElement('label');
    label.htmlFor = 'find-input';
    label.textContent = 'Find';
    this.input.id = 'find-input';
    this.input.type = 'search';
    this.input.autocomplete = 'off';
    this.input.spellcheck = false;
    this.input.setAttribute('aria-describedby', 'find-status');
    this.input.setAttribute('aria-keyshortcuts', 'Control+F Meta+F');
    this.status.id = 'find-status';
    this.status.className = 'find-status';
    this.status.setAttribute('role', 'status');
    this.status.setAttribute('aria-live', 'polite');
    const previous = button('find-previous', 'Previous', 'Shift+Enter Shift+F3', 'Previous match (Shift+Enter or Shift+F3)');
    const next = button('find-next', 'Next', 'Enter F3', 'Next match (Enter or F3)');
    const close = button('find-close', 'Close', 'Escape', 'Close the find bar (Escape)');
    this.bar.append(label, this.input, this.status, previous, next, close);
    place.prepend(this.bar);

    this.input.addEventListener('input', () => this.search(this.input.value));
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.step(event.shiftKey ? -1 : 1);
      } else if (event.key === 'Escape') {
        // Also keeps a search field's own Escape (clearing it) and the app's Escape (closing a highlight) out.
        event.preventDefault();
        this.close();
      }
    });
    this.bar.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        this.close();
      }
    });
    previous.addEventListener('click', () => this.step(-1));
    next.addEventListener('click', () => this.step(1));
    close.addEventListener('click', () => this.close());
    document.addEventListener('keydown', (event) => this.onGlobalKey(event));
  }

  get isOpen(): boolean {
    return !this.bar.hidden;
  }

  /** Shows the bar with focus in its field (the selected text, if short, becomes the query). */
  open(): void {
    const view = this.getView();
    const { from, to } = view.state.selection;
    const selected = view.state.doc.textBetween(from, to, '\n');
    const wasOpen = this.isOpen;
    this.bar.hidden = false;
    this.origin = from;
    if (selected.trim() !== '' && selected.length <= PREFILL_MAX_CHARS && !selected.includes('\n')) {
      this.input.value = selected;
      this.search(selected);
    } else if (!wasOpen && this.input.value !== '') {
      this.search(this.input.value);
    }
    this.input.focus();
    this.input.select();
  }

  /** Hides the bar and its marks; the article gets focus with the current match selected. */
  close(): void {
    if (!this.isOpen) return;
    this.bar.hidden = true;
    const view = this.getView();
    view.dispatch(withFindAction(view.state.tr, { type: 'clear' }));
    this.status.textContent = '';
    view.focus();
  }

  private search(query: string): void {
    const view = this.getView();
    view.dispatch(withFindAction(view.state.tr, { type: 'search', query, from: this.origin }));
    this.showCurrent();
  }

  /** Moves to the next (1) or previous (-1) match. */
  step(direction: 1 | -1): void {
    const view = this.getView();
    const state = findKey.getState(view.state);
    if (!state || state.matches.length === 0) {
      if (!this.isOpen) this.open();
      return;
    }
    view.dispatch(withFindAction(view.state.tr, { type: 'goto', index: state.current + direction }));
    this.showCurrent();
  }

  /** Selects the current match in the article, scrolls it into view and updates the count. */
  private showCurrent(): void {
    const view = this.getView();
    const match = currentMatch(view.state);
    if (match) {
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, match.from, match.to)));
      view.dom.querySelector('.find-current')?.scrollIntoView({ block: 'center', inline: 'nearest' });
    }
    const state = findKey.getState(view.state);
    this.status.textContent = state ? findStatusText(state) : '';
  }

  private onGlobalKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.altKey || document.querySelector('dialog[open]')) return;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && !event.shiftKey && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      this.open();
    } else if (!mod && event.key === 'F3') {
      event.preventDefault();
      if (!this.isOpen) this.open();
      else this.step(event.shiftKey ? -1 : 1);
    }
  }
}
