// Covers annotations/node/coder-identity.ts and the coder fields through the service: who made an annotation,
// naming the own coder, a colleague's JSON-LD imported as their read-only layer, and exports that name coders.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { unzipSync, strFromU8 } from 'fflate';
import { describeRange } from '../../../annotations/anchoring/anchor';
import type { CreateAnnotationInput } from '../../../annotations/contract';
import { GlossError } from '../../../annotations/errors';
import type { GlossService } from '../../../annotations/node/service';
import { SAMPLE_ID, SAMPLE_PLAIN_TEXT, tempServices } from '../../fixtures/temp-service';

const services = tempServices('gloss-coders-', { osUser: 'ana' });

function inputFor(quote: string, themes: string[] = ['trade']): CreateAnnotationInput {
  const start = SAMPLE_PLAIN_TEXT.indexOf(quote);
  assert.ok(start >= 0, `"${quote}" is in the sample`);
  return {
    documentId: SAMPLE_ID,
    target: { source: SAMPLE_ID, selector: describeRange(SAMPLE_PLAIN_TEXT, start, start + quote.length) },
    themes,
  };
}

/** A JSON-LD export of the sample made by a second data folder whose coder is `name`. */
async function colleagueExport(name: string, quotes: string[]): Promise<string> {
  // A second data folder, beside nothing of the first one's files (the first is the fixture's folder itself).
  const other = await services.open({ dataDir: join(services.dir(), `colleague-${name}`), osUser: name });
  for (const quote of quotes) await other.createAnnotation(inputFor(quote));
  const exported = await other.exportReport({ documentId: SAMPLE_ID, format: 'jsonld' });
  return exported.dataBase64;
}

async function refusal(promise: Promise<unknown>): Promise<GlossError> {
  const error = await promise.then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof GlossError);
  return error;
}

async function openOwn(): Promise<GlossService> {
  return services.open();
}

describe('the own coder', () => {
  test('is the OS user name until one is chosen, and new annotations record it', async () => {
    const service = await openOwn();
    assert.deepEqual((await service.getStatus({})).coder, { name: 'ana', chosen: false });
    const made = await service.createAnnotation(inputFor('canola'));
    assert.equal(made.creator, 'ana');
  });

  test('keeps a chosen name across a restart, and the annotations made under the former name stay its own', async () => {
    const service = await openOwn();
    const before = await service.createAnnotation(inputFor('canola'));
    assert.deepEqual(await service.setCoderName({ name: '  Ana Lima ' }), { name: 'Ana Lima', chosen: true });
    const reopened = await services.reopen(service);
    assert.deepEqual((await reopened.getStatus({})).coder, { name: 'Ana Lima', chosen: true });
    const [stored] = await reopened.listAnnotations({ documentId: SAMPLE_ID });
    assert.equal(stored!.id, before.id);
    assert.equal(stored!.creator, 'Ana Lima');
    // Still its own: it can be changed.
    assert.deepEqual((await reopened.updateAnnotation({ id: before.id, note: 'mine' })).note, 'mine');
  });

  test('refuses an empty name and the name of another coder’s layer', async () => {
    const service = await openOwn();
    const file = await colleagueExport('ben', ['canola']);
    await service.importAnnotations({ fileName: 'ben.jsonld', dataBase64: file });
    assert.match((await refusal(service.setCoderName({ name: '   ' }))).message, /needs a name/);
    assert.match((await refusal(service.setCoderName({ name: 'ben' }))).message, /already the name of another coder/);
    assert.deepEqual((await service.getStatus({})).coder, { name: 'ana', chosen: false });
  });
});

