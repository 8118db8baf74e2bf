// The highlight plugin: its typed state holds each placed annotation and the decorations that
// paint them over the unchanged article. Changes arrive as typed actions in transaction metadata.
import { Map as PersistentMap } from 'immutable';
import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Annotation } from '../../annotations/annotation';

/** An annotation with the ProseMirror range it was anchored to. */
export interface PlacedAnnotation {
  annotation: Annotation;
  from: number;
  to: number;
}

/** What each highlight decoration carries in its spec, so a decoration leads back to its annotation. */
export interface HighlightSpec {
  annotationId: string;
  /** Set on the note marker, the widget at the end of a highlight with a note. */
  noteMarker?: true;
}

/** CSS class of the note marker drawn at the end of a highlight with a note. */
export const NOTE_MARKER_CLASS = 'hl-note-marker';

/**
 * Above this many highlights the view draws only those in a window of blocks around what is on
 * screen (see ./highlight-window.ts). Below it every highlight is in the DOM, so a screen reader
 * moving through the article meets each one. At 10,000 highlights drawing all of them costs
 * about a second on opening and 30,000 elements; a window of a hundred blocks costs a few
 * milliseconds (figures in README's Performance section).
 */
export const WINDOW_THRESHOLD = 1000;

/** A range of positions: the blocks the view draws highlights in. */
export interface HighlightWindow {
  from: number;
  to: number;
}

/**
 * The plugin's state. Its maps are persistent (immutable.js), so a new state per edit shares all but
 * the changed entries with the old one instead of copying ten thousand of them.
 */
export interface HighlightState {
  placed: PersistentMap<string, PlacedAnnotation>;
  /**
   * Each highlight's decorations (one per block it covers), by annotation id. Kept as a map, not a
   * DecorationSet: building a set walks every block once per decoration (a quadratic 80 ms at
   * 10,000 highlights), and a window only ever needs the few that fall inside it.
   */
  pieces: PersistentMap<string, readonly Decoration[]>;
  /** What the view draws: every piece, or above WINDOW_THRESHOLD the pieces inside `window`. */
  decorations: DecorationSet;
  /** The blocks to draw highlights in when there are many (null: from the top, until the view says). */
  window: HighlightWindow | null;
  /** The highlight open in the sidebar. */
  activeId: string | null;
  /** The highlight briefly flashed after it was scrolled to. */
  flashId: string | null;
}

/** The actions the plugin understands. */
export type HighlightAction =
  | { type: 'reset'; placed: PlacedAnnotation[] }
  | { type: 'upsert'; placed: PlacedAnnotation }
  | { type: 'remove'; id: string }
  | { type: 'activate'; id: string | null }
  | { type: 'flash'; id: string | null }
  | { type: 'window'; window: HighlightWindow };

/** Reads the plugin state and tags transactions with actions. */
export const highlightKey = new PluginKey<HighlightState>('highlights');

/** CSS class of every theme's highlight, keyed by the theme's position (primary or secondary). */
export function themeClass(role: 'primary' | 'secondary', themeId: string): string {
  return `hl-${role}-${themeId}`;
}

/**
 * The id of the hidden element that describes a highlight with these themes (see
 * renderer/highlight-descriptions.ts). A <mark> may not be named with aria-label, but it may be
 * described, and the description is read with the passage.
 */
export function describedById(themes: readonly string[]): string {
  return `hl-desc-${themes.map((id) => id.replace(/[^A-Za-z0-9-]/g, '_')).join('__') || 'none'}`;
}

/**
 * A highlight's decorations, one per block it covers. A decoration that crosses blocks would sit
 * at the top of the DecorationSet and be checked again for every block on each redraw (about
 * 2,000 checks per crossing highlight in a 2,000-paragraph article); split, each lives with its block.
 */
function decorationsFor(placed: PlacedAnnotation, state: Pick<HighlightState, 'activeId' | 'flashId'>, doc: PMNode): Decoration[] {
  const starts = blockStarts(doc);
  const decorations: Decoration[] = [];
  const { from, to } = placed;
  for (let index = blockIndexAtPos(starts, from); index < doc.childCount && starts[index]! < to; index += 1) {
    const start = Math.max(from, starts[index]! + 1);
    const end = Math.min(to, starts[index]! + doc.child(index).nodeSize - 1);
    if (start < end) decorations.push(decorationFor(placed, start, end, state));
  }
  const last = decorations[decorations.length - 1];
  if (last && placed.annotation.note.trim() !== '') decorations.push(noteMarker(placed.annotation.id, last.to));
  return decorations;
}

