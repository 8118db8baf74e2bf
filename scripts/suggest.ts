// `npm run suggest`: a theme's suggested passages from a Gloss data folder on the command line, ranked as the app
// ranks them (annotations/node/suggest-reads.ts), rejected ones left out. The data folder is only read.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../annotations/node/data-dir';
import type { StoreData } from '../annotations/node/data-file';
import { suggestPassages } from '../annotations/node/suggest-reads';
import { MAX_SUGGESTIONS, SCHEMA_VERSION } from '../annotations/schemas';
import { explainSuggestion } from '../annotations/suggest/explain';
import type { Suggestion } from '../annotations/suggest/rank';
import { TEXT_UNITS, type TextUnit } from '../annotations/text/units';
import { readData, runCommand, UsageError, type Data } from './read-data';

function usage(): string {
  return `Usage: npm run suggest -- --data-dir DIR (--document ID | --all) --theme LABEL [options]

Lists the sentences (or paragraphs) not yet coded with a theme that most resemble its coded passages and its
description, best first, with the shared terms that earned each its score. Nothing is coded; the data folder is
only read, never changed. Suggestions rejected in Gloss are left out.

  --data-dir DIR              the Gloss data folder (default: ${defaultDataDir()})
  --document ID               suggest in this document
  --all                       suggest across every document
  --theme LABEL               the theme, by label (any case) or id
  --unit sentence|paragraph   what a suggestion is (default sentence)
  --top N                     at most N suggestions (default 10, at most ${MAX_SUGGESTIONS})
  --format text|json          text (default), or JSON: [{"document","start","end","exact","score","why":[terms]}],
                              offsets in the document's text as in TextPositionSelector
  -h, --help                  this help

Exit codes: 0 done, 1 reading the data failed, 2 the command was called wrongly.`;
}

/** The theme named by label (any case) or id. */
function themeOf(data: Data, name: string): string {
  const theme =
    data.codebook.find((t) => t.label.toLowerCase() === name.toLowerCase()) ?? data.codebook.find((t) => t.id === name.toLowerCase());
  if (!theme)
    throw new UsageError(`Unknown theme "${name}"; the codebook has ${data.codebook.map((t) => t.label).join(', ') || 'no themes'}.`);
  return theme.id;
}

function positiveInteger(value: string, option: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_SUGGESTIONS)
    throw new UsageError(`${option} must be a whole number from 1 to ${MAX_SUGGESTIONS}, not "${value}".`);
  return n;
}

/** One suggestion as text: its rank, score, place and passage, and why. */
function asText(s: Suggestion, rank: number): string {
  const passage = s.exact.replace(/\s+/g, ' ');
  return `${rank}. ${s.score.toFixed(3)}  ${s.documentId} ${s.start}-${s.end}\n   ${passage}\n   (${explainSuggestion(s)})`;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      document: { type: 'string' },
      all: { type: 'boolean' },
      theme: { type: 'string' },
      unit: { type: 'string' },
      top: { type: 'string' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(usage());
    return 0;
  }
  if (values.all && values.document !== undefined) throw new UsageError('Give either --document or --all, not both.');
  if (!values.all && values.document === undefined) throw new UsageError('Say where to suggest: --document ID or --all.');
  if (values.theme === undefined) throw new UsageError('--theme is required: the label of the theme to suggest passages for.');
  const unit = (values.unit ?? 'sentence') as TextUnit;
  if (!TEXT_UNITS.includes(unit)) throw new UsageError(`--unit must be ${TEXT_UNITS.join(' or ')}, not "${values.unit}".`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}".`);
  const limit = values.top === undefined ? 10 : positiveInteger(values.top, '--top');

  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const data = await readData(dataDir);
  if (data.journalProblem)
    console.error(`Warning: the latest changes (in the journal beside the data file) were left out: ${data.journalProblem}.`);
  if (values.document !== undefined && !data.documents.some((d) => d.id === values.document))
    throw new UsageError(
      `No document "${values.document}" in ${dataDir}. Documents: ${data.documents.map((d) => d.id).join(', ') || 'none'}.`,
    );
  const store: StoreData = { schemaVersion: SCHEMA_VERSION, ...data };
  const suggestions = suggestPassages(store, { themeId: themeOf(data, values.theme), documentId: values.document, unit, limit });
  if (format === 'json') {
    const rows = suggestions.map((s) => ({
      document: s.documentId,
      start: s.start,
      end: s.end,
      exact: s.exact,
      score: s.score,
      why: s.why,
    }));
    console.log(JSON.stringify(rows, null, 2));
  } else if (suggestions.length === 0)
    console.log('No suggestions: nothing uncoded shares a word with the coded passages or the description.');
  else console.log(suggestions.map((s, i) => asText(s, i + 1)).join('\n\n'));
  return 0;
}

runCommand(main, 'Suggest failed');