describe("a colleague's coding as their layer", () => {
  test('imports their JSON-LD under the file’s creator, beside the own coding and never mixed into it', async () => {
    const service = await openOwn();
    const mine = await service.createAnnotation(inputFor('canola'));
    const file = await colleagueExport('ben', ['canola', 'reciprocal tariffs']);
    const result = await service.importAnnotations({ fileName: 'ben.jsonld', dataBase64: file });
    assert.equal(result.created, 2);
    const all = await service.listAnnotations({ documentId: SAMPLE_ID });
    assert.deepEqual(all.map((a) => a.creator).sort(), ['ana', 'ben', 'ben']);
    assert.equal(all.find((a) => a.id === mine.id)!.creator, 'ana');
  });

  test('imports them as the coder the import names, whatever the file says', async () => {
    const service = await openOwn();
    const file = await colleagueExport('ben', ['canola']);
    await service.importAnnotations({ fileName: 'ben.jsonld', dataBase64: file, asCoder: 'Benedita' });
    const [imported] = await service.listAnnotations({ documentId: SAMPLE_ID });
    assert.equal(imported!.creator, 'Benedita');
  });

  test('merges annotations the file says are the own coder’s into the own coding, as before coders existed', async () => {
    const service = await openOwn();
    const file = await colleagueExport('ana', ['canola']);
    await service.importAnnotations({ fileName: 'mine.jsonld', dataBase64: file });
    const [imported] = await service.listAnnotations({ documentId: SAMPLE_ID });
    await service.updateAnnotation({ id: imported!.id, note: 'still mine' });
  });

  test('refuses to change, delete or move a highlight of another coder’s layer, with a reason, and keeps it', async () => {
    const service = await openOwn();
    await service.importAnnotations({ fileName: 'ben.jsonld', dataBase64: await colleagueExport('ben', ['canola']) });
    const [theirs] = await service.listAnnotations({ documentId: SAMPLE_ID });
    for (const attempt of [
      service.updateAnnotation({ id: theirs!.id, note: 'edited' }),
      service.deleteAnnotation({ id: theirs!.id }),
      service.retargetAnnotation({ id: theirs!.id, target: inputFor('reciprocal tariffs').target }),
    ]) {
      const error = await refusal(attempt);
      assert.equal(error.code, 'read-only');
      assert.match(error.message, /belongs to ben's layer/);
    }
    assert.deepEqual(await service.listAnnotations({ documentId: SAMPLE_ID }), [theirs]);
  });
});

describe('exports name the coders', () => {
  test('JSON-LD writes each annotation’s creator as a Person, the own coder’s too', async () => {
    const service = await openOwn();
    await service.createAnnotation(inputFor('canola'));
    await service.importAnnotations({ fileName: 'ben.jsonld', dataBase64: await colleagueExport('ben', ['reciprocal tariffs']) });
    const exported = await service.exportReport({ documentId: SAMPLE_ID, format: 'jsonld' });
    const items = (
      JSON.parse(Buffer.from(exported.dataBase64, 'base64').toString('utf8')) as { first: { items: Array<{ creator?: unknown }> } }
    ).first.items;
    assert.deepEqual(
      items.map((i) => i.creator).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      [
        { type: 'Person', name: 'ana' },
        { type: 'Person', name: 'ben' },
      ],
    );
  });

  test('REFI-QDA lists each coder as a User and marks each selection and coding with its creating user', async () => {
    const service = await openOwn();
    await service.createAnnotation(inputFor('canola'));
    await service.importAnnotations({ fileName: 'ben.jsonld', dataBase64: await colleagueExport('ben', ['reciprocal tariffs']) });
    const exported = await service.exportReport({ documentId: SAMPLE_ID, format: 'qdpx' });
    const qde = strFromU8(unzipSync(Buffer.from(exported.dataBase64, 'base64'))['project.qde']!);
    const users = [...qde.matchAll(/<User guid="([^"]+)" name="([^"]+)"\/>/g)].map((m) => ({ guid: m[1]!, name: m[2]! }));
    assert.deepEqual(users.map((u) => u.name).sort(), ['ana', 'ben']);
    assert.ok(qde.indexOf('<Users>') < qde.indexOf('<CodeBook>'), 'Users come first, as QDA-XML orders them');
    const creating = [...qde.matchAll(/creatingUser="([^"]+)"/g)].map((m) => m[1]!);
    assert.equal(creating.length, 4, 'two selections and their two codings');
    assert.ok(creating.every((guid) => users.some((u) => u.guid === guid)));
  });
});