const startsCache = new WeakMap<PMNode, number[]>();

/** Where each top-level block of a document starts (computed once per document). */
export function blockStarts(doc: PMNode): number[] {
  let starts = startsCache.get(doc);
  if (!starts) {
    starts = [];
    let pos = 0;
    doc.forEach((block) => {
      starts!.push(pos);
      pos += block.nodeSize;
    });
    startsCache.set(doc, starts);
  }
  return starts;
}

/** The index of the block holding a position (the last block starting at or before it). */
export function blockIndexAtPos(starts: readonly number[], pos: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= pos) low = mid;
    else high = mid - 1;
  }
  return low;
}

function decorationFor(
  placed: PlacedAnnotation,
  from: number,
  to: number,
  state: Pick<HighlightState, 'activeId' | 'flashId'>,
): Decoration {
  const { annotation } = placed;
  const [first, second] = annotation.themes;
  const classes = ['hl'];
  if (first) classes.push(themeClass('primary', first));
  if (second) classes.push(themeClass('secondary', second), 'hl-multi');
  if (state.activeId === annotation.id) classes.push('hl-active');
  if (state.flashId === annotation.id) classes.push('hl-flash');
  const spec: HighlightSpec = { annotationId: annotation.id };
  return Decoration.inline(
    from,
    to,
    {
      // A node name of its own gives every highlight its own element, so nested and
      // overlapping highlights each keep their id instead of merging into one span.
      nodeName: 'mark',
      class: classes.join(' '),
      'data-annotation-id': annotation.id,
      'data-themes': annotation.themes.join(' '),
      // Whose layer it is (renderer/layers.ts outlines and hides layers by it); empty: the own coder's, from before coders.
      'data-coder': annotation.creator ?? '',
      'aria-describedby': describedById(annotation.themes),
    },
    spec,
  );
}

/**
 * The note marker: an empty, unfocusable span whose glyph is CSS (so the article's text, and every
 * offset into it, stay as they are). views/note-card.ts shows the note when it is pointed at.
 */
function noteMarker(annotationId: string, pos: number): Decoration {
  const spec: HighlightSpec = { annotationId, noteMarker: true };
  return Decoration.widget(
    pos,
    (view) => {
      const span = view.dom.ownerDocument.createElement('span');
      span.className = NOTE_MARKER_CLASS;
      span.dataset.noteFor = annotationId;
      span.setAttribute('aria-hidden', 'true');
      return span;
    },
    { ...spec, side: -1, key: `note-${annotationId}`, ignoreSelection: true },
  );
}

/** Blocks drawn before the view has said what is on screen: the first screens of the article. */
const INITIAL_BLOCKS = 60;

function initialWindow(doc: PMNode): HighlightWindow {
  const starts = blockStarts(doc);
  const last = Math.min(INITIAL_BLOCKS, starts.length) - 1;
  return { from: 0, to: last < 0 ? 0 : starts[last]! + doc.child(last).nodeSize };
}

function inWindow(decoration: Decoration, window: HighlightWindow): boolean {
  return decoration.from <= window.to && decoration.to >= window.from;
}

/** Whether this many highlights are drawn through a window. */
function windowed(count: number): boolean {
  return count > WINDOW_THRESHOLD;
}

/** The set the view draws, built afresh: every piece, or those inside the window. */
function drawn(pieces: ReadonlyMap<string, readonly Decoration[]>, window: HighlightWindow | null, doc: PMNode): DecorationSet {
  const shown: Decoration[] = [];
  if (!windowed(pieces.size)) {
    for (const list of pieces.values()) shown.push(...list);
  } else {
    const w = window ?? initialWindow(doc);
    for (const list of pieces.values()) for (const d of list) if (inWindow(d, w)) shown.push(d);
  }
  return DecorationSet.create(doc, shown);
}

/**
 * Replaces some highlights' pieces (null: the highlight is gone). The drawn
 * set changes by those decorations only, never by a rebuild, unless the change crosses WINDOW_THRESHOLD.
 */
