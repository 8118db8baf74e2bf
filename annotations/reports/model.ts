// The report model: one document's annotations anchored, numbered and summarised, ready for any output format.
import type { Annotation } from '../annotation';
import { anchorTarget } from '../anchoring/anchor';
import type { Codebook, Theme } from '../codebook';
import { blockIndexAt, type GlossDocument } from '../document';
import { GlossError } from '../errors';

/** What a report includes. */
export interface ReportOptions {
  /** Theme ids to report on, in any order (reported in codebook order); all themes when absent. */
  themes?: string[];
  /** Only highlights that carry a non-empty note. */
  onlyWithNotes?: boolean;
  /** Whether the full article is part of the report (HTML, PDF, Markdown); default true. */
  includeArticle?: boolean;
}

/** A highlight found in the text, with its number (1-based, in document order). */
export interface ReportHighlight {
  number: number;
  annotation: Annotation;
  /** Where anchoring found it now, in UTF-16 offsets, end exclusive. */
  start: number;
  end: number;
  quote: string;
  /** Its themes that the report covers, in codebook order. */
  themes: Theme[];
  method: 'exact' | 'moved' | 'approximate';
}

/** A highlight that anchoring could not find; listed apart, never dropped. Numbered after the anchored ones. */
export interface ReportOrphan {
  number: number;
  annotation: Annotation;
  /** The passage as it was stored. */
  quote: string;
  themes: Theme[];
  reason: string;
}

/** One theme's figures. */
export interface ThemeSummary {
  theme: Theme;
  /** Anchored highlights carrying the theme. */
  highlights: number;
  /** Characters covered by at least one of them (overlaps counted once). */
  coveredChars: number;
  /** coveredChars over the document's length (0 for an empty document). */
  coverage: number;
}

/** Co-occurrence of two themes (a before b in codebook order). */
export interface ThemePair {
  a: Theme;
  b: Theme;
  /** Highlights carrying both themes. */
  highlights: number;
  /**
   * Overlapping passages: pairs of distinct highlights that share at least one character,
   * one carrying a and the other b. A highlight carrying both is counted in `highlights`, not here.
   */
  overlaps: number;
  /** Characters covered by both themes (by the same or by different highlights). */
  sharedChars: number;
}

/** Highlights per theme per block: counts[themeIndex][blockIndex]; a highlight counts in every block it touches. */
export interface ThemeBlockMatrix {
  themes: Theme[];
  blockCount: number;
  counts: number[][];
  /** The largest count, for scaling a heatmap (0 when there is none). */
  max: number;
}

/** The summary of a report. */
export interface ReportSummary {
  highlights: number;
  orphans: number;
  themes: ThemeSummary[];
  pairs: ThemePair[];
  matrix: ThemeBlockMatrix;
}

/** Everything a report builder needs for one document. */
export interface ReportModel {
  document: GlossDocument;
  /** The themes reported on, in codebook order (with placeholders for theme ids the codebook lacks). */
  themes: Theme[];
  highlights: ReportHighlight[];
  orphans: ReportOrphan[];
  summary: ReportSummary;
  options: Required<ReportOptions>;
}

/** A half-open interval [start, end). */
export interface Interval {
  start: number;
  end: number;
}

/** Merges intervals into disjoint, sorted ones (touching intervals merge too). */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((x, y) => x.start - y.start || x.end - y.end);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ start: interval.start, end: interval.end });
  }
  return merged;
}

/** Total length of the intersection of two sets of disjoint sorted intervals. */
export function intersectionLength(a: readonly Interval[], b: readonly Interval[]): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    total += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
    if (x.end < y.end) i++;
    else j++;
  }
  return total;
}

/** A theme the codebook no longer has, shown under its id so its highlights are not lost. */
function placeholderTheme(id: string): Theme {
  return { id, label: id, colour: '#999999', cue: 'solid', description: 'Not in the codebook.', shortcut: '' };
}

/** The themes an annotation carries, as report themes, in the order of `themes`. */
function themesOf(annotation: Annotation, themes: readonly Theme[]): Theme[] {
  return themes.filter((theme) => annotation.themes.includes(theme.id));
}

/**
 * Builds the report model of one document: anchors every annotation in the text (orphans kept
 * apart), numbers highlights in document order and computes the summary. Throws a GlossError
 * for a requested theme the codebook does not have.
 */
