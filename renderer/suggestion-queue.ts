// The suggestions panel: for a theme, the passages not yet coded with it that most resemble its coded ones, one at a
// time, shown in the article (scrolled to and outlined) with its score and why. A accepts (codes it), R rejects
// (never proposed again for the theme), S skips; the list is asked again after each accept or reject. Nothing is
// coded until accepted. A panel beside the article (non-modal), so the article can still be read around it.
import type { Suggestion } from '../annotations/contract';
import { errorMessage } from '../annotations/errors';
import { explainSuggestion } from '../annotations/suggest/explain';
import type { TextUnit } from '../annotations/text/unit-kinds';
import { codedMessage, codePassages, rejectSuggestion } from './commands/suggestions';
import type { Reader } from './commands/context';
import { showDocument } from './commands/documents';
import { build, open } from './dialogs/dialog';
import { OffsetMap } from './editor/positions';
import { withSuggestionAction } from './editor/suggestion-plugin';
import { bindingOf, type CommandName } from './keymap/bindings';
import { ariaKeyShortcuts, keyLabels } from './keymap/keymap';
import { button, h } from './ui/dom';
import { field } from './ui/fields';

/** How many suggestions one request asks for. */
const PAGE = 50;

function keyOf(s: Pick<Suggestion, 'documentId' | 'start' | 'end'>): string {
  return `${s.documentId}:${s.start}:${s.end}`;
}

/** A button of the panel, its key from the keymap in its name and title. */
function keyButton(id: string, text: string, command: CommandName, action: () => void): HTMLButtonElement {
  const binding = bindingOf(command);
  return button(`${text} (${keyLabels(binding).join('/')})`, action, {
    props: { id, title: binding.description },
    attrs: { 'aria-keyshortcuts': ariaKeyShortcuts(binding) },
  });
}

/** The panel; made once, kept in the page. */
export class SuggestionQueue {
  private readonly theme = h('select', { props: { id: 'suggest-theme' } });
  private readonly scope = h(
    'select',
    { props: { id: 'suggest-scope' } },
    h('option', { props: { value: 'document' } }, 'This document'),
    h('option', { props: { value: 'library' } }, 'Whole library'),
  );
  private readonly unit = h(
    'select',
    { props: { id: 'suggest-unit' } },
    h('option', { props: { value: 'sentence' } }, 'Sentences'),
    h('option', { props: { value: 'paragraph' } }, 'Paragraphs'),
  );
  private readonly position = h('p', { props: { id: 'suggest-position', className: 'suggest-position' } });
  private readonly quote = h('blockquote', { props: { id: 'suggest-quote', className: 'suggest-quote' } });
  private readonly why = h('p', { props: { id: 'suggest-why', className: 'suggest-why' } });
  private readonly current = h(
    'section',
    { props: { id: 'suggest-current', className: 'suggest-current', tabIndex: -1 }, attrs: { 'aria-label': 'Current suggestion' } },
    this.position,
    this.quote,
    this.why,
  );
  private readonly accept = keyButton('suggest-accept', 'Accept', 'suggestion-accept', () => void this.run('accept'));
  private readonly reject = keyButton('suggest-reject', 'Reject', 'suggestion-reject', () => void this.run('reject'));
  private readonly skip = keyButton('suggest-skip', 'Skip', 'suggestion-skip', () => this.step());
  private readonly dialog: HTMLDialogElement;
  private list: Suggestion[] = [];
  /** Skipped this sitting: they go to the end of the list, behind the ones not yet seen. */
  private readonly skipped = new Set<string>();
  private busy = false;
  /** The panel itself is opening another document (a suggestion elsewhere in the library). */
  private switching = false;
  /** Counts the requests, so that only the latest answer is shown. */
  private asked = 0;

  /** `onKey`: the keymap's handler of the panel's own keys (A, R, S, Escape). */
  constructor(
    private readonly reader: Reader,
    onKey: (event: KeyboardEvent) => boolean,
  ) {
    this.dialog = build({
      id: 'suggest-panel',
      className: 'suggest-panel',
      title: 'Suggestions',
      description: 'Passages like the ones coded with a theme. Nothing is coded until you accept it.',
      body: [
        h(
          'div',
          'suggest-options',
          field('Theme', this.theme, 'suggest-field'),
          field('In', this.scope, 'suggest-field'),
          field('Each', this.unit, 'suggest-field'),
        ),
        this.current,
      ],
      actions: [this.accept, this.reject, this.skip, keyButton('suggest-close', 'Close', 'suggestion-close', () => this.close())],
    }).dialog;
    document.body.append(this.dialog);
    for (const select of [this.theme, this.scope, this.unit]) select.addEventListener('change', () => void this.reload());
    this.dialog.addEventListener('keydown', (event) => {
      // A select's own letters choose its options.
      if (event.defaultPrevented || event.target instanceof HTMLSelectElement) return;
      if (onKey(event)) {
        event.preventDefault();
        event.stopPropagation();
      }
    });
    this.dialog.addEventListener('close', () => this.clearOutline());
    // Coding elsewhere (a theme key, undo, a search's hits) changes what is coded: the list follows once the host
    // has the change; in "This document" it also follows the document shown.
    reader.store.subscribe((state, previous, action) => {
      if (!this.dialog.open || this.busy || this.switching) return;
      const opened = state.document !== previous.document && this.scope.value === 'document';
      if (opened || action.type === 'edit-acknowledged' || action.type === 'annotations-changed') void this.reload();
    });
  }

