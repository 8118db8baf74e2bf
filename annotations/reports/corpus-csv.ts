// The corpus CSV: the theme x document matrix, one row per theme and one column per document, with totals,
// cells escaped and neutralised against formula injection as every Gloss CSV is (escape.ts `csvCell`).
import { csvCell } from './escape';
import type { CorpusReportModel } from './corpus-model';
import { themeName } from './wording';

/**
 * Builds the matrix CSV: a header (theme, parent theme, each document's title, total, coverage of the
 * corpus), a row of highlight counts per theme, and a last row of each document's highlights (each once,
 * however many themes it has). Coverage is a percentage with two decimals. Lines end in CRLF.
 */
export function buildCorpusCsv(model: CorpusReportModel, options: { bom?: boolean } = {}): string {
  const { matrix } = model;
  const rows: (string | number)[][] = [
    ['theme', 'parent theme', ...matrix.documents.map((d) => d.title), 'total', 'coverage of the corpus (%)'],
  ];
  matrix.themes.forEach((theme, t) => {
    const parent = matrix.themes.find((p) => p.id === theme.parent);
    rows.push([
      themeName(theme),
      parent ? themeName(parent) : '',
      ...matrix.cells[t]!.map((c) => c.count),
      matrix.themeTotals[t]!.count,
      Number((matrix.themeTotals[t]!.coverage * 100).toFixed(2)),
    ]);
  });
  rows.push(['highlights (each once)', '', ...matrix.documentTotals, matrix.total, '']);
  const body = rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return options.bom ? `\uFEFF${body}` : body;
}