export function buildReportModel(
  document: GlossDocument,
  annotations: readonly Annotation[],
  codebook: Codebook,
  options: ReportOptions = {},
): ReportModel {
  const known = new Set(codebook.map((t) => t.id));
  const extra = [...new Set(annotations.flatMap((a) => a.themes))].filter((id) => !known.has(id)).sort();
  const allThemes = [...codebook, ...extra.map(placeholderTheme)];
  if (options.themes) {
    const unknown = options.themes.filter((id) => !allThemes.some((t) => t.id === id));
    if (unknown.length > 0) {
      throw new GlossError(
        'invalid-input',
        `Unknown theme ${unknown.map((id) => `"${id}"`).join(', ')}; the codebook has ${codebook.map((t) => t.id).join(', ') || 'no themes'}.`,
      );
    }
  }
  const wanted = options.themes ? new Set(options.themes) : null;
  const themes = wanted ? allThemes.filter((t) => wanted.has(t.id)) : allThemes;
  const resolved: Required<ReportOptions> = {
    themes: themes.map((t) => t.id),
    onlyWithNotes: options.onlyWithNotes ?? false,
    includeArticle: options.includeArticle ?? true,
  };

  const anchored: Omit<ReportHighlight, 'number'>[] = [];
  const orphaned: Omit<ReportOrphan, 'number'>[] = [];
  for (const annotation of annotations) {
    if (annotation.documentId !== document.id) continue;
    const its = themesOf(annotation, themes);
    if (its.length === 0) continue;
    if (resolved.onlyWithNotes && annotation.note.trim() === '') continue;
    const found = anchorTarget(document.text, annotation.target);
    if (found.status === 'anchored') {
      anchored.push({
        annotation,
        start: found.start,
        end: found.end,
        quote: document.text.slice(found.start, found.end),
        themes: its,
        method: found.method,
      });
    } else {
      orphaned.push({ annotation, quote: annotation.target.selector[1].exact, themes: its, reason: found.reason });
    }
  }
  anchored.sort(
    (x, y) =>
      x.start - y.start || x.end - y.end || x.annotation.created.localeCompare(y.annotation.created) || x.annotation.id.localeCompare(y.annotation.id),
  );
  orphaned.sort((x, y) => x.annotation.target.selector[0].start - y.annotation.target.selector[0].start || x.annotation.id.localeCompare(y.annotation.id));
  const highlights: ReportHighlight[] = anchored.map((h, i) => ({ ...h, number: i + 1 }));
  const orphans: ReportOrphan[] = orphaned.map((o, i) => ({ ...o, number: highlights.length + i + 1 }));

  return {
    document,
    themes,
    highlights,
    orphans,
    summary: summarise(document, themes, highlights, orphans.length),
    options: resolved,
  };
}

function summarise(document: GlossDocument, themes: Theme[], highlights: ReportHighlight[], orphans: number): ReportSummary {
  const length = document.text.length;
  const coverageByTheme = new Map<string, Interval[]>();
  const themeSummaries: ThemeSummary[] = themes.map((theme) => {
    const mine = highlights.filter((h) => h.themes.includes(theme));
    const merged = mergeIntervals(mine);
    coverageByTheme.set(theme.id, merged);
    const coveredChars = merged.reduce((sum, i) => sum + i.end - i.start, 0);
    return { theme, highlights: mine.length, coveredChars, coverage: length === 0 ? 0 : coveredChars / length };
  });

  const pairs: ThemePair[] = [];
  const pairIndex = new Map<string, ThemePair>();
  themes.forEach((a, i) => {
    themes.slice(i + 1).forEach((b) => {
      const pair: ThemePair = {
        a,
        b,
        highlights: 0,
        overlaps: 0,
        sharedChars: intersectionLength(coverageByTheme.get(a.id)!, coverageByTheme.get(b.id)!),
      };
      pairs.push(pair);
      pairIndex.set(`${a.id}\u0000${b.id}`, pair);
    });
  });
  // The pair of two themes by their places in the codebook order, looked up once rather than per highlight.
  const order = new Map(themes.map((t, i) => [t.id, i]));
  const grid: (ThemePair | undefined)[][] = themes.map((a) => themes.map((b) => pairIndex.get(`${a.id}\u0000${b.id}`)));
  const pairOf = (tx: Theme, ty: Theme): ThemePair | undefined => {
    const x = order.get(tx.id)!;
    const y = order.get(ty.id)!;
    return x < y ? grid[x]![y] : grid[y]![x];
  };
  // One pass over the highlights counts every pair of themes each one carries.
  for (const h of highlights) {
    for (let i = 0; i < h.themes.length; i++) {
      for (let j = i + 1; j < h.themes.length; j++) {
        const pair = pairOf(h.themes[i]!, h.themes[j]!);
        if (pair) pair.highlights += 1;
      }
    }
  }
  // Highlights are sorted by start, so each one only needs comparing with those starting before it ends.
  for (let i = 0; i < highlights.length; i++) {
    const x = highlights[i]!;
    for (let j = i + 1; j < highlights.length && highlights[j]!.start < x.end; j++) {
      const y = highlights[j]!;
      const seen = new Set<ThemePair>();
      for (const tx of x.themes) {
        for (const ty of y.themes) {
          if (tx === ty) continue;
          const pair = pairOf(tx, ty);
          if (pair) seen.add(pair);
        }
      }
      for (const pair of seen) pair.overlaps += 1;
    }
  }

  const blocks = document.blocks;
  const counts = themes.map(() => blocks.map(() => 0));
  const rowOf = new Map<Theme, number[]>();
  themes.forEach((t, i) => rowOf.has(t) || rowOf.set(t, counts[i]!));
  let max = 0;
  for (const h of highlights) {
    // A separator belongs to the block before it, so the last character decides the last block.
    const first = blockIndexAt(blocks, h.start);
    const last = blockIndexAt(blocks, h.end - 1);
    if (first === -1 || last === -1) continue;
    for (let bi = first; bi <= last; bi++) {
      for (const theme of h.themes) {
        const row = rowOf.get(theme)!;
        row[bi] = row[bi]! + 1;
        max = Math.max(max, row[bi]!);
      }
    }
  }

  return {
    highlights: highlights.length,
    orphans,
    themes: themeSummaries,
    pairs,
    matrix: { themes, blockCount: blocks.length, counts, max },
  };
}
