// `npm run agreement`: intercoder agreement of two coders of a Gloss data folder on the command line (text, CSV or
// JSON), per theme per document and overall, reading the data read-only.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AGREEMENT_UNITS, type AgreementUnit } from '../annotations/agreement/coding';
import { agreementFor, coderSummaries } from '../annotations/node/agreement-report';
import { osUserName } from '../annotations/node/coder-identity';
import { defaultDataDir } from '../annotations/node/data-dir';
import { writeReport } from '../annotations/node/export';
import { buildAgreementCsv } from '../annotations/reports/agreement-csv';
import { agreementJson } from '../annotations/reports/agreement-json';
import { buildAgreementText } from '../annotations/reports/agreement-text';
import { printHelp, readData, runCommand, UsageError } from './read-data';

const FORMATS = ['text', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

function usage(): string {
  return `Usage: npm run agreement -- --data-dir DIR --coders A,B [--document ID | --all] [--unit ${AGREEMENT_UNITS.join('|')}] [--format ${FORMATS.join('|')}] [--out PATH]

Intercoder agreement of two coders of a Gloss data folder: per theme per document and over the corpus, the counts
(both, only A, only B, neither), percent agreement, Cohen's kappa and Krippendorff's alpha (nominal), over all units
and over coded text only. The data folder is only read, never changed.

  --data-dir DIR    the Gloss data folder (default: ${defaultDataDir()})
  --coders A,B      the two coders: the folder's own coder and a layer imported as another coder's
  --document ID     one document (default: --all, every document)
  --all             every document
  --unit UNIT       character (as NVivo counts), sentence or paragraph (default: character)
  --format FORMAT   text (default), csv or json
  --out PATH        write to this file instead of the standard output
  -h, --help        this help, with the coders found in the data folder

Exit codes: 0 done, 1 the command failed, 2 it was called wrongly.`;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      coders: { type: 'string' },
      document: { type: 'string' },
      all: { type: 'boolean' },
      unit: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  if (values.help)
    return printHelp(usage(), dataDir, 'coders', (data) => {
      const coders = coderSummaries(data, data.coder ?? osUserName());
      return `Coders in ${dataDir}:\n${coders.map((c) => `  ${c.name}${c.own ? ' (own)' : ''}: ${c.annotationCount} highlight(s)`).join('\n')}`;
    });
  if (values.coders === undefined) throw new UsageError('--coders A,B is required: the two coders to compare.');
  const coders = values.coders.split(',').map((c) => c.trim());
  if (coders.length !== 2 || coders.some((c) => c === ''))
    throw new UsageError(`--coders takes two names, as A,B; got "${values.coders}".`);
  if (values.all && values.document !== undefined) throw new UsageError('Give either --document or --all, not both.');
  const unit = (values.unit ?? 'character') as AgreementUnit;
  if (!AGREEMENT_UNITS.includes(unit)) throw new UsageError(`Unknown unit "${values.unit}"; use one of ${AGREEMENT_UNITS.join(', ')}.`);
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`Unknown format "${values.format}"; use one of ${FORMATS.join(', ')}.`);

  const data = await readData(dataDir);
  if (data.journalProblem)
    console.error(`Warning: the latest changes (in the journal beside the data file) were left out: ${data.journalProblem}.`);
  if (values.document !== undefined && !data.documents.some((d) => d.id === values.document)) {
    throw new UsageError(
      `No document "${values.document}" in ${dataDir}. Documents: ${data.documents.map((d) => d.id).join(', ') || 'none'}.`,
    );
  }
  const table = agreementFor(data, data.coder ?? osUserName(), {
    coders: [coders[0]!, coders[1]!],
    unit,
    ...(values.document === undefined ? {} : { documentId: values.document }),
  });
  const content =
    format === 'json'
      ? `${JSON.stringify(agreementJson(table), null, 2)}\n`
      : format === 'csv'
        ? buildAgreementCsv(table)
        : buildAgreementText(table);
  if (values.out === undefined) {
    process.stdout.write(content);
  } else {
    const out = resolve(values.out);
    if (out === resolve(data.file)) throw new UsageError('--out names the Gloss data file itself; choose another file.');
    await writeReport(out, content);
    console.error(`Wrote ${out}`);
  }
  return 0;
}

runCommand(main, 'Agreement failed');
