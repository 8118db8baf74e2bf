// Covers codebook changes from other coders (annotations/node/sync-proposals.ts): they arrive as a proposal to
// accept or dismiss, never silently; accepted themes keep their id, and passages coded with them then arrive.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { GlossService } from '../../../annotations/node/service';
import { code, layer, syncWorld, until } from './sync-world';

const world = syncWorld('gloss-sync-proposals-');

async function addTheme(service: GlossService, id: string, label: string): Promise<void> {
  const codebook = (await service.getCodebook({})).map(({ shortcut: _shortcut, ...theme }) => theme);
  await service.updateCodebook({ codebook: [...codebook, { id, label, colour: '#2a7f62', description: `${label} themes` }] });
}

describe("another coder's codebook change", () => {
  test('arrives as a proposal; accepted, the theme keeps its id and the passages coded with it arrive', async () => {
    const ann = await world.open('a', 'ann');
    const ben = await world.open('b', 'ben');
    await addTheme(ann, 'agriculture', 'Agriculture');
    await code(ann, 'canola', ['agriculture']);
    await code(ann, 'reciprocal tariffs', ['trade']);
    await ann.connectSync({ url: world.url() });
    await ben.connectSync({ url: world.url() });

    await until('ben is offered ann’s theme', async () => (await ben.getSyncStatus({})).proposals === 1);
    const [proposal] = await ben.listCodebookProposals({});
    assert.equal(proposal!.coder, 'ann');
    assert.deepEqual(
      proposal!.added.map((t) => [t.id, t.label]),
      [['agriculture', 'Agriculture']],
    );
    assert.ok(!(await ben.getCodebook({})).some((t) => t.id === 'agriculture'), 'nothing is taken in before it is accepted');
    await until('the passage with a known theme arrives', async () => (await layer(ben, 'ann')).length === 1);
    await until('the passage with the unknown theme is said to wait', async () =>
      (await ben.getSyncStatus({})).refused.some((r) => /Unknown theme/.test(r.reason)),
    );

    assert.deepEqual(await ben.answerCodebookProposal({ coder: 'ann', accept: true }), []);
    assert.equal((await ben.getCodebook({})).find((t) => t.id === 'agriculture')?.label, 'Agriculture');
    await until('the passage coded with the accepted theme arrives', async () => (await layer(ben, 'ann')).length === 2);
    assert.deepEqual((await layer(ben, 'ann')).find((a) => a.target.selector[1].exact === 'canola')?.themes, ['agriculture']);
  });

  test('dismissed, stays out of the own codebook until the coder changes it again', async () => {
    const ann = await world.open('a', 'ann');
    const ben = await world.open('b', 'ben');
    await addTheme(ann, 'agriculture', 'Agriculture');
    await ann.connectSync({ url: world.url() });
    await ben.connectSync({ url: world.url() });
    await until('ben is offered ann’s theme', async () => (await ben.getSyncStatus({})).proposals === 1);
    assert.deepEqual(await ben.answerCodebookProposal({ coder: 'ann', accept: false }), []);
    assert.ok(!(await ben.getCodebook({})).some((t) => t.id === 'agriculture'));

    await addTheme(ann, 'fisheries', 'Fisheries');
    await until('ben is offered ann’s changed codebook', async () => (await ben.getSyncStatus({})).proposals === 1);
    const [proposal] = await ben.listCodebookProposals({});
    assert.deepEqual(proposal!.added.map((t) => t.id).sort(), ['agriculture', 'fisheries']);
  });
});
