// Coding stripes: a bar in the margin beside the article for each drawn highlight, in its themes'
// colours and cues, spanning its lines and stacked in lanes where highlights share lines (as MAXQDA's
// and NVivo's coding stripes). Pointing at a bar outlines its highlight; clicking it opens it. The
// bars are read from the highlight plugin's drawn decorations, so with thousands of highlights only
// the window's are drawn. They are a pointer aid: the Annotations list is the keyboard's way in.
import type { EditorView } from 'prosemirror-view';
import { blockIndexAtPos, blockStarts, highlightKey, type HighlightSpec } from '../editor/highlight-plugin';
import type { Action } from '../state/actions';
import type { ReaderState } from '../state/reader-state';
import type { Store } from '../state/store';
import { h } from '../ui/dom';
import type { ArticleView } from './article';

/** Set on <html> by View… when the stripes are hidden (view-settings.ts). */
export const HIDE_STRIPES_CLASS = 'hide-stripes';
/** Width of one lane, and the gap between the innermost lane and the article's text. */
const LANE_WIDTH = 7;
const GAP = 5;
/** The lanes that fit in the reader's padding; further overlaps share the outermost lane. */
const MAX_LANES = 4;

/** What a stripe does when clicked. */
export interface StripeCommands {
  open(id: string): void;
}

/** One highlight's stripe: where it lies and what it is. */
export interface Stripe {
  id: string;
  themes: readonly string[];
  top: number;
  bottom: number;
  lane: number;
}

/**
 * Lanes for stripes sorted by top: each takes the first lane whose last stripe ends above it, so
 * stripes that share lines sit side by side.
 */
export function assignLanes(spans: ReadonlyArray<Omit<Stripe, 'lane'>>, maxLanes = MAX_LANES): Stripe[] {
  const laneBottoms: number[] = [];
  return [...spans]
    .sort((a, b) => a.top - b.top || b.bottom - a.bottom)
    .map((span) => {
      let lane = laneBottoms.findIndex((bottom) => bottom <= span.top);
      if (lane === -1) lane = laneBottoms.length < maxLanes ? laneBottoms.length : maxLanes - 1;
      laneBottoms[lane] = Math.max(laneBottoms[lane] ?? 0, span.bottom);
      return { ...span, lane };
    });
}

