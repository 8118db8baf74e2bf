// The reader's composition root: makes the store, mounts each view on it, and routes input (keys, the
// shell's menu, links, dropped files) to the commands. It holds no state of its own.
import type { MenuCommand } from '../annotations/contract';
import type { SearchOptions } from '../annotations/suggest/search-query';
import { Banner } from './banner';
import type { Client } from './client';
import { applyTheme, deleteActive, saveNote, toggleTheme } from './commands/annotations';
import { StepQueue, type Reader } from './commands/context';
import { openAgreement, openCoders, openCompare, refreshLayers, askCoderNameOnce } from './commands/coders';
import { openCooccurrence, openMatrix, openPassages } from './commands/corpus';
import { openBackups, openCodebook, openExport, openLibrary } from './commands/dialogs';
import { documentsOfFolder, importFiles, loadDocument, showDocument, startReader } from './commands/documents';
import { redo, undo } from './commands/history';
import { importAnnotations } from './commands/import-annotations';
import { closeHighlight, openAtCaret, openFromHash, openHighlight, stepHighlight } from './commands/navigation';
import { attempt } from './commands/saving';
import { codedMessage, codePassages } from './commands/suggestions';
import { openHitsDialog } from './dialogs/hits-dialog';
import { FindBar } from './find-bar';
import { LayerStyles } from './layers';
import { SuggestionQueue } from './suggestion-queue';
import { allBindings, bindingOf } from './keymap/bindings';
import { labelCommandButtons, scopeHandler, type KeyCommands, type KeyHandler } from './keymap/keymap';
import { ProgressPanel } from './progress-panel';
import { ShortcutsDialog } from './dialogs/shortcuts-dialog';
import type { Action } from './state/actions';
import { INITIAL_STATE, type ReaderState } from './state/reader-state';
import { readerReducer } from './state/reducer';
import { createStore, type Store } from './state/store';
import { Toast } from './toast';
import { byId, h } from './ui/dom';
import { ViewSettingsControl } from './view-settings';
import { ArticleView } from './views/article';
import { DetailPane } from './views/detail-pane';
import { mountSidebar } from './views/sidebar';
import { mountNoteCard } from './views/note-card';
import { SelectionPopover } from './views/selection-popover';
import { mountStripes } from './views/stripes';
import { mountToolbar } from './views/toolbar';

/** Keys typed into these fields are theirs, not Gloss's shortcuts (unless a binding says it works there). */
function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(target.type)) ||
    target instanceof HTMLSelectElement
  );
}

/** The reader: its store, views and commands, wired together. */
export class GlossApp {
  readonly store: Store<ReaderState, Action> = createStore(readerReducer, INITIAL_STATE);
  private readonly reader: Reader;
  private readonly detail: DetailPane;
  private readonly findBar: FindBar;
  private readonly suggestions: SuggestionQueue;
  private readonly shortcuts: ShortcutsDialog;
  private readonly viewSettings: ViewSettingsControl;
  private readonly popover: SelectionPopover;
  private readonly layers: LayerStyles;
  /** The keymap's handlers, rebuilt when the codebook (and so the theme keys) changes. */
  private keys: { article: KeyHandler; window: KeyHandler; textField: KeyHandler; find: KeyHandler; suggestions: KeyHandler } | null = null;

