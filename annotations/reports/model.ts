// The report model: one document's annotations anchored, numbered and summarised, ready for any output format.
import type { Annotation } from '../annotation';
import { anchorTarget } from '../anchoring/anchor';
import { expandThemes, type Codebook, type Theme } from '../codebook';
import { blockIndexAt, type GlossDocument } from '../document';
import { GlossError } from '../errors';
import { themePairs } from './cooccurrence';
import { familiesById } from './families';
import { mergeIntervals, type Interval } from './intervals';

export { intersectionLength, mergeIntervals, type Interval } from './intervals';

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
  /** The report's themes it belongs to (codebook.ts `belongsToTheme`): its own and their parents, in codebook order. */
  belongsTo: Theme[];
  method: 'exact' | 'moved' | 'approximate';
}

/** A highlight that anchoring could not find; listed apart, never dropped. Numbered after the anchored ones. */
export interface ReportOrphan {
  number: number;
  annotation: Annotation;
  /** The passage as it was stored. */
  quote: string;
  themes: Theme[];
  /** As for a highlight: its own themes and their parents among the report's themes. */
  belongsTo: Theme[];
  reason: string;
}

/**
 * The passages of one theme's section in a report: those that belong to it by the codebook's rule,
 * the theme itself or one of its sub-themes (each passage once, however many of the family it carries).
 */
export interface ThemeSection {
  theme: Theme;
  highlights: ReportHighlight[];
  orphans: ReportOrphan[];
}

/** One theme's figures, counted as its section lists them (sub-themes toward their parent, each highlight once). */
export interface ThemeSummary {
  theme: Theme;
  /** Anchored highlights that belong to the theme (it or one of its sub-themes). */
  highlights: number;
  /** Characters covered by at least one of them (overlaps counted once). */
  coveredChars: number;
  /** coveredChars over the document's length (0 for an empty document). */
  coverage: number;
}

/**
 * Co-occurrence of two themes (a before b in codebook order), each taken with its sub-themes as its
 * section is. A theme and its own sub-theme form no pair: every passage of the sub-theme belongs to
 * the parent too, so their figures would only repeat the sub-theme's.
 */
export interface ThemePair {
  a: Theme;
  b: Theme;
  /** Highlights that belong to both themes. */
  highlights: number;
  /**
   * Overlapping passages: pairs of distinct highlights that share at least one character,
   * one carrying a and the other b. A highlight carrying both is counted in `highlights`, not here.
   */
  overlaps: number;
  /** Characters covered by both themes (by the same or by different highlights). */
  sharedChars: number;
}

/** Highlights per theme per block: counts[themeIndex][blockIndex]; a highlight counts in every block it touches, toward every theme it belongs to. */
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
  /** One section per theme of `themes`, in the same order: what every per-theme listing shows. */
  sections: ThemeSection[];
  summary: ReportSummary;
  options: Required<ReportOptions>;
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
  // Reporting on a theme reports on its sub-themes too, as filtering the panel by it lists them (expandThemes).
  const wanted = options.themes ? new Set(expandThemes(allThemes, options.themes)) : null;
  const themes = wanted ? allThemes.filter((t) => wanted.has(t.id)) : allThemes;
  const resolved: Required<ReportOptions> = {
    themes: themes.map((t) => t.id),
    onlyWithNotes: options.onlyWithNotes ?? false,
    includeArticle: options.includeArticle ?? true,
  };

  const families = familiesById(themes);
  const order = new Map(themes.map((t, i) => [t, i]));
  const belongsTo = (its: readonly Theme[]): Theme[] =>
    [...new Set(its.flatMap((t) => families.get(t.id) ?? []))].sort((x, y) => order.get(x)! - order.get(y)!);
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
        belongsTo: belongsTo(its),
        method: found.method,
      });
    } else {
      orphaned.push({
        annotation,
        quote: annotation.target.selector[1].exact,
        themes: its,
        belongsTo: belongsTo(its),
        reason: found.reason,
      });
    }
  }
  anchored.sort(
    (x, y) =>
      x.start - y.start ||
      x.end - y.end ||
      x.annotation.created.localeCompare(y.annotation.created) ||
      x.annotation.id.localeCompare(y.annotation.id),
  );
  orphaned.sort(
    (x, y) =>
      x.annotation.target.selector[0].start - y.annotation.target.selector[0].start || x.annotation.id.localeCompare(y.annotation.id),
  );
  const highlights: ReportHighlight[] = anchored.map((h, i) => ({ ...h, number: i + 1 }));
  const orphans: ReportOrphan[] = orphaned.map((o, i) => ({ ...o, number: highlights.length + i + 1 }));
  const sections = themes.map((theme) => ({
    theme,
    highlights: highlights.filter((h) => h.belongsTo.includes(theme)),
    orphans: orphans.filter((o) => o.belongsTo.includes(theme)),
  }));

  return {
    document,
    themes,
    highlights,
    orphans,
    sections,
    summary: summarise(document, sections, highlights, orphans.length),
    options: resolved,
  };
}

function summarise(document: GlossDocument, sections: ThemeSection[], highlights: ReportHighlight[], orphans: number): ReportSummary {
  const themes = sections.map((s) => s.theme);
  const length = document.text.length;
  const coverageByTheme = new Map<string, Interval[]>();
  const themeSummaries: ThemeSummary[] = sections.map(({ theme, highlights: mine }) => {
    const merged = mergeIntervals(mine);
    coverageByTheme.set(theme.id, merged);
    const coveredChars = merged.reduce((sum, i) => sum + i.end - i.start, 0);
    return { theme, highlights: mine.length, coveredChars, coverage: length === 0 ? 0 : coveredChars / length };
  });

  const pairs = themePairs(themes, highlights, coverageByTheme);

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
      for (const theme of h.belongsTo) {
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