/** Mounts the stripes beside the article: redrawn after store actions, window moves and resizes. */
export function mountStripes(article: ArticleView, store: Store<ReaderState, Action>, commands: StripeCommands): void {
  const reader = document.getElementById('reader')!;
  const place = document.getElementById('article')!;
  const layer = h('div', { props: { className: 'stripes' }, attrs: { 'aria-hidden': 'true' } });
  reader.insertBefore(layer, place);
  const hover = new CSSStyleSheet();
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, hover];
  let drawnKey = '';
  let frame = 0;
  // Each range's ends, measured against the top of the block they are in. Highlights can move text: a mark's
  // padding or a note marker rewraps its lines, and the blocks after it move by what its height changed. So a
  // block's measures are kept while its width, height and highlights stay as they were, and the blocks are
  // placed again by their tops: an edit measures the ranges of its own block, not of every drawn highlight.
  let width = -1;
  const measured = new Map<number, { height: number; signature: string; ends: Map<string, number> }>();

  const draw = (): void => {
    frame = 0;
    const view = article.editorIfOpen;
    const hidden = document.documentElement.classList.contains(HIDE_STRIPES_CLASS);
    if (!view || hidden) {
      if (drawnKey !== '') layer.replaceChildren();
      drawnKey = '';
      return;
    }
    const { spans, markers } = drawnSpans(view);
    const box = view.dom.getBoundingClientRect();
    const key = `${box.width}x${box.height}|${[...spans].map(([id, s]) => `${id}:${s.from}-${s.to}:${s.themes.join(',')}`).join(' ')}`;
    if (key === drawnKey) return;
    drawnKey = key;
    const origin = reader.getBoundingClientRect();
    const left = box.left - origin.left + reader.scrollLeft - GAP;
    if (box.width !== width) {
      width = box.width;
      measured.clear();
    }
    const starts = blockStarts(view.state.doc);
    const blockOf = (pos: number): number => blockIndexAtPos(starts, pos);
    // What can change a block's lines: the highlights with an end in it (their themes set their padding) and its note markers.
    const signatures = new Map<number, string>();
    for (const pos of markers) signatures.set(blockOf(pos), `${signatures.get(blockOf(pos)) ?? ''}note@${pos};`);
    for (const [id, span] of spans) {
      for (const index of new Set([blockOf(span.from), blockOf(span.to)])) {
        signatures.set(index, `${signatures.get(index) ?? ''}${id}:${span.from}-${span.to}:${span.themes.join(',')};`);
      }
    }
    const tops = new Map<number, { top: number; ends: Map<string, number> }>();
    const blockAt = (index: number): { top: number; ends: Map<string, number> } => {
      let placed = tops.get(index);
      if (!placed) {
        const rect = (view.dom.children[index] as HTMLElement).getBoundingClientRect();
        const signature = signatures.get(index) ?? '';
        let kept = measured.get(index);
        if (!kept || kept.height !== rect.height || kept.signature !== signature) {
          kept = { height: rect.height, signature, ends: new Map() };
          measured.set(index, kept);
        }
        placed = { top: rect.top, ends: kept.ends };
        tops.set(index, placed);
      }
      return placed;
    };
    /** Where one end of a range is, measured once while its block stays as it was. */
    const end = (pos: number, side: 1 | -1): number => {
      const block = blockAt(blockOf(pos));
      const name = `${pos}${side}`;
      let y = block.ends.get(name);
      if (y === undefined) {
        const rect = view.coordsAtPos(pos, side);
        y = (side === 1 ? rect.top : rect.bottom) - block.top;
        block.ends.set(name, y);
      }
      return block.top + y - origin.top + reader.scrollTop;
    };
    const stripes = [...spans].map(([id, span]) => ({ id, themes: span.themes, top: end(span.from, 1), bottom: end(span.to, -1) }));
    layer.replaceChildren(...assignLanes(stripes).map((stripe) => bar(stripe, left - (stripe.lane + 1) * LANE_WIDTH)));
  };

  const bar = (stripe: Stripe, x: number): HTMLElement => {
    const el = h(
      'div',
      {
        props: { className: 'stripe', title: 'Open this highlight' },
        attrs: { 'data-stripe-for': stripe.id, 'data-lane': stripe.lane },
        on: {
          click: () => commands.open(stripe.id),
          mouseenter: () =>
            hover.replaceSync(
              `.ProseMirror mark[data-annotation-id="${CSS.escape(stripe.id)}"] { outline: 2px solid var(--accent); outline-offset: 1px; }`,
            ),
          mouseleave: () => hover.replaceSync(''),
        },
      },
      ...stripe.themes.map((theme) => h('span', /^[a-z0-9-]+$/.test(theme) ? `stripe-theme stripe-${theme}` : 'stripe-theme')),
    );
    // Placed through the CSSOM, which the CSP allows (it forbids style attributes in markup).
    el.style.top = `${stripe.top}px`;
    el.style.height = `${Math.max(4, stripe.bottom - stripe.top)}px`;
    el.style.left = `${x}px`;
    return el;
  };

  const schedule = (): void => {
    // Two frames: the highlight window may move in the scroll's own frame, after this listener's.
    if (frame === 0) frame = requestAnimationFrame(() => (frame = requestAnimationFrame(draw)));
  };
  store.subscribe(schedule);
  reader.addEventListener('scroll', schedule, { passive: true });
  new ResizeObserver(schedule).observe(place);
  new MutationObserver(schedule).observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  schedule();
}

/** Each drawn highlight's extent (over its drawn pieces) and themes, and where the drawn note markers are. */
function drawnSpans(view: EditorView): { spans: Map<string, { from: number; to: number; themes: readonly string[] }>; markers: number[] } {
  const plugin = highlightKey.getState(view.state);
  const spans = new Map<string, { from: number; to: number; themes: readonly string[] }>();
  const markers: number[] = [];
  if (!plugin) return { spans, markers };
  for (const d of plugin.decorations.find()) {
    const spec = d.spec as HighlightSpec;
    if (spec.noteMarker) {
      markers.push(d.from);
      continue;
    }
    const span = spans.get(spec.annotationId);
    if (span) {
      span.from = Math.min(span.from, d.from);
      span.to = Math.max(span.to, d.to);
    } else {
      spans.set(spec.annotationId, { from: d.from, to: d.to, themes: plugin.placed.get(spec.annotationId)?.annotation.themes ?? [] });
    }
  }
  return { spans, markers };
}
