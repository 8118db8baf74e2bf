// `npm run export`: makes a report or exchange file from a Gloss data folder on the command line, reading the data read-only.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Codebook } from '../annotations/codebook';
import type { GlossDocument } from '../annotations/document';
import { defaultDataDir } from '../annotations/node/data-dir';
import { findPdfEngine, paperSizeForLocale, renderPdf, writeReport, type PaperSize } from '../annotations/node/export';
import { buildReport, isReportFormat, REPORT_FORMATS, type ReportFormat } from '../annotations/reports/formats';
import { buildHtmlReport } from '../annotations/reports/html';
import type { CorpusReportFormat } from '../annotations/contract-corpus';
import { buildCorpusReport, CORPUS_FORMATS } from '../annotations/reports/corpus-formats';
import { buildCorpusHtmlReport } from '../annotations/reports/corpus-html';
import { buildCorpusReportModel } from '../annotations/reports/corpus-model';
import { buildReportModel, type ReportModel, type ReportOptions } from '../annotations/reports/model';
import { withCreators } from '../annotations/agreement/layers';
import { AGREEMENT_UNITS, type AgreementUnit } from '../annotations/agreement/coding';
import { exportAgreement } from '../annotations/node/agreement-report';
import { osUserName } from '../annotations/node/coder-identity';
import { printHelp, readData, runCommand, UsageError, type Data } from './read-data';

const FORMAT_LIST = Object.keys(REPORT_FORMATS).join('|');

function usage(): string {
  const locale = Intl.DateTimeFormat().resolvedOptions().locale;
  return `Usage: npm run export -- --data-dir DIR (--document ID | --all) --format ${FORMAT_LIST} --out PATH [options]
       npm run export -- --data-dir DIR --all --corpus --format ${CORPUS_FORMATS.join('|')} --out FILE [options]

Makes a report or exchange file from a Gloss data folder. The data folder is only read, never changed.

  --data-dir DIR       the Gloss data folder (default: ${defaultDataDir()})
  --document ID        the document to export; may be given more than once
  --all                every document in the data folder
  --format FORMAT      ${Object.entries(REPORT_FORMATS)
    .map(([name, info]) => `${name}: ${info.description}`)
    .join('\n                       ')}
  --out PATH           the file to write. html, pdf and md make one file per document: with --all
                       (or several --document) PATH is a folder that gets <document id>.<format>.
                       csv, jsonld and qdpx put all the documents in the one file.
                       qdc is the codebook alone (--document/--all not needed).
  --corpus             with --all: one report over every document: the theme x document matrix (counts
                       and coverage), co-occurrence, passages by theme across documents, notes.
                       csv is the matrix: one row per theme, one column per document, plus totals.
  --themes A,B         only these themes (ids or labels); default all
  --only-notes         only highlights that have a note
  --no-article         leave the full article out (html, pdf, md)
  --bom                csv: start with a UTF-8 byte-order mark, for spreadsheet programs
  --paper A4|Letter    pdf paper size (default for your locale ${locale}: ${paperSizeForLocale(locale)})
  --report agreement   the intercoder agreement report instead (html or csv): needs --coders A,B,
                       takes --unit character|sentence|paragraph (default character), --document or --all
  -h, --help           this help, with the documents found in the data folder

PDF needs a Chromium engine: GLOSS_CHROMIUM or CHROMIUM_PATH, else a system Chromium (/usr/bin/chromium).
Exit codes: 0 done, 1 the export failed, 2 the command was called wrongly.`;
}

function documentList(data: Data): string {
  if (data.documents.length === 0) return '  (none)';
  const width = Math.max(...data.documents.map((d) => d.id.length));
  return data.documents
    .map((d) => {
      const count = data.annotations.filter((a) => a.documentId === d.id).length;
      return `  ${d.id.padEnd(width)}  ${d.title.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 70)} (${count} highlight${count === 1 ? '' : 's'})`;
    })
    .join('\n');
}

/** A document id as a safe file name. */
function fileNameOf(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100);
  return safe === '' || /^[_-]+$/.test(safe) ? 'document' : safe;
}

