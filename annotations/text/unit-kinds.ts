// The kinds of unit a text is cut into, as names only: the schemas and the page name them without loading the NLP
// model that does the cutting (./units.ts).

/** A unit a document can be cut into. */
export type TextUnit = 'sentence' | 'paragraph';

/** Every unit, as a value (for option parsing and menus). */
export const TEXT_UNITS: readonly TextUnit[] = ['sentence', 'paragraph'];

/** What a search hit is grown to before it is coded: a unit, or the match as found. */
export type HitExpansion = TextUnit | 'match';

/** Every expansion, as a value. */
export const HIT_EXPANSIONS: readonly HitExpansion[] = ['sentence', 'paragraph', 'match'];
