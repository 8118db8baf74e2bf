// The reader's window: wires the article view, toolbar and sidebar to the host through the client,
// and keeps every change undoable.
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Annotation } from '../annotations/annotation';
import { anchorTarget, describeRange, type AnchorResult } from '../annotations/anchoring/anchor';
import { themeById, type Codebook } from '../annotations/codebook';
import type { DocumentSummary, HistoryOutcome, ImportAnnotationsResult, MenuCommand, OpenedDocument } from '../annotations/contract';
import type { GlossDocument } from '../annotations/document';
import { isRefusal } from '../annotations/errors';
import { IMPORT_STEP_LABEL } from '../annotations/history';
import type { Client } from './client';
import { createArticleView, liveSelection, liveTransaction } from './editor/article-view';
import { highlightKey, highlightsAt, withHighlightAction, type HighlightAction, type PlacedAnnotation } from './editor/highlight-plugin';
import { revealAction } from './editor/highlight-window';
import { OffsetMap } from './editor/positions';
import { showBackupsDialog } from './dialogs/backups-dialog';
import { showExportDialog } from './dialogs/export-dialog';
import { Banner } from './banner';
import { fileToBase64 } from './file-bytes';
import { importBytes, importFile } from './document-import';
import { showLibraryDialog } from './dialogs/library-dialog';
import { showReviewPanel } from './dialogs/review-panel';
import { History } from './history';
import { showCodebookDialog } from './dialogs/codebook-dialog';
import { SidebarList, type SidebarEntry } from './sidebar';
import { FindBar } from './find-bar';
import { moveCaretTo, nextHighlight } from './editor/highlight-nav';
import { syncHighlightDescriptions } from './highlight-descriptions';
import { ShortcutsDialog, showThemeKeysHelp } from './dialogs/shortcuts-dialog';
import { ViewSettingsControl } from './view-settings';
import { applyThemeStyles } from './theme-styles';
import { Toast } from './toast';
import { ProgressPanel } from './progress-panel';

/** Tells this page load's note-editing sessions from those of earlier loads (their undo steps are in the data file). */
const PAGE_SESSION = Math.random().toString(36).slice(2, 10);
/** Where the browser remembers which document was read last. */
const LAST_DOCUMENT_KEY = 'gloss:last-document';
/** How long a highlight flashes after the sidebar scrolled to it. */
const FLASH_MS = 1200;
/** A note is saved this long after the last keystroke (and at once when the field loses focus). */
const NOTE_SAVE_DELAY_MS = 400;

/** Megabytes with one decimal, as a progress line reads them. */
function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page lacks #${id}`);
  return element as T;
}

/** Keys typed into these fields are theirs, not Gloss's shortcuts. */
function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(target.type)) ||
    target instanceof HTMLSelectElement
  );
}

/** The running reader for one document. */
export class GlossApp {
  private view!: EditorView;
  private doc!: GlossDocument;
  private offsets!: OffsetMap;
  private codebook: Codebook = [];
  private readonly annotations = new Map<string, Annotation>();
  private readonly anchors = new Map<string, AnchorResult>();
  private history!: History;
  private activeId: string | null = null;
  /** The list's entries in document order, as of the last change to an annotation. */
  private entriesCache: SidebarEntry[] | null = null;
  private documents: DocumentSummary[] = [];
  /** Why the host refuses changes (a data file from a newer Gloss), or null. */
  private readOnly: string | null = null;
  private filter = '';
  /** The Annotations panel's search words and flags (see SidebarModel). */
  private listFilters = { query: '', withNote: false, orphaned: false };
  /** The highlight n / p moved to last, so highlights starting at the same place are each visited. */
  private lastNavId: string | null = null;
  private pending = 0;
  private failed = false;
  private wired = false;
  private noteTimer: ReturnType<typeof setTimeout> | undefined;
  private noteSession = 0;
  private flashTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly els = {
    article: byId('article'),
    reader: byId('reader'),
    sidebarScroller: byId('sidebar'),
    themeButtons: byId('theme-buttons'),
    undo: byId<HTMLButtonElement>('undo-button'),
    redo: byId<HTMLButtonElement>('redo-button'),
    saveState: byId('save-state'),
    counts: byId('theme-counts'),
    filter: byId<HTMLSelectElement>('theme-filter'),
    detail: byId('detail'),
    detailQuote: byId('detail-quote'),
    detailAnchor: byId('detail-anchor'),
    detailThemes: byId('detail-themes'),
    note: byId<HTMLTextAreaElement>('detail-note'),
    deleteButton: byId<HTMLButtonElement>('delete-button'),
    closeButton: byId<HTMLButtonElement>('close-button'),
    entries: byId<HTMLOListElement>('entries'),
    empty: byId('empty-list'),
    documentPicker: byId<HTMLSelectElement>('document-picker'),
    openButton: byId<HTMLButtonElement>('open-button'),
    openInput: byId<HTMLInputElement>('open-input'),
    backupsButton: byId<HTMLButtonElement>('backups-button'),
    exportButton: byId<HTMLButtonElement>('export-button'),
    importAnnotationsButton: byId<HTMLButtonElement>('import-annotations-button'),
    importAnnotationsInput: byId<HTMLInputElement>('import-annotations-input'),
    app: document.querySelector<HTMLElement>('.app')!,
    announcer: byId('announcer'),
  };

