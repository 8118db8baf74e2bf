// The contract's inputs and answers for search and suggestions, declared beside their logic; annotations/contract.ts
// re-exports them, so the contract is still read in one place.
import type { CreateAnnotationInput } from '../contract';
import type { HitExpansion } from './hits';
import type { Suggestion } from './rank';
import type { TextUnit } from '../text/units';

/** Input of findPassages: a Find query in one document, its hits grown to passages to code. */
export interface FindPassagesInput {
  documentId: string;
  /** The query: words, "phrases", OR, a word ending in * (see annotations/suggest/search-query.ts). */
  query: string;
  wholeWord?: boolean;
  caseSensitive?: boolean;
  /** What each hit grows to (default sentence). */
  expand?: HitExpansion;
}

/** A passage the hits of a search fall in. */
export interface FoundPassage {
  start: number;
  end: number;
  exact: string;
  /** How many hits it holds. */
  hits: number;
}

/** What findPassages found. */
export interface FoundPassages {
  passages: FoundPassage[];
  /** Hits in all (several may fall in one passage). */
  hits: number;
  /** True when the search stopped at its limit of hits. */
  capped: boolean;
}

/** Input of createAnnotations: several highlights in one document, made as one undo step. */
export interface CreateAnnotationsInput {
  documentId: string;
  annotations: Array<Omit<CreateAnnotationInput, 'documentId'>>;
}

/** Input of suggestPassages. */
export interface SuggestPassagesInput {
  themeId: string;
  /** One document, or (absent) the whole library. */
  documentId?: string;
  /** Sentences (default) or paragraphs. */
  unit?: TextUnit;
  /** At most this many (default 20). */
  limit?: number;
}

/** Input of rejectSuggestion: the unit proposed, never to be proposed again for the theme while its text stays. */
export interface RejectSuggestionInput {
  documentId: string;
  themeId: string;
  start: number;
  end: number;
}

export type { Suggestion };
