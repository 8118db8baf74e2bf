// The CSV export: one row per highlight and theme, RFC 4180, safe to open in a spreadsheet.
import { describeRange } from '../anchoring/anchor';
import type { Theme } from '../codebook';
import { csvCell } from './escape';
import type { ReportModel } from './model';

/** The header row, in column order. */
export const CSV_COLUMNS = [
  'document',
  'annotation id',
  'theme',
  'quote',
  'note',
  'start',
  'end',
  'prefix',
  'suffix',
  'created',
  'modified',
  'parent theme',
] as const;

/** CSV options. */
export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark, which spreadsheet programs need to read UTF-8. */
  bom?: boolean;
}

/**
 * Builds the CSV of one or more documents: a header, then one row per highlight and theme,
 * in document order (the theme column holds the label). A row's theme is one the highlight
 * carries; the parent theme column labels the theme it is a sub-theme of (empty for a top-level
 * theme, or when the parent is not among the reported themes), so that a spreadsheet can group
 * rows as the report's sections do, a sub-theme under its parent (counting distinct annotation
 * ids there: a highlight with both a parent and its sub-theme has a row for each). Start/end and
 * prefix/suffix are where the passage is found now; a passage not found in the text keeps its
 * stored quote and context, with empty start and end. Lines end in CRLF; cells are quoted per
 * RFC 4180 and neutralised against formula injection.
 */
export function buildCsv(models: readonly ReportModel[], options: CsvOptions = {}): string {
  const rows: (string | number)[][] = [[...CSV_COLUMNS]];
  for (const model of models) {
    const text = model.document.text;
    const parentOf = (theme: Theme): string => {
      const parent = model.themes.find((t) => t.id === theme.parent && t.id !== theme.id);
      return parent ? parent.label : '';
    };
    for (const h of model.highlights) {
      const [, quote] = describeRange(text, h.start, h.end);
      for (const theme of h.themes) {
        const a = h.annotation;
        rows.push([
          model.document.id,
          a.id,
          theme.label,
          quote.exact,
          a.note,
          h.start,
          h.end,
          quote.prefix,
          quote.suffix,
          a.created,
          a.modified,
          parentOf(theme),
        ]);
      }
    }
    for (const o of model.orphans) {
      const a = o.annotation;
      const quote = a.target.selector[1];
      for (const theme of o.themes) {
        rows.push([
          model.document.id,
          a.id,
          theme.label,
          quote.exact,
          a.note,
          '',
          '',
          quote.prefix,
          quote.suffix,
          a.created,
          a.modified,
          parentOf(theme),
        ]);
      }
    }
  }
  const body = rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return options.bom ? `\uFEFF${body}` : body;
}
