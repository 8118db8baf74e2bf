// Covers `npm run export -- --all --corpus`: the corpus report of a data folder in HTML, Markdown and CSV (the
// matrix), the usage errors, and a data folder left as it was.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { describeRange } from '../../../annotations/anchoring/anchor';
import { GlossService } from '../../../annotations/node/service';
import { folderFiles } from '../../fixtures/data-folder';
import { runExport } from '../../fixtures/export-cli-fixture';
import { parseCsv } from '../../fixtures/report-fixtures';

let root = '';
let dataDir = '';
let dataBefore = new Map<string, string>();

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-export-corpus-'));
  dataDir = join(root, 'data');
  const service = await GlossService.open({ dataDir, edition: 'desktop', version: 'test', lock: false });
  const add = async (text: string) =>
    (await service.importDocument({ fileName: 'article.txt', dataBase64: Buffer.from(text).toString('base64') })).id;
  const code = async (documentId: string, quote: string, themes: string[], note = '') => {
    const { document } = await service.openDocument({ documentId });
    const start = document.text.indexOf(quote);
    await service.createAnnotation({
      documentId,
      target: { source: documentId, selector: describeRange(document.text, start, start + quote.length) },
      themes,
      note,
    });
  };
  const ports = await add('Ports\nTariffs on steel rose. Navies patrolled the strait.');
  const talks = await add('Talks\nA visit eased the dispute.');
  await code(ports, 'Tariffs on steel rose', ['trade'], 'Up 25%');
  await code(ports, 'steel rose. Navies', ['security']);
  await code(talks, 'A visit eased', ['diplomacy']);
  await service.close();
  dataBefore = await folderFiles(dataDir);
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

test('writes the corpus CSV as the theme x document matrix with totals', async () => {
  const out = join(root, 'matrix.csv');
  const run = await runExport(['--data-dir', dataDir, '--all', '--corpus', '--format', 'csv', '--out', out]);
  assert.equal(run.code, 0, run.stderr);
  const rows = parseCsv(await readFile(out, 'utf8'));
  assert.deepEqual(rows[0], ['theme', 'parent theme', 'Ports', 'Talks', 'total', 'coverage of the corpus (%)']);
  assert.deepEqual(
    rows.slice(1).map((r) => r.slice(0, 5)),
    [
      ['Trade', '', '1', '0', '1'],
      ['Security', '', '1', '0', '1'],
      ['Diplomacy', '', '0', '1', '1'],
      ['highlights (each once)', '', '2', '1', '3'],
    ],
  );
  assert.match(run.stdout, /csv corpus report: 2 document\(s\), 3 highlight\(s\)/);
});

test('writes the corpus HTML and Markdown reports with the matrix, co-occurrence, passages by theme and notes', async () => {
  const html = join(root, 'corpus.html');
  assert.equal((await runExport(['--data-dir', dataDir, '--all', '--corpus', '--format', 'html', '--out', html])).code, 0);
  const page = await readFile(html, 'utf8');
  for (const heading of ['Themes by document', 'Co-occurrence across documents', 'Passages by theme across documents', 'Notes']) {
    assert.ok(page.includes(`>${heading}</h2>`), heading);
  }
  assert.match(page, /Up 25%/);
  assert.doesNotMatch(page, /<script/i);
  const md = join(root, 'corpus.md');
  assert.equal((await runExport(['--data-dir', dataDir, '--all', '--corpus', '--format', 'md', '--themes', 'trade', '--out', md])).code, 0);
  const text = await readFile(md, 'utf8');
  assert.match(text, /^### Trade \(1 passage\)$/m);
  assert.doesNotMatch(text, /### Diplomacy/);
  assert.deepEqual(await folderFiles(dataDir), dataBefore, 'the data folder is only read');
});

test('refuses --corpus without --all, and in a format a corpus report is not made in', async () => {
  const out = join(root, 'x');
  const alone = await runExport(['--data-dir', dataDir, '--corpus', '--format', 'html', '--out', out]);
  assert.equal(alone.code, 2);
  assert.match(alone.stderr, /give --all with it/);
  const qdpx = await runExport(['--data-dir', dataDir, '--all', '--corpus', '--format', 'qdpx', '--out', out]);
  assert.equal(qdpx.code, 2);
  assert.match(qdpx.stderr, /A corpus report is made as html, pdf, md, csv/);
});
