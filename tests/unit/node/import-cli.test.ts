// Covers scripts/import.ts as a child process, as `npm run import` runs it: a folder of documents with bad files
// among good ones, annotation sets imported whole or refused whole, the exit codes and the summary.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { describeRange } from '../../../annotations/anchoring/anchor';
import { GlossService } from '../../../annotations/node/service';
import { makeDocx } from '../../fixtures/docx';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
let root = '';

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-import-cli-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function runImport(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args], { cwd: ROOT }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function library(dataDir: string): Promise<string[]> {
  const service = await GlossService.open({ dataDir, edition: 'desktop', version: 'test', lock: false });
  try {
    return (await service.listDocuments({})).map((d) => d.title).sort();
  } finally {
    await service.close();
  }
}

/** A folder holding four good documents (one in a sub-folder) and three bad files, plus one Gloss does not read. */
async function corpusFolder(): Promise<string> {
  const folder = join(root, 'corpus');
  await mkdir(join(folder, 'more'), { recursive: true });
  await writeFile(join(folder, 'alpha.txt'), 'Alpha article\nTariffs rose again.\n');
  await writeFile(join(folder, 'more', 'beta.md'), '# Beta article\n\nSecurity *matters* here.\n');
  await writeFile(join(folder, 'gamma.html'), '<h1>Gamma article</h1><p>Diplomacy works.</p><script>alert(1)</script>');
  await writeFile(
    join(folder, 'delta.docx'),
    makeDocx([{ style: 'Heading1', runs: ['Delta article'] }, { runs: ['A paragraph from Word.'] }]),
  );
  await writeFile(join(folder, 'empty.txt'), '');
  await writeFile(join(folder, 'broken.docx'), 'PK\u0003\u0004 not really a zip');
  await writeFile(join(folder, 'binary.md'), Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02]));
  await writeFile(join(folder, 'slides.pdf'), '%PDF-1.7');
  await writeFile(join(folder, '.hidden.txt'), 'Hidden\nNot for import.');
  return folder;
}

test('imports every document of a folder, says why each bad file failed, and exits 1 with nothing of them added', async () => {
  const dataDir = join(root, 'data');
  const run = await runImport(['--data-dir', dataDir, await corpusFolder()]);
  assert.equal(run.code, 1, run.stderr);
  const lines = run.stdout.trim().split('\n');
  // One line per document file found (the .pdf and the hidden file are not taken from a folder), and a summary.
  assert.equal(lines.length, 8, run.stdout);
  assert.match(run.stdout, /^ok {6}.*alpha\.txt: added "Alpha article"/m);
  assert.match(run.stdout, /^ok {6}.*more\/beta\.md: added "Beta article"/m);
  assert.match(run.stdout, /^ok {6}.*gamma\.html: added "Gamma article"/m);
  assert.match(run.stdout, /^ok {6}.*delta\.docx: added "Delta article"/m);
  assert.match(run.stdout, /^FAILED {2}.*empty\.txt: "empty\.txt" is empty\./m);
  assert.match(run.stdout, /^FAILED {2}.*broken\.docx: .*not a Word document/m);
  assert.match(run.stdout, /^FAILED {2}.*binary\.md: .*binary data/m);
  assert.match(lines.at(-1)!, /^4 of 7 file\(s\) imported into .*; 3 failed \(nothing of them was added\)\.$/);
  assert.deepEqual(await library(dataDir), [
    'Alpha article',
    'Beta article',
    'Canada and China take cautious steps to restore diplomatic trust amid US pressures',
    'Delta article',
    'Gamma article',
  ]);
});

test('exits 0 when every file is imported, and names a file Gloss does not read as a failure', async () => {
  const dataDir = join(root, 'data');
  const folder = await corpusFolder();
  const good = await runImport(['--data-dir', dataDir, join(folder, 'alpha.txt'), join(folder, 'more')]);
  assert.equal(good.code, 0, good.stdout + good.stderr);
  assert.match(good.stdout, /2 of 2 file\(s\) imported/);
  const pdf = await runImport(['--data-dir', dataDir, join(folder, 'slides.pdf')]);
  assert.equal(pdf.code, 1);
  assert.match(pdf.stdout, /FAILED {2}.*slides\.pdf: not a kind Gloss imports/);
});

