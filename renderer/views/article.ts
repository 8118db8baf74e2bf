// The article view: the shown document's ProseMirror view, with its highlights as a projection of the
// store. It reads the state and the action that changed it and turns both into highlight-plugin actions,
// one transaction per store action; it never decides what is highlighted or open.
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { GlossDocument } from '../../annotations/document';
import { createArticleView, liveSelection, liveTransaction } from '../editor/article-view';
import { highlightKey, highlightsAt, withHighlightAction, type HighlightAction, type PlacedAnnotation } from '../editor/highlight-plugin';
import { moveCaretTo, nextHighlight, type HighlightStep } from '../editor/highlight-nav';
import { revealAction, screenWindow } from '../editor/highlight-window';
import { OffsetMap } from '../editor/positions';
import { syncHighlightDescriptions } from '../highlight-descriptions';
import type { KeyHandler } from '../keymap/keymap';
import type { Action, AnchoredAnnotation } from '../state/actions';
import { selectHasNote } from '../state/modules/annotations';
import type { ReaderState } from '../state/reader-state';
import type { Store } from '../state/store';

/** What the article asks of the reader. */
export interface ArticleCallbacks {
  /** The article's own keys (the keymap's article scope). */
  onKey: KeyHandler;
  /** A click on a highlight (the innermost under the pointer). */
  onHighlightClick(id: string): void;
}

/** The shown document's view, rebuilt whenever another document opens. */
export class ArticleView {
  private view: EditorView | null = null;
  private doc: GlossDocument | null = null;
  private offsets: OffsetMap | null = null;

  constructor(
    private readonly place: HTMLElement,
    private readonly store: Store<ReaderState, Action>,
    private readonly callbacks: ArticleCallbacks,
  ) {
    store.subscribe((state, previous, action) => this.project(state, previous, action));
  }

  /** The ProseMirror view (there is one once a document is open). */
  get editor(): EditorView {
    if (!this.view) throw new Error('No document is open.');
    return this.view;
  }

  /** The ProseMirror view, or null before a document is open. */
  get editorIfOpen(): EditorView | null {
    return this.view;
  }

  /** The selection as trimmed plain-text offsets, or null when nothing but whitespace is selected. */
  selectedRange(): { start: number; end: number } | null {
    if (!this.view || !this.doc || !this.offsets) return null;
    const { from, to } = liveSelection(this.view);
    if (from === to) return null;
    let start = this.offsets.toOffset(from);
    let end = this.offsets.toOffset(to);
    while (start < end && /\s/.test(this.doc.text[start]!)) start += 1;
    while (end > start && /\s/.test(this.doc.text[end - 1]!)) end -= 1;
    return start < end ? { start, end } : null;
  }

  /** The text under the screen with a margin of blocks around it, as offsets (end exclusive), or null with no text laid out. */
  screenRange(): { start: number; end: number } | null {
    if (!this.view || !this.offsets) return null;
    const window = screenWindow(this.view);
    if (!window) return null;
    const start = this.offsets.toOffset(window.from);
    const end = this.offsets.toOffset(window.to);
    return start < end ? { start, end } : null;
  }

  /** The innermost highlight at the caret. */
  highlightAtCaret(): string | null {
    if (!this.view) return null;
    const [innermost] = highlightsAt(this.view.state, liveSelection(this.view).head);
    return innermost?.annotation.id ?? null;
  }

  /** The next or previous highlight from the caret, the caret moved to it. */
  step(direction: 1 | -1, lastId: string | null): HighlightStep | null {
    if (!this.view) return null;
    const step = nextHighlight(this.view.state, liveSelection(this.view).head, direction, lastId);
    if (step) moveCaretTo(this.view, step.placed);
    return step;
  }

  /** Puts the caret at a text offset and focuses the article. */
  focusAt(offset: number | null): void {
    if (!this.view) return;
    if (offset !== null && this.offsets) {
      this.view.dispatch(this.view.state.tr.setSelection(TextSelection.create(this.view.state.doc, this.offsets.toPos(offset))));
    }
    this.view.focus();
  }

  focus(): void {
    this.view?.focus();
  }

