// The corpus report's formats and one entry point that builds any of them (PDF is the HTML printed by a host).
import type { CorpusReportFormat } from '../contract-corpus';
import { buildCorpusCsv } from './corpus-csv';
import { buildCorpusHtmlReport } from './corpus-html';
import { buildCorpusMarkdownReport } from './corpus-markdown';
import type { CorpusReportModel } from './corpus-model';
import { REPORT_FORMATS } from './formats';
import type { TimeStyle } from './wording';

/** The formats a corpus report is made in, PDF included (printed from the HTML). */
export const CORPUS_FORMATS = ['html', 'pdf', 'md', 'csv'] as const;

/** The corpus report's file name, e.g. gloss-corpus-report.html. */
export function corpusFileName(format: CorpusReportFormat | 'pdf'): string {
  return `gloss-corpus-report.${REPORT_FORMATS[format].extension}`;
}

/** Builds a corpus report (the CSV is the theme x document matrix). */
export function buildCorpusReport(
  format: CorpusReportFormat,
  model: CorpusReportModel,
  options: TimeStyle & { exportedAt: string; bom?: boolean },
): string {
  switch (format) {
    case 'html':
      return buildCorpusHtmlReport(model, options);
    case 'md':
      return buildCorpusMarkdownReport(model, options);
    case 'csv':
      return buildCorpusCsv(model, { bom: options.bom });
  }
}
