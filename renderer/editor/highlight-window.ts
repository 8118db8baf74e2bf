// Keeps the highlight plugin's window on the blocks around what is on screen, so that an article with
// thousands of highlights draws only the few hundred near the reader (see WINDOW_THRESHOLD).
import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, type EditorState, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import {
  blockIndexAtPos,
  blockStarts,
  highlightKey,
  WINDOW_THRESHOLD,
  type HighlightAction,
  type HighlightWindow,
} from './highlight-plugin';

/**
 * Blocks drawn beyond each edge of the screen. Scrolling moves the window once the screen comes
 * within half of this of an edge, so a flick of the wheel never shows an undrawn block, and
 * each move redraws about this many blocks (a few milliseconds), not the article.
 */
export const WINDOW_MARGIN = 40;

/** The window for blocks `first` to `last` (indices) with the margin around them. */
function windowOf(doc: PMNode, first: number, last: number): HighlightWindow {
  const starts = blockStarts(doc);
  const lo = Math.max(0, first - WINDOW_MARGIN);
  const hi = Math.min(starts.length - 1, last + WINDOW_MARGIN);
  return { from: starts[lo]!, to: starts[hi]! + doc.child(hi).nodeSize };
}

/** The action that makes sure the blocks around a position are drawn (before scrolling to it). */
export function revealAction(state: EditorState, pos: number): HighlightAction {
  const index = blockIndexAtPos(blockStarts(state.doc), pos);
  return { type: 'window', window: windowOf(state.doc, index, index) };
}

/** The first and last block index with a part on screen, by bisecting the blocks' boxes. */
function blocksOnScreen(view: EditorView): { first: number; last: number } | null {
  const blocks = view.dom.children;
  if (blocks.length === 0) return null;
  const top = 0;
  const bottom = view.dom.ownerDocument.defaultView?.innerHeight ?? 0;
  const firstBelow = (y: number): number => {
    // The first block whose bottom edge is below y.
    let low = 0;
    let high = blocks.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (blocks[mid]!.getBoundingClientRect().bottom > y) high = mid;
      else low = mid + 1;
    }
    return low;
  };
  const first = firstBelow(top);
  return { first, last: Math.max(first, firstBelow(bottom)) };
}

/** The blocks on screen with the margin around them (what a window there would draw), or null before layout. */
export function screenWindow(view: EditorView): HighlightWindow | null {
  const screen = blocksOnScreen(view);
  return screen ? windowOf(view.state.doc, screen.first, screen.last) : null;
}

/** Moves the window when the screen nears its edge (checked once per frame while scrolling). */
class WindowKeeper {
  private frame = 0;
  private readonly onScroll = (): void => {
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.check());
  };

  constructor(
    private readonly view: EditorView,
    private readonly transaction: (view: EditorView) => Transaction,
  ) {
    const win = view.dom.ownerDocument.defaultView;
    view.dom.ownerDocument.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
    win?.addEventListener('resize', this.onScroll, { passive: true });
    this.onScroll();
  }

  check(): void {
    this.frame = 0;
    const state = highlightKey.getState(this.view.state);
    if (!state || state.placed.size <= WINDOW_THRESHOLD) return;
    const screen = blocksOnScreen(this.view);
    if (!screen) return;
    const starts = blockStarts(this.view.state.doc);
    const current = state.window;
    if (current) {
      const firstDrawn = blockIndexAtPos(starts, current.from);
      const lastDrawn = blockIndexAtPos(starts, Math.max(current.from, current.to - 1));
      const slack = WINDOW_MARGIN / 2;
      const topCovered = firstDrawn === 0 || screen.first - firstDrawn >= slack;
      const bottomCovered = lastDrawn === starts.length - 1 || lastDrawn - screen.last >= slack;
      if (topCovered && bottomCovered) return;
    }
    const action: HighlightAction = { type: 'window', window: windowOf(this.view.state.doc, screen.first, screen.last) };
    this.view.dispatch(this.transaction(this.view).setMeta(highlightKey, action));
  }

  /** Called on every view update: a reset may have crossed the threshold. */
  update(): void {
    this.onScroll();
  }

  destroy(): void {
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    this.view.dom.ownerDocument.removeEventListener('scroll', this.onScroll, { capture: true });
    this.view.dom.ownerDocument.defaultView?.removeEventListener('resize', this.onScroll);
  }
}

/**
 * The plugin that keeps the window in step with scrolling and resizing. `transaction` makes the
 * transaction that carries the move (one that keeps the selection the reader sees).
 */
export function highlightWindowPlugin(transaction: (view: EditorView) => Transaction): Plugin {
  return new Plugin({ view: (view) => new WindowKeeper(view, transaction) });
}
