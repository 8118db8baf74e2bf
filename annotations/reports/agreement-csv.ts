// The agreement report as CSV: one row per theme per document, then one per theme over the corpus and the corpus
// overall, RFC 4180 and safe to open in a spreadsheet (cells neutralised as in the highlights CSV).
import type { AgreementFigures } from '../agreement/figures';
import type { AgreementTable } from '../agreement/table';
import { reasonsText } from './agreement-wording';
import { csvCell } from './escape';

/** The header row, in column order. */
export const AGREEMENT_CSV_COLUMNS = [
  'document',
  'theme',
  'unit',
  'units',
  'both',
  'only A',
  'only B',
  'neither',
  'percent',
  'kappa',
  'alpha',
  'coded units',
  'coded percent',
  'coded kappa',
  'coded alpha',
  'why undefined',
] as const;

const value = (n: number | null): string | number => (n === null ? '' : Number(n.toFixed(6)));

function cells(document: string, theme: string, unit: string, all: AgreementFigures, coded: AgreementFigures): (string | number)[] {
  return [
    document,
    theme,
    unit,
    all.units,
    all.both,
    all.aOnly,
    all.bOnly,
    all.neither,
    value(all.percent.value),
    value(all.kappa.value),
    value(all.alpha.value),
    coded.units,
    value(coded.percent.value),
    value(coded.kappa.value),
    value(coded.alpha.value),
    reasonsText(all),
  ];
}

/** Builds the CSV; the first row after the header names the coders A and B. Undefined figures are empty cells. */
export function buildAgreementCsv(table: AgreementTable, options: { bom?: boolean } = {}): string {
  const rows: (string | number)[][] = [[...AGREEMENT_CSV_COLUMNS]];
  rows.push([`A = ${table.coders[0]}; B = ${table.coders[1]}`]);
  for (const r of table.rows) rows.push(cells(r.documentTitle, r.themeLabel, table.unit, r.all, r.codedOnly));
  for (const t of table.themes) rows.push(cells('(all documents)', t.themeLabel, table.unit, t.all, t.codedOnly));
  rows.push(cells('(all documents)', '(all themes)', table.unit, table.overall.all, table.overall.codedOnly));
  const body = rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return options.bom ? `\uFEFF${body}` : body;
}
