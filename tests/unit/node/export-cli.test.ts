// Covers scripts/export.ts end to end: every format from a real data folder, --help, usage errors and exit codes, and a data file left untouched.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { describeRange } from '../../../annotations/anchoring/anchor';
import { parsePlainText } from '../../../annotations/document';
import { GlossService } from '../../../annotations/node/service';
import { documentFilePaths } from '../../../annotations/node/split-layout';
import { folderFiles, libraryFile, readData, writeData } from '../../fixtures/data-folder';
import { runExport } from '../../fixtures/export-cli-fixture';
import { assertWellFormedXml, parseCsv, SAMPLE_RAW } from '../../fixtures/report-fixtures';

const SAMPLE_ID = 'canada-china-trust';
const SECOND_ID = 'second-doc';
let root: string;
let dataDir: string;
let dataBefore: Map<string, string>;
let mtimeBefore: number;
let listingBefore: string[];

const run = runExport;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-export-cli-'));
  dataDir = join(root, 'data');
  const service = await GlossService.open({
    dataDir,
    edition: 'desktop',
    version: 'test',
    samples: [
      { id: SAMPLE_ID, source: 'canada-china-trust.txt', text: SAMPLE_RAW },
      { id: SECOND_ID, source: 'second.txt', text: 'Second title\nA short paragraph about trade and tariffs.' },
    ],
  });
  const text = parsePlainText(SAMPLE_RAW).text;
  const highlight = async (quote: string, themes: string[], note = '') => {
    const start = text.indexOf(quote);
    await service.createAnnotation({
      documentId: SAMPLE_ID,
      target: { source: SAMPLE_ID, selector: describeRange(text, start, start + quote.length) },
      themes,
      note,
    });
  };
  await highlight('restore diplomatic trust', ['diplomacy'], 'Headline.');
  await highlight('Trade issues remain a central challenge', ['trade'], '=HYPERLINK("https://evil.example")');
  await highlight('central challenge in China-Canada relations', ['security', 'diplomacy']);
  await highlight('naval frigate through the Taiwan Strait', ['security'], '<script>alert(1)</script>');
  await service.close();
  dataBefore = await folderFiles(dataDir);
  mtimeBefore = (await stat(libraryFile(dataDir))).mtimeMs;
  listingBefore = (await readdir(dataDir)).sort();
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('export command', () => {
  test('--help lists the options and the documents of the data folder', async () => {
    const { code, stdout } = await run(['--help', '--data-dir', dataDir]);
    assert.equal(code, 0);
    for (const option of [
      '--data-dir',
      '--document',
      '--all',
      '--format',
      '--out',
      '--themes',
      '--only-notes',
      '--no-article',
      '--bom',
      '--paper',
    ]) {
      assert.ok(stdout.includes(option), option);
    }
    assert.match(stdout, new RegExp(`${SAMPLE_ID}\\s+Canada and China .*\\(4 highlights\\)`));
    assert.match(stdout, new RegExp(`${SECOND_ID}\\s+Second title \\(0 highlights\\)`));
  });

  test('exports every format but PDF from the command line', async () => {
    const out = (ext: string) => join(root, `report.${ext}`);
    const formats = ['html', 'md', 'csv', 'jsonld', 'qdc', 'qdpx'];
    const runs = await Promise.all(
      formats.map((f) => run(['--data-dir', dataDir, '--document', SAMPLE_ID, '--format', f, '--out', out(f)])),
    );
    runs.forEach((r, i) => {
      assert.equal(r.code, 0, `${formats[i]}: ${r.stderr}`);
      assert.match(r.stdout, /^Wrote /);
    });
    const html = await readFile(out('html'), 'utf8');
    assert.ok(html.includes("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.doesNotMatch(html, /<script/);
    assert.match(await readFile(out('md'), 'utf8'), /^# Canada and China/);
    const rows = parseCsv(await readFile(out('csv'), 'utf8'));
    assert.equal(rows.length, 1 + 5);
    assert.ok(rows.some((row) => row[4] === '\'=HYPERLINK("https://evil.example")'));
    const jsonld = JSON.parse(await readFile(out('jsonld'), 'utf8')) as { type: string; total: number };
    assert.deepEqual([jsonld.type, jsonld.total], ['AnnotationCollection', 4]);
    assertWellFormedXml(await readFile(out('qdc'), 'utf8'));
    const zip = unzipSync(new Uint8Array(await readFile(out('qdpx'))));
    assert.ok(zip['project.qde']);
    assertWellFormedXml(strFromU8(zip['project.qde']));
    assert.equal(Object.keys(zip).filter((name) => name.startsWith('sources/')).length, 1);
  });

  test('applies --themes, --only-notes, --no-article and --bom', async () => {
    const csvFile = join(root, 'filtered.csv');
    const r = await run([
      '--data-dir',
      dataDir,
      '--document',
      SAMPLE_ID,
      '--format',
      'csv',
      '--out',
      csvFile,
      '--themes',
      'security,Diplomacy',
      '--only-notes',
      '--bom',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const csv = await readFile(csvFile, 'utf8');
    assert.ok(csv.startsWith('\uFEFF'));
    const rows = parseCsv(csv.slice(1)).slice(1);
    assert.deepEqual(rows.map((row) => row[2]).sort(), ['Diplomacy', 'Security']);
    const htmlFile = join(root, 'no-article.html');
    assert.equal(
      (await run(['--data-dir', dataDir, '--document', SAMPLE_ID, '--format', 'html', '--out', htmlFile, '--no-article'])).code,
      0,
    );
    assert.doesNotMatch(await readFile(htmlFile, 'utf8'), /class="article"/);
  });

  test('with --all writes one file per document for html, and one combined file for jsonld', async () => {
    const folder = join(root, 'all-html');
    const r = await run(['--data-dir', dataDir, '--all', '--format', 'html', '--out', folder]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((await readdir(folder)).sort(), [`${SAMPLE_ID}.html`, `${SECOND_ID}.html`]);
    const combined = join(root, 'all.jsonld');
    assert.equal((await run(['--data-dir', dataDir, '--all', '--format', 'jsonld', '--out', combined])).code, 0);
    assert.equal((JSON.parse(await readFile(combined, 'utf8')) as { total: number }).total, 4);
  });

  test('prints a PDF when a Chromium is there, and says clearly when it is not', async () => {
    const pdf = join(root, 'report.pdf');
    const r = await run(['--data-dir', dataDir, '--document', SAMPLE_ID, '--format', 'pdf', '--out', pdf, '--paper', 'A4']);
    if (existsSync('/usr/bin/chromium')) {
      assert.equal(r.code, 0, r.stderr);
      assert.equal((await readFile(pdf)).subarray(0, 5).toString('latin1'), '%PDF-');
    } else {
      assert.equal(r.code, 1);
      assert.match(r.stderr, /PDF needs a Chromium browser engine/);
    }
    const missing = await run(['--data-dir', dataDir, '--document', SAMPLE_ID, '--format', 'pdf', '--out', join(root, 'x.pdf')], {
      GLOSS_CHROMIUM: join(root, 'no-such-chromium'),
    });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^Export failed: GLOSS_CHROMIUM is set to .*no-such-chromium, but there is no file there\.\n$/);
  });

  test('answers bad usage with one clear line and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--data-dir', dataDir, '--document', SAMPLE_ID, '--format', 'docx', '--out', 'x'], /^Unknown format "docx"/],
      [['--data-dir', dataDir, '--document', SAMPLE_ID, '--format', 'html'], /^--out is required/],
      [['--data-dir', dataDir, '--format', 'html', '--out', 'x'], /^Say which document/],
      [['--data-dir', dataDir, '--document', 'nope', '--format', 'html', '--out', join(root, 'x')], /^No document "nope"/],
      [
        ['--data-dir', dataDir, '--document', SAMPLE_ID, '--format', 'html', '--out', join(root, 'x'), '--themes', 'astrology'],
        /^Unknown theme "astrology"/,
      ],
      [
        ['--data-dir', dataDir, '--document', SAMPLE_ID, '--format', 'csv', '--out', libraryFile(dataDir)],
        /names the Gloss data file itself/,
      ],
      [['--bogus'], /Unknown option '--bogus'/],
    ];
    const runs = await Promise.all(cases.map(([args]) => run(args)));
    runs.forEach((r, i) => {
      assert.equal(r.code, 2, `${cases[i]![0].join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, cases[i]![1]);
    });
  });

  test('fails with exit code 1 when there is no data file', async () => {
    const r = await run(['--data-dir', join(root, 'empty'), '--all', '--format', 'csv', '--out', join(root, 'x.csv')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^Export failed: There is no Gloss data file in .*empty/);
  });

  test('refuses a data file Gloss would not open, saying where it is wrong, and one from a newer Gloss', async () => {
    const bad = join(root, 'bad');
    await mkdir(bad, { recursive: true });
    const data = (await readData(dataDir)) as unknown as { schemaVersion: number; documents: { blocks: { type: string }[] }[] };
    data.documents[0]!.blocks[1]!.type = 'table';
    await writeData(bad, data as never);
    const r = await run(['--data-dir', bad, '--all', '--format', 'csv', '--out', join(root, 'bad.csv')]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^Export failed: .*gloss-library\.json is not a Gloss data file of schema version 1 \(at documents\.0\.blocks\.1\.type: /,
    );
    data.documents[0]!.blocks[1]!.type = 'paragraph';
    data.schemaVersion = 2;
    const library = JSON.parse(await readFile(libraryFile(bad), 'utf8')) as { schemaVersion: number };
    await writeFile(libraryFile(bad), JSON.stringify({ ...library, schemaVersion: 2 }));
    const newer = await run(['--data-dir', bad, '--all', '--format', 'csv', '--out', join(root, 'bad.csv')]);
    assert.equal(newer.code, 1);
    assert.match(newer.stderr, /was written by a newer Gloss \(schema version 2; this one knows 1\)/);
    assert.ok(!existsSync(join(root, 'bad.csv')), 'nothing written');
  });

  test('includes the changes a running Gloss still holds in its journal, and writes nothing there', async () => {
    const live = join(root, 'live');
    const service = await GlossService.open({
      dataDir: live,
      edition: 'desktop',
      version: 'test',
      samples: [{ id: SAMPLE_ID, source: 'canada-china-trust.txt', text: SAMPLE_RAW }],
      journal: { idleCompactMs: false },
    });
    try {
      const text = parsePlainText(SAMPLE_RAW).text;
      const start = text.indexOf('Trade issues');
      await service.createAnnotation({
        documentId: SAMPLE_ID,
        target: { source: SAMPLE_ID, selector: describeRange(text, start, start + 12) },
        themes: ['trade'],
        note: 'only in the journal',
      });
      const listing = (await readdir(live)).sort();
      const journalFile = documentFilePaths(live, SAMPLE_ID).journal;
      const journal = await readFile(journalFile);
      const out = join(root, 'live.csv');
      const r = await run(['--data-dir', live, '--document', SAMPLE_ID, '--format', 'csv', '--out', out]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(parseCsv(await readFile(out, 'utf8')).some((row) => row.includes('only in the journal')));
      assert.deepEqual((await readdir(live)).sort(), listing);
      assert.deepEqual(await readFile(journalFile), journal);
    } finally {
      await service.close();
    }
  });

  test('never changes the data file', async () => {
    assert.deepEqual(await folderFiles(dataDir), dataBefore);
    assert.equal((await stat(libraryFile(dataDir))).mtimeMs, mtimeBefore);
    assert.deepEqual((await readdir(dataDir)).sort(), listingBefore, 'nothing added to the data folder');
  });
});
