// The corpus part of the host contract (contract.ts): what crosses the boundary when the views and reports
// read the whole library rather than one document.
import type { ExportedReport } from './contract';
import type { CodedPassage } from './corpus/coded-passage';
import type { CorpusCooccurrence } from './corpus/cooccurrence';
import type { ThemeDocumentMatrix } from './corpus/matrix';
import type { PassageFilter, PassageGroup } from './corpus/passages';

/** The most passages one listPassages answer holds: a view asks for the pages it shows. */
export const MAX_PASSAGE_PAGE = 500;

/** Input of listPassages: which passages (all when no filter), and which page of them. */
export interface ListPassagesInput {
  filter?: PassageFilter;
  /** Index of the first passage wanted in the filtered list (default 0). */
  offset?: number;
  /** How many (default and at most MAX_PASSAGE_PAGE). */
  limit?: number;
}

/** One page of the passages that match a filter; the first page also has every group, so a view can place the rest. */
export interface PassagePage {
  /** How many match in all. */
  total: number;
  offset: number;
  /**
   * Every document's run in the whole filtered list (not only this page's), in the page at offset 0; empty in
   * the others, which a scrolling view asks for by the hundred and which would otherwise repeat them each time.
   */
  groups: PassageGroup[];
  passages: CodedPassage[];
}

/** A corpus report's format (PDF is the HTML report printed by the shell or the browser). */
export type CorpusReportFormat = 'html' | 'md' | 'csv';

/** Input of exportCorpusReport: a report over every document of the library. */
export interface ExportCorpusReportInput {
  format: CorpusReportFormat;
  /** Theme ids to include (with their sub-themes); all when absent. */
  themes?: string[];
  onlyWithNotes?: boolean;
  /** CSV: start with a byte-order mark for spreadsheet programs. */
  bom?: boolean;
}

/** The contract's corpus methods (GlossHost extends it). */
export interface CorpusHost {
  /** Passages across the library that match a filter, grouped by document, a page at a time. */
  listPassages(input: ListPassagesInput): Promise<PassagePage>;
  /** The theme x document matrix of the library: counts and coverage per theme and document. */
  corpusMatrix(input: Record<string, never>): Promise<ThemeDocumentMatrix>;
  /** Co-occurrence of every pair of themes, summed over the library's documents. */
  corpusCooccurrence(input: Record<string, never>): Promise<CorpusCooccurrence>;
  /** Builds a report over every document: matrix, co-occurrence, passages by theme, notes. */
  exportCorpusReport(input: ExportCorpusReportInput): Promise<ExportedReport>;
}

/** The corpus methods' names, as a value (contract.ts spreads it into METHOD_SET, so each transport loops over them too). */
export const CORPUS_METHOD_SET: Record<keyof CorpusHost, true> = {
  listPassages: true,
  corpusMatrix: true,
  corpusCooccurrence: true,
  exportCorpusReport: true,
};
