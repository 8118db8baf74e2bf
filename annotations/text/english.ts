// English text analysis, once for every feature that needs it (sentence units for agreement, terms for
// suggestions, hits expanded to their sentence): wink-nlp with its bundled English model, nothing downloaded at
// run time. Everything is answered as offsets into the caller's text, as TextPositionSelector counts them.
import winkNLP, { type ItsFunction, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** A half-open range [start, end) of a text, in UTF-16 code units. */
export interface TextSpan {
  start: number;
  end: number;
}

/** One word or number of a text, with what comparing texts needs. */
export interface Term extends TextSpan {
  /** The word as written. */
  value: string;
  /** Its dictionary form, lower case ("tariffs" and "Tariffs" give "tariff"). */
  lemma: string;
  /** A function word ("the", "of", "and") that says nothing about a passage's subject. */
  stop: boolean;
}

// Loading the model takes ~150 ms, so it is loaded once, on first use, not at import.
let loaded: WinkMethods | null = null;
function nlp(): WinkMethods {
  loaded ??= winkNLP(model);
  return loaded;
}

/**
 * The tokens of a text with their offsets. wink-nlp's tokenisation is lossless (each token's preceding
 * spaces plus its value rebuild the text), which is what lets offsets be counted rather than searched for.
 */
function tokensOf(text: string): Array<{ start: number; end: number; index: number }> {
  const doc = nlp().readDoc(text);
  const its = nlp().its;
  const values = doc.tokens().out(its.value);
  const spaces = doc.tokens().out(its.precedingSpaces);
  const tokens: Array<{ start: number; end: number; index: number }> = [];
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += spaces[i]!.length;
    const value = values[i]!;
    // Should the model ever normalise a token, find it rather than trust the count.
    const start = text.startsWith(value, at) ? at : text.indexOf(value, at);
    if (start === -1) break;
    tokens.push({ start, end: start + value.length, index: i });
    at = start + value.length;
  }
  return tokens;
}

/**
 * The sentences of text[from, to), trimmed of surrounding whitespace, in order. Abbreviations such as
 * "U.S.", "Prof." and "Jan." do not end a sentence. A range with no words gives no sentence.
 */
export function sentenceSpans(text: string, from = 0, to = text.length): TextSpan[] {
  const slice = text.slice(from, to);
  if (slice.trim() === '') return [];
  const doc = nlp().readDoc(slice);
  const tokens = tokensOf(slice);
  const spans: TextSpan[] = [];
  for (const [first, last] of doc.sentences().out(nlp().its.span) as Array<[number, number]>) {
    const a = tokens[first];
    const b = tokens[last];
    if (!a || !b) continue;
    const trimmed = trimSpan(slice, a.start, b.end);
    if (trimmed) spans.push({ start: from + trimmed.start, end: from + trimmed.end });
  }
  return spans;
}

/**
 * The words and numbers of text[from, to) (punctuation, symbols and spaces left out), each with its lemma
 * and whether it is a stop word.
 */
export function termsOf(text: string, from = 0, to = text.length): Term[] {
  const slice = text.slice(from, to);
  // The model keeps a capitalised word as a proper noun ("Tariffs" stays "tariffs"), so lemmas come from
  // the lower-cased text; its offsets are the same whenever lower-casing keeps the length (almost always).
  const lower = slice.toLowerCase();
  const source = lower.length === slice.length ? lower : slice;
  const doc = nlp().readDoc(source);
  const its = nlp().its;
  const types = doc.tokens().out(its.type);
  // The package's types give its.lemma a signature out() does not accept; it is a token its-function.
  const lemmas = doc.tokens().out(its.lemma as unknown as ItsFunction<string>) as string[];
  const stops = doc.tokens().out(its.stopWordFlag) as unknown as boolean[];
  const terms: Term[] = [];
  for (const token of tokensOf(source)) {
    const type = types[token.index];
    if (type !== 'word' && type !== 'number') continue;
    terms.push({
      start: from + token.start,
      end: from + token.end,
      value: slice.slice(token.start, token.end),
      lemma: lemmas[token.index]!.toLowerCase(),
      stop: stops[token.index] === true,
    });
  }
  return terms;
}

/** The span without leading and trailing whitespace, or null when nothing is left. */
function trimSpan(text: string, start: number, end: number): TextSpan | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : null;
}
