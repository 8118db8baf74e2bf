// What each coder coded with one theme in one document, and how their coding falls on the units agreement counts in:
// characters (NVivo's definition), sentences or paragraphs (annotations/text/units.ts). A unit larger than a
// character counts as coded by a coder when any of their passages for the theme covers at least one of its characters.
import type { Annotation } from '../annotation';
import { anchorTarget } from '../anchoring/anchor';
import { belongsToTheme, type Theme } from '../codebook';
import { mergeIntervals } from '../reports/model';
import type { TextSpan } from '../text/english';
import { unitSpans, type TextUnit, type UnitSource } from '../text/units';
import type { AgreementCounts } from './figures';

/** A unit agreement can be counted in. */
export type AgreementUnit = 'character' | TextUnit;

/** Every unit, as a value (option parsing, menus). */
export const AGREEMENT_UNITS: readonly AgreementUnit[] = ['character', 'sentence', 'paragraph'];

/** A stretch of text the two coders decided differently: coded by `coder` ('a' or 'b') and not by the other. */
export interface Disagreement extends TextSpan {
  coder: 'a' | 'b';
}

/** The counts over a document's units, and where the coders disagree, in reading order. */
export interface UnitComparison extends AgreementCounts {
  disagreements: Disagreement[];
}

/**
 * The text a coder coded with a theme (a sub-theme counts toward its parent): the passages of their annotations
 * that carry it, found in the current text, merged into sorted disjoint spans. A passage anchoring cannot find
 * (an orphan) covers nothing.
 */
export function coverageOf(text: string, annotations: readonly Annotation[], codebook: readonly Theme[], themeId: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const a of annotations) {
    if (!belongsToTheme(codebook, a.themes, themeId)) continue;
    const found = anchorTarget(text, a.target);
    if (found.status === 'anchored' && found.start < found.end) spans.push({ start: found.start, end: found.end });
  }
  return mergeIntervals(spans);
}

/** The parts of sorted disjoint `spans` inside [from, to). */
function clip(spans: readonly TextSpan[], from: number, to: number): TextSpan[] {
  const out: TextSpan[] = [];
  for (const s of spans) {
    const start = Math.max(s.start, from);
    const end = Math.min(s.end, to);
    if (start < end) out.push({ start, end });
  }
  return out;
}

/** The parts of sorted disjoint `spans` not covered by sorted disjoint `minus`. */
function subtract(spans: readonly TextSpan[], minus: readonly TextSpan[]): TextSpan[] {
  const out: TextSpan[] = [];
  let j = 0;
  for (const s of spans) {
    let start = s.start;
    while (j < minus.length && minus[j]!.end <= start) j += 1;
    for (let k = j; k < minus.length && minus[k]!.start < s.end; k += 1) {
      if (minus[k]!.start > start) out.push({ start, end: minus[k]!.start });
      start = Math.max(start, minus[k]!.end);
    }
    if (start < s.end) out.push({ start, end: s.end });
  }
  return out;
}

const length = (spans: readonly TextSpan[]): number => spans.reduce((n, s) => n + s.end - s.start, 0);

/** Whether sorted disjoint `spans` cover any character of [start, end); `from` is a search hint, returned advanced. */
function touches(spans: readonly TextSpan[], start: number, end: number, from: number): { hit: boolean; next: number } {
  let i = from;
  while (i < spans.length && spans[i]!.end <= start) i += 1;
  return { hit: i < spans.length && spans[i]!.start < end, next: i };
}

/**
 * Compares two coders' coverage (sorted disjoint spans, coverageOf) over a document's units. Characters are those
 * of its blocks (the separators between blocks are no text anyone could code).
 */
export function compareCoverage(doc: UnitSource, a: readonly TextSpan[], b: readonly TextSpan[], unit: AgreementUnit): UnitComparison {
  if (unit === 'character') {
    const result: UnitComparison = { both: 0, aOnly: 0, bOnly: 0, neither: 0, disagreements: [] };
    for (const block of doc.blocks) {
      const inA = clip(a, block.start, block.end);
      const inB = clip(b, block.start, block.end);
      const onlyA = subtract(inA, inB);
      const onlyB = subtract(inB, inA);
      const both = length(inA) - length(onlyA);
      result.both += both;
      result.aOnly += length(onlyA);
      result.bOnly += length(onlyB);
      result.neither += block.end - block.start - both - length(onlyA) - length(onlyB);
      const here: Disagreement[] = [
        ...onlyA.map((s) => ({ ...s, coder: 'a' as const })),
        ...onlyB.map((s) => ({ ...s, coder: 'b' as const })),
      ];
      result.disagreements.push(...here.sort((x, y) => x.start - y.start));
    }
    return result;
  }
  const result: UnitComparison = { both: 0, aOnly: 0, bOnly: 0, neither: 0, disagreements: [] };
  let ia = 0;
  let ib = 0;
  for (const span of unitSpans(doc, unit)) {
    const inA = touches(a, span.start, span.end, ia);
    const inB = touches(b, span.start, span.end, ib);
    ia = inA.next;
    ib = inB.next;
    if (inA.hit && inB.hit) result.both += 1;
    else if (inA.hit) result.aOnly += 1;
    else if (inB.hit) result.bOnly += 1;
    else result.neither += 1;
    if (inA.hit !== inB.hit) result.disagreements.push({ start: span.start, end: span.end, coder: inA.hit ? 'a' : 'b' });
  }
  return result;
}
