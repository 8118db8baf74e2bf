// Covers conflicts of the own layer (annotations/node/sync-conflicts.ts): the same coder on two data folders edits
// one annotation two ways while the server is down; both folders then show the conflict with both versions, and
// the version picked on one folder becomes the annotation on both. Nothing is settled silently.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { GlossService } from '../../../annotations/node/service';
import { code, layer, syncWorld, until } from './sync-world';

const world = syncWorld('gloss-sync-conflicts-');

async function noteOf(service: GlossService, id: string): Promise<string | undefined> {
  return (await layer(service, 'ann')).find((a) => a.id === id)?.note;
}

describe('a conflict of the own layer', () => {
  test('is shown with both versions on both machines, and the version picked on one becomes the annotation on both', async () => {
    const laptop = await world.open('laptop', 'ann');
    const office = await world.open('office', 'ann');
    const made = await code(laptop, 'canola', ['trade'], 'first');
    await laptop.connectSync({ url: world.url() });
    await office.connectSync({ url: world.url() });
    await until('the office has the annotation, as ann’s own', async () => (await noteOf(office, made.id)) === 'first');
    const own = await office.updateAnnotation({ id: made.id, note: 'first, seen at the office' });
    await until('the laptop has the office’s edit', async () => (await noteOf(laptop, made.id)) === own.note);

    await world.server().kill();
    await laptop.updateAnnotation({ id: made.id, note: 'written on the laptop', themes: ['trade', 'security'] });
    await office.updateAnnotation({ id: made.id, note: 'written at the office' });
    await laptop.syncSettled();
    await office.syncSettled();
    await world.server().restart();

    for (const machine of [laptop, office]) {
      await until('the conflict is shown', async () => (await machine.getSyncStatus({})).conflicts === 1);
      const [conflict] = await machine.listSyncConflicts({});
      assert.equal(conflict!.annotationId, made.id);
      assert.equal(conflict!.quote, 'canola');
      assert.deepEqual(conflict!.versions.map((v) => v.note).sort(), ['written at the office', 'written on the laptop']);
    }
    const [conflict] = await office.listSyncConflicts({});
    const laptops = conflict!.versions.find((v) => v.note === 'written on the laptop')!;
    assert.deepEqual(laptops.themes, ['trade', 'security']);
    await office.resolveSyncConflict({ annotationId: made.id, rev: laptops.rev });

    for (const machine of [office, laptop]) {
      await until('the conflict is gone and the laptop’s version stands', async () => {
        const status = await machine.getSyncStatus({});
        return status.conflicts === 0 && (await noteOf(machine, made.id)) === 'written on the laptop';
      });
      assert.deepEqual((await layer(machine, 'ann')).find((a) => a.id === made.id)?.themes, ['trade', 'security']);
      assert.deepEqual(await machine.listSyncConflicts({}), []);
    }
  });
});
