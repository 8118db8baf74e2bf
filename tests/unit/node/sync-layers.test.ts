// Covers sharing a team's coding through a CouchDB server (annotations/node/sync-*.ts): two data folders, coder A and
// coder B, each see the other's layer, read-only, with its edits and deletions, and agreement computes on them.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { GlossError } from '../../../annotations/errors';
import { code, layer, syncWorld, until, SAMPLE_ID } from './sync-world';

const world = syncWorld('gloss-sync-layers-');

describe('a shared project', () => {
  test("shows each coder the other's layer, read-only, and agreement between them computes as for imported layers", async () => {
    const ann = await world.open('a', 'ann');
    const ben = await world.open('b', 'ben');
    await code(ann, 'canola', ['trade'], 'seed exports');
    await code(ann, 'reciprocal tariffs', ['trade']);
    await code(ben, 'canola', ['trade']);
    await ann.connectSync({ url: world.url() });
    await ben.connectSync({ url: world.url() });

    await until('ben has ann’s two annotations', async () => (await layer(ben, 'ann')).length === 2);
    await until('ann has ben’s annotation', async () => (await layer(ann, 'ben')).length === 1);
    const received = await layer(ben, 'ann');
    assert.deepEqual(received.map((a) => a.target.selector[1].exact).sort(), ['canola', 'reciprocal tariffs']);
    assert.equal(received.find((a) => a.target.selector[1].exact === 'canola')?.note, 'seed exports');
    assert.deepEqual(
      (await ben.listCoders({})).map((c) => [c.name, c.own, c.annotationCount]),
      [
        ['ben', true, 1],
        ['ann', false, 2],
      ],
    );

    await assert.rejects(
      ben.updateAnnotation({ id: received[0]!.id, note: 'mine now' }),
      (e: unknown) => e instanceof GlossError && e.code === 'read-only',
    );

    const table = await ben.getAgreement({ coders: ['ann', 'ben'], unit: 'character', documentId: SAMPLE_ID });
    const imported = await ann.getAgreement({ coders: ['ann', 'ben'], unit: 'character', documentId: SAMPLE_ID });
    assert.deepEqual(table.overall, imported.overall, 'both folders compute the same agreement');
    assert.ok(table.rows.length > 0);
  });

  test("passes on edits and deletions of a coder's layer, and each annotation arrives once", async () => {
    const ann = await world.open('a', 'ann');
    const ben = await world.open('b', 'ben');
    const first = await code(ann, 'canola', ['trade']);
    const second = await code(ann, 'reciprocal tariffs', ['trade']);
    await ann.connectSync({ url: world.url() });
    await ben.connectSync({ url: world.url() });
    await until('ben has both', async () => (await layer(ben, 'ann')).length === 2);

    await ann.updateAnnotation({ id: first.id, themes: ['trade', 'security'], note: 'revised' });
    await ann.deleteAnnotation({ id: second.id });
    await until('ben sees the edit and the deletion', async () => {
      const seen = await layer(ben, 'ann');
      return seen.length === 1 && seen[0]!.note === 'revised';
    });
    assert.deepEqual((await layer(ben, 'ann'))[0]!.themes, ['trade', 'security']);
    assert.equal((await ben.listAnnotations({ documentId: SAMPLE_ID })).filter((a) => a.id === first.id).length, 1);
    const status = await ben.getSyncStatus({});
    assert.equal(status.state, 'connected');
    assert.ok(status.lastSynced !== null);
    assert.ok(status.applied >= 3);
  });

  test('brings in a document the receiving library lacks, by its text, with its coding', async () => {
    const ann = await world.open('a', 'ann');
    const ben = await world.open('b', 'ben');
    const text = 'Ministers met in Ottawa.\nThe canola dispute eased after talks on tariffs.';
    const doc = await ann.importDocument({ fileName: 'talks.txt', dataBase64: Buffer.from(text).toString('base64') });
    const start = text.indexOf('canola dispute');
    await ann.createAnnotation({
      documentId: doc.id,
      target: {
        source: doc.id,
        selector: [
          { type: 'TextPositionSelector', start, end: start + 14 },
          { type: 'TextQuoteSelector', exact: 'canola dispute', prefix: 'The ', suffix: ' eased' },
        ],
      },
      themes: ['trade'],
    });
    await ann.connectSync({ url: world.url() });
    await ben.connectSync({ url: world.url() });
    await until('ben has the document', async () => (await ben.listDocuments({})).some((d) => d.title === 'Ministers met in Ottawa.'));
    const arrived = (await ben.listDocuments({})).find((d) => d.title === 'Ministers met in Ottawa.')!;
    await until('ben has its highlight', async () => (await ben.listAnnotations({ documentId: arrived.id })).length === 1);
    const [highlight] = await ben.listAnnotations({ documentId: arrived.id });
    assert.equal(highlight!.creator, 'ann');
    assert.equal(highlight!.target.selector[1].exact, 'canola dispute');
  });

  test('keeps the password out of the data folder and out of the status', async () => {
    const ann = await world.open('a', 'ann');
    await code(ann, 'canola');
    await world.server().createUser('ann', 'hunter2-secret');
    await assert.rejects(ann.connectSync({ url: world.url(), username: 'ann', password: 'wrong' }), /refused the user name or password/);
    const status = await ann.connectSync({ url: world.url(), username: 'ann', password: 'hunter2-secret' });
    assert.equal(status.username, 'ann');
    assert.ok(!JSON.stringify(status).includes('hunter2-secret'));
    await ann.syncSettled();
    const settings = await readFile(join(world.root(), 'a', 'sync', 'settings.json'), 'utf8');
    assert.ok(!settings.includes('hunter2-secret'));
    const files = await readdir(join(world.root(), 'a'), { recursive: true });
    for (const file of files) {
      const path = join(world.root(), 'a', String(file));
      const content = await readFile(path).catch(() => Buffer.alloc(0));
      assert.ok(!content.includes('hunter2-secret'), `${file} does not hold the password`);
    }
  });

  test('refuses an address it cannot use: plain http to another machine (naming TLS), or a database the server lacks', async () => {
    const ann = await world.open('a', 'ann');
    await assert.rejects(ann.connectSync({ url: 'http://couch.example.org/project' }), /https:\/\/ \(TLS\)/);
    await assert.rejects(ann.connectSync({ url: `${world.server().origin}/no-such-project` }), /no such database/);
    assert.equal((await ann.getSyncStatus({})).state, 'off');
  });
});
