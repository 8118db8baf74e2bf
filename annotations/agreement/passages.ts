// Two coders' passages of one theme in one document, grouped where they overlap: each group is an agreement (both
// coded exactly the same text) or a disagreement (one coded it and the other not, or they coded it differently).
// The compare view lists them side by side, and merging decides each disagreement.
import type { Annotation } from '../annotation';
import { anchorTarget } from '../anchoring/anchor';
import { belongsToTheme, type Theme } from '../codebook';
import { mergeIntervals } from '../reports/model';

/** A passage of one coder, where it is found now. */
export interface PlacedPassage {
  annotation: Annotation;
  start: number;
  end: number;
}

/** Overlapping passages of the two coders (touching ones count as one group). */
export interface PassageGroup {
  /** The text the group spans. */
  start: number;
  end: number;
  a: PlacedPassage[];
  b: PlacedPassage[];
  /** Both coders covered exactly the same characters here. */
  agree: boolean;
}

function placed(text: string, layer: readonly Annotation[], codebook: readonly Theme[], themeId: string): PlacedPassage[] {
  const out: PlacedPassage[] = [];
  for (const annotation of layer) {
    if (!belongsToTheme(codebook, annotation.themes, themeId)) continue;
    const found = anchorTarget(text, annotation.target);
    if (found.status === 'anchored' && found.start < found.end) out.push({ annotation, start: found.start, end: found.end });
  }
  return out;
}

const sameCoverage = (x: readonly PlacedPassage[], y: readonly PlacedPassage[]): boolean =>
  JSON.stringify(mergeIntervals(x)) === JSON.stringify(mergeIntervals(y));

/** The two layers' passages of a theme (a sub-theme counts toward its parent), grouped where they overlap, in reading order. */
export function passageGroups(
  text: string,
  layers: readonly [readonly Annotation[], readonly Annotation[]],
  codebook: readonly Theme[],
  themeId: string,
): PassageGroup[] {
  const tagged = [
    ...placed(text, layers[0], codebook, themeId).map((p) => ({ p, side: 'a' as const })),
    ...placed(text, layers[1], codebook, themeId).map((p) => ({ p, side: 'b' as const })),
  ].sort((x, y) => x.p.start - y.p.start || x.p.end - y.p.end);
  const groups: PassageGroup[] = [];
  for (const { p, side } of tagged) {
    const last = groups[groups.length - 1];
    if (last && p.start <= last.end) {
      last.end = Math.max(last.end, p.end);
      last[side].push(p);
    } else {
      groups.push({ start: p.start, end: p.end, a: side === 'a' ? [p] : [], b: side === 'b' ? [p] : [], agree: false });
    }
  }
  for (const g of groups) g.agree = g.a.length > 0 && g.b.length > 0 && sameCoverage(g.a, g.b);
  return groups;
}

/** What to keep of a disagreement when merging. */
export type MergeChoice = 'a' | 'b' | 'both' | 'neither';

/**
 * The passages a merge keeps: an agreement once (coder A's copy), each disagreement as decided (`choices` by the
 * group's start, 'both' where no choice was made, so nothing is dropped unasked).
 */
export function mergedPassages(groups: readonly PassageGroup[], choices: ReadonlyMap<number, MergeChoice>): PlacedPassage[] {
  const kept: PlacedPassage[] = [];
  for (const g of groups) {
    if (g.agree) {
      kept.push(...g.a);
      continue;
    }
    const choice = choices.get(g.start) ?? 'both';
    if (choice === 'a' || choice === 'both') kept.push(...g.a);
    if (choice === 'b' || choice === 'both') kept.push(...g.b);
  }
  return kept;
}