  constructor(private readonly client: Client) {
    const announcer = byId('announcer');
    const article = new ArticleView(byId('article'), this.store, {
      // ProseMirror prevents the default of Enter, Escape and Mod-z inside the article, so the window's
      // bindings are tried here too, and the window listener skips what the article handled.
      onKey: (view, event) => this.keys!.article(view, event) || this.keys!.window(view, event),
      onHighlightClick: (id) => openHighlight(this.reader, id, { scroll: false }),
    });
    this.reader = {
      store: this.store,
      host: client.host,
      shell: client.shell,
      article,
      notices: {
        banner: new Banner(
          byId('banner'),
          byId('banner-text'),
          byId<HTMLButtonElement>('banner-retry'),
          byId<HTMLButtonElement>('banner-dismiss'),
        ),
        toast: new Toast(byId('toast'), byId('toast-text'), byId<HTMLButtonElement>('toast-action')),
        progress: new ProgressPanel(
          byId('progress-panel'),
          byId('progress-title'),
          byId<HTMLProgressElement>('progress-bar'),
          byId('progress-step'),
          byId<HTMLButtonElement>('progress-cancel'),
        ),
        announce: (message) => {
          // Cleared first, so screen readers repeat an identical message.
          announcer.textContent = '';
          requestAnimationFrame(() => (announcer.textContent = message));
        },
      },
      showEditor: (options) => this.detail.show(options),
      flushNote: () => this.detail.flush(),
      steps: new StepQueue(),
    };
    this.detail = new DetailPane(this.store, {
      toggleTheme: (id, themeId) => attempt(this.reader, () => toggleTheme(this.reader, id, themeId)),
      saveNote: (id, note, sitting) => attempt(this.reader, () => saveNote(this.reader, id, note, sitting)),
      deleteActive: () => void attempt(this.reader, () => deleteActive(this.reader)),
      close: () => closeHighlight(this.reader, { focusArticle: true }),
    });
    this.findBar = new FindBar(
      byId('reader'),
      () => article.editor,
      (event) => this.keys!.find(article.editor, event),
      (query, options) => this.codeHits(query, options),
    );
    this.suggestions = new SuggestionQueue(this.reader, (event) => this.keys!.suggestions(article.editor, event));
    this.shortcuts = new ShortcutsDialog(() => this.store.getState().codebook);
    this.viewSettings = new ViewSettingsControl(this.reader.notices.announce);
    this.layers = new LayerStyles(this.store, () => loadDocument(this.reader, this.store.getState().document!.id));
    mountToolbar(this.store, {
      applyTheme: (themeId) => void attempt(this.reader, () => applyTheme(this.reader, themeId)),
      showDocument: (id) => void showDocument(this.reader, id),
    });
    mountSidebar(this.store, {
      open: (id) => openHighlight(this.reader, id, { scroll: true }),
      filter: (filters) => this.store.dispatch({ type: 'filters-changed', filters }),
      view: () => article.editor,
    });
    mountStripes(article, this.store, { open: (id) => openHighlight(this.reader, id, { scroll: false }) });
    mountNoteCard(article, this.store);
    this.popover = new SelectionPopover(article, this.store, {
      applyTheme: (themeId) => attempt(this.reader, () => applyTheme(this.reader, themeId)),
      editNote: (id) => {
        openHighlight(this.reader, id, { scroll: false, focus: false });
        byId('detail-note').focus();
      },
      announce: this.reader.notices.announce,
    });
    this.store.subscribe((state, previous) => {
      if (state.codebook !== previous.codebook || !this.keys) this.keys = this.buildKeys(state);
      // Another document's scroll position means nothing here: it opens at its title.
      if (state.document !== previous.document) byId('reader').scrollTop = 0;
    });
  }

  /** Loads the library, shows the document read last, and starts listening to the reader. */
  async start(): Promise<void> {
    this.keys = this.buildKeys(this.store.getState());
    await startReader(this.reader);
    await refreshLayers(this.reader, this.layers);
    this.wire();
    void askCoderNameOnce(this.reader, this.layers);
    document.body.dataset.ready = 'true';
  }

  /** Saves a note still inside its typing delay (the desktop shell asks before it quits). */
  flushNote(): Promise<void> {
    return this.detail.flush();
  }

  private buildKeys(state: ReaderState): NonNullable<GlossApp['keys']> {
    const bindings = allBindings(state.codebook, this.client.transport === 'ipc');
    const commands = this.keyCommands(state);
    return {
      article: scopeHandler(bindings, 'article', commands),
      window: scopeHandler(bindings, 'window', commands),
      textField: scopeHandler(bindings, 'window', commands, true),
      find: scopeHandler(bindings, 'find', commands),
      suggestions: scopeHandler(bindings, 'suggestions', commands),
    };
  }

