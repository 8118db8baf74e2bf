// Covers scripts/suggest.ts as a child process: JSON exactly as documented, text with its reasons, the library or
// one document, rejected suggestions left out, usage errors with exit code 2, and a data folder left untouched.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { describeRange } from '../../../annotations/anchoring/anchor';
import { GlossService } from '../../../annotations/node/service';
import { folderFiles } from '../../fixtures/data-folder';
import { SAMPLE_FILE, SAMPLE_ID, SAMPLE_PLAIN_TEXT } from '../../fixtures/temp-service';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const SECOND = 'Canola talks\nOttawa and Beijing discussed canola tariffs again. The orchestra played in the evening.';
let root: string;
let dataDir: string;
let secondId: string;
let rejected: { start: number; end: number };

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/suggest.ts', ...args], { cwd: ROOT }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-suggest-cli-'));
  dataDir = join(root, 'data');
  const service = await GlossService.open({
    dataDir,
    edition: 'desktop',
    version: 'test',
    samples: [{ id: SAMPLE_ID, source: 'sample', text: SAMPLE_FILE }],
  });
  const quote = 'Trade issues remain a central challenge in China-Canada relations.';
  const start = SAMPLE_PLAIN_TEXT.indexOf(quote);
  await service.createAnnotation({
    documentId: SAMPLE_ID,
    target: { source: SAMPLE_ID, selector: describeRange(SAMPLE_PLAIN_TEXT, start, start + quote.length) },
    themes: ['trade'],
  });
  secondId = (await service.importDocument({ fileName: 'canola.txt', dataBase64: Buffer.from(SECOND).toString('base64') })).id;
  const [top] = await service.suggestPassages({ themeId: 'trade', documentId: SAMPLE_ID });
  rejected = { start: top!.start, end: top!.end };
  await service.rejectSuggestion({ documentId: SAMPLE_ID, themeId: 'trade', ...rejected });
  await service.close();
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

test('prints JSON with exactly document, start, end, exact, score and why, best first, offsets into the text', async () => {
  const before = await folderFiles(dataDir);
  const listing = await readdir(dataDir);
  const { code, stdout, stderr } = await run([
    '--data-dir',
    dataDir,
    '--document',
    SAMPLE_ID,
    '--theme',
    'trade',
    '--top',
    '5',
    '--format',
    'json',
  ]);
  assert.equal(code, 0, stderr);
  const rows = JSON.parse(stdout) as Array<Record<string, unknown>>;
  assert.equal(rows.length, 5);
  for (const row of rows) {
    assert.deepEqual(Object.keys(row), ['document', 'start', 'end', 'exact', 'score', 'why']);
    assert.equal(row.document, SAMPLE_ID);
    assert.equal(SAMPLE_PLAIN_TEXT.slice(row.start as number, row.end as number), row.exact);
    assert.ok(Array.isArray(row.why) && row.why.length > 0);
  }
  const scores = rows.map((r) => r.score as number);
  assert.deepEqual(
    scores,
    [...scores].sort((a, b) => b - a),
  );
  assert.ok(!rows.some((r) => r.start === rejected.start), 'the suggestion rejected in Gloss is left out');
  assert.deepEqual(await folderFiles(dataDir), before, 'the data file is unchanged');
  assert.deepEqual(await readdir(dataDir), listing, 'nothing was written to the folder');
});

test('across the library with --all, as text with the reasons, and by paragraph', async () => {
  const all = await run(['--data-dir', dataDir, '--all', '--theme', 'Trade', '--top', '40', '--format', 'json']);
  assert.equal(all.code, 0, all.stderr);
  const docs = new Set((JSON.parse(all.stdout) as Array<{ document: string }>).map((r) => r.document));
  assert.deepEqual(docs, new Set([SAMPLE_ID, secondId]));
  const text = await run(['--data-dir', dataDir, '--document', secondId, '--theme', 'TRADE']);
  assert.equal(text.code, 0, text.stderr);
  assert.match(
    text.stdout,
    /^1\. \d+\.\d{3} {2}\S+ \d+-\d+\n {3}Ottawa and Beijing discussed canola tariffs again\.\n {3}\(shares .*tariff.* with the theme.s description\)/,
  );
  assert.doesNotMatch(text.stdout, /orchestra/);
  const paragraphs = await run([
    '--data-dir',
    dataDir,
    '--document',
    secondId,
    '--theme',
    'trade',
    '--unit',
    'paragraph',
    '--format',
    'json',
  ]);
  assert.equal((JSON.parse(paragraphs.stdout) as Array<{ exact: string }>)[0]?.exact, SECOND.split('\n')[1]);
});

test('a wrong call exits 2 and says what to do', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--data-dir', dataDir, '--theme', 'trade'], /--document ID or --all/],
    [['--data-dir', dataDir, '--all', '--document', SAMPLE_ID, '--theme', 'trade'], /not both/],
    [['--data-dir', dataDir, '--all'], /--theme is required/],
    [['--data-dir', dataDir, '--all', '--theme', 'Weather'], /Unknown theme "Weather"; the codebook has Trade, Security, Diplomacy/],
    [['--data-dir', dataDir, '--all', '--theme', 'trade', '--unit', 'word'], /--unit must be sentence or paragraph/],
    [['--data-dir', dataDir, '--all', '--theme', 'trade', '--top', '0'], /--top must be a whole number/],
    [['--data-dir', dataDir, '--all', '--theme', 'trade', '--format', 'xml'], /--format must be text or json/],
    [['--data-dir', dataDir, '--document', 'nope', '--theme', 'trade'], /No document "nope"/],
    [['--bogus'], /Unknown option/],
  ];
  for (const [args, message] of cases) {
    const { code, stderr } = await run(args);
    assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
    assert.match(stderr, message);
    assert.match(stderr, /--help/);
  }
  const missing = await run(['--data-dir', join(root, 'nothing-here'), '--all', '--theme', 'trade']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /Suggest failed: There is no Gloss data file/);
  const help = await run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--format text\|json/);
});
