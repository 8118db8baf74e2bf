// The theme x document matrix (MAXQDA's Code Matrix Browser): per theme and document, how many highlights
// belong to the theme and how much of the document's text they cover, with totals per theme and per document.
import type { Theme } from '../codebook';
import type { CodedPassage, CorpusDocument } from './coded-passage';
import { codingByDocument } from './document-coding';

/** One cell: highlights that belong to the theme in the document, and the characters they cover. */
export interface MatrixCell {
  count: number;
  /** Characters covered by at least one of them (overlaps counted once). */
  coveredChars: number;
  /** coveredChars over the document's length, 0-1 (0 for an empty document). */
  coverage: number;
}

/** The matrix: rows are the codebook's themes in its order, columns the documents in the library's order. */
export interface ThemeDocumentMatrix {
  themes: Theme[];
  documents: CorpusDocument[];
  /** cells[themeIndex][documentIndex]. */
  cells: MatrixCell[][];
  /** Per theme across the corpus: its highlights, and its covered characters over the corpus's characters. */
  themeTotals: MatrixCell[];
  /** Per document: its highlights that belong to any theme (each once, however many themes it has). */
  documentTotals: number[];
  /** Highlights in the corpus that belong to any theme, each once. */
  total: number;
  /** The largest cell count and coverage, for shading cells by value (0 when there is none). */
  maxCount: number;
  maxCoverage: number;
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/** Builds the matrix of a corpus from its documents and highlights. */
export function themeDocumentMatrix(
  codebook: readonly Theme[],
  documents: readonly CorpusDocument[],
  passages: Iterable<CodedPassage>,
): ThemeDocumentMatrix {
  const codings = codingByDocument(codebook, documents, passages);
  const corpusLength = documents.reduce((sum, d) => sum + d.length, 0);
  let maxCount = 0;
  let maxCoverage = 0;
  const cells = codebook.map((theme) =>
    codings.map(({ document, counts, coverage }) => {
      const count = counts.get(theme.id)!;
      const coveredChars = coverage.get(theme.id)!.reduce((sum, i) => sum + i.end - i.start, 0);
      const cell = { count, coveredChars, coverage: share(coveredChars, document.length) };
      maxCount = Math.max(maxCount, count);
      maxCoverage = Math.max(maxCoverage, cell.coverage);
      return cell;
    }),
  );
  const themeTotals = cells.map((row) => {
    const count = row.reduce((sum, c) => sum + c.count, 0);
    const coveredChars = row.reduce((sum, c) => sum + c.coveredChars, 0);
    return { count, coveredChars, coverage: share(coveredChars, corpusLength) };
  });
  const documentTotals = codings.map((c) => c.highlights.length);
  return {
    themes: [...codebook],
    documents: [...documents],
    cells,
    themeTotals,
    documentTotals,
    total: documentTotals.reduce((sum, n) => sum + n, 0),
    maxCount,
    maxCoverage,
  };
}