  /** What each bound key does. */
  private keyCommands(state: ReaderState): KeyCommands {
    const r = this.reader;
    const done = (run: () => unknown) => () => (run(), true);
    const commands: KeyCommands = {
      undo: done(() => undo(r)),
      redo: done(() => redo(r)),
      export: done(() => openExport(r)),
      find: done(() => this.findBar.open()),
      shortcuts: done(() => this.shortcuts.open()),
      passages: done(() => openPassages(r)),
      matrix: done(() => openMatrix(r)),
      cooccurrence: done(() => openCooccurrence(r)),
      coders: done(() => openCoders(r, this.layers)),
      agreement: done(() => attempt(r, () => openAgreement(r, this.layers))),
      compare: done(() => attempt(r, () => this.compareFirst())),
      'close-highlight': () => (this.store.getState().activeId ? (closeHighlight(r, { focusArticle: true }), true) : false),
      'open-at-caret': done(() => openAtCaret(r)),
      'next-highlight': done(() => stepHighlight(r, 1)),
      'previous-highlight': done(() => stepHighlight(r, -1)),
      'text-larger': done(() => this.viewSettings.resize(1)),
      'text-smaller': done(() => this.viewSettings.resize(-1)),
      'text-default': done(() => this.viewSettings.resize(0)),
      'find-next': done(() => this.findBar.step(1)),
      'find-previous': done(() => this.findBar.step(-1)),
      'find-close': done(() => this.findBar.close()),
      'selection-bar': () => this.popover.enter(),
      'selection-bar-close': () => this.popover.close(),
      suggestions: done(() => this.suggestions.open()),
      'suggestion-accept': done(() => this.suggestions.run('accept')),
      'suggestion-reject': done(() => this.suggestions.run('reject')),
      'suggestion-skip': done(() => this.suggestions.step()),
      'suggestion-close': done(() => this.suggestions.close()),
    };
    for (const theme of state.codebook) commands[`theme:${theme.id}`] = done(() => attempt(r, () => applyTheme(r, theme.id)));
    return commands;
  }

  /** The compare view against the first other coder, for the first theme; says so when there is no other layer. */
  private async compareFirst(): Promise<void> {
    const { own, coders } = await refreshLayers(this.reader, this.layers);
    const other = coders.find((c) => !c.own);
    if (!other)
      return this.reader.notices.banner.info('There is no other coder’s layer yet: import a colleague’s coding in Tools → Coders… first.');
    await openCompare(this.reader, this.layers, own, other.name, this.store.getState().codebook[0]!.id);
  }

  /** The find bar's "Code hits…": the preview of the query's hits in the shown document. */
  private codeHits(query: string, options: SearchOptions): void {
    const state = this.store.getState();
    if (!state.document) return;
    openHitsDialog({
      host: this.client.host,
      documentId: state.document.id,
      codebook: state.codebook,
      query,
      options,
      code: async (passages, themes) => codedMessage(this.reader, await codePassages(this.reader, passages, themes), themes),
      announce: this.reader.notices.announce,
    });
  }

  private onWindowKey(event: KeyboardEvent): void {
    // A modal dialog keeps its keys; what the article or a field handled is theirs.
    if (event.defaultPrevented || !this.keys || document.querySelector('dialog:modal')) return;
    const handler = isTextField(event.target) ? this.keys.textField : this.keys.window;
    if (handler(this.reader.article.editor, event)) event.preventDefault();
  }

  private onMenuCommand(command: MenuCommand): void {
    const r = this.reader;
    switch (command.kind) {
      case 'undo':
        return void undo(r);
      case 'redo':
        return void redo(r);
      case 'apply-theme': {
        const theme = this.store.getState().codebook[command.index];
        if (theme) void attempt(r, () => applyTheme(r, theme.id));
        return;
      }
      case 'focus-article':
        return r.article.focus();
      case 'focus-sidebar':
        return (byId('entries').querySelector('a') ?? byId('theme-filter')).focus();
      case 'export':
        return openExport(r);
      case 'show-document':
        return void showDocument(r, command.documentId);
    }
  }

