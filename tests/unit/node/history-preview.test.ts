// What the host says the next undo or redo will do (HistorySummary's previews), checked against what the step
// then does: the reader shows a previewed step before the host has made it, so the two must agree.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeRange } from '../../../annotations/anchoring/anchor';
import type { HistoryOutcome, StepPreview } from '../../../annotations/contract';
import { SAMPLE_ID, SAMPLE_PLAIN_TEXT, tempServices } from '../../fixtures/temp-service';

const services = tempServices('gloss-preview-');

function at(quote: string) {
  const start = SAMPLE_PLAIN_TEXT.indexOf(quote);
  assert.notEqual(start, -1);
  return { source: SAMPLE_ID, selector: describeRange(SAMPLE_PLAIN_TEXT, start, start + quote.length) };
}

/** The step's effect as the outcome reports it, in the preview's form. */
function effect(outcome: HistoryOutcome): StepPreview['annotations'] {
  return [...outcome.changed.map((a) => ({ id: a.id, result: a })), ...outcome.removed.map((r) => ({ id: r.id, result: null }))];
}

test('previews undo and redo of an addition, a change and a note typed in one sitting as the steps then do them', async () => {
  const service = await services.open();
  const documentId = SAMPLE_ID;
  const a = await service.createAnnotation({ documentId, target: at('canola'), themes: ['trade'] });
  await service.updateAnnotation({ id: a.id, themes: ['trade', 'security'] });
  await service.updateAnnotation({ id: a.id, note: 'Se', mergeKey: 'note:1' });
  await service.updateAnnotation({ id: a.id, note: 'Seeds.', mergeKey: 'note:1' });

  for (let i = 0; i < 3; i++) {
    const { undoPreview } = await service.getHistory({ documentId, withPreviews: true });
    assert.ok(undoPreview, `step ${i} is previewed`);
    const outcome = await service.undo({ documentId, withPreviews: true });
    assert.deepEqual(undoPreview.annotations, effect(outcome), `undo ${i} does what its preview said`);
    assert.ok(outcome.redoPreview, 'the answer previews the redo of what it undid');
    assert.deepEqual(
      outcome.redoPreview.annotations.map((p) => p.result?.note ?? null),
      [i === 0 ? 'Seeds.' : i === 1 ? '' : ''],
    );
  }
  const redo = (await service.getHistory({ documentId, withPreviews: true })).redoPreview!;
  assert.deepEqual(redo.annotations, effect(await service.redo({ documentId })));
});

test('leaves previews out unless asked, and for a step that changes the codebook', async () => {
  const service = await services.open();
  const documentId = SAMPLE_ID;
  await service.createAnnotation({ documentId, target: at('canola'), themes: ['trade'] });
  assert.equal('undoPreview' in (await service.getHistory({ documentId })), false);
  const codebook = await service.getCodebook({});
  const themes = codebook.map(({ id, label, colour }) => ({ id, label, colour }));
  await service.updateCodebook({ codebook: [...themes, { label: 'Energy', colour: '#2f6f4f' }], documentId });
  assert.equal((await service.getHistory({ documentId, withPreviews: true })).undoPreview, null);
});
