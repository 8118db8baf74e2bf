// The highlight plugin: its typed state holds each placed annotation and the decorations that
// paint them over the unchanged article. Changes arrive as typed actions in transaction metadata.
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
}

/** The plugin's state. */
export interface HighlightState {
  placed: ReadonlyMap<string, PlacedAnnotation>;
  decorations: DecorationSet;
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
  | { type: 'flash'; id: string | null };

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

function decorationFor(placed: PlacedAnnotation, state: Pick<HighlightState, 'activeId' | 'flashId'>): Decoration {
  const { annotation } = placed;
  const [first, second] = annotation.themes;
  const classes = ['hl'];
  if (first) classes.push(themeClass('primary', first));
  if (second) classes.push(themeClass('secondary', second), 'hl-multi');
  if (state.activeId === annotation.id) classes.push('hl-active');
  if (state.flashId === annotation.id) classes.push('hl-flash');
  const spec: HighlightSpec = { annotationId: annotation.id };
  return Decoration.inline(
    placed.from,
    placed.to,
    {
      // A node name of its own gives every highlight its own element, so nested and
      // overlapping highlights each keep their id instead of merging into one span.
      nodeName: 'mark',
      class: classes.join(' '),
      'data-annotation-id': annotation.id,
      'data-themes': annotation.themes.join(' '),
      'aria-describedby': describedById(annotation.themes),
    },
    spec,
  );
}

function findDecorations(set: DecorationSet, placed: PlacedAnnotation): Decoration[] {
  return set.find(placed.from, placed.to, (spec: HighlightSpec) => spec.annotationId === placed.annotation.id);
}

function apply(action: HighlightAction, value: HighlightState, doc: EditorState['doc']): HighlightState {
  switch (action.type) {
    case 'reset': {
      const placed = new Map(action.placed.map((p) => [p.annotation.id, p]));
      const next = { ...value, placed, activeId: null, flashId: null };
      return { ...next, decorations: DecorationSet.create(doc, action.placed.map((p) => decorationFor(p, next))) };
    }
    case 'upsert': {
      const placed = new Map(value.placed);
      const old = placed.get(action.placed.annotation.id);
      placed.set(action.placed.annotation.id, action.placed);
      const removed = old ? value.decorations.remove(findDecorations(value.decorations, old)) : value.decorations;
      return { ...value, placed, decorations: removed.add(doc, [decorationFor(action.placed, value)]) };
    }
    case 'remove': {
      const old = value.placed.get(action.id);
      if (!old) return value;
      const placed = new Map(value.placed);
      placed.delete(action.id);
      return {
        ...value,
        placed,
        decorations: value.decorations.remove(findDecorations(value.decorations, old)),
        activeId: value.activeId === action.id ? null : value.activeId,
        flashId: value.flashId === action.id ? null : value.flashId,
      };
    }
    case 'activate':
    case 'flash': {
      const key = action.type === 'activate' ? 'activeId' : 'flashId';
      if (value[key] === action.id) return value;
      const next = { ...value, [key]: action.id };
      return { ...next, decorations: redrawIn(next, doc, [value[key], action.id]) };
    }
  }
}

function redrawIn(state: HighlightState, doc: EditorState['doc'], ids: Array<string | null>): DecorationSet {
  let set = state.decorations;
  for (const id of new Set(ids)) {
    const placed = id ? state.placed.get(id) : undefined;
    if (!placed) continue;
    set = set.remove(findDecorations(set, placed)).add(doc, [decorationFor(placed, state)]);
  }
  return set;
}

/** The plugin: decorations from its state, and a state that maps through any (non-)change. */
export function highlightPlugin(): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    key: highlightKey,
    state: {
      init: () => ({ placed: new Map(), decorations: DecorationSet.empty, activeId: null, flashId: null }),
      apply(tr: Transaction, value: HighlightState, _old: EditorState, newState: EditorState): HighlightState {
        const meta = tr.getMeta(highlightKey) as HighlightAction | HighlightAction[] | undefined;
        const mapped = tr.docChanged ? { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) } : value;
        const actions = meta === undefined ? [] : Array.isArray(meta) ? meta : [meta];
        return actions.reduce((state, action) => apply(action, state, newState.doc), mapped);
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
  return plugin.decorations
    .find(pos, pos, (spec: HighlightSpec) => typeof spec.annotationId === 'string')
    .map((d) => plugin.placed.get((d.spec as HighlightSpec).annotationId))
    .filter((p): p is PlacedAnnotation => p !== undefined)
    .filter((p) => p.from <= pos && pos <= p.to)
    .sort((a, b) => a.to - a.from - (b.to - b.from));
}