  get isOpen(): boolean {
    return this.dialog.open;
  }

  /** Opens the panel for `themeId` (or the theme chosen last), in the shown document. */
  async open(themeId?: string): Promise<void> {
    const codebook = this.reader.store.getState().codebook;
    const chosen = themeId ?? (this.theme.value || codebook[0]?.id || '');
    this.theme.replaceChildren(...codebook.map((t) => h('option', { props: { value: t.id, selected: t.id === chosen } }, t.label)));
    open(this.dialog, { modal: false, focus: this.current });
    await this.reload();
  }

  /** Closes the panel and takes the outline away; the article gets focus. */
  close(): void {
    if (!this.dialog.open) return;
    this.dialog.close();
    this.reader.article.focus();
  }

  private get shown(): Suggestion | undefined {
    return this.list[0];
  }

  /** Asks the host for the theme's suggestions again (after an accept or a reject, or a changed option); `said` leads what is announced. */
  private async reload(said = ''): Promise<void> {
    const state = this.reader.store.getState();
    const documentId = this.scope.value === 'document' ? state.document?.id : undefined;
    const asked = ++this.asked;
    try {
      const found = await this.reader.host.suggestPassages({
        themeId: this.theme.value,
        documentId,
        unit: this.unit.value as TextUnit,
        limit: PAGE,
      });
      if (asked !== this.asked) return;
      this.list = [...found.filter((s) => !this.skipped.has(keyOf(s))), ...found.filter((s) => this.skipped.has(keyOf(s)))];
    } catch (error) {
      this.list = [];
      this.why.textContent = errorMessage(error);
    }
    await this.render(said);
  }

  /** Shows the first suggestion of the list: in its document, outlined and scrolled to, and says it. */
  private async render(said = ''): Promise<void> {
    const lead = said ? `${said} ` : '';
    const s = this.shown;
    for (const b of [this.accept, this.reject, this.skip]) b.disabled = !s;
    const themeLabel = this.theme.selectedOptions[0]?.textContent ?? '';
    if (!s) {
      this.clearOutline();
      this.position.textContent = `No more suggestions for ${themeLabel}.`;
      this.quote.textContent = '';
      this.why.textContent = 'Code a few passages with the theme, or describe it in the Codebook, to get suggestions.';
      this.reader.notices.announce(`${lead}${this.position.textContent}`);
      return;
    }
    if (this.reader.store.getState().document?.id !== s.documentId) {
      this.switching = true;
      try {
        await showDocument(this.reader, s.documentId);
      } finally {
        this.switching = false;
      }
    }
    const doc = this.reader.store.getState().document;
    const title = this.scope.value === 'library' && doc ? ` in ${doc.title}` : '';
    this.position.textContent = `${themeLabel}: suggestion 1 of ${this.list.length}${title} · score ${s.score.toFixed(2)}`;
    this.quote.textContent = s.exact;
    this.why.textContent = explainSuggestion(s);
    this.outline(s);
    this.reader.notices.announce(`${lead}${this.position.textContent}. ${s.exact} ${this.why.textContent}.`);
  }

  private outline(s: Suggestion): void {
    const doc = this.reader.store.getState().document;
    const view = this.reader.article.editorIfOpen;
    if (!doc || !view) return;
    const offsets = new OffsetMap(doc.blocks);
    view.dispatch(withSuggestionAction(view.state.tr, { type: 'show', from: offsets.toPos(s.start), to: offsets.toPos(s.end) }));
    view.dom.querySelector('.suggestion-outline')?.scrollIntoView({ block: 'start' });
  }

  private clearOutline(): void {
    const view = this.reader.article.editorIfOpen;
    if (view) view.dispatch(withSuggestionAction(view.state.tr, { type: 'clear' }));
  }

  /** Skips to the next suggestion (the skipped one goes to the end). */
  step(): void {
    const s = this.shown;
    if (!s || this.busy) return;
    this.skipped.add(keyOf(s));
    this.list = [...this.list.slice(1), s];
    void this.render('Skipped.');
  }

  /** Accepts (codes the passage with the theme) or rejects the shown suggestion, then asks again. */
  async run(what: 'accept' | 'reject'): Promise<void> {
    const s = this.shown;
    if (!s || this.busy) return;
    this.busy = true;
    const themeId = this.theme.value;
    try {
      let said: string;
      if (what === 'accept') said = codedMessage(this.reader, await codePassages(this.reader, [s], [themeId]), [themeId]);
      else {
        await rejectSuggestion(this.reader, s.documentId, themeId, s);
        said = 'Rejected: it will not be suggested again for this theme.';
      }
      this.skipped.delete(keyOf(s));
      await this.reload(said);
    } catch (error) {
      this.reader.notices.banner.error(errorMessage(error));
    } finally {
      this.busy = false;
      this.current.focus();
    }
  }
}