  private wire(): void {
    const r = this.reader;
    labelCommandButtons(document, bindingOf);
    document.addEventListener('keydown', (event) => this.onWindowKey(event));
    for (const [id, run] of [
      ['undo-button', () => void undo(r)],
      ['redo-button', () => void redo(r)],
    ] as const) {
      const button = byId<HTMLButtonElement>(id);
      button.addEventListener('click', run);
      // Keep the article's selection and focus: the step acts on the article.
      button.addEventListener('mousedown', (event) => event.preventDefault());
    }
    byId('codebook-button').addEventListener('click', () => openCodebook(r));
    byId('find-button').addEventListener('click', () => this.findBar.open());
    byId('suggest-button').addEventListener('click', () => void this.suggestions.open());
    byId('view-button').addEventListener('click', () => this.viewSettings.open());
    byId('shortcuts-button').addEventListener('click', () => this.shortcuts.open());
    byId('passages-button').addEventListener('click', () => openPassages(r));
    byId('matrix-button').addEventListener('click', () => openMatrix(r));
    byId('cooccurrence-button').addEventListener('click', () => openCooccurrence(r));
    byId('library-button').addEventListener('click', () => openLibrary(r));
    byId('export-button').addEventListener('click', () => openExport(r));
    byId('backups-button').addEventListener('click', () => openBackups(r));
    byId('coders-button').addEventListener('click', () => openCoders(r, this.layers));
    byId('agreement-button').addEventListener('click', () => void attempt(r, () => openAgreement(r, this.layers)));
    byId('compare-button').addEventListener('click', () => void attempt(r, () => this.compareFirst()));
    this.wireFileInputs();
    this.client.shell.onMenuCommand?.((command) => this.onMenuCommand(command));
    window.addEventListener('hashchange', () => openFromHash(r));
    openFromHash(r);
  }

  /** Open…, Import annotations… and (in the browser edition) files dropped on the window. */
  private wireFileInputs(): void {
    const r = this.reader;
    const openInput = byId<HTMLInputElement>('open-input');
    const annotationsInput = byId<HTMLInputElement>('import-annotations-input');
    byId('open-button').addEventListener('click', () => openInput.click());
    // A folder picker: every document in the folder and its sub-folders (the browser asks the reader first).
    const folderInput = h('input', {
      props: { type: 'file', id: 'open-folder-input', multiple: true, hidden: true, webkitdirectory: true },
    });
    openInput.after(folderInput);
    folderInput.addEventListener('change', () => {
      const files = documentsOfFolder([...(folderInput.files ?? [])]);
      folderInput.value = '';
      if (files.length > 0) void importFiles(r, files);
      else r.notices.banner.error('That folder holds no document Gloss opens (.txt, .md, .html, .docx).');
    });
    openInput.addEventListener('change', () => {
      const files = [...(openInput.files ?? [])];
      openInput.value = '';
      if (files.length > 0) void importFiles(r, files);
    });
    byId('import-annotations-button').addEventListener('click', () => annotationsInput.click());
    annotationsInput.addEventListener('change', () => {
      const file = annotationsInput.files?.[0];
      annotationsInput.value = '';
      if (file) void attempt(r, () => importAnnotations(r, file));
    });
    // The desktop shell takes dropped files itself (its preload hands their paths to the main process).
    if (this.client.transport !== 'http') return;
    const app = document.querySelector<HTMLElement>('.app')!;
    window.addEventListener('dragover', (event) => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      app.classList.add('drop-target');
    });
    window.addEventListener('dragleave', () => app.classList.remove('drop-target'));
    window.addEventListener('drop', (event) => {
      app.classList.remove('drop-target');
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      event.preventDefault();
      void importFiles(r, files);
    });
  }
}
