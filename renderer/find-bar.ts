// The find bar over the article: Ctrl/Cmd+F opens it, typing marks every match (words, "phrases", OR, tariff*, with
// whole words and match case as options), Enter/F3 and Shift+Enter/Shift+F3 step through them, "Code hits…" opens
// the preview that codes them all, Escape closes it and leaves the current match selected in the article.
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { SearchOptions } from '../annotations/suggest/search-query';
import { currentMatch, findKey, withFindAction, type FindState } from './editor/find-plugin';
import { bindingOf, type CommandName } from './keymap/bindings';
import { ariaKeyShortcuts, keyLabels } from './keymap/keymap';
import { button, h } from './ui/dom';

/** Selected text at most this long (and on one line) becomes the query when the bar opens. */
const PREFILL_MAX_CHARS = 200;

const numberFormat = new Intl.NumberFormat('en');

/** "3 of 12", "3 of 1,000+", "No matches", why the query cannot be searched, or '' when nothing is searched. */
export function findStatusText(state: Pick<FindState, 'query' | 'matches' | 'capped' | 'current'> & { problem?: string | null }): string {
  if (state.query === '') return '';
  if (state.problem) return state.problem;
  if (state.matches.length === 0) return 'No matches';
  const total = `${numberFormat.format(state.matches.length)}${state.capped ? '+' : ''}`;
  return `${numberFormat.format(state.current + 1)} of ${total}`;
}

/** One of the bar's buttons, its keys and title from the keymap. */
function barButton(id: string, text: string, command: CommandName, action: () => void): HTMLButtonElement {
  const binding = bindingOf(command);
  return button(text, action, {
    props: { id, title: `${binding.description} (${keyLabels(binding).join(' or ')})` },
    attrs: { 'aria-keyshortcuts': ariaKeyShortcuts(binding) },
  });
}

/** The bar; it finds the article's view through `getView`, since a new document brings a new view. */
export class FindBar {
  private readonly input = h('input', {
    props: { id: 'find-input', type: 'search', autocomplete: 'off', spellcheck: false },
    attrs: { 'aria-describedby': 'find-status', 'aria-keyshortcuts': ariaKeyShortcuts(bindingOf('find')) },
    on: { input: () => this.search(this.input.value) },
  });
  private readonly wholeWord = h('input', { props: { id: 'find-whole-word', type: 'checkbox' }, on: { change: () => this.research() } });
  private readonly matchCase = h('input', { props: { id: 'find-match-case', type: 'checkbox' }, on: { change: () => this.research() } });
  private readonly status = h('span', {
    props: { id: 'find-status', className: 'find-status' },
    attrs: { role: 'status', 'aria-live': 'polite' },
  });
  private readonly bar = h(
    'div',
    { props: { id: 'find-bar', className: 'find-bar', hidden: true }, attrs: { role: 'search', 'aria-label': 'Find in the article' } },
    h('label', { props: { htmlFor: 'find-input' } }, 'Find'),
    this.input,
    this.status,
    barButton('find-previous', 'Previous', 'find-previous', () => this.step(-1)),
    barButton('find-next', 'Next', 'find-next', () => this.step(1)),
    h('label', 'find-option', this.wholeWord, ' Whole words'),
    h('label', 'find-option', this.matchCase, ' Match case'),
    button('Code hits…', () => this.codeHits(), {
      props: { id: 'find-code-hits', title: 'Preview every hit grown to its sentence or paragraph, and code the ones you tick' },
    }),
    barButton('find-close', 'Close', 'find-close', () => this.close()),
  );
  /** Where the search started: matches are counted from the first one at or after it. */
  private origin = 0;

  /** `onKey`: the keymap's handler of the bar's own keys (Enter, Shift+Enter, Escape); `onCodeHits`: opens the preview. */
  constructor(
    place: HTMLElement,
    private readonly getView: () => EditorView,
    onKey: (event: KeyboardEvent) => boolean,
    private readonly onCodeHits: (query: string, options: SearchOptions) => void,
  ) {
    place.prepend(this.bar);
    // Handled here, so a search field's own Escape (clearing it) and the window's Escape (closing a highlight) stay out.
    this.bar.addEventListener('keydown', (event) => {
      if (!event.defaultPrevented && onKey(event)) event.preventDefault();
    });
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

  /** Whole words and match case, as ticked. */
  get options(): SearchOptions {
    return { wholeWord: this.wholeWord.checked, caseSensitive: this.matchCase.checked };
  }

  private search(query: string): void {
    const view = this.getView();
    view.dispatch(withFindAction(view.state.tr, { type: 'search', query, from: this.origin, options: this.options }));
    this.showCurrent();
  }

  /** Searches again after an option changed, keeping focus where it is. */
  private research(): void {
    if (this.input.value !== '') this.search(this.input.value);
  }

  private codeHits(): void {
    if (this.input.value.trim() === '') {
      this.status.textContent = 'Type what to find first.';
      this.input.focus();
      return;
    }
    this.onCodeHits(this.input.value, this.options);
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
}