  private readonly banner = new Banner(
    byId('banner'),
    byId('banner-text'),
    byId<HTMLButtonElement>('banner-retry'),
    byId<HTMLButtonElement>('banner-dismiss'),
  );

  private readonly progress = new ProgressPanel(
    byId('progress-panel'),
    byId('progress-title'),
    byId<HTMLProgressElement>('progress-bar'),
    byId('progress-step'),
    byId<HTMLButtonElement>('progress-cancel'),
  );

  private readonly toast = new Toast(byId('toast'), byId('toast-text'), byId<HTMLButtonElement>('toast-action'));

  private readonly sidebar = new SidebarList({
    scroller: byId('sidebar'),
    counts: byId('theme-counts'),
    filter: byId<HTMLSelectElement>('theme-filter'),
    entries: byId<HTMLOListElement>('entries'),
    empty: byId('empty-list'),
  });

  constructor(private readonly client: Client) {}

  /** Loads the library and shows the document read last (the bundled article the first time). */
  async start(): Promise<void> {
    // Independent questions go out together: each is a round trip to the host. The document read
    // last is asked for at once too; if it is gone from the library, that answer is dropped.
    const remembered = localStorage.getItem(LAST_DOCUMENT_KEY);
    const early = remembered ? this.fetchDocument(remembered) : null;
    early?.catch(() => undefined);
    const [status, codebook] = await Promise.all([this.client.host.getStatus({}), this.client.host.getCodebook({}), this.refreshLibrary()]);
    this.readOnly = status.readOnly;
    this.els.app.classList.toggle('is-read-only', this.readOnly !== null);
    if (status.notices.length > 0) this.banner.info(status.notices.join('\n'));
    this.codebook = codebook;
    applyThemeStyles(this.codebook);
    showThemeKeysHelp(this.codebook);
    this.buildToolbar();
    const first = this.documents.find((d) => d.id === remembered) ?? this.documents[0];
    if (!first) throw new Error('The library holds no document.');
    await this.loadDocument(first.id, first.id === remembered ? early : null);
    this.wire();
    document.body.dataset.ready = 'true';
  }

  /** Asks the host for a document and its undo history together. */
  private async fetchDocument(documentId: string): Promise<{ opened: OpenedDocument; history: History }> {
    // Undo steps name annotations of the document they were made in; they do not carry over.
    const history = new History(this.client.host, documentId);
    const [opened] = await Promise.all([this.client.host.openDocument({ documentId }), history.load()]);
    return { opened, history };
  }

  /** Shows a document: its article, its highlights, a fresh undo history (`fetched`: already asked for). */
  async loadDocument(documentId: string, fetched: Promise<{ opened: OpenedDocument; history: History }> | null = null): Promise<void> {
    await this.flushNote();
    const { opened, history } = await (fetched ?? this.fetchDocument(documentId));
    this.doc = opened.document;
    this.codebook = opened.codebook;
    this.offsets = new OffsetMap(this.doc.blocks);
    this.annotations.clear();
    this.anchors.clear();
    this.activeId = null;
    this.history = history;
    this.view?.destroy();
    this.els.article.replaceChildren();
    // Another document's scroll position means nothing here: open at the title, the list at its top.
    this.els.reader.scrollTop = 0;
    this.els.sidebarScroller.scrollTop = 0;
    this.view = createArticleView(this.els.article, this.doc, {
      onKey: (view, event) => this.onArticleKey(view, event),
      onHighlightClick: (id) => this.open(id, { focus: true, scroll: false }),
    });
    for (const annotation of opened.annotations) this.annotations.set(annotation.id, annotation);
    this.placeAll();
    document.title = `${this.doc.title} — Gloss`;
    this.els.documentPicker.value = this.doc.id;
    localStorage.setItem(LAST_DOCUMENT_KEY, this.doc.id);
    // The text changed since its highlights were made: the reader reviews them.
    if (this.doc.review && this.annotations.size > 0) this.openReview();
  }

  private async refreshLibrary(): Promise<void> {
    this.documents = await this.client.host.listDocuments({});
    this.els.documentPicker.replaceChildren(
      ...this.documents.map((d) => {
        const option = document.createElement('option');
        option.value = d.id;
        option.textContent = d.title;
        return option;
      }),
    );
    if (this.doc) this.els.documentPicker.value = this.doc.id;
  }

