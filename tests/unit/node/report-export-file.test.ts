// Covers annotations/node/export.ts: atomic, durable report writes with clear failures; finding a PDF engine; printing a PDF.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { GlossError } from '../../../annotations/errors';
import { describeWriteError, findPdfEngine, paperSizeForLocale, renderPdf, writeReport } from '../../../annotations/node/export';
import { buildHtmlReport } from '../../../annotations/reports/html';
import { buildReportModel } from '../../../annotations/reports/model';
import { CODEBOOK, SAMPLE_DOC, sampleAnnotations } from '../../fixtures/report-fixtures';

const CHROMIUM = '/usr/bin/chromium';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gloss-export-file-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writing a report', () => {
  test('writes text and bytes, replacing an older file, leaving no temporary file', async () => {
    const file = join(dir, 'report.html');
    await writeFile(file, 'old');
    await writeReport(file, 'new <p>report</p>');
    assert.equal(await readFile(file, 'utf8'), 'new <p>report</p>');
    await writeReport(join(dir, 'b.bin'), new Uint8Array([1, 2, 3]));
    assert.deepEqual([...(await readFile(join(dir, 'b.bin')))], [1, 2, 3]);
    assert.deepEqual((await readdir(dir)).sort(), ['b.bin', 'report.html']);
  });

  test('on failure leaves the old content alone, removes its temporary file and names the cause', async () => {
    const blocked = join(dir, 'taken');
    await mkdir(blocked);
    await writeFile(join(blocked, 'inside.txt'), 'keep');
    await assert.rejects(writeReport(blocked, 'x'), (error: unknown) => {
      assert.ok(error instanceof GlossError);
      assert.equal(error.code, 'storage');
      assert.match(error.message, /^Could not write .*taken: a folder of that name is in the way \(EISDIR\)\./);
      assert.match(error.message, /Nothing was written/);
      return true;
    });
    assert.deepEqual(await readdir(dir), ['taken']);
    assert.equal(await readFile(join(blocked, 'inside.txt'), 'utf8'), 'keep');
  });

  test('says the folder does not exist when it does not', async () => {
    await assert.rejects(writeReport(join(dir, 'missing', 'r.html'), 'x'), /the folder does not exist \(ENOENT\)/);
  });

  test('words disk-full and permission errors for people', () => {
    const err = (code: string) => Object.assign(new Error(`${code}: raw`), { code });
    assert.equal(describeWriteError(err('ENOSPC')), 'the disk is full (ENOSPC)');
    assert.equal(describeWriteError(err('EACCES')), 'permission denied (EACCES)');
    assert.equal(describeWriteError(err('EROFS')), 'the disk is read-only (EROFS)');
    assert.equal(describeWriteError(err('EWEIRD')), 'EWEIRD: raw');
  });
});

describe('PDF engine', () => {
  test('prefers GLOSS_CHROMIUM, then CHROMIUM_PATH, then a system Chromium', () => {
    const all = () => true;
    assert.deepEqual(findPdfEngine({ GLOSS_CHROMIUM: '/a', CHROMIUM_PATH: '/b' }, all), { path: '/a' });
    assert.deepEqual(findPdfEngine({ CHROMIUM_PATH: '/b' }, all), { path: '/b' });
    assert.deepEqual(
      findPdfEngine({}, (p) => p === '/usr/bin/chromium'),
      { path: '/usr/bin/chromium' },
    );
  });

  test('says clearly when there is none, or when a variable points nowhere', () => {
    const none = findPdfEngine({}, () => false);
    assert.equal(none.path, null);
    assert.match((none as { message: string }).message, /PDF needs a Chromium browser engine and none was found.*GLOSS_CHROMIUM/);
    const wrong = findPdfEngine({ GLOSS_CHROMIUM: '/nope/chrome' }, (p) => p !== '/nope/chrome');
    assert.deepEqual(wrong, { path: null, message: 'GLOSS_CHROMIUM is set to /nope/chrome, but there is no file there.' });
  });

  test('picks Letter paper for North American locales and A4 elsewhere', () => {
    assert.equal(paperSizeForLocale('en-US'), 'Letter');
    assert.equal(paperSizeForLocale('fr-CA'), 'Letter');
    assert.equal(paperSizeForLocale('en-GB'), 'A4');
    assert.equal(paperSizeForLocale('de'), 'A4');
  });

  test('prints the HTML report of the sample to a PDF', { skip: !existsSync(CHROMIUM) && 'no Chromium at /usr/bin/chromium' }, async () => {
    const html = buildHtmlReport(buildReportModel(SAMPLE_DOC, sampleAnnotations(), CODEBOOK), { exportedAt: '2025-03-04T05:06:07.000Z' });
    const pdf = await renderPdf(html, { browserPath: CHROMIUM, paperSize: 'A4' });
    assert.equal(Buffer.from(pdf.slice(0, 5)).toString('latin1'), '%PDF-');
    const pages = (
      Buffer.from(pdf)
        .toString('latin1')
        .match(/\/Type\s*\/Page\b/g) ?? []
    ).length;
    assert.ok(pages >= 2, `the report spans several pages (${pages})`);
  });
});
