// The report formats in one table, and one entry point that builds any of them (PDF is printed from the HTML by a host).
import type { Codebook } from '../codebook';
import { GlossError } from '../errors';
import { buildCsv } from './csv';
import { buildHtmlReport } from './html';
import { buildJsonLd } from './jsonld';
import { buildMarkdownReport } from './markdown';
import type { ReportModel } from './model';
import { buildQdc, buildQdpx } from './refi-qda';
import type { TimeStyle } from './wording';

/** Every export format. */
export type ReportFormat = 'html' | 'pdf' | 'md' | 'csv' | 'jsonld' | 'qdc' | 'qdpx';

/** How a format is written and named. */
export interface FormatInfo {
  extension: string;
  mime: string;
  /** One file per document (html, pdf, md), one file for all documents (csv, jsonld, qdpx) or no document at all (qdc). */
  scope: 'document' | 'combined' | 'codebook';
  description: string;
}

/** The formats, in the order a menu lists them. */
export const REPORT_FORMATS: Readonly<Record<ReportFormat, FormatInfo>> = {
  html: { extension: 'html', mime: 'text/html', scope: 'document', description: 'annotated report, one self-contained page' },
  pdf: { extension: 'pdf', mime: 'application/pdf', scope: 'document', description: 'the HTML report printed to PDF' },
  md: { extension: 'md', mime: 'text/markdown', scope: 'document', description: 'the report as Markdown' },
  csv: { extension: 'csv', mime: 'text/csv', scope: 'combined', description: 'one row per highlight and theme' },
  jsonld: { extension: 'jsonld', mime: 'application/ld+json', scope: 'combined', description: 'W3C Web Annotation collection' },
  qdc: { extension: 'qdc', mime: 'application/xml', scope: 'codebook', description: 'REFI-QDA codebook' },
  qdpx: { extension: 'qdpx', mime: 'application/zip', scope: 'combined', description: 'REFI-QDA project (codebook, sources, codings)' },
};

/** Whether a string names a format (own keys only). */
export function isReportFormat(value: string): value is ReportFormat {
  return Object.prototype.hasOwnProperty.call(REPORT_FORMATS, value);
}

/** What building a format needs besides the models. */
export interface BuildOptions extends TimeStyle {
  codebook: Codebook;
  /** ISO time of the export (kept as it is where a format wants a machine-readable time; shown in the locale and zone where people read it). */
  exportedAt: string;
  /** CSV: start with a byte-order mark. */
  bom?: boolean;
  /** Name of a combined export (JSON-LD label, QDPX project name). */
  name?: string;
}

/**
 * Builds one file of a format other than PDF. Per-document formats take exactly one model;
 * combined formats take any number; the codebook ignores the models.
 */
export function buildReport(
  format: Exclude<ReportFormat, 'pdf'>,
  models: readonly ReportModel[],
  options: BuildOptions,
): string | Uint8Array {
  if (REPORT_FORMATS[format].scope === 'document' && models.length !== 1) {
    throw new GlossError('invalid-input', `A ${format} report covers one document; got ${models.length}.`);
  }
  switch (format) {
    case 'html':
      return buildHtmlReport(models[0]!, options);
    case 'md':
      return buildMarkdownReport(models[0]!, options);
    case 'csv':
      return buildCsv(models, { bom: options.bom ?? false });
    case 'jsonld':
      return buildJsonLd(models, options.name);
    case 'qdc':
      return buildQdc(options.codebook);
    case 'qdpx':
      return buildQdpx(models, {
        name: options.name ?? (models.length === 1 ? models[0]!.document.title : 'Gloss project'),
        exportedAt: options.exportedAt,
        codebook: options.codebook.filter((t) => models.length === 0 || models.some((m) => m.themes.some((mt) => mt.id === t.id))),
      });
  }
}