  /** Imports files the reader picked or dropped, then shows the last one that opened. */
  private async importFiles(files: readonly File[]): Promise<void> {
    if (this.refuseIfReadOnly()) return;
    let last: DocumentSummary | null = null;
    const problems: string[] = [];
    for (const file of files) {
      try {
        last = await this.save(() => importFile(this.client.host, file));
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    if (problems.length > 0) this.banner.error(problems.join('\n'));
    if (last) {
      await this.refreshLibrary();
      await this.loadDocument(last.id);
      this.announce(`Opened ${last.title}.`);
    }
  }

  private openExport(): void {
    void this.flushNote();
    showExportDialog({
      host: this.client.host,
      shell: this.client.shell,
      documentId: this.doc.id,
      codebook: this.codebook,
      announce: (message) => this.announce(message),
    });
  }

  /**
   * Imports a JSON-LD file of annotations and says what came in, what was there already and what
   * failed. A large file shows its progress; Cancel stops the reading, or takes the import back out
   * once the host has made it (the host's import is one step that cannot be interrupted).
   */
  private async importAnnotations(file: File): Promise<void> {
    if (this.refuseIfReadOnly()) return;
    const reading = new AbortController();
    let cancelled = false;
    this.progress.start(`Importing ${file.name}`, () => {
      cancelled = true;
      reading.abort();
    });
    try {
      const result = await this.save(async () => {
        this.progress.show({ label: 'Reading the file…', fraction: 0 });
        const dataBase64 = await fileToBase64(file, {
          signal: reading.signal,
          onProgress: ({ loaded, total }) =>
            this.progress.show({ label: `Reading the file… ${formatMegabytes(loaded)} of ${formatMegabytes(total)}`, fraction: total ? loaded / total : 0 }),
        });
        this.progress.show({ label: 'Checking and anchoring each annotation…' });
        return this.client.host.importAnnotations({ fileName: file.name, dataBase64 });
      });
      if (cancelled) {
        if (result.created > 0) return await this.takeBackImport(result.created);
        return this.announceAndShow('Import cancelled: nothing was added.');
      }
      this.progress.uncancellable();
      this.progress.show({ label: `Showing ${result.created.toLocaleString()} new highlights…` });
      await this.refreshLibrary();
      await this.loadDocument(this.doc.id);
      this.reportImport(result);
    } catch (error) {
      if (cancelled) return this.announceAndShow('Import cancelled: nothing was added.');
      // A file the host refused changed nothing: say so, and offer no Retry of the same file.
      if (isRefusal(error)) return this.banner.error(`Nothing was imported. ${(error as Error).message}`);
      throw error;
    } finally {
      this.progress.finish();
    }
  }

  /** Cancel pressed while the host was importing: its one undo step is taken back, if it is still the last. */
  private async takeBackImport(created: number): Promise<void> {
    const summary = await this.client.host.getHistory({ documentId: this.doc.id });
    if (summary.undoLabel !== IMPORT_STEP_LABEL) {
      await this.loadDocument(this.doc.id);
      this.banner.info(`The import of ${created} annotations finished before it could be cancelled. Undo takes it back.`);
      return;
    }
    await this.save(() => this.history.undo());
    await this.loadDocument(this.doc.id);
    this.announceAndShow('Import cancelled: nothing was added.');
  }

  private announceAndShow(message: string): void {
    this.banner.info(message);
    this.announce(message);
  }

  private reportImport(result: ImportAnnotationsResult): void {
    const parts = [`Imported ${result.created} annotation${result.created === 1 ? '' : 's'}`];
    if (result.skipped > 0) parts.push(`${result.skipped} already present`);
    const summary = `${parts.join('; ')}.`;
    if (result.failures.length > 0) {
      const listed = result.failures.slice(0, 10).map((f) => `• ${f.id ? `${f.id}: ` : ''}${f.reason}`);
      const more = result.failures.length > 10 ? [`… and ${result.failures.length - 10} more.`] : [];
      this.banner.error([`${summary} ${result.failures.length} could not be imported:`, ...listed, ...more].join('\n'));
    } else {
      this.banner.info(summary);
    }
    this.announce(summary);
  }

  /** Runs an action; if it fails, says so with a Retry that runs it again. */
  private async attempt(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      // Retrying a refusal would send the same input to be refused again.
      this.banner.error(`${(error as Error).message}`, isRefusal(error) ? undefined : () => void this.attempt(action));
    }
  }

  /** True (after telling the reader) when the host refuses changes. */
  private refuseIfReadOnly(): boolean {
    if (!this.readOnly) return false;
    this.announce('This data is open read-only.');
    this.banner.info(this.readOnly);
    return true;
  }

  // ---- placing highlights -------------------------------------------------------------

  private place(annotation: Annotation): PlacedAnnotation | null {
    const anchor = anchorTarget(this.doc.text, annotation.target);
    this.anchors.set(annotation.id, anchor);
    if (anchor.status === 'orphan') return null;
    return { annotation, from: this.offsets.toPos(anchor.start), to: this.offsets.toPos(anchor.end) };
  }

  private placeAll(): void {
    const placed: PlacedAnnotation[] = [];
    for (const annotation of this.annotations.values()) {
      const p = this.place(annotation);
      if (p) placed.push(p);
    }
    this.view.dispatch(withHighlightAction(liveTransaction(this.view), { type: 'reset', placed }));
    this.refresh();
  }

  /** Shows a stored annotation (new or changed) in the article and the sidebar. */
  private showAnnotation(annotation: Annotation): void {
    this.annotations.set(annotation.id, annotation);
    const placed = this.place(annotation);
    this.view.dispatch(
      withHighlightAction(liveTransaction(this.view), placed ? { type: 'upsert', placed } : { type: 'remove', id: annotation.id }),
    );
    this.refresh();
  }

  private hideAnnotation(id: string): void {
    this.annotations.delete(id);
    this.anchors.delete(id);
    this.view.dispatch(withHighlightAction(liveTransaction(this.view), { type: 'remove', id }));
    if (this.activeId === id) this.close({ focusArticle: false });
    this.refresh();
  }

  // ---- host calls ---------------------------------------------------------------------

  /** Runs a host call with the save indicator; a failure is shown and rethrown to the caller. */
  private async save<T>(call: () => Promise<T>): Promise<T> {
    // A later change makes the toast's undo mean something else.
    this.toast.hide();
    this.pending += 1;
    this.setSaveState();
    try {
      const result = await call();
      this.failed = false;
      return result;
    } catch (error) {
      // A refused input saved nothing and lost nothing: the toolbar still says all is saved.
      if (!isRefusal(error)) this.failed = true;
      throw error;
    } finally {
      this.pending -= 1;
      this.setSaveState();
    }
  }

  private setSaveState(): void {
    const text = this.pending > 0 ? 'Saving…' : this.failed ? 'Not saved' : 'All changes saved';
    if (this.els.saveState.textContent !== text) this.els.saveState.textContent = text;
    this.els.saveState.classList.toggle('is-error', this.failed && this.pending === 0);
    this.els.undo.disabled = !this.history?.canUndo;
    this.els.redo.disabled = !this.history?.canRedo;
  }

  private announce(message: string): void {
    // Clearing first makes screen readers repeat an identical message.
    this.els.announcer.textContent = '';
    requestAnimationFrame(() => (this.els.announcer.textContent = message));
  }

  private themeLabels(themes: readonly string[]): string {
    return themes.map((id) => themeById(this.codebook, id)?.label ?? id).join(', ');
  }

  // ---- actions ------------------------------------------------------------------------

  /** The selection as trimmed plain-text offsets, or null when nothing but whitespace is selected. */
  private selectedRange(): { start: number; end: number } | null {
    const { from, to } = liveSelection(this.view);
    if (from === to) return null;
    let start = this.offsets.toOffset(from);
    let end = this.offsets.toOffset(to);
    while (start < end && /\s/.test(this.doc.text[start]!)) start += 1;
    while (end > start && /\s/.test(this.doc.text[end - 1]!)) end -= 1;
    return start < end ? { start, end } : null;
  }

  /**
   * Applies a theme: to the selected passage (a new highlight, or the highlight that covers
   * exactly that passage), else to the highlight open in the sidebar.
   */
  async applyTheme(themeId: string): Promise<void> {
    const theme = themeById(this.codebook, themeId);
    if (!theme || this.refuseIfReadOnly()) return;
    const range = this.selectedRange();
    if (range) {
      const same = [...this.annotations.values()].find((a) => {
        const anchor = this.anchors.get(a.id);
        return anchor?.status === 'anchored' && anchor.start === range.start && anchor.end === range.end;
      });
      if (same) return this.toggleTheme(same.id, themeId);
      return this.createHighlight(range.start, range.end, themeId);
    }
    if (this.activeId) return this.toggleTheme(this.activeId, themeId);
    this.announce('Select a passage first, then apply a theme.');
  }

  private async createHighlight(start: number, end: number, themeId: string): Promise<void> {
    const created = await this.save(() =>
      this.client.host.createAnnotation({
        documentId: this.doc.id,
        target: { source: this.doc.id, selector: describeRange(this.doc.text, start, end) },
        themes: [themeId],
      }),
    );
    // One transaction: the new highlight, its activation and the caret after it (one view update, one redraw).
    void this.flushNote();
    this.annotations.set(created.id, created);
    const placed = this.place(created);
    this.activeId = created.id;
    this.noteSession += 1;
    const tr = liveTransaction(this.view).setSelection(TextSelection.create(this.view.state.doc, this.offsets.toPos(end)));
    this.view.dispatch(
      withHighlightAction(tr, [
        placed ? { type: 'upsert', placed } : { type: 'remove', id: created.id },
        { type: 'activate', id: created.id },
      ]),
    );
    // Recorded before the redraw, which sets the Undo button from it.
    this.history.record();
    this.refresh();
    this.announce(`Highlighted as ${this.themeLabels([themeId])}.`);
  }

  /** Adds or removes a theme; the last theme cannot be removed (delete the highlight instead). */
  async toggleTheme(id: string, themeId: string): Promise<void> {
    const current = this.annotations.get(id);
    if (!current) return;
    const has = current.themes.includes(themeId);
    if (has && current.themes.length === 1) {
      this.announce('A highlight keeps at least one theme. Delete the highlight to remove it.');
      this.renderDetail();
      return;
    }
    const themes = has ? current.themes.filter((t) => t !== themeId) : [...current.themes, themeId];
    await this.changeThemes(id, current.themes, themes);
    this.announce(`${has ? 'Removed' : 'Added'} ${this.themeLabels([themeId])}. Themes: ${this.themeLabels(themes)}.`);
  }

  private async changeThemes(id: string, before: string[], after: string[]): Promise<void> {
    if (before.join(' ') === after.join(' ')) return;
    this.showAnnotation(await this.save(() => this.client.host.updateAnnotation({ id, themes: after })));
    this.history.record();
    this.setSaveState();
  }

  private async saveNote(id: string, note: string): Promise<void> {
    const current = this.annotations.get(id);
    if (!current || current.note === note || this.readOnly) return;
    // One undo step per sitting: the host merges updates with the same key (unique to this page load).
    const mergeKey = `note:${id}:${PAGE_SESSION}:${this.noteSession}`;
    const updated = await this.save(() => this.client.host.updateAnnotation({ id, note, mergeKey }));
    this.annotations.set(id, updated);
    this.refresh({ keepNote: true });
    this.history.record();
    this.setSaveState();
  }

  /** Saves a note being typed now rather than after the delay. */
  private async flushNote(): Promise<void> {
    if (this.noteTimer === undefined) return;
    clearTimeout(this.noteTimer);
    this.noteTimer = undefined;
    const id = this.activeId;
    const note = this.els.note.value;
    if (id) await this.attempt(() => this.saveNote(id, note));
  }

  async deleteHighlight(id: string): Promise<void> {
    const current = this.annotations.get(id);
    if (!current || this.refuseIfReadOnly()) return;
    await this.save(() => this.client.host.deleteAnnotation({ id }));
    this.hideAnnotation(id);
    this.history.record();
    this.setSaveState();
    this.view.focus();
    // Seen as well as heard; it offers the undo of this deletion only while that is the last change.
    this.toast.show('Highlight deleted.', 'Undo', () => void this.undo());
  }

  async undo(): Promise<void> {
    if (this.refuseIfReadOnly()) return;
    await this.flushNote();
    await this.attempt(async () => {
      try {
        await this.showHistoryOutcome(await this.save(() => this.history.undo()), 'Undone', 'Nothing to undo.');
      } finally {
        this.setSaveState();
      }
    });
  }

  async redo(): Promise<void> {
    if (this.refuseIfReadOnly()) return;
    await this.attempt(async () => {
      try {
        await this.showHistoryOutcome(await this.save(() => this.history.redo()), 'Redone', 'Nothing to redo.');
      } finally {
        this.setSaveState();
      }
    });
  }

  /** Shows what an undo or redo did to this document (and the codebook), and says so. */
  private async showHistoryOutcome(outcome: HistoryOutcome, verb: string, nothing: string): Promise<void> {
    if (outcome.codebookChanged) await this.reloadCodebook();
    else {
      for (const annotation of outcome.changed) if (annotation.documentId === this.doc.id) this.showAnnotation(annotation);
      for (const gone of outcome.removed) if (gone.documentId === this.doc.id) this.hideAnnotation(gone.id);
    }
    if (outcome.problem) {
      this.banner.info(outcome.problem);
      this.announce(outcome.problem);
    } else this.announce(outcome.label ? `${verb}: ${outcome.label}.` : nothing);
  }

  /** Takes a changed codebook from the host: toolbar, theme styles, highlights and sidebar are rebuilt. */
  async reloadCodebook(): Promise<void> {
    const [codebook, annotations] = await Promise.all([
      this.client.host.getCodebook({}),
      this.client.host.listAnnotations({ documentId: this.doc.id }),
    ]);
    this.codebook = codebook;
    applyThemeStyles(this.codebook);
    showThemeKeysHelp(this.codebook);
    this.buildToolbar();
    this.annotations.clear();
    this.anchors.clear();
    for (const annotation of annotations) this.annotations.set(annotation.id, annotation);
    if (this.activeId && !this.annotations.has(this.activeId)) this.activeId = null;
    this.placeAll();
  }

  private openCodebook(): void {
    void this.flushNote();
    if (this.refuseIfReadOnly()) return;
    showCodebookDialog({
      host: this.client.host,
      documentId: this.doc.id,
      codebook: this.codebook,
      onChanged: async (message) => {
        this.history.record();
        await this.reloadCodebook();
        this.announce(message);
      },
    });
  }

  // ---- opening, scrolling, closing ----------------------------------------------------

  /** Opens a highlight in the sidebar; optionally scrolls the article to it and moves focus to the sidebar. */
  open(id: string, options: { focus: boolean; scroll: boolean }): void {
    if (!this.annotations.has(id)) return;
    if (this.activeId !== id) void this.flushNote();
    this.activeId = id;
    this.noteSession += 1;
    this.view.dispatch(withHighlightAction(liveTransaction(this.view), { type: 'activate', id }));
    this.refresh({ activationOnly: true });
    if (options.scroll) this.scrollTo(id);
    // The editor sits above the list: a reader who opened an entry far down the list must see it.
    this.els.detail.scrollIntoView({ block: 'nearest' });
    if (options.focus) this.els.detailThemes.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true });
  }

  close(options: { focusArticle: boolean }): void {
    void this.flushNote();
    const id = this.activeId;
    this.activeId = null;
    this.view.dispatch(withHighlightAction(liveTransaction(this.view), { type: 'activate', id: null }));
    this.refresh({ activationOnly: true });
    if (options.focusArticle) {
      const anchor = id ? this.anchors.get(id) : undefined;
      if (anchor?.status === 'anchored') {
        const pos = this.offsets.toPos(anchor.end);
        this.view.dispatch(this.view.state.tr.setSelection(TextSelection.create(this.view.state.doc, pos)));
      }
      this.view.focus();
    }
  }

  private scrollTo(id: string): void {
    // With many highlights only those near the screen are drawn: draw the ones around this one first.
    const placed = highlightKey.getState(this.view.state)?.placed.get(id);
    const actions: HighlightAction[] = placed ? [revealAction(this.view.state, placed.from)] : [];
    this.view.dispatch(withHighlightAction(liveTransaction(this.view), [...actions, { type: 'flash', id }]));
    const element = this.view.dom.querySelector(`[data-annotation-id="${CSS.escape(id)}"]`);
    element?.scrollIntoView({ block: 'center' });
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => {
      this.view.dispatch(withHighlightAction(liveTransaction(this.view), { type: 'flash', id: null }));
    }, FLASH_MS);
  }

  // ---- keyboard -----------------------------------------------------------------------

  private themeForKey(key: string): string | undefined {
    return this.codebook.find((theme) => theme.shortcut === key)?.id;
  }

  private onArticleKey(view: EditorView, event: KeyboardEvent): boolean {
    if (event.ctrlKey || event.metaKey || event.altKey) return false;
    const themeId = this.themeForKey(event.key);
    if (themeId) {
      void this.attempt(() => this.applyTheme(themeId));
      return true;
    }
    if (event.key === 'Enter') {
      const [innermost] = highlightsAt(view.state, liveSelection(view).head);
      if (innermost) this.open(innermost.annotation.id, { focus: true, scroll: false });
      else this.announce('The caret is not on a highlight.');
      return true;
    }
    if (event.key === 'Escape' && this.activeId) {
      this.close({ focusArticle: true });
      return true;
    }
    if (event.key === 'n' || event.key === 'p') {
      const step = nextHighlight(view.state, liveSelection(view).head, event.key === 'n' ? 1 : -1, this.lastNavId);
      if (!step) {
        this.announce('There are no highlights yet.');
        return true;
      }
      this.lastNavId = step.placed.annotation.id;
      moveCaretTo(view, step.placed);
      this.announce(`Highlight ${step.index + 1} of ${step.total}: ${this.themeLabels(step.placed.annotation.themes)}.`);
      return true;
    }
    return false;
  }

  private onMenuCommand(command: MenuCommand): void {
    switch (command.kind) {
      case 'undo':
        return void this.undo();
      case 'redo':
        return void this.redo();
      case 'apply-theme': {
        const theme = this.codebook[command.index];
        if (theme) void this.attempt(() => this.applyTheme(theme.id));
        return;
      }
      case 'focus-article':
        return this.view.focus();
      case 'focus-sidebar':
        return (this.els.entries.querySelector('a') ?? this.els.filter).focus();

      case 'export':
        return this.openExport();
      case 'import-file':
        return void this.attempt(async () => {
          const summary = await this.save(() => importBytes(this.client.host, command.fileName, command.dataBase64));
          await this.refreshLibrary();
          await this.loadDocument(summary.id);
          this.announce(`Opened ${summary.title}.`);
        });
      case 'show-document':
        return void this.attempt(async () => {
          await this.refreshLibrary();
          await this.loadDocument(command.documentId);
        });
    }
  }

  private wireGlobalKeys(): void {
    document.addEventListener('keydown', (event) => {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && !event.altKey && event.key.toLowerCase() === 'z' && !isTextField(event.target)) {
        event.preventDefault();
        void (event.shiftKey ? this.redo() : this.undo());
        return;
      }
      if (mod && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'e') {
        event.preventDefault();
        this.openExport();
        return;
      }
      if (mod && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'y' && !isTextField(event.target)) {
        event.preventDefault();
        void this.redo();
        return;
      }
      if (event.key === 'Escape' && this.activeId && !event.defaultPrevented) {
        event.preventDefault();
        this.close({ focusArticle: true });
        return;
      }
      // Theme keys also work from the toolbar and sidebar (not while typing a note).
      if (!mod && !event.altKey && !isTextField(event.target) && !this.view.dom.contains(event.target as Node)) {
        const themeId = this.themeForKey(event.key);
        if (themeId) {
          event.preventDefault();
          void this.attempt(() => this.applyTheme(themeId));
        }
      }
    });
  }

  // ---- toolbar and sidebar ------------------------------------------------------------

  private buildToolbar(): void {
    this.els.themeButtons.replaceChildren(
      ...this.codebook.map((theme) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'theme-button';
        button.dataset.theme = theme.id;
        button.title = `${theme.description} (key ${theme.shortcut})`;
        button.setAttribute('aria-keyshortcuts', theme.shortcut);
        const swatch = document.createElement('span');
        swatch.className = `swatch swatch-${theme.id} cue-${theme.cue}`;
        swatch.setAttribute('aria-hidden', 'true');
        button.append(swatch, theme.label);
        // Keep the article's selection: a mouse press on the button must not take focus from it.
        button.addEventListener('mousedown', (event) => event.preventDefault());
        button.addEventListener('click', () => void this.attempt(() => this.applyTheme(theme.id)));
        if (theme.parent) button.classList.add('is-subtheme');
        return button;
      }),
    );
  }

  private wire(): void {
    if (this.wired) return;
    this.wired = true;
    this.wireSidebar();
    this.wireGlobalKeys();
    this.wireLibrary();
    this.els.undo.addEventListener('click', () => void this.undo());
    this.els.redo.addEventListener('click', () => void this.redo());
    for (const button of [this.els.undo, this.els.redo]) {
      button.addEventListener('mousedown', (event) => event.preventDefault());
    }
    byId<HTMLButtonElement>('codebook-button').addEventListener('click', () => this.openCodebook());
    this.wireReadingAids();
    this.client.shell.onMenuCommand?.((command) => this.onMenuCommand(command));
    // A link to #annotation-<id> (as the list's entries are) opens that highlight.
    window.addEventListener('hashchange', () => this.openFromHash());
    this.openFromHash();
    this.setSaveState();
  }

  /** The find bar, the shortcuts sheet (?) and the view settings. */
  private wireReadingAids(): void {
    const findBar = new FindBar(byId('reader'), () => this.view);
    const shortcuts = new ShortcutsDialog(() => this.codebook);
    const viewSettings = new ViewSettingsControl((message) => this.announce(message));
    byId('find-button').addEventListener('click', () => findBar.open());
    byId('view-button').addEventListener('click', () => viewSettings.open());
    byId('shortcuts-button').addEventListener('click', () => shortcuts.open());
    document.addEventListener('keydown', (event) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTextField(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      shortcuts.open();
    });
    byId('list-filters').addEventListener('input', () => {
      this.listFilters = {
        query: byId<HTMLInputElement>('annotation-search').value,
        withNote: byId<HTMLInputElement>('filter-with-note').checked,
        orphaned: byId<HTMLInputElement>('filter-orphaned').checked,
      };
      this.refresh();
    });
  }

  private openFromHash(): void {
    const match = /^#annotation-([A-Za-z0-9_-]+)$/.exec(window.location.hash);
    if (match && this.annotations.has(match[1]!)) this.open(match[1]!, { focus: true, scroll: true });
  }

  private wireLibrary(): void {
    this.els.documentPicker.addEventListener('change', () => {
      const id = this.els.documentPicker.value;
      void this.attempt(() => this.loadDocument(id));
    });
    this.els.openButton.addEventListener('click', () => this.els.openInput.click());
    byId<HTMLButtonElement>('library-button').addEventListener('click', () => this.openLibrary());
    this.els.openInput.addEventListener('change', () => {
      const files = [...(this.els.openInput.files ?? [])];
      this.els.openInput.value = '';
      if (files.length > 0) void this.importFiles(files);
    });
    this.els.exportButton.addEventListener('click', () => this.openExport());
    this.els.importAnnotationsButton.addEventListener('click', () => this.els.importAnnotationsInput.click());
    this.els.importAnnotationsInput.addEventListener('change', () => {
      const file = this.els.importAnnotationsInput.files?.[0];
      this.els.importAnnotationsInput.value = '';
      if (file) void this.attempt(() => this.importAnnotations(file));
    });
    this.els.backupsButton.addEventListener('click', () => {
      void showBackupsDialog(
        this.client.host,
        async (backup) => {
          await this.refreshLibrary();
          const still = this.documents.find((d) => d.id === this.doc.id) ?? this.documents[0];
          if (still) await this.loadDocument(still.id);
          this.announce(`Restored the backup of ${new Date(backup.created).toLocaleString()}.`);
        },
        (message) => this.banner.error(message),
      );
    });
    // The desktop shell takes dropped files itself (its preload hands their paths to the main process).
    if (this.client.transport === 'http') {
      window.addEventListener('dragover', (event) => {
        if (!event.dataTransfer?.types.includes('Files')) return;
        event.preventDefault();
        this.els.app.classList.add('drop-target');
      });
      window.addEventListener('dragleave', () => this.els.app.classList.remove('drop-target'));
      window.addEventListener('drop', (event) => {
        this.els.app.classList.remove('drop-target');
        const files = [...(event.dataTransfer?.files ?? [])];
        if (files.length === 0) return;
        event.preventDefault();
        void this.importFiles(files);
      });
    }
  }

  private wireSidebar(): void {
    this.els.filter.addEventListener('change', () => {
      this.filter = this.els.filter.value;
      this.refresh();
    });
    this.els.entries.addEventListener('click', (event) => {
      const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[data-entry-id]') : null;
      if (!link) return;
      event.preventDefault();
      const id = link.dataset.entryId!;
      this.open(id, { focus: true, scroll: true });
    });
    // Only the rows in view exist, so arrow keys (not only Tab) walk the whole list.
    this.els.entries.addEventListener('keydown', (event) => {
      const current = event.target instanceof HTMLElement ? event.target.dataset.entryId : undefined;
      if (!current || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End')) return;
      const shown = this.sidebar.visibleEntries;
      const index = shown.findIndex((e) => e.annotation.id === current);
      const next =
        event.key === 'Home' ? 0 : event.key === 'End' ? shown.length - 1 : index + (event.key === 'ArrowDown' ? 1 : -1);
      const target = shown[Math.max(0, Math.min(shown.length - 1, next))];
      if (!target) return;
      event.preventDefault();
      this.sidebar.reveal(target.annotation.id)?.focus();
    });
    this.els.detailThemes.addEventListener('change', (event) => {
      const box = event.target as HTMLInputElement;
      if (this.activeId && box.dataset.theme) {
        const id = this.activeId;
        const themeId = box.dataset.theme;
        void this.attempt(async () => {
          try {
            await this.toggleTheme(id, themeId);
          } finally {
            this.renderDetail();
          }
        });
      }
    });
    this.els.note.addEventListener('input', () => {
      const id = this.activeId;
      if (!id) return;
      this.setSaveState();
      clearTimeout(this.noteTimer);
      const note = this.els.note.value;
      this.noteTimer = setTimeout(() => {
        this.noteTimer = undefined;
        void this.attempt(() => this.saveNote(id, note));
      }, NOTE_SAVE_DELAY_MS);
    });
    this.els.note.addEventListener('blur', () => void this.flushNote());
    this.els.deleteButton.addEventListener('click', () => {
      const id = this.activeId;
      if (id) void this.attempt(() => this.deleteHighlight(id));
    });
    this.els.closeButton.addEventListener('click', () => this.close({ focusArticle: true }));
    window.addEventListener('beforeunload', () => void this.flushNote());
  }

  private entries(): SidebarEntry[] {
    const list: SidebarEntry[] = [];
    for (const annotation of this.annotations.values()) {
      const anchor = this.anchors.get(annotation.id);
      list.push({ annotation, anchor: anchor ?? { status: 'orphan', reason: 'Not anchored yet.' } });
    }
    const start = (e: SidebarEntry): number => (e.anchor.status === 'anchored' ? e.anchor.start : Number.MAX_SAFE_INTEGER);
    return list.sort((a, b) => start(a) - start(b) || a.annotation.created.localeCompare(b.annotation.created));
  }

  /** Redraws the sidebar from the current state. */
  private refresh(options: { keepNote?: boolean; activationOnly?: boolean } = {}): void {
    // Opening or closing a highlight changes no entry: the sorted list and the descriptions are reused.
    if (!options.activationOnly || !this.entriesCache) {
      this.entriesCache = this.entries();
      syncHighlightDescriptions(this.entriesCache.map((e) => e.annotation.themes), this.codebook);
    }
    this.sidebar.update({ entries: this.entriesCache, codebook: this.codebook, filter: this.filter, activeId: this.activeId, ...this.listFilters });
    this.renderDetail(options);
    this.setSaveState();
  }



  private renderDetail(options: { keepNote?: boolean } = {}): void {
    const annotation = this.activeId ? this.annotations.get(this.activeId) : undefined;
    this.els.detail.hidden = !annotation;
    if (!annotation) return;
    this.els.detailQuote.textContent = annotation.target.selector[1].exact;
    const anchor = this.anchors.get(annotation.id);
    const anchorText =
      anchor?.status === 'orphan'
        ? `Not found in the text: ${anchor.reason}`
        : anchor?.method === 'approximate'
          ? `Found approximately (confidence ${Math.round(anchor.confidence * 100)}%).`
          : '';
    this.els.detailAnchor.hidden = anchorText === '';
    this.els.detailAnchor.textContent = anchorText;
    const focused = document.activeElement instanceof HTMLInputElement ? document.activeElement.dataset.theme : undefined;
    this.els.detailThemes.replaceChildren(
      ...this.codebook.map((theme) => {
        const label = document.createElement('label');
        label.className = 'theme-toggle';
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.dataset.theme = theme.id;
        box.checked = annotation.themes.includes(theme.id);
        const chip = document.createElement('span');
        chip.className = `swatch swatch-${theme.id}`;
        chip.setAttribute('aria-hidden', 'true');
        label.append(box, chip, theme.label);
        return label;
      }),
    );
    if (focused) this.els.detailThemes.querySelector<HTMLInputElement>(`input[data-theme="${CSS.escape(focused)}"]`)?.focus();
    const locked = this.readOnly !== null;
    this.els.note.readOnly = locked;
    this.els.deleteButton.disabled = locked;
    for (const box of this.els.detailThemes.querySelectorAll('input')) box.disabled = locked;
    const typing = document.activeElement === this.els.note && options.keepNote;
    if (!typing && this.noteTimer === undefined && this.els.note.value !== annotation.note) {
      this.els.note.value = annotation.note;
    }
  }

  /** The Library dialog: counts per theme, open, update from file, remove (see ./library-dialog). */
  private openLibrary(): void {
    void this.flushNote();
    void showLibraryDialog({
      host: this.client.host,
      codebook: this.codebook,
      currentId: this.doc.id,
      readOnly: this.readOnly !== null,
      open: (id) => this.attempt(() => this.loadDocument(id)),
      removed: async (id) => {
        await this.refreshLibrary();
        if (id === this.doc.id) await this.loadDocument(this.documents[0]!.id);
      },
      updated: async (summary) => {
        await this.refreshLibrary();
        await this.loadDocument(summary.id);
        this.announce(summary.needsReview ? `Updated ${summary.title}: review its highlights.` : `Updated ${summary.title}.`);
      },
      announce: (message) => this.announce(message),
      onError: (message) => this.banner.error(message),
    });
  }

  /** The review of the current document's highlights after its text changed (see ./review-panel). */
  private openReview(): void {
    showReviewPanel({
      host: this.client.host,
      document: this.doc,
      annotations: () => [...this.annotations.values()],
      anchorOf: (id) => this.anchors.get(id),
      selectedRange: () => this.selectedRange(),
      changed: (annotation) => this.showAnnotation(annotation),
      deleted: (id) => this.hideAnnotation(id),
      reveal: (id) => this.scrollTo(id),
      announce: (message) => this.announce(message),
      onError: (message) => this.banner.error(message),
      finished: () => this.refreshLibrary(),
    });
  }
}
