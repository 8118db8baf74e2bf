// Covers sharing offline first (annotations/node/sync-engine.ts, sync-outbox.ts): edits made while the server is
// down are queued durably in the data folder's sync/ database, survive quitting Gloss, and go out once the server is
// back; a server killed in the middle of a push loses nothing and duplicates nothing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeRange } from '../../../annotations/anchoring/anchor';
import { code, layer, syncWorld, until, SAMPLE_ID, SAMPLE_PLAIN_TEXT } from './sync-world';

const world = syncWorld('gloss-sync-offline-');

async function docCount(url: string): Promise<number> {
  try {
    const response = await fetch(url);
    return response.ok ? ((await response.json()) as { doc_count: number }).doc_count : -1;
  } catch {
    return -1;
  }
}

describe('sharing offline first', () => {
  test('queues edits made while the server is down, keeps them through a restart of Gloss, and sends each once when it is back', async () => {
    let ann = await world.open('a', 'ann');
    const ben = await world.open('b', 'ben');
    const first = await code(ann, 'canola');
    await ann.connectSync({ url: world.url() });
    await ben.connectSync({ url: world.url() });
    await until('ben has the first annotation', async () => (await layer(ben, 'ann')).length === 1);

    await world.server().kill();
    await code(ann, 'reciprocal tariffs', ['trade', 'security']);
    await ann.updateAnnotation({ id: first.id, note: 'written offline' });
    await until('ann says it is offline with two changes queued', async () => {
      const status = await ann.getSyncStatus({});
      return status.state === 'offline' && status.queued === 2;
    });
    assert.match((await ann.getSyncStatus({})).error ?? '', /does not answer/);

    await world.close(ann);
    ann = await world.open('a', 'ann');
    await until('ann, restarted, reconnects by itself and still has two changes queued', async () => {
      const status = await ann.getSyncStatus({});
      return status.url === world.url() && status.queued === 2;
    });

    await world.server().restart();
    await until('ben has both of ann’s annotations, the edit included', async () => {
      const seen = await layer(ben, 'ann');
      return seen.length === 2 && seen.some((a) => a.note === 'written offline');
    });
    await until('ann has nothing queued', async () => (await ann.getSyncStatus({})).queued === 0);
    const ids = (await ben.listAnnotations({ documentId: SAMPLE_ID })).map((a) => a.id);
    assert.equal(new Set(ids).size, ids.length, 'nothing arrived twice');
  });

  test('loses and duplicates nothing when the server is killed in the middle of a push', async () => {
    const ann = await world.open('a', 'ann');
    // 1,200 passages in three pushes of 500 (the replication's batch), so that killing the server can cut one short.
    const starts = Array.from({ length: 1_200 }, (_, i) => (i * 7) % (SAMPLE_PLAIN_TEXT.length - 20));
    for (let i = 0; i < starts.length; i += 400) {
      await ann.createAnnotations({
        documentId: SAMPLE_ID,
        annotations: starts.slice(i, i + 400).map((start) => ({
          target: { source: SAMPLE_ID, selector: describeRange(SAMPLE_PLAIN_TEXT, start, start + 12) },
          themes: ['trade'],
        })),
      });
    }
    await ann.connectSync({ url: world.url() });
    await until('the push has begun', async () => (await docCount(world.url())) > 0, 30_000);
    await world.server().kill();
    await code(ann, 'canola', ['diplomacy'], 'after the crash');

    await world.server().restart();
    const ben = await world.open('b', 'ben');
    await ben.connectSync({ url: world.url() });
    await until('ben has every one of ann’s annotations', async () => (await layer(ben, 'ann')).length === 1_201, 60_000);
    const ids = (await ben.listAnnotations({ documentId: SAMPLE_ID })).map((a) => a.id);
    assert.equal(new Set(ids).size, ids.length, 'nothing arrived twice');
    assert.ok((await layer(ben, 'ann')).some((a) => a.note === 'after the crash'));
  });
});
