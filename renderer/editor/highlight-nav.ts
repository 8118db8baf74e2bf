// Moving the caret between highlights (n / p): the highlights in document order and the next or previous one from the caret.
import { TextSelection, type EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { highlightKey, withHighlightAction, type PlacedAnnotation } from './highlight-plugin';
import { revealAction } from './highlight-window';

/** Where a step landed: the highlight, its 0-based place in document order and how many there are. */
export interface HighlightStep {
  placed: PlacedAnnotation;
  index: number;
  total: number;
}

/** Every placed highlight, ordered by where it starts (then by where it ends, then by id, so ties are stable). */
export function highlightsInOrder(state: EditorState): PlacedAnnotation[] {
  const placed = [...(highlightKey.getState(state)?.placed.values() ?? [])];
  return placed.sort((a, b) => a.from - b.from || a.to - b.to || a.annotation.id.localeCompare(b.annotation.id));
}

/**
 * The highlight after (1) or before (-1) the caret, wrapping around at either end. When the caret
 * sits at the start of `lastId` (where the previous step left it), the step goes on from that
 * highlight, so highlights that start at the same place are each visited.
 */
export function nextHighlight(state: EditorState, head: number, direction: 1 | -1, lastId: string | null): HighlightStep | null {
  const ordered = highlightsInOrder(state);
  const total = ordered.length;
  if (total === 0) return null;
  const last = lastId ? ordered.findIndex((p) => p.annotation.id === lastId && p.from === head) : -1;
  let index: number;
  if (last !== -1) index = (last + direction + total) % total;
  else if (direction === 1) {
    index = ordered.findIndex((p) => p.from > head);
    if (index === -1) index = 0;
  } else {
    index = -1;
    for (let i = total - 1; i >= 0; i -= 1) {
      if (ordered[i]!.from < head) {
        index = i;
        break;
      }
    }
    if (index === -1) index = total - 1;
  }
  return { placed: ordered[index]!, index, total };
}

/** Puts the caret at the start of a highlight and scrolls it into view. */
export function moveCaretTo(view: EditorView, placed: PlacedAnnotation): void {
  const tr = view.state.tr.setSelection(TextSelection.create(view.state.doc, placed.from)).scrollIntoView();
  view.dispatch(withHighlightAction(tr, revealAction(view.state, placed.from)));
  const element = view.dom.querySelector(`[data-annotation-id="${CSS.escape(placed.annotation.id)}"]`);
  element?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}
