// Exporting a report of one document as the contract answers it: the file's name, type and bytes.
import type { Annotation } from '../annotation';
import type { Codebook } from '../codebook';
import type { ExportedReport, ExportReportInput } from '../contract';
import { expandThemes } from '../codebook';
import type { GlossDocument } from '../document';
import { withCreators } from '../agreement/layers';
import { buildReport, REPORT_FORMATS } from '../reports/formats';
import { buildReportModel } from '../reports/model';
import { slugOf } from '../slug';
import type { StoreData } from './data-file';
import { checkThemes, documentOrThrow, shared } from './data-lookups';

/** A file name from a title: letters, digits and dashes, never empty. */
export function fileNameFor(title: string, extension: string): string {
  const slug = slugOf(title, { maxLength: 80, keepCase: true });
  return `${slug || 'gloss-report'}.${extension}`;
}

/** Builds the report a reader asked for; each annotation names its coder (the own coder where it names none). */
export function exportReport(data: StoreData, input: ExportReportInput, now: string, ownCoder: string): ExportedReport {
  const doc = shared<GlossDocument>(documentOrThrow(data, input.documentId));
  if (input.themes) checkThemes(data, input.themes);
  const codebook = shared<Codebook>(data.codebook);
  const annotations = withCreators(shared<Annotation[]>(data.annotations), ownCoder).filter((a) => a.documentId === doc.id);
  const model = buildReportModel(doc, annotations, codebook, {
    // A parent theme covers its sub-themes.
    themes: input.themes && expandThemes(codebook, input.themes),
    onlyWithNotes: input.onlyWithNotes,
    includeArticle: input.includeArticle,
  });
  const content = buildReport(input.format, [model], { codebook, exportedAt: now, bom: input.bom, name: doc.title });
  const info = REPORT_FORMATS[input.format];
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  return {
    fileName: input.format === 'qdc' ? 'gloss-codebook.qdc' : fileNameFor(doc.title, info.extension),
    mimeType: info.mime,
    dataBase64: bytes.toString('base64'),
  };
}
