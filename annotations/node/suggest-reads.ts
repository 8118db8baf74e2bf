// What the service reads for search and suggestions: a Find query's hits grown to passages, and a theme's ranked
// suggestions over one document or the library, rejected ones left out. The logic is in annotations/suggest/.
import { createHash } from 'node:crypto';
import { themeAndChildren } from '../codebook';
import type { FindPassagesInput, FoundPassages, Suggestion, SuggestPassagesInput } from '../contract';
import { GlossError } from '../errors';
import { expandHits } from '../suggest/hits';
import { rankSuggestions, type CodedPassage } from '../suggest/rank';
import { rejectionTest } from '../suggest/rejections';
import { compileQuery, matchAll, parseQuery } from '../suggest/search-query';
import type { StoreData } from './data-file';
import { documentOrThrow, shared } from './data-lookups';

/** The most hits one search grows to passages (the find bar marks at most 1,000; coding may take more). */
export const MAX_SEARCH_HITS = 5_000;

/** SHA-256 (hex) of a unit's text, as rejections keep it. */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The passages a query's hits fall in, in reading order. */
export function findPassages(data: StoreData, input: FindPassagesInput): FoundPassages {
  const doc = documentOrThrow(data, input.documentId);
  const pattern = compileQuery(parseQuery(input.query), input);
  if (!pattern) return { passages: [], hits: 0, capped: false };
  const { spans, capped } = matchAll(pattern, doc.text, 0, doc.text.length, MAX_SEARCH_HITS);
  const passages = expandHits(shared(doc), spans, input.expand ?? 'sentence').map((p) => ({
    start: p.start,
    end: p.end,
    exact: doc.text.slice(p.start, p.end),
    hits: p.matches.length,
  }));
  return { passages, hits: spans.length, capped };
}

/** Every annotation's passage, as ranking reads it. */
function codedPassages(data: StoreData): CodedPassage[] {
  return data.annotations.map((a) => {
    const { start, end } = a.target.selector[0];
    return { documentId: a.documentId, start, end, themes: a.themes };
  });
}

/** The theme's suggestions, best first. */
export function suggestPassages(data: StoreData, input: SuggestPassagesInput): Suggestion[] {
  const theme = data.codebook.find((t) => t.id === input.themeId);
  if (!theme) throw new GlossError('not-found', `No theme with id "${input.themeId}".`);
  if (input.documentId !== undefined) documentOrThrow(data, input.documentId);
  return rankSuggestions({
    documents: shared(data.documents),
    coded: codedPassages(data),
    theme: { ids: themeAndChildren(shared(data.codebook), theme.id), label: theme.label, description: theme.description },
    unit: input.unit ?? 'sentence',
    limit: input.limit,
    within: input.documentId === undefined ? undefined : new Set([input.documentId]),
    isRejected: rejectionTest(shared(data.rejectedSuggestions ?? []), theme.id, textHash),
  });
}