  /** Draws the blocks around a highlight (when only a window is drawn) and scrolls it to the middle. */
  scrollTo(id: string): void {
    if (!this.view) return;
    const placed = highlightKey.getState(this.view.state)?.placed.get(id);
    if (placed) this.view.dispatch(withHighlightAction(liveTransaction(this.view), revealAction(this.view.state, placed.from)));
    this.view.dom.querySelector(`[data-annotation-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'center' });
  }

  private project(state: ReaderState, previous: ReaderState, action: Action): void {
    if (state.document !== previous.document && state.document) return this.mount(state);
    if (!this.view) return;
    const actions: HighlightAction[] = [];
    let caret: number | null = null;
    if (action.type === 'codebook-loaded') {
      actions.push({ type: 'reset', placed: this.placedAll(state) });
    } else if (action.type === 'annotations-arrived') {
      // Only those the stage added: one kept as the reader made it is drawn already.
      const placed: PlacedAnnotation[] = [];
      for (const { annotation } of action.arrived) {
        const shown = state.annotations.get(annotation.id);
        if (shown === annotation) {
          const p = placedOf({ annotation, anchor: state.anchors.get(annotation.id)! }, this.offsets!, state);
          if (p) placed.push(p);
        }
      }
      actions.push({ type: 'add', placed });
    } else {
      // Whatever an action touched is drawn as the state now has it: there, or gone.
      for (const id of touched(action)) {
        const annotation = state.annotations.get(id);
        if (annotation === previous.annotations.get(id) && state.anchors.get(id) === previous.anchors.get(id)) continue;
        const placed = annotation ? placedOf({ annotation, anchor: state.anchors.get(id)! }, this.offsets!, state) : null;
        actions.push(placed ? { type: 'upsert', placed } : { type: 'remove', id });
      }
      if ((action.type === 'annotations-changed' || action.type === 'edit-applied') && action.caret !== undefined) caret = action.caret;
    }
    if (state.activeId !== previous.activeId || action.type === 'codebook-loaded') actions.push({ type: 'activate', id: state.activeId });
    if (state.flashId !== previous.flashId) actions.push({ type: 'flash', id: state.flashId });
    if (state.themeSets !== previous.themeSets || state.codebook !== previous.codebook) this.describe(state);
    if (actions.length === 0) return;
    // One transaction: the highlights, the open one and the caret after a new highlight (one redraw).
    const tr = liveTransaction(this.view);
    if (caret !== null && this.offsets) tr.setSelection(TextSelection.create(tr.doc, this.offsets.toPos(caret)));
    this.view.dispatch(withHighlightAction(tr, actions));
  }

  private placedAll(state: ReaderState): PlacedAnnotation[] {
    const placed: PlacedAnnotation[] = [];
    for (const entry of state.entries) {
      const p = placedOf(entry, this.offsets!, state);
      if (p) placed.push(p);
    }
    return placed;
  }

  private describe(state: ReaderState): void {
    syncHighlightDescriptions(
      [...state.themeSets.values()].map((set) => set.themes),
      state.codebook,
    );
  }

  private mount(state: ReaderState): void {
    this.doc = state.document!;
    this.offsets = new OffsetMap(this.doc.blocks);
    this.view?.destroy();
    this.place.replaceChildren();
    this.view = createArticleView(this.place, this.doc, {
      onKey: (view, event) => this.callbacks.onKey(view, event),
      onHighlightClick: (id) => this.callbacks.onHighlightClick(id),
    });
    this.describe(state);
    this.view.dispatch(withHighlightAction(liveTransaction(this.view), { type: 'reset', placed: this.placedAll(state) }));
  }
}

/** The annotation ids an action may have changed. */
function touched(action: Action): string[] {
  switch (action.type) {
    case 'annotations-changed':
      return [...action.removed, ...action.upserted.map((e) => e.annotation.id)];
    case 'edit-applied':
      return [action.id, ...action.removed, ...action.upserted.map((e) => e.annotation.id)];
    case 'edit-acknowledged':
    case 'edit-failed':
      return [action.id];
    default:
      return [];
  }
}

/** A stored annotation's ProseMirror range, or null when it was not found in the text. */
function placedOf({ annotation, anchor }: AnchoredAnnotation, offsets: OffsetMap, state: ReaderState): PlacedAnnotation | null {
  if (anchor.status === 'orphan') return null;
  return { annotation, from: offsets.toPos(anchor.start), to: offsets.toPos(anchor.end), hasNote: selectHasNote(state, annotation) };
}
