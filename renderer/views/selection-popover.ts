// The selection bar: when a passage is selected in the article (with the mouse or the keyboard), a small
// bar appears just above it (below when there is no room) with the theme buttons and their keys, Add
// note and Copy. It never covers the selection, Tab moves into it (announced), Escape closes it.
import { selectAnnotationAt } from '../state/modules/annotations';
import { BINDINGS, bindingOf, themeBindings } from '../keymap/bindings';
import { ariaKeyShortcuts, keyLabels, scopeHandler } from '../keymap/keymap';
import type { Action } from '../state/actions';
import type { ReaderState } from '../state/reader-state';
import type { Store } from '../state/store';
import { append, button, h } from '../ui/dom';
import type { ArticleView } from './article';

/** What the bar's buttons run. */
export interface PopoverCommands {
  applyTheme(themeId: string): Promise<void>;
  /** Opens a highlight in the editor with the caret in its note. */
  editNote(id: string): void;
  announce(message: string): void;
}

/** Space kept between the bar and the selection's lines. */
const GAP = 6;

/** A box in the reader's scrolled coordinates. */
interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * Where the bar goes: above the selection when it fits under the reader's top edge, else below it;
 * its left edge at the selection's, kept inside the reader. Never over the selection's box.
 */
export function placeBar(selection: Box, bar: { width: number; height: number }, visible: Box): { top: number; left: number } {
  const above = selection.top - GAP - bar.height;
  const top = above >= visible.top ? above : selection.bottom + GAP;
  const left = Math.max(visible.left, Math.min(selection.left, visible.right - bar.width));
  return { top, left };
}

/** The bar: `enter` (Tab) and `close` (Escape) are the keymap's commands; each says whether it acted. */
export class SelectionPopover {
  private readonly bar = h('div', {
    props: { className: 'selection-popover', id: 'selection-popover', hidden: true },
    attrs: { role: 'group', 'aria-label': 'Themes for the selection' },
  });
  private readonly reader = document.getElementById('reader')!;
  private frame = 0;
  private pointerDown = false;
  /** The selection the bar was closed on (with Escape): it stays closed until the selection changes. */
  private dismissed: string | null = null;

  constructor(
    private readonly article: ArticleView,
    private readonly store: Store<ReaderState, Action>,
    private readonly commands: PopoverCommands,
  ) {
    this.reader.insertBefore(this.bar, document.getElementById('article')!.nextSibling);
    const keys = scopeHandler(BINDINGS, 'popover', { 'selection-bar-close': () => this.close() });
    this.bar.addEventListener('keydown', (event) => {
      if (article.editorIfOpen && keys(article.editorIfOpen, event)) event.preventDefault();
    });
    // The mouse keeps the article's selection and focus: the buttons act on the selection.
    this.bar.addEventListener('mousedown', (event) => event.preventDefault());
    document.addEventListener('selectionchange', () => this.schedule());
    document.addEventListener(
      'mousedown',
      (event) => (this.pointerDown = article.editorIfOpen?.dom.contains(event.target as Node) ?? false),
    );
    document.addEventListener('mouseup', () => {
      this.pointerDown = false;
      this.schedule();
    });
    document.addEventListener('focusin', () => this.schedule());
    this.reader.addEventListener('scroll', () => (this.bar.hidden ? undefined : this.schedule()), { passive: true });
    store.subscribe((state, previous) => {
      if (state.codebook !== previous.codebook) this.render(state);
    });
    this.render(store.getState());
  }

  /** Moves the focus into the bar (Tab from the article while it shows). */
  enter(): boolean {
    if (!this.showing()) return false;
    this.bar.querySelector('button')?.focus();
    return true;
  }

  /** Closes the bar, keeping the selection; the focus goes back to the article. */
  close(): boolean {
    if (!this.showing()) return false;
    const inside = this.bar.contains(document.activeElement);
    const range = this.article.selectedRange();
    this.dismissed = range ? `${range.start}-${range.end}` : null;
    this.hide();
    if (inside) this.article.focus();
    return true;
  }

  /**
   * Whether the bar is up for a live selection. A key pressed just after the selection went (a theme
   * key collapses it) may come before the frame that hides the bar; it is not the bar's then.
   */
  private showing(): boolean {
    if (this.bar.hidden) return false;
    if (this.bar.contains(document.activeElement) || this.article.selectedRange()) return true;
    this.hide();
    return false;
  }

