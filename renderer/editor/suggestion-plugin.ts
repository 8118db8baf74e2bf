// The suggestion outline: the passage the suggestions panel is showing, drawn as an outline in the article until
// the panel moves on or closes. Its own plugin, beside find and highlights: a suggestion is not an annotation.
import { Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';

/** What the outline's decoration carries in its spec. */
export interface SuggestionSpec {
  suggestion: true;
}

/** The plugin's state: the outlined range (ProseMirror positions) and its decoration. */
export interface SuggestionState {
  range: { from: number; to: number } | null;
  decorations: DecorationSet;
}

/** Outline a range, or clear the outline. */
export type SuggestionAction = { type: 'show'; from: number; to: number } | { type: 'clear' };

/** Reads the plugin state and tags transactions with actions. */
export const suggestionKey = new PluginKey<SuggestionState>('suggestion');

const EMPTY: SuggestionState = { range: null, decorations: DecorationSet.empty };

/** The plugin. */
export function suggestionPlugin(): Plugin<SuggestionState> {
  return new Plugin<SuggestionState>({
    key: suggestionKey,
    state: {
      init: () => EMPTY,
      apply(tr: Transaction, value: SuggestionState): SuggestionState {
        const action = tr.getMeta(suggestionKey) as SuggestionAction | undefined;
        if (!action) return value;
        if (action.type === 'clear') return EMPTY;
        const spec: SuggestionSpec = { suggestion: true };
        const decoration = Decoration.inline(action.from, action.to, { nodeName: 'span', class: 'suggestion-outline' }, spec);
        return { range: { from: action.from, to: action.to }, decorations: DecorationSet.create(tr.doc, [decoration]) };
      },
    },
    props: {
      decorations: (state) => suggestionKey.getState(state)?.decorations,
    },
  });
}

/** Tags a transaction with a suggestion action. */
export function withSuggestionAction(tr: Transaction, action: SuggestionAction): Transaction {
  return tr.setMeta(suggestionKey, action);
}