function themeIds(spec: string, codebook: Codebook): string[] {
  const wanted = spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (wanted.length === 0) throw new UsageError('--themes needs at least one theme id or label.');
  return wanted.map((name) => {
    const theme = codebook.find((t) => t.id === name) ?? codebook.find((t) => t.label.toLowerCase() === name.toLowerCase());
    if (!theme) throw new UsageError(`Unknown theme "${name}"; the codebook has ${codebook.map((t) => t.id).join(', ') || 'no themes'}.`);
    return theme.id;
  });
}

/** `--report agreement`: the agreement report of two coders as html or csv. */
async function exportAgreementReport(
  dataDir: string,
  values: {
    report?: string;
    coders?: string;
    unit?: string;
    format?: string;
    out?: string;
    document?: string[];
    all?: boolean;
    bom?: boolean;
  },
): Promise<number> {
  if (values.report !== 'agreement') throw new UsageError(`Unknown report "${values.report}"; the one report kind is agreement.`);
  if (values.format !== 'html' && values.format !== 'csv') throw new UsageError('The agreement report is made as --format html or csv.');
  if (values.out === undefined) throw new UsageError('--out is required: the file to write.');
  const coders = (values.coders ?? '').split(',').map((c) => c.trim());
  if (coders.length !== 2 || coders.some((c) => c === '')) throw new UsageError('--coders A,B is required: the two coders to compare.');
  const unit = values.unit ?? 'character';
  if (!AGREEMENT_UNITS.includes(unit as AgreementUnit))
    throw new UsageError(`Unknown unit "${unit}"; use one of ${AGREEMENT_UNITS.join(', ')}.`);
  const picked = values.document ?? [];
  if (picked.length > 1 || (values.all && picked.length > 0)) throw new UsageError('Give one --document, or --all (the default).');
  const data = await readData(dataDir);
  const out = resolve(values.out);
  if (out === resolve(data.file)) throw new UsageError('--out names the Gloss data file itself; choose another file.');
  const report = exportAgreement(
    data,
    data.coder ?? osUserName(),
    {
      coders: [coders[0]!, coders[1]!],
      unit: unit as AgreementUnit,
      format: values.format,
      bom: values.bom ?? false,
      ...(picked[0] === undefined ? {} : { documentId: picked[0] }),
    },
    new Date().toISOString(),
  );
  await writeReport(out, Buffer.from(report.dataBase64, 'base64'));
  console.log(`Wrote ${out}`);
  return 0;
}