  private render(state: ReaderState): void {
    const keys = new Map(themeBindings(state.codebook).map((b) => [b.command, b]));
    const themes = state.codebook.map((theme) => {
      const binding = keys.get(`theme:${theme.id}`);
      const key = binding ? keyLabels(binding)[0] : undefined;
      const element = button('', () => void this.act(() => this.commands.applyTheme(theme.id)), {
        props: { className: 'popover-theme', title: binding ? `${binding.description} (${key})` : `Apply ${theme.label}` },
        attrs: { 'aria-keyshortcuts': binding ? ariaKeyShortcuts(binding) : null, 'data-theme': theme.id },
      });
      append(element, [h('span', `swatch swatch-${theme.id}`), theme.label, key ? h('kbd', null, key) : null]);
      return element;
    });
    this.bar.replaceChildren(
      ...themes,
      button('Add note', () => void this.addNote(), {
        props: {
          className: 'popover-note',
          title: 'Write a note on the selection (highlighted with the first theme if it is not one yet)',
        },
      }),
      button('Copy', () => void this.copy(), { props: { className: 'popover-copy', title: 'Copy the selected text' } }),
    );
  }

  private schedule(): void {
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.update());
  }

  private update(): void {
    this.frame = 0;
    const view = this.article.editorIfOpen;
    const inBar = this.bar.contains(document.activeElement);
    if (inBar) return this.position();
    const range = view?.hasFocus() && !this.pointerDown && !this.store.getState().readOnly ? this.article.selectedRange() : null;
    if (!range || this.store.getState().codebook.length === 0) return this.hide();
    if (this.dismissed === `${range.start}-${range.end}`) return;
    this.dismissed = null;
    const wasHidden = this.bar.hidden;
    this.bar.hidden = false;
    this.position();
    if (wasHidden) this.commands.announce(this.announcement());
  }

  private announcement(): string {
    const keys = themeBindings(this.store.getState().codebook).flatMap((b) => keyLabels(b));
    const themes =
      keys.length > 1 ? `press ${keys[0]} to ${keys[keys.length - 1]}` : keys.length === 1 ? `press ${keys[0]}` : 'no theme keys';
    const tab = keyLabels(bindingOf('selection-bar'))[0];
    return `Themes for the selection: ${themes}, or ${tab} to the bar.`;
  }

  private position(): void {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || this.bar.hidden) return;
    const rect = selection.getRangeAt(0).getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) return;
    const origin = this.reader.getBoundingClientRect();
    const dy = this.reader.scrollTop - origin.top;
    const dx = this.reader.scrollLeft - origin.left;
    const box = { top: rect.top + dy, bottom: rect.bottom + dy, left: rect.left + dx, right: rect.right + dx };
    const visible = {
      top: this.reader.scrollTop,
      bottom: this.reader.scrollTop + this.reader.clientHeight,
      left: 8,
      right: this.reader.clientWidth - 8,
    };
    const at = placeBar(box, { width: this.bar.offsetWidth, height: this.bar.offsetHeight }, visible);
    this.bar.style.top = `${at.top}px`;
    this.bar.style.left = `${at.left}px`;
  }

  private hide(): void {
    this.bar.hidden = true;
  }

  /** Runs a button's action; a bar that had the focus hands it back to the article. */
  private async act(run: () => Promise<void>): Promise<void> {
    const inside = this.bar.contains(document.activeElement);
    await run();
    this.hide();
    if (inside && !document.querySelector('#detail textarea:focus')) this.article.focus();
  }

  private async addNote(): Promise<void> {
    const range = this.article.selectedRange();
    const state = this.store.getState();
    if (!range) return;
    const same = selectAnnotationAt(state, range.start, range.end);
    const first = state.codebook[0];
    if (!same && first) await this.commands.applyTheme(first.id);
    const id = same?.id ?? this.store.getState().activeId;
    this.hide();
    if (id) this.commands.editNote(id);
  }

  private async copy(): Promise<void> {
    const range = this.article.selectedRange();
    const text = range ? (this.store.getState().document?.text.slice(range.start, range.end) ?? '') : '';
    if (text === '') return;
    try {
      await navigator.clipboard.writeText(text);
      this.commands.announce('Copied the selection.');
    } catch {
      this.commands.announce('Could not copy: the system refused the clipboard.');
    }
  }
}