function swap(
  value: HighlightState,
  doc: PMNode,
  changes: ReadonlyArray<readonly [string, readonly Decoration[] | null]>,
): Pick<HighlightState, 'pieces' | 'decorations'> {
  const removed: Decoration[] = [];
  const added: Decoration[] = [];
  const pieces = value.pieces.withMutations((map) => {
    for (const [id, next] of changes) {
      removed.push(...(map.get(id) ?? []));
      if (next) {
        map.set(id, next);
        added.push(...next);
      } else {
        map.delete(id);
      }
    }
  });
  if (windowed(pieces.size) !== windowed(value.pieces.size)) return { pieces, decorations: drawn(pieces, value.window, doc) };
  const window = windowed(pieces.size) ? (value.window ?? initialWindow(doc)) : null;
  const shown = (d: Decoration): boolean => !window || inWindow(d, window);
  const kept = removed.length > 0 ? value.decorations.remove(removed.filter(shown)) : value.decorations;
  return { pieces, decorations: kept.add(doc, added.filter(shown)) };
}

function apply(action: HighlightAction, value: HighlightState, doc: PMNode): HighlightState {
  switch (action.type) {
    case 'reset': {
      const placed = PersistentMap(action.placed.map((p) => [p.annotation.id, p] as const));
      const next = { ...value, placed, activeId: null, flashId: null };
      const pieces = PersistentMap(action.placed.map((p) => [p.annotation.id, decorationsFor(p, next, doc)] as const));
      return { ...next, pieces, decorations: drawn(pieces, value.window, doc) };
    }
    case 'upsert': {
      const placed = value.placed.set(action.placed.annotation.id, action.placed);
      return { ...value, placed, ...swap(value, doc, [[action.placed.annotation.id, decorationsFor(action.placed, value, doc)]]) };
    }
    case 'remove': {
      if (!value.placed.has(action.id)) return value;
      const placed = value.placed.delete(action.id);
      return {
        ...value,
        placed,
        ...swap(value, doc, [[action.id, null]]),
        activeId: value.activeId === action.id ? null : value.activeId,
        flashId: value.flashId === action.id ? null : value.flashId,
      };
    }
    case 'activate':
    case 'flash': {
      const key = action.type === 'activate' ? 'activeId' : 'flashId';
      if (value[key] === action.id) return value;
      const next: HighlightState = { ...value, [key]: action.id };
      const redrawn = [...new Set([value[key], action.id])]
        .map((id) => (id ? next.placed.get(id) : undefined))
        .filter((p): p is PlacedAnnotation => p !== undefined)
        .map((p) => [p.annotation.id, decorationsFor(p, next, doc)] as const);
      return { ...next, ...swap(next, doc, redrawn) };
    }
    case 'window': {
      const { from, to } = action.window;
      if (value.window && value.window.from === from && value.window.to === to) return value;
      const window = { from, to };
      return { ...value, window, decorations: windowed(value.pieces.size) ? drawn(value.pieces, window, doc) : value.decorations };
    }
  }
}

/** The plugin: decorations from its state, and a state that maps through any (non-)change. */
export function highlightPlugin(): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    key: highlightKey,
    state: {
      init: () => ({
        placed: PersistentMap(),
        pieces: PersistentMap(),
        decorations: DecorationSet.empty,
        window: null,
        activeId: null,
        flashId: null,
      }),
      apply(tr: Transaction, value: HighlightState, _old: EditorState, newState: EditorState): HighlightState {
        const meta = tr.getMeta(highlightKey) as HighlightAction | HighlightAction[] | undefined;
        // The article never changes (the view drops such transactions), so nothing needs mapping.
        const actions = meta === undefined ? [] : Array.isArray(meta) ? meta : [meta];
        return actions.reduce((state, action) => apply(action, state, newState.doc), value);
      },
    },
    props: {
      decorations: (state) => highlightKey.getState(state)?.decorations,
    },
  });
}

/** Tags a transaction with highlight actions, applied in order (one view update for all of them). */
export function withHighlightAction(tr: Transaction, action: HighlightAction | HighlightAction[]): Transaction {
  return tr.setMeta(highlightKey, action);
}

/** The annotations whose highlight covers a position, innermost (shortest) first. */
export function highlightsAt(state: EditorState, pos: number): PlacedAnnotation[] {
  const plugin = highlightKey.getState(state);
  if (!plugin) return [];
  return [...plugin.placed.values()].filter((p) => p.from <= pos && pos <= p.to).sort((a, b) => a.to - a.from - (b.to - b.from));
}
