// Coding stripes: a bar in the margin beside the article for each drawn highlight, in its themes'
// colours and cues, spanning its lines and stacked in lanes where highlights share lines (as MAXQDA's
// and NVivo's coding stripes). Pointing at a bar outlines its highlight; clicking it opens it. The
// bars are read from the highlight plugin's drawn decorations, so with thousands of highlights only
// the window's are drawn. They are a pointer aid: the Annotations list is the keyboard's way in.
import type { EditorView } from 'prosemirror-view';
import { highlightKey, type HighlightSpec } from '../editor/highlight-plugin';
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
  // Where each range was measured, for as long as the article's layout stays as it was: highlights do
  // not move text (fills and underlines take no room), so only a resize or a note marker coming or going
  // (a widget in the line) can, and an edit measures only the ranges it drew anew.
  let layout = '';
  let measured = new Map<string, { top: number; bottom: number }>();

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
    const now = `${box.width}x${box.height}|${markers}`;
    if (now !== layout) {
      layout = now;
      measured = new Map();
    }
    const place = (from: number, to: number): { top: number; bottom: number } => {
      const range = `${from}-${to}`;
      let known = measured.get(range);
      if (!known) {
        known = {
          top: view.coordsAtPos(from, 1).top - origin.top + reader.scrollTop,
          bottom: view.coordsAtPos(to, -1).bottom - origin.top + reader.scrollTop,
        };
        measured.set(range, known);
      }
      return known;
    };
    const stripes = [...spans].map(([id, span]) => ({ id, themes: span.themes, ...place(span.from, span.to) }));
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

/** Each drawn highlight's extent (over its drawn pieces) and themes, and how many note markers are drawn. */
function drawnSpans(view: EditorView): { spans: Map<string, { from: number; to: number; themes: readonly string[] }>; markers: number } {
  const plugin = highlightKey.getState(view.state);
  const spans = new Map<string, { from: number; to: number; themes: readonly string[] }>();
  let markers = 0;
  if (!plugin) return { spans, markers };
  for (const d of plugin.decorations.find()) {
    const spec = d.spec as HighlightSpec;
    if (spec.noteMarker) {
      markers++;
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
