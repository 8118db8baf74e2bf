// The editor of the open highlight as a view of the store: its quote, how it was found, its themes and
// its note. A note is saved a moment after typing stops (or at once when something else needs it).
import type { Annotation } from '../../annotations/annotation';
import type { AnchorResult } from '../../annotations/anchoring/anchor';
import { selectActive } from '../state/modules/annotations';
import type { Action } from '../state/actions';
import type { ReaderState } from '../state/reader-state';
import type { Store } from '../state/store';
import { byId, h } from '../ui/dom';

/** How long typing may pause before the note is saved. */
const NOTE_SAVE_DELAY_MS = 400;

/** What the editor's controls run. */
export interface DetailCommands {
  toggleTheme(id: string, themeId: string): Promise<void>;
  saveNote(id: string, note: string, sitting: number): Promise<void>;
  deleteActive(): void;
  close(): void;
}

/** The open highlight's editor; `flush` saves a note still inside its typing delay. */
export class DetailPane {
  private readonly els = {
    root: byId('detail'),
    quote: byId('detail-quote'),
    anchor: byId('detail-anchor'),
    themes: byId('detail-themes'),
    note: byId<HTMLTextAreaElement>('detail-note'),
    remove: byId<HTMLButtonElement>('delete-button'),
    close: byId<HTMLButtonElement>('close-button'),
  };
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The note typed and not yet saved, with the highlight it belongs to. */
  private draft: { id: string; note: string } | null = null;
  /** Counts the times a highlight was opened: one undo step per sitting of note typing. */
  private sitting = 0;

  constructor(
    private readonly store: Store<ReaderState, Action>,
    private readonly commands: DetailCommands,
  ) {
    this.wire();
    store.subscribe((state, previous) => this.onChange(state, previous));
  }

  /** Saves a note being typed now rather than after the delay. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const draft = this.draft;
    this.draft = null;
    if (draft) await this.commands.saveNote(draft.id, draft.note, this.sitting);
  }

  private wire(): void {
    const { els } = this;
    els.themes.addEventListener('change', (event) => {
      const box = event.target as HTMLInputElement;
      const id = this.store.getState().activeId;
      if (!id || !box.dataset.theme) return;
      // Drawn again afterwards whatever happened: a refused change must not leave the box as clicked.
      void this.commands.toggleTheme(id, box.dataset.theme).finally(() => this.render(this.store.getState()));
    });
    els.note.addEventListener('input', () => {
      const id = this.store.getState().activeId;
      if (!id) return;
      this.draft = { id, note: els.note.value };
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.flush(), NOTE_SAVE_DELAY_MS);
    });
    els.note.addEventListener('blur', () => void this.flush());
    els.remove.addEventListener('click', () => this.commands.deleteActive());
    els.close.addEventListener('click', () => this.commands.close());
    window.addEventListener('beforeunload', () => void this.flush());
  }

  /** Brings the editor into view (it sits above the list: an entry far down would leave it out of sight). */
  show(options: { focus: boolean }): void {
    if (this.els.root.hidden) return;
    this.els.root.scrollIntoView({ block: 'nearest' });
    if (options.focus) this.els.themes.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true });
  }

  private onChange(state: ReaderState, previous: ReaderState): void {
    if (state.activeId !== previous.activeId && state.activeId) this.sitting += 1;
    if (
      state.activeId !== previous.activeId ||
      state.annotations !== previous.annotations ||
      state.notesToCome !== previous.notesToCome ||
      state.codebook !== previous.codebook ||
      state.readOnly !== previous.readOnly
    ) {
      this.render(state);
    }
  }

  private render(state: ReaderState): void {
    const active = selectActive(state);
    this.els.root.hidden = !active;
    if (!active) return;
    const { annotation, anchor } = active;
    this.els.quote.textContent = annotation.target.selector[1].exact;
    const found = anchorText(anchor);
    this.els.anchor.hidden = found === '';
    this.els.anchor.textContent = found;
    this.renderThemes(state, annotation);
    const locked = state.readOnly !== null;
    // A note still on its way from the host cannot be edited yet: typing would replace what is not shown.
    const noteToCome = state.notesToCome.has(annotation.id);
    this.els.note.readOnly = locked || noteToCome;
    this.els.note.placeholder = noteToCome ? 'Loading note…' : 'Write a note…';
    this.els.remove.disabled = locked;
    // What the reader is typing stays; anything else shows the stored note.
    const typing = this.draft?.id === annotation.id;
    if (!typing && this.els.note.value !== annotation.note) this.els.note.value = annotation.note;
  }

  private renderThemes(state: ReaderState, annotation: Annotation): void {
    const focused = document.activeElement instanceof HTMLInputElement ? document.activeElement.dataset.theme : undefined;
    const locked = state.readOnly !== null;
    this.els.themes.replaceChildren(
      ...state.codebook.map((theme) =>
        h(
          'label',
          'theme-toggle',
          h('input', {
            props: { type: 'checkbox', checked: annotation.themes.includes(theme.id), disabled: locked },
            data: { theme: theme.id },
          }),
          h('span', { props: { className: `swatch swatch-${theme.id}` }, attrs: { 'aria-hidden': 'true' } }),
          theme.label,
        ),
      ),
    );
    if (focused) this.els.themes.querySelector<HTMLInputElement>(`input[data-theme="${CSS.escape(focused)}"]`)?.focus();
  }
}

/** How the highlight was found, when that is worth saying. */
function anchorText(anchor: AnchorResult): string {
  if (anchor.status === 'orphan') return `Not found in the text: ${anchor.reason}`;
  return anchor.method === 'approximate' ? `Found approximately (confidence ${Math.round(anchor.confidence * 100)}%).` : '';
}
