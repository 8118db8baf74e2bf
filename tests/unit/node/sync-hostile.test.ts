// Covers what a server may send (annotations/sync/remote-docs.ts, annotations/node/sync-apply.ts): documents put
// into the database directly, oversized, malformed, of the wrong types, forged as another coder's, or carrying keys
// that reach prototypes, are refused with a message in the status, and change nothing in the data folder.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SAMPLE_ID } from '../../fixtures/temp-service';
import { code, layer, syncWorld, until } from './sync-world';

const world = syncWorld('gloss-sync-hostile-');

async function put(url: string, doc: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${url}/${encodeURIComponent(String(doc._id))}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(doc),
  });
  assert.ok(response.ok, `the server took ${String(doc._id)} (${response.status})`);
}

/** A well-formed annotation document of `coder`'s layer on the sample, to be spoilt by each case. */
function annotationDoc(coder: string, id: string, hash: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _id: `ann:${encodeURIComponent(coder)}:${id}`,
    type: 'annotation',
    coder,
    documentId: SAMPLE_ID,
    documentHash: hash,
    codebookVersion: 'x',
    annotation: {
      id: `urn:uuid:${id}`,
      type: 'Annotation',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      creator: { type: 'Person', name: coder },
      body: [{ type: 'TextualBody', purpose: 'tagging', id: 'urn:gloss:theme:trade', value: 'Trade' }],
      target: {
        source: `urn:gloss:document:${SAMPLE_ID}`,
        selector: [
          { type: 'TextQuoteSelector', exact: 'canola', prefix: '', suffix: '' },
          { type: 'TextPositionSelector', start: 0, end: 6 },
        ],
      },
    },
    ...overrides,
  };
}

describe("a server's hostile documents", () => {
  test('are refused with a message each, and change nothing here', async () => {
    const ann = await world.open('a', 'ann');
    const mine = await code(ann, 'canola', ['trade'], 'mine');
    await ann.connectSync({ url: world.url() });
    await ann.syncSettled();
    const hash = (await ann.openDocument({ documentId: SAMPLE_ID })).document.contentHash!;
    const url = world.url();
    const uuid = (n: number): string => `00000000-0000-4000-8000-00000000000${n}`;

    await put(url, annotationDoc('mallory', uuid(1), hash, { padding: 'x'.repeat(300 * 1024) }));
    await put(url, { _id: `ann:mallory:${uuid(2)}`, type: 'annotation', coder: 'mallory' });
    await put(url, annotationDoc('mallory', uuid(3), hash, { coder: 42 }));
    await put(url, annotationDoc('mallory', mine.id, hash));
    await put(url, annotationDoc('mallory', uuid(4), hash, { _id: `ann:eve:${uuid(4)}` }));
    await put(url, { ...annotationDoc('mallory', uuid(5), hash), constructor: { prototype: { polluted: true } } });
    await put(url, { _id: 'script:1', type: 'script', code: '<script>alert(1)</script>' });
    await put(url, annotationDoc('mallory', uuid(6), hash, {}));

    await until('all seven are refused', async () => (await ann.getSyncStatus({})).refused.length >= 7);
    const reasons = new Map((await ann.getSyncStatus({})).refused.map((r) => [r.id, r.reason]));
    assert.match(reasons.get(`ann:mallory:${uuid(1)}`)!, /too large/);
    assert.match(reasons.get(`ann:mallory:${uuid(2)}`)!, /malformed annotation/);
    assert.match(reasons.get(`ann:mallory:${uuid(3)}`)!, /malformed annotation: coder/);
    assert.match(reasons.get(`ann:mallory:${mine.id}`)!, /that of ann's annotation/);
    assert.match(reasons.get(`ann:eve:${uuid(4)}`)!, /id does not match/);
    assert.match(reasons.get(`ann:mallory:${uuid(5)}`)!, /"constructor"/);
    assert.match(reasons.get('script:1')!, /not a document Gloss keeps/);

    await until('the one sound document among them arrives', async () => (await layer(ann, 'mallory')).length === 1);
    assert.equal((await layer(ann, 'mallory'))[0]!.id, uuid(6));
    const own = await layer(ann, 'ann');
    assert.deepEqual(
      own.map((a) => [a.id, a.note]),
      [[mine.id, 'mine']],
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((await ann.getSyncStatus({})).state, 'connected');
  });
});
