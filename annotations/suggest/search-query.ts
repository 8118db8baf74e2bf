// The Find query language, parsed and matched as plain string functions (no DOM, no ProseMirror), so the find bar's
// marks, the "code the hits" preview and the CLI read a query the same way. A query is alternatives joined by OR;
// each is a run of words or "quoted phrases" matched next to each other, and a word may end in * (any ending).
import { GlossError } from '../errors';
import type { TextSpan } from '../text/english';

/** How a query is matched. */
export interface SearchOptions {
  /** Match only whole words: "tariff" then does not match inside "tariffs" (a word ending in * still does). */
  wholeWord?: boolean;
  /** Match letter case exactly. */
  caseSensitive?: boolean;
}

/** One word of a query: its text, and whether it takes any ending ("tariff*"). */
export interface QueryWord {
  text: string;
  prefix: boolean;
}

/** A parsed query: alternatives, each a sequence of words that must follow one another. */
export interface SearchQuery {
  alternatives: QueryWord[][];
}

/** The longest query accepted, so a pasted page cannot build a huge pattern. */
export const MAX_QUERY_CHARS = 1_000;

// A word character, for whole words and wildcard endings: letters, digits and combining marks ("canola's" and
// "tariff-free" hold the whole word "canola" and "tariff").
const WORD_CHAR = String.raw`[\p{L}\p{N}\p{M}_]`;

/** Reads a query; throws a GlossError naming what is wrong (an unclosed quote, an OR with nothing beside it). */
export function parseQuery(source: string): SearchQuery {
  if (source.length > MAX_QUERY_CHARS) throw new GlossError('invalid-input', `The search is longer than ${MAX_QUERY_CHARS} characters.`);
  const alternatives: QueryWord[][] = [[]];
  let at = 0;
  while (at < source.length) {
    const char = source[at]!;
    if (/\s/.test(char)) {
      at += 1;
      continue;
    }
    if (char === '"') {
      const close = source.indexOf('"', at + 1);
      if (close === -1) throw new GlossError('invalid-input', 'The search has a quote that is not closed.');
      const words = source
        .slice(at + 1, close)
        .split(/\s+/)
        .filter(Boolean);
      // Inside quotes every character is literal, a final * included.
      alternatives[alternatives.length - 1]!.push(...words.map((text) => ({ text, prefix: false })));
      at = close + 1;
      continue;
    }
    let end = at;
    while (end < source.length && !/\s/.test(source[end]!) && source[end] !== '"') end += 1;
    const token = source.slice(at, end);
    at = end;
    if (token === 'OR') {
      if (alternatives[alternatives.length - 1]!.length === 0) throw new GlossError('invalid-input', 'OR needs words on both sides.');
      alternatives.push([]);
      continue;
    }
    const prefix = token.length > 1 && token.endsWith('*');
    alternatives[alternatives.length - 1]!.push({ text: prefix ? token.slice(0, -1) : token, prefix });
  }
  const last = alternatives[alternatives.length - 1]!;
  if (last.length === 0 && alternatives.length > 1) throw new GlossError('invalid-input', 'OR needs words on both sides.');
  return { alternatives: alternatives.filter((words) => words.length > 0) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The query as one global RegExp. Case is folded by the `i` flag one character at a time, so a match's offsets
 * are offsets in the text searched (lower-casing the text could change its length). Null for an empty query.
 */
export function compileQuery(query: SearchQuery, options: SearchOptions = {}): RegExp | null {
  if (query.alternatives.length === 0) return null;
  const edge = options.wholeWord ? [`(?<!${WORD_CHAR})`, `(?!${WORD_CHAR})`] : ['', ''];
  const patterns = query.alternatives.map((words) => {
    const parts = words.map((w, i) => {
      const body = escapeRegExp(w.text) + (w.prefix ? `${WORD_CHAR}*` : '');
      // A word ending in * is a word start even without whole words: "tariff*" should not match "antitariffs".
      const start = w.prefix && !options.wholeWord && i === 0 ? `(?<!${WORD_CHAR})` : '';
      return start + body;
    });
    return `${edge[0]}${parts.join(String.raw`\s+`)}${edge[1]}`;
  });
  return new RegExp(patterns.join('|'), options.caseSensitive ? 'gu' : 'giu');
}

/** Every match of a compiled query in text[from, to), in order, at most `limit` (with whether it stopped there). */
export function matchAll(
  pattern: RegExp,
  text: string,
  from = 0,
  to = text.length,
  limit = Infinity,
): { spans: TextSpan[]; capped: boolean } {
  const spans: TextSpan[] = [];
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  pattern.lastIndex = 0;
  for (let m = pattern.exec(slice); m; m = pattern.exec(slice)) {
    if (m[0].length === 0) {
      pattern.lastIndex += 1;
      continue;
    }
    if (spans.length === limit) return { spans, capped: true };
    spans.push({ start: from + m.index, end: from + m.index + m[0].length });
  }
  return { spans, capped: false };
}
