// Agreement for the service and the command line: checking which coders and documents a request names, computing the
// table over the stored data, and building the agreement report (HTML, CSV, JSON) as a file to save.
import type { Annotation } from '../annotation';
import type { AgreementUnit } from '../agreement/coding';
import { codersOf } from '../agreement/layers';
import { agreementTable, type AgreementTable } from '../agreement/table';
import type { Codebook } from '../codebook';
import type { AgreementQuery, CoderSummary, ExportAgreementInput, ExportedReport } from '../contract';
import type { GlossDocument } from '../document';
import { GlossError } from '../errors';
import { buildAgreementCsv } from '../reports/agreement-csv';
import { buildAgreementHtml } from '../reports/agreement-html';
import { agreementJson } from '../reports/agreement-json';
import { fileNameFor } from './report-export';

/** What agreement reads of the data. */
export interface AgreementData {
  documents: readonly GlossDocument[];
  codebook: Codebook;
  annotations: readonly Annotation[];
}

/** Every coder with annotations in the data (the own coder always), with how many each has. */
export function coderSummaries(data: AgreementData, ownCoder: string): CoderSummary[] {
  return codersOf(data.annotations, ownCoder).map((name) => ({
    name,
    own: name === ownCoder,
    annotationCount: data.annotations.filter((a) => (a.creator ?? ownCoder) === name).length,
  }));
}

/** Throws a clear error unless the two coders are two different coders of the data. */
export function checkCoders(data: AgreementData, ownCoder: string, coders: readonly string[]): [string, string] {
  const known = codersOf(data.annotations, ownCoder);
  if (coders.length !== 2 || coders[0] === coders[1]) {
    throw new GlossError('invalid-input', `Name two different coders to compare; this data folder has ${known.join(', ')}.`);
  }
  for (const coder of coders) {
    if (!known.includes(coder))
      throw new GlossError('invalid-input', `No coder "${coder}" in this data folder; it has ${known.join(', ')}.`);
  }
  return [coders[0]!, coders[1]!];
}

/** The agreement table a query asks for: one document, or all of them. */
export function agreementFor(data: AgreementData, ownCoder: string, query: AgreementQuery): AgreementTable {
  const coders = checkCoders(data, ownCoder, query.coders);
  let documents = data.documents;
  if (query.documentId !== undefined) {
    const doc = data.documents.find((d) => d.id === query.documentId);
    if (!doc) throw new GlossError('not-found', `No document with id "${query.documentId}".`);
    documents = [doc];
  }
  return agreementTable({
    documents,
    annotations: data.annotations,
    codebook: data.codebook,
    coders,
    ownCoder,
    unit: query.unit as AgreementUnit,
    themeIds: query.themes,
  });
}

/** The agreement report as a file. */
export function exportAgreement(data: AgreementData, ownCoder: string, input: ExportAgreementInput, now: string): ExportedReport {
  const table = agreementFor(data, ownCoder, input);
  const name = fileNameFor(
    `agreement-${table.coders[0]}-${table.coders[1]}-${table.unit}`,
    input.format === 'json' ? 'json' : input.format,
  );
  const content =
    input.format === 'html'
      ? buildAgreementHtml(table, { exportedAt: now })
      : input.format === 'csv'
        ? buildAgreementCsv(table, { bom: input.bom })
        : `${JSON.stringify(agreementJson(table), null, 2)}\n`;
  const mime = { html: 'text/html', csv: 'text/csv', json: 'application/json' }[input.format];
  return { fileName: name, mimeType: mime, dataBase64: Buffer.from(content, 'utf8').toString('base64') };
}
