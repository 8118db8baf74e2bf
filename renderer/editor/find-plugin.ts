// The find plugin: its typed state holds the query, the matches in the article's text and the current one,
// and paints them as decorations. Separate from the highlight plugin: a match is never an annotation.
import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { errorMessage } from '../../annotations/errors';
import { compileQuery, matchAll, parseQuery, type SearchOptions } from '../../annotations/suggest/search-query';

/**
 * At most this many matches are found and painted. A one-letter query in a 1 MB article has
 * tens of thousands of matches; painting them all would freeze the view, and nobody steps
 * through more than this one by one. The count then reads "1,000+".
 */
export const MAX_MATCHES = 1000;

/** One match, as a ProseMirror range. */
export interface FindMatch {
  from: number;
  to: number;
}

/** What each match decoration carries in its spec (and, unlike a highlight, no annotation id). */
export interface FindSpec {
  findMatch: true;
  index: number;
}

/** The plugin's state. */
export interface FindState {
  /** The query as typed; '' when nothing is being searched. */
  query: string;
  matches: readonly FindMatch[];
  /** True when the search stopped at MAX_MATCHES. */
  capped: boolean;
  /** Index into `matches` of the current match, or -1 when there is none. */
  current: number;
  /** Whole words, match case. */
  options: SearchOptions;
  /** Why the query cannot be searched (an unclosed quote), or null. */
  problem: string | null;
  decorations: DecorationSet;
}

/** The actions the plugin understands. */
export type FindAction =
  /** Searches for `query`; the current match becomes the first one that starts at or after `from`. */
  | { type: 'search'; query: string; from: number; options?: SearchOptions }
  /** Makes a match current (wrapping around at either end). */
  | { type: 'goto'; index: number }
  | { type: 'clear' };

/** Reads the plugin state and tags transactions with actions. */
export const findKey = new PluginKey<FindState>('find');

const EMPTY: FindState = {
  query: '',
  matches: [],
  capped: false,
  current: -1,
  options: {},
  problem: null,
  decorations: DecorationSet.empty,
};

/**
 * Every match of `query` (the Find query language of annotations/suggest/search-query.ts: words, "phrases", OR,
 * tariff*) in the text of the document's textblocks (a match does not cross from one block into the next), in
 * document order, up to `limit`. A query that cannot be read throws a GlossError saying why.
 */
export function findMatches(
  doc: PMNode,
  query: string,
  limit = MAX_MATCHES,
  options: SearchOptions = {},
): { matches: FindMatch[]; capped: boolean } {
  const matches: FindMatch[] = [];
  const pattern = compileQuery(parseQuery(query), options);
  if (!pattern) return { matches, capped: false };
  let capped = false;
  doc.descendants((node, pos) => {
    if (capped) return false;
    if (!node.isTextblock) return true;
    // One placeholder character per inline leaf keeps text offsets equal to position offsets.
    const text = node.textBetween(0, node.content.size, undefined, '\ufffc');
    const found = matchAll(pattern, text, 0, text.length, limit - matches.length);
    for (const span of found.spans) matches.push({ from: pos + 1 + span.start, to: pos + 1 + span.end });
    capped = found.capped;
    return false;
  });
  return { matches, capped };
}

function decorate(doc: PMNode, matches: readonly FindMatch[], current: number): DecorationSet {
  return DecorationSet.create(
    doc,
    matches.map((match, index) => {
      const spec: FindSpec = { findMatch: true, index };
      // An element of its own, so a match never merges its class into a highlight's <mark>.
      return Decoration.inline(
        match.from,
        match.to,
        { nodeName: 'span', class: index === current ? 'find-match find-current' : 'find-match' },
        spec,
      );
    }),
  );
}

function withCurrent(state: FindState, doc: PMNode, current: number): FindState {
  if (state.current === current) return state;
  let decorations = state.decorations;
  // Redraw only the two decorations whose class changes.
  for (const index of [state.current, current]) {
    const match = state.matches[index];
    if (!match) continue;
    const old = decorations.find(match.from, match.to, (spec: FindSpec) => spec.findMatch === true && spec.index === index);
    const spec: FindSpec = { findMatch: true, index };
    const cls = index === current ? 'find-match find-current' : 'find-match';
    decorations = decorations.remove(old).add(doc, [Decoration.inline(match.from, match.to, { nodeName: 'span', class: cls }, spec)]);
  }
  return { ...state, current, decorations };
}

function apply(action: FindAction, value: FindState, doc: PMNode): FindState {
  switch (action.type) {
    case 'clear':
      return value.query === '' && value.matches.length === 0 ? value : { ...EMPTY, options: value.options };
    case 'search': {
      const options = action.options ?? value.options;
      let found: { matches: FindMatch[]; capped: boolean };
      try {
        found = findMatches(doc, action.query, MAX_MATCHES, options);
      } catch (error) {
        return { ...EMPTY, query: action.query, options, problem: errorMessage(error) };
      }
      const { matches, capped } = found;
      let current = matches.findIndex((m) => m.from >= action.from);
      if (current === -1) current = matches.length > 0 ? 0 : -1;
      return { query: action.query, matches, capped, current, options, problem: null, decorations: decorate(doc, matches, current) };
    }
    case 'goto': {
      const count = value.matches.length;
      if (count === 0) return value;
      return withCurrent(value, doc, ((action.index % count) + count) % count);
    }
  }
}

/** The plugin: match decorations from its state; if the document ever changes, the query is searched again. */
export function findPlugin(): Plugin<FindState> {
  return new Plugin<FindState>({
    key: findKey,
    state: {
      init: () => EMPTY,
      apply(tr: Transaction, value: FindState, _old: EditorState, newState: EditorState): FindState {
        let state = value;
        if (tr.docChanged && value.query !== '') {
          const current = value.matches[value.current];
          state = apply({ type: 'search', query: value.query, from: current ? tr.mapping.map(current.from) : 0 }, value, newState.doc);
        }
        const action = tr.getMeta(findKey) as FindAction | undefined;
        return action ? apply(action, state, newState.doc) : state;
      },
    },
    props: {
      decorations: (state) => findKey.getState(state)?.decorations,
    },
  });
}

/** Tags a transaction with a find action. */
export function withFindAction(tr: Transaction, action: FindAction): Transaction {
  return tr.setMeta(findKey, action);
}

/** The current match, or null. */
export function currentMatch(state: EditorState): FindMatch | null {
  const find = findKey.getState(state);
  return find?.matches[find.current] ?? null;
}
