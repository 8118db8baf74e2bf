// Covers annotations/agreement/passages.ts and annotations/node/agreement-merge.ts through the service: two coders'
// passages grouped into agreements and disagreements, and merged as decided into a new layer, the sources kept.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { describeRange } from '../../../annotations/anchoring/anchor';
import type { GlossService } from '../../../annotations/node/service';
import { SAMPLE_ID, SAMPLE_PLAIN_TEXT, tempServices } from '../../fixtures/temp-service';

const services = tempServices('gloss-merge-', { osUser: 'ana' });

async function highlight(service: GlossService, quote: string): Promise<void> {
  const start = SAMPLE_PLAIN_TEXT.indexOf(quote);
  assert.ok(start >= 0);
  await service.createAnnotation({
    documentId: SAMPLE_ID,
    target: { source: SAMPLE_ID, selector: describeRange(SAMPLE_PLAIN_TEXT, start, start + quote.length) },
    themes: ['trade'],
  });
}

/** Ana's folder with "reciprocal tariffs" and "canola", and Ben's "tariffs" and "canola" imported as his layer. */
async function twoLayers(): Promise<GlossService> {
  const ben = await services.open({ dataDir: join(services.dir(), 'colleague'), osUser: 'ben' });
  await highlight(ben, 'tariffs');
  await highlight(ben, 'canola');
  const file = await ben.exportReport({ documentId: SAMPLE_ID, format: 'jsonld' });
  const ana = await services.open();
  await highlight(ana, 'reciprocal tariffs');
  await highlight(ana, 'canola');
  await ana.importAnnotations({ fileName: 'ben.jsonld', dataBase64: file.dataBase64 });
  return ana;
}

const quotes = (list: Array<{ target: { selector: [unknown, { exact: string }] } }>) => list.map((a) => a.target.selector[1].exact).sort();

describe('merging two layers', () => {
  test('keeps the agreement once and each disagreement as decided, in a new layer, the two sources untouched', async () => {
    const service = await twoLayers();
    const before = await service.listAnnotations({ documentId: SAMPLE_ID });
    const disagreementStart = SAMPLE_PLAIN_TEXT.indexOf('reciprocal tariffs');
    const result = await service.mergeLayers({
      documentId: SAMPLE_ID,
      themeId: 'trade',
      coders: ['ana', 'ben'],
      name: 'ana+ben',
      choices: [{ start: disagreementStart, choice: 'b' }],
    });
    assert.deepEqual(result, { coder: 'ana+ben', created: 2, disagreements: 1 });
    const after = await service.listAnnotations({ documentId: SAMPLE_ID });
    assert.deepEqual(quotes(after.filter((a) => a.creator === 'ana+ben')), ['canola', 'tariffs']);
    assert.deepEqual(
      after.filter((a) => a.creator !== 'ana+ben'),
      before,
      'the sources stay as they were',
    );
    assert.deepEqual(
      (await service.listCoders({})).map((c) => c.name),
      ['ana', 'ana+ben', 'ben'],
    );
  });

  test('keeps both sides of a disagreement nobody decided, and neither when asked', async () => {
    const service = await twoLayers();
    await service.mergeLayers({ documentId: SAMPLE_ID, themeId: 'trade', coders: ['ana', 'ben'], name: 'kept', choices: [] });
    const start = SAMPLE_PLAIN_TEXT.indexOf('reciprocal tariffs');
    await service.mergeLayers({
      documentId: SAMPLE_ID,
      themeId: 'trade',
      coders: ['ana', 'ben'],
      name: 'dropped',
      choices: [{ start, choice: 'neither' }],
    });
    const all = await service.listAnnotations({ documentId: SAMPLE_ID });
    assert.deepEqual(quotes(all.filter((a) => a.creator === 'kept')), ['canola', 'reciprocal tariffs', 'tariffs']);
    assert.deepEqual(quotes(all.filter((a) => a.creator === 'dropped')), ['canola']);
  });

  test('refuses a name that is already a coder’s layer', async () => {
    const service = await twoLayers();
    await assert.rejects(
      service.mergeLayers({ documentId: SAMPLE_ID, themeId: 'trade', coders: ['ana', 'ben'], name: 'ben', choices: [] }),
      /already a coder's layer/,
    );
  });
});