/**
 * A document brought in by the command (from `folder`), coded once and exported as JSON-LD, then its
 * highlight deleted: the set can be imported back.
 */
async function codedAndExported(dataDir: string, folder: string) {
  await writeFile(join(folder, 'ports.txt'), 'Ports article\nThe tariff on steel rose sharply.');
  assert.equal((await runImport(['--data-dir', dataDir, join(folder, 'ports.txt')])).code, 0);
  const service = await GlossService.open({ dataDir, edition: 'desktop', version: 'test', lock: false });
  const ports = (await service.listDocuments({})).find((d) => d.title === 'Ports article')!;
  const { document } = await service.openDocument({ documentId: ports.id });
  const start = document.text.indexOf('tariff');
  const made = await service.createAnnotation({
    documentId: ports.id,
    target: { source: ports.id, selector: describeRange(document.text, start, start + 'tariff on steel'.length) },
    themes: ['trade'],
  });
  const jsonld = Buffer.from((await service.exportReport({ documentId: ports.id, format: 'jsonld' })).dataBase64, 'base64').toString();
  await service.deleteAnnotation({ id: made.id });
  await service.close();
  return { ports, made, jsonld };
}

test('imports an annotation set after the documents, and refuses a set with a bad annotation whole', async () => {
  const dataDir = join(root, 'data');
  const folder = join(root, 'corpus');
  await mkdir(folder);
  const { ports, made, jsonld } = await codedAndExported(dataDir, folder);
  await writeFile(join(root, 'set.jsonld'), jsonld);
  const bad = JSON.parse(jsonld) as { first: { items: Array<Record<string, unknown>> } };
  bad.first.items.push({ ...bad.first.items[0]!, id: 'urn:uuid:00000000-0000-4000-8000-000000000001', target: 'nowhere' });
  await writeFile(join(root, 'bad.jsonld'), JSON.stringify(bad));
  await writeFile(join(folder, 'quay.txt'), 'Quay article\nShips wait.');

  // The sets are named first: documents are imported before annotation sets all the same.
  const run = await runImport(['--data-dir', dataDir, join(root, 'bad.jsonld'), join(root, 'set.jsonld'), join(folder, 'quay.txt')]);
  assert.equal(run.code, 1, run.stdout);
  const lines = run.stdout.trim().split('\n');
  assert.match(lines[0]!, /^ok {6}.*quay\.txt: added "Quay article"/);
  assert.match(lines[1]!, /^FAILED {2}.*bad\.jsonld: 1 of its annotations cannot be imported, so none was: .*Malformed annotation/);
  assert.match(lines[2]!, /^ok {6}.*set\.jsonld: 1 annotation\(s\) imported, 0 already there$/);
  const check = await GlossService.open({ dataDir, edition: 'desktop', version: 'test', lock: false });
  try {
    const after = await check.listAnnotations({ documentId: ports.id });
    // The good annotation of the bad set was not imported on its own: only the good set's one is there.
    assert.deepEqual(
      after.map((a) => a.id),
      [made.id],
    );
  } finally {
    await check.close();
  }
});

test("imports a colleague's annotation set as their layer with --as-coder, never mixed with the folder's own", async () => {
  const dataDir = join(root, 'data');
  const { ports, jsonld } = await codedAndExported(dataDir, root);
  await writeFile(join(root, 'ben.jsonld'), jsonld);

  const run = await runImport(['--data-dir', dataDir, '--as-coder', 'Ben', join(root, 'ben.jsonld')]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /ben\.jsonld: 1 annotation\(s\) imported as Ben's layer/);
  const check = await GlossService.open({ dataDir, edition: 'desktop', version: 'test', lock: false });
  try {
    const [imported] = await check.listAnnotations({ documentId: ports.id });
    assert.equal(imported?.creator, 'Ben');
    await assert.rejects(check.updateAnnotation({ id: imported!.id, note: 'mine now' }), /layer/);
  } finally {
    await check.close();
  }
  assert.equal((await runImport(['--data-dir', dataDir, '--as-coder', ' ', join(root, 'ben.jsonld')])).code, 2);
});

test('answers being called without files with the usage and exit code 2', async () => {
  const run = await runImport(['--data-dir', join(root, 'data')]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /Name at least one file or folder/);
  assert.match(run.stderr, /Usage: npm run import/);
});
