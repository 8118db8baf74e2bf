// Dragging themes in the Codebook dialog's tree with the mouse (or a pen): a press on a theme and a
// move of a few pixels picks it up; over another theme, the upper quarter of its row drops before it,
// the lower quarter after it, and the middle inside it (as its sub-theme), each shown by a line or an
// outline on that row; a place the codebook's rules refuse shows nothing. Release drops, Escape cancels.
// Pointer events rather than HTML drag and drop, so the indicator follows the pointer's every move.
import type { DropPlace } from '../../annotations/codebook-tree';

/** What dragging needs to know of the tree. */
export interface TreeDragHandlers {
  keyOf(item: HTMLElement): number;
  /** Whether `key` may land at `place` of `target`. */
  allowed(key: number, target: number, place: DropPlace): boolean;
  drop(key: number, target: number, place: DropPlace): void;
}

/** How far the pointer moves before a press becomes a drag (a click that wobbles stays a click). */
const DRAG_THRESHOLD_PX = 4;

/** Makes the tree's items draggable. */
export function enableTreeDrag(tree: HTMLElement, handlers: TreeDragHandlers): void {
  let press: { key: number; x: number; y: number; pointerId: number } | null = null;
  let dragging = false;
  let over: { node: HTMLElement; target: number; place: DropPlace } | null = null;
  /** Set by a drop until the click the browser sends straight after it, which is not a selection of the row under the pointer. */
  let dropped = false;
  tree.addEventListener(
    'click',
    (event) => {
      if (dropped) event.stopPropagation();
    },
    { capture: true },
  );

  const clear = (): void => {
    over?.node.removeAttribute('data-drop');
    over = null;
  };
  const end = (): void => {
    clear();
    if (press && tree.hasPointerCapture(press.pointerId)) tree.releasePointerCapture(press.pointerId);
    press = null;
    dragging = false;
    tree.classList.remove('is-dragging');
    document.removeEventListener('keydown', onEscape, true);
  };
  const onEscape = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    // Cancels the drag only, not the dialog.
    event.preventDefault();
    event.stopPropagation();
    end();
  };

  tree.addEventListener('pointerdown', (event) => {
    const item = (event.target as Element).closest<HTMLElement>('[role="treeitem"]');
    if (event.button !== 0 || !item || (event.target as Element).closest('input')) return;
    press = { key: handlers.keyOf(item), x: event.clientX, y: event.clientY, pointerId: event.pointerId };
  });
  tree.addEventListener('pointermove', (event) => {
    if (!press || event.pointerId !== press.pointerId) return;
    if (!dragging) {
      if (Math.hypot(event.clientX - press.x, event.clientY - press.y) < DRAG_THRESHOLD_PX) return;
      dragging = true;
      tree.setPointerCapture(press.pointerId);
      tree.classList.add('is-dragging');
      document.addEventListener('keydown', onEscape, true);
    }
    event.preventDefault();
    const place = placeAt(event.clientX, event.clientY, press.key, handlers);
    if (over && place && over.node === place.node && over.place === place.place) return;
    clear();
    if (!place) return;
    place.node.setAttribute('data-drop', place.place);
    over = place;
  });
  tree.addEventListener('pointerup', (event) => {
    if (!press || event.pointerId !== press.pointerId) return;
    const drop = dragging ? over : null;
    const key = press.key;
    end();
    if (!drop) return;
    dropped = true;
    // The click comes in the same turn as the release, before any timer.
    setTimeout(() => (dropped = false), 0);
    handlers.drop(key, drop.target, drop.place);
  });
  tree.addEventListener('pointercancel', end);
}

/** Where a drop at (x, y) would land, or null where the rules refuse it or there is no theme. */
function placeAt(
  x: number,
  y: number,
  key: number,
  handlers: TreeDragHandlers,
): { node: HTMLElement; target: number; place: DropPlace } | null {
  const node = document.elementFromPoint(x, y)?.closest<HTMLElement>('.codebook-node');
  const item = node?.closest<HTMLElement>('[role="treeitem"]');
  if (!node || !item) return null;
  const target = handlers.keyOf(item);
  const box = node.getBoundingClientRect();
  const share = (y - box.top) / box.height;
  const inside = handlers.allowed(key, target, 'inside');
  // Where nesting is refused, the row splits in halves, before and after.
  const place: DropPlace = inside ? (share < 0.25 ? 'before' : share > 0.75 ? 'after' : 'inside') : share < 0.5 ? 'before' : 'after';
  return handlers.allowed(key, target, place) ? { node, target, place } : null;
}
