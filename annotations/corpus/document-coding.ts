// One document's coding as the corpus figures read it: its highlights with the themes they belong to (a
// sub-theme's toward its parent, as codebook.ts `belongsToTheme` says), in reading order, and each theme's
// passages merged into disjoint intervals (overlaps of the same theme counted once).
import type { Theme } from '../codebook';
import { familiesById } from '../reports/families';
import { mergeIntervals, type Interval } from '../reports/intervals';
import type { CodedPassage, CorpusDocument } from './coded-passage';

/** A highlight with the codebook themes it belongs to (by identity, in codebook order). */
export interface BelongingPassage {
  passage: CodedPassage;
  start: number;
  end: number;
  belongsTo: Theme[];
}

/** One document's highlights and per-theme figures. */
export interface DocumentCoding {
  document: CorpusDocument;
  /** Highlights that belong to at least one theme, sorted by start, then end, then id. */
  highlights: BelongingPassage[];
  /** Per theme id: how many highlights belong to it. */
  counts: Map<string, number>;
  /** Per theme id: its highlights merged into disjoint sorted intervals, clipped to the text. */
  coverage: Map<string, Interval[]>;
}

/** The themes each passage belongs to, found through the codebook's families (unknown themes belong to none). */
export function belongingOf(codebook: readonly Theme[]): (themes: readonly string[]) => Theme[] {
  const families = familiesById(codebook);
  const order = new Map(codebook.map((t, i) => [t, i]));
  return (themes) => {
    if (themes.length === 1) return families.get(themes[0]!) ?? [];
    const all = new Set(themes.flatMap((id) => families.get(id) ?? []));
    return [...all].sort((x, y) => order.get(x)! - order.get(y)!);
  };
}

/** Groups the passages by document (in the documents' order; passages of unknown documents are left out). */
export function codingByDocument(
  codebook: readonly Theme[],
  documents: readonly CorpusDocument[],
  passages: Iterable<CodedPassage>,
): DocumentCoding[] {
  const belonging = belongingOf(codebook);
  const byDocument = new Map<string, BelongingPassage[]>(documents.map((d) => [d.id, []]));
  for (const passage of passages) {
    const list = byDocument.get(passage.documentId);
    if (!list) continue;
    const belongsTo = belonging(passage.themes);
    if (belongsTo.length > 0) list.push({ passage, start: passage.start, end: passage.end, belongsTo });
  }
  return documents.map((document) => {
    const highlights = byDocument.get(document.id)!;
    highlights.sort((x, y) => x.start - y.start || x.end - y.end || x.passage.id.localeCompare(y.passage.id));
    const spans = new Map<string, Interval[]>(codebook.map((t) => [t.id, []]));
    for (const h of highlights) {
      const clipped = { start: Math.max(0, h.start), end: Math.min(document.length, h.end) };
      for (const theme of h.belongsTo) spans.get(theme.id)!.push(clipped);
    }
    const counts = new Map<string, number>();
    const coverage = new Map<string, Interval[]>();
    for (const [id, list] of spans) {
      counts.set(id, list.length);
      coverage.set(id, mergeIntervals(list));
    }
    return { document, highlights, counts, coverage };
  });
}
