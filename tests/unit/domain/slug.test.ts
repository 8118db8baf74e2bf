// Covers annotations/slug.ts, the one slug behind theme ids, document ids and report file names.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { themeIdFor } from '../../../annotations/codebook';
import { slugOf } from '../../../annotations/slug';
import { fileNameFor, GlossService } from '../../../annotations/node/service';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('slugOf', () => {
  test('drops accents instead of splitting the word at them', () => {
    assert.equal(slugOf('Café Économie naïve', { maxLength: 80 }), 'cafe-economie-naive');
  });

  test('keeps upper-case letters only when asked', () => {
    assert.equal(slugOf('Trade & Tariffs', { maxLength: 80 }), 'trade-tariffs');
    assert.equal(slugOf('Trade & Tariffs', { maxLength: 80, keepCase: true }), 'Trade-Tariffs');
  });

  test('never ends with a dash where it was cut short', () => {
    assert.equal(slugOf('abcd efgh', { maxLength: 5 }), 'abcd');
  });

  test('is empty when nothing readable is left, so the caller names the fallback', () => {
    assert.equal(slugOf('!!! ???', { maxLength: 80 }), '');
  });
});

describe('the names Gloss makes from titles', () => {
  test('names a report file after its title with its accents dropped', () => {
    assert.equal(fileNameFor('Économie du Québec', 'html'), 'Economie-du-Quebec.html');
    assert.equal(fileNameFor('«»', 'csv'), 'gloss-report.csv');
  });

  test('gives theme ids and document ids the same slug of the same words', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gloss-slug-'));
    const service = await GlossService.open({ freeze: true, dataDir: dir, edition: 'browser', version: 'test', lock: false });
    try {
      const summary = await service.importParsedDocument({
        fileName: 'x.md',
        blocks: [
          { type: 'heading', text: 'Économie naïve' },
          { type: 'paragraph', text: 'Body.' },
        ],
      });
      assert.match(summary.id, /^economie-naive-[0-9a-f]{8}$/);
      assert.equal(themeIdFor('Économie naïve', []), 'economie-naive');
    } finally {
      await service.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