/** Writes the corpus report (scope: every document of the data folder). */
async function exportCorpus(
  data: Data,
  format: string,
  out: string,
  options: { themes?: string[]; onlyWithNotes: boolean; bom: boolean; paper?: PaperSize },
): Promise<number> {
  const model = buildCorpusReportModel(data.documents, data.annotations, data.codebook, options);
  if (model.orphans > 0)
    console.error(`Note: ${model.orphans} highlight(s) could not be found in the text; they are left out of the figures.`);
  const exportedAt = new Date().toISOString();
  let content: string | Uint8Array;
  if (format === 'pdf') {
    const found = findPdfEngine();
    if (found.path === null) throw new Error(found.message);
    content = await renderPdf(buildCorpusHtmlReport(model, { exportedAt }), {
      browserPath: found.path,
      paperSize: options.paper ?? paperSizeForLocale(Intl.DateTimeFormat().resolvedOptions().locale),
    });
  } else {
    content = buildCorpusReport(format as CorpusReportFormat, model, { exportedAt, bom: options.bom });
  }
  await writeReport(out, content);
  console.log(`Wrote ${out}`);
  console.log(`${format} corpus report: ${model.documents.length} document(s), ${model.passages.length} highlight(s).`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      document: { type: 'string', multiple: true },
      all: { type: 'boolean' },
      corpus: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      themes: { type: 'string' },
      'only-notes': { type: 'boolean' },
      'no-article': { type: 'boolean' },
      bom: { type: 'boolean' },
      paper: { type: 'string' },
      report: { type: 'string' },
      coders: { type: 'string' },
      unit: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());

  if (values.help) return printHelp(usage(), dataDir, 'documents', (data) => `Documents in ${dataDir}:\n${documentList(data)}`);

  if (values.report !== undefined) return exportAgreementReport(dataDir, values);
  const format = values.format;
  if (format === undefined) throw new UsageError(`--format is required (${FORMAT_LIST}).`);
  if (!isReportFormat(format)) throw new UsageError(`Unknown format "${format}"; use one of ${FORMAT_LIST}.`);
  if (values.out === undefined) throw new UsageError('--out is required: the file (or folder) to write.');
  const info = REPORT_FORMATS[format];
  const picked = values.document ?? [];
  if (values.all && picked.length > 0) throw new UsageError('Give either --document or --all, not both.');
  if (values.corpus && !values.all) throw new UsageError('--corpus reports on the whole library: give --all with it.');
  if (values.corpus && !(CORPUS_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`A corpus report is made as ${CORPUS_FORMATS.join(', ')}, not ${format}.`);
  if (info.scope !== 'codebook' && !values.all && picked.length === 0) throw new UsageError('Say which document: --document ID or --all.');
  let paper: PaperSize | undefined;
  if (values.paper !== undefined) {
    if (values.paper !== 'A4' && values.paper !== 'Letter') throw new UsageError(`--paper must be A4 or Letter, not "${values.paper}".`);
    paper = values.paper;
  }

  const data = await readData(dataDir);
  if (data.journalProblem)
    console.error(`Warning: the latest changes (in the journal beside the data file) were left out: ${data.journalProblem}.`);
  const out = resolve(values.out);
  if (out === resolve(data.file)) throw new UsageError('--out names the Gloss data file itself; choose another file.');

  const documents: GlossDocument[] = values.all
    ? data.documents
    : picked.map((id) => {
        const doc = data.documents.find((d) => d.id === id);
        if (!doc)
          throw new UsageError(`No document "${id}" in ${dataDir}. Documents: ${data.documents.map((d) => d.id).join(', ') || 'none'}.`);
        return doc;
      });
  if (info.scope !== 'codebook' && documents.length === 0) throw new Error(`There are no documents in ${dataDir}.`);

  if (values.corpus) {
    const themes = values.themes === undefined ? undefined : themeIds(values.themes, data.codebook);
    return exportCorpus(data, format, out, { themes, onlyWithNotes: values['only-notes'] ?? false, bom: values.bom ?? false, paper });
  }

  const reportOptions: ReportOptions = {
    onlyWithNotes: values['only-notes'] ?? false,
    includeArticle: !(values['no-article'] ?? false),
  };
  if (values.themes !== undefined) reportOptions.themes = themeIds(values.themes, data.codebook);
  // Each annotation names its coder in the export, the own coder's too (as the app exports them).
  const annotations = withCreators(data.annotations, data.coder ?? osUserName());
  const models: ReportModel[] = documents.map((doc) => buildReportModel(doc, annotations, data.codebook, reportOptions));
  const codebook = reportOptions.themes ? data.codebook.filter((t) => reportOptions.themes!.includes(t.id)) : data.codebook;
  const exportedAt = new Date().toISOString();
  const orphans = models.reduce((n, m) => n + m.orphans.length, 0);
  if (orphans > 0) console.error(`Note: ${orphans} highlight(s) could not be found in the text; they are listed apart in the export.`);

  const written: string[] = [];
  if (info.scope === 'document') {
    const many = models.length > 1 || values.all === true;
    if (many) await mkdir(out, { recursive: true });
    let engine: string | undefined;
    if (format === 'pdf') {
      const found = findPdfEngine();
      if (found.path === null) throw new Error(found.message);
      engine = found.path;
    }
    for (const model of models) {
      const target = many ? join(out, `${fileNameOf(model.document.id)}.${info.extension}`) : out;
      let content: string | Uint8Array;
      if (format === 'pdf') {
        const html = buildHtmlReport(model, { exportedAt });
        content = await renderPdf(html, {
          browserPath: engine!,
          paperSize: paper ?? paperSizeForLocale(Intl.DateTimeFormat().resolvedOptions().locale),
        });
      } else {
        content = buildReport(format as Exclude<ReportFormat, 'pdf'>, [model], { codebook, exportedAt });
      }
      await writeReport(target, content);
      written.push(target);
    }
  } else {
    const content = buildReport(format as Exclude<ReportFormat, 'pdf'>, models, { codebook, exportedAt, bom: values.bom ?? false });
    await writeReport(out, content);
    written.push(out);
  }
  const highlights = models.reduce((n, m) => n + m.highlights.length, 0);
  for (const file of written) console.log(`Wrote ${file}`);
  if (info.scope !== 'codebook') console.log(`${format}: ${models.length} document(s), ${highlights} highlight(s).`);
  return 0;
}

runCommand(main, 'Export failed');
