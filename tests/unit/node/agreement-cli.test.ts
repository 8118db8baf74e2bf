// Covers scripts/agreement.ts and the agreement report of scripts/export.ts end to end: a data folder holding its own
// coder's coding and a colleague's imported as their layer, the figures in JSON, CSV and text, and usage errors.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { describeRange } from '../../../annotations/anchoring/anchor';
import { parsePlainText } from '../../../annotations/document';
import { GlossService } from '../../../annotations/node/service';
import { runScript } from '../../fixtures/export-cli-fixture';
import { parseCsv, SAMPLE_RAW } from '../../fixtures/report-fixtures';

const SAMPLE_ID = 'canada-china-trust';
const SAMPLE = parsePlainText(SAMPLE_RAW);
/** The characters agreement counts: those of the blocks. */
const CHARACTERS = SAMPLE.blocks.reduce((n, b) => n + b.end - b.start, 0);
let root: string;
let dataDir: string;

const run = (...args: string[]) => runScript('scripts/agreement.ts', ['--data-dir', dataDir, ...args]);

async function open(dir: string, osUser: string): Promise<GlossService> {
  return GlossService.open({
    dataDir: dir,
    edition: 'desktop',
    version: 'test',
    samples: [{ id: SAMPLE_ID, source: 'sample', text: SAMPLE_RAW }],
    osUser,
  });
}

async function highlight(service: GlossService, quote: string, themes: string[]): Promise<void> {
  const start = SAMPLE.text.indexOf(quote);
  assert.ok(start >= 0);
  await service.createAnnotation({
    documentId: SAMPLE_ID,
    target: { source: SAMPLE_ID, selector: describeRange(SAMPLE.text, start, start + quote.length) },
    themes,
  });
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-agreement-cli-'));
  dataDir = join(root, 'ana');
  const ben = await open(join(root, 'ben'), 'ben');
  await highlight(ben, 'tariffs', ['trade']);
  const exported = await ben.exportReport({ documentId: SAMPLE_ID, format: 'jsonld' });
  await ben.close();
  const ana = await open(dataDir, 'someone');
  await ana.setCoderName({ name: 'ana' });
  await highlight(ana, 'reciprocal tariffs', ['trade']);
  await ana.importAnnotations({ fileName: 'ben.jsonld', dataBase64: exported.dataBase64 });
  await ana.close();
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('npm run agreement', () => {
  test('--help lists the options and the coders of the data folder with their highlights', async () => {
    const { code, stdout } = await run('--help');
    assert.equal(code, 0);
    for (const option of ['--coders', '--unit', '--format', '--out']) assert.ok(stdout.includes(option), option);
    assert.match(stdout, /Coders in .*:\n {2}ana \(own\): 1 highlight\(s\)\n {2}ben: 1 highlight\(s\)/);
  });

  test('--help says why no coders are listed when the data folder cannot be read', async () => {
    const { code, stdout } = await runScript('scripts/agreement.ts', ['--help', '--data-dir', join(root, 'none')]);
    assert.equal(code, 0);
    assert.match(stdout, /No coders listed: /);
  });

  test('answers JSON in the documented shape, with the counts and figures worked out by hand', async () => {
    const result = await run('--coders', 'ana,ben', '--all', '--unit', 'character', '--format', 'json');
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout) as {
      unit: string;
      coders: string[];
      rows: Array<Record<string, unknown>>;
      overall: Record<string, unknown>;
    };
    assert.equal(json.unit, 'character');
    assert.deepEqual(json.coders, ['ana', 'ben']);
    const trade = json.rows.find((r) => r.theme === 'trade')!;
    // "reciprocal tariffs" (18) by ana, "tariffs" (7) by ben: 7 both, 11 ana only.
    const neither = CHARACTERS - 18;
    assert.deepEqual(
      { document: trade.document, units: trade.units, both: trade.both, aOnly: trade.aOnly, bOnly: trade.bOnly, neither: trade.neither },
      { document: SAMPLE_ID, units: CHARACTERS, both: 7, aOnly: 11, bOnly: 0, neither },
    );
    assert.ok(Math.abs((trade.percent as number) - (100 * (7 + neither)) / CHARACTERS) < 1e-9);
    const pA = 18 / CHARACTERS;
    const pB = 7 / CHARACTERS;
    const pE = pA * pB + (1 - pA) * (1 - pB);
    assert.ok(Math.abs((trade.kappa as number) - ((7 + neither) / CHARACTERS - pE) / (1 - pE)) < 1e-9);
    assert.equal(typeof trade.alpha, 'number');
    for (const key of ['document', 'theme', 'units', 'both', 'aOnly', 'bOnly', 'neither', 'percent', 'kappa', 'alpha'])
      assert.ok(key in trade, key);
    const security = json.rows.find((r) => r.theme === 'security')!;
    assert.equal(security.kappa, null);
    assert.match((security.reasons as { kappa: string }).kappa, /no variation/);
    assert.equal(json.overall.both, 7);
    assert.equal(json.overall.aOnly, 11);
  });

  test('counts sentences when asked, and writes CSV to --out', async () => {
    const out = join(root, 'agreement.csv');
    const result = await run('--coders', 'ana,ben', '--unit', 'sentence', '--format', 'csv', '--out', out);
    assert.equal(result.code, 0, result.stderr);
    const rows = parseCsv(await readFile(out, 'utf8'));
    assert.equal(rows[0]![0], 'document');
    const trade = rows.find((r) => r[1] === 'Trade' && r[0] !== '(all documents)')!;
    // Both passages lie in one sentence: coded by both.
    assert.deepEqual(trade.slice(2, 8).map(String), ['sentence', trade[3]!, '1', '0', '0', String(Number(trade[3]) - 1)]);
  });

  test('prints a readable table by default', async () => {
    const result = await run('--coders', 'ana,ben', '--document', SAMPLE_ID);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Agreement of A = ana and B = ben, counted in characters/);
    assert.match(result.stdout, /Trade/);
  });

  test('says which coders there are when one named is not in the folder, and exits 2', async () => {
    const result = await run('--coders', 'ana,zoe');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /No coder "zoe" in this data folder; it has ana, ben/);
    const bad = await run('--coders', 'ana');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--coders takes two names/);
  });
});

describe('npm run export -- --report agreement', () => {
  /** The agreement report of ana and ben in a format, written to `out`. */
  const exportReport = (format: string, out: string) =>
    runScript('scripts/export.ts', [
      '--data-dir',
      dataDir,
      '--report',
      'agreement',
      '--coders',
      'ana,ben',
      '--format',
      format,
      '--out',
      out,
    ]);

  test('writes the agreement report as HTML and as CSV', async () => {
    const html = join(root, 'agreement.html');
    const made = await exportReport('html', html);
    assert.equal(made.code, 0, made.stderr);
    const page = await readFile(html, 'utf8');
    assert.match(page, /<h1>Intercoder agreement<\/h1>/);
    assert.match(page, /A = ana, B = ben; counted in characters/);
    assert.doesNotMatch(page, /<script/i);
    const csv = join(root, 'agreement-export.csv');
    const asCsv = await exportReport('csv', csv);
    assert.equal(asCsv.code, 0, asCsv.stderr);
    assert.ok(parseCsv(await readFile(csv, 'utf8')).some((r) => r[1] === 'Trade' && r[4] === '7'));
  });
});
