// A document's units with the content words of each (lemmas, stop words left out), analysed once per text and
// kept while the document object lives: suggestions rank units by these, and re-ranking after each accept or
// reject then costs no new analysis. Cut here, like every unit, so all features agree on what a unit holds.
import { termsOf, type TextSpan } from './english';
import { unitSpans, type TextUnit, type UnitSource } from './units';

/** A unit and the lemmas of its content words, in reading order (repeats kept: they count). */
export interface AnalysedUnit extends TextSpan {
  lemmas: string[];
}

/**
 * Whether a term says something about a passage's subject: not a stop word, and a word of two letters or more that
 * starts with a letter (not "2019", not the clitic "'s").
 */
export function isContentTerm(term: { stop: boolean; lemma: string }): boolean {
  return !term.stop && /^\p{L}[\p{L}\p{M}\p{N}'’-]+$/u.test(term.lemma);
}

/** The content lemmas of text[from, to). */
export function contentLemmas(text: string, from = 0, to = text.length): string[] {
  return termsOf(text, from, to)
    .filter(isContentTerm)
    .map((t) => t.lemma);
}

// Keyed by the document object: the store replaces a document's object when its text changes, so a changed
// text is analysed again and a dropped document is let go with its analysis.
const cache = new WeakMap<object, Map<TextUnit, AnalysedUnit[]>>();

/** The document's units with their content lemmas (cached per document object and unit). */
export function analysedUnits(doc: UnitSource, unit: TextUnit): AnalysedUnit[] {
  let byUnit = cache.get(doc);
  if (!byUnit) cache.set(doc, (byUnit = new Map()));
  const known = byUnit.get(unit);
  if (known) return known;
  const spans = unitSpans(doc, unit);
  const units: AnalysedUnit[] = spans.map((s) => ({ start: s.start, end: s.end, lemmas: [] }));
  // One analysis per block (not per sentence), its terms then dealt out to the units by offset.
  let u = 0;
  for (const block of doc.blocks) {
    for (const term of termsOf(doc.text, block.start, block.end)) {
      while (u < units.length && units[u]!.end <= term.start) u += 1;
      const target = units[u];
      if (target && target.start <= term.start && isContentTerm(term)) target.lemmas.push(term.lemma);
    }
  }
  byUnit.set(unit, units);
  return units;
}
