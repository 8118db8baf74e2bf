// Covers annotations/node/service.ts: the lowdb-backed service — annotations, validation, persistence, unreadable files and failed writes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Annotation } from '../../../annotations/annotation';
import { describeRange } from '../../../annotations/anchoring/anchor';
import { DEFAULT_CODEBOOK } from '../../../annotations/codebook';
import type { CreateAnnotationInput } from '../../../annotations/contract';
import { parsePlainText } from '../../../annotations/document';
import { GlossError, type ErrorCode } from '../../../annotations/errors';
import { MAX_NOTE_CHARS } from '../../../annotations/schemas';
import { faultyFileOps, nodeFileOps } from '../../../annotations/node/file-ops';
import { GlossService, SCHEMA_VERSION, type SampleDocument, type ServiceOptions } from '../../../annotations/node/service';
import { LIBRARY_FILE_NAME } from '../../../annotations/node/split-layout';
import { readDataFolder } from '../../../annotations/node/store';

const SAMPLE_ID = 'canada-china-trust';
const SAMPLE_RAW = await readFile(fileURLToPath(new URL('../../../samples/canada-china-trust.txt', import.meta.url)), 'utf8');
const SAMPLE: SampleDocument = { id: SAMPLE_ID, source: 'bundled sample', text: SAMPLE_RAW };
const SAMPLE_TEXT = parsePlainText(SAMPLE_RAW).text;
const SAMPLE_TITLE = 'Canada and China take cautious steps to restore diplomatic trust amid US pressures';

/** A clock that moves one second forward on every reading, so created/modified differ visibly. */
function steppingClock(startIso = '2025-03-01T09:00:00.000Z'): () => Date {
  let ms = Date.parse(startIso);
  return () => {
    const now = new Date(ms);
    ms += 1000;
    return now;
  };
}

let root: string;
let dataDir: string;
const openServices: GlossService[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-service-test-'));
  dataDir = join(root, 'data');
});

afterEach(async () => {
  for (const service of openServices.splice(0)) await service.close().catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

async function openService(overrides: Partial<ServiceOptions> = {}): Promise<GlossService> {
  const service = await GlossService.open({
    freeze: true,
    dataDir,
    edition: 'desktop',
    version: '0.1.0-test',
    samples: [SAMPLE],
    now: steppingClock(),
    ...overrides,
  });
  openServices.push(service);
  return service;
}

/** Creation input for the n-th occurrence of `quote` in the sample. */
function inputFor(quote: string, themes: string[] = ['diplomacy'], note?: string, n = 0): CreateAnnotationInput {
  let start = -1;
  for (let i = 0; i <= n; i++) start = SAMPLE_TEXT.indexOf(quote, start + 1);
  assert.notEqual(start, -1, `"${quote}" is in the sample`);
  const input: CreateAnnotationInput = {
    documentId: SAMPLE_ID,
    target: { source: SAMPLE_ID, selector: describeRange(SAMPLE_TEXT, start, start + quote.length) },
    themes,
  };
  if (note !== undefined) input.note = note;
  return input;
}

/** What is durable in the data folder: the data file with its journal replayed, as reopening it reads it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the data file as JSON, read by the assertions
async function readDataFile(): Promise<any> {
  return (await readDataFolder(dataDir)).raw;
}

/** Asserts that `promise` rejects with a GlossError of `code` whose message matches `message`. */
async function assertGlossError(promise: Promise<unknown>, code: ErrorCode, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof GlossError, `a GlossError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, message);
    return true;
  });
}

describe('opening a data folder', () => {
  test('creates the folder and a data file of schema version 1 holding the sample and the default codebook', async () => {
    dataDir = join(root, 'nested', 'data');
    await openService();
    const onDisk = await readDataFile();
    assert.equal(SCHEMA_VERSION, 1);
    assert.equal(onDisk.schemaVersion, 1);
    assert.deepEqual(onDisk.codebook, DEFAULT_CODEBOOK);
    assert.deepEqual(onDisk.annotations, []);
    assert.equal(onDisk.documents.length, 1);
    assert.equal(onDisk.documents[0].id, SAMPLE_ID);
    assert.equal(onDisk.documents[0].text, SAMPLE_TEXT);
  });

  test('lists the bundled sample by its title, with no annotations yet', async () => {
    const service = await openService();
    assert.deepEqual(await service.listDocuments({}), [
      {
        id: SAMPLE_ID,
        title: SAMPLE_TITLE,
        source: 'bundled sample',
        // When it was added, as the document itself records it.
        added: (await service.openDocument({ documentId: SAMPLE_ID })).document.added,
        annotationCount: 0,
        themeCounts: {},
        needsReview: false,
        removable: false,
      },
    ]);
  });

  test('opens the sample as parsed text, with its blocks, no annotations and the default codebook', async () => {
    const service = await openService({ now: () => new Date('2025-01-02T03:04:05.000Z') });
    const opened = await service.openDocument({ documentId: SAMPLE_ID });
    const parsed = parsePlainText(SAMPLE_RAW);
    assert.deepEqual(opened.document, {
      id: SAMPLE_ID,
      source: 'bundled sample',
      added: '2025-01-02T03:04:05.000Z',
      title: parsed.title,
      text: parsed.text,
      blocks: parsed.blocks,
      contentHash: createHash('sha256').update(parsed.text).digest('hex'),
    });
    assert.deepEqual(opened.annotations, []);
    assert.deepEqual(opened.codebook, DEFAULT_CODEBOOK);
  });

  test('reports its edition, version and data file, with no notices for a fresh folder', async () => {
    const service = await openService({ edition: 'browser', version: '9.9.9', osUser: 'ana' });
    assert.deepEqual(await service.getStatus({}), {
      edition: 'browser',
      version: '9.9.9',
      dataFile: join(dataDir, LIBRARY_FILE_NAME),
      notices: [],
      readOnly: null,
      coder: { name: 'ana', chosen: false },
    });
  });

  test('does not add the sample again when the folder is reopened', async () => {
    const first = await openService();
    await first.close();
    const second = await openService();
    assert.equal((await second.listDocuments({})).length, 1);
    assert.equal((await readDataFile()).documents.length, 1);
  });

  test('starts with no documents when no samples are given', async () => {
    const service = await openService({ samples: [] });
    assert.deepEqual(await service.listDocuments({}), []);
  });
});

describe('working with annotations', () => {
  test('creates an annotation with a fresh id, the given target, themes and note, and equal timestamps', async () => {
    const service = await openService({ now: () => new Date('2025-05-06T07:08:09.010Z'), osUser: 'ana' });
    const input = inputFor('reciprocal tariffs in recent years', ['trade', 'diplomacy'], 'Tit for tat.');
    const created = await service.createAnnotation(input);
    assert.match(created.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(created, {
      id: created.id,
      documentId: SAMPLE_ID,
      target: input.target,
      themes: ['trade', 'diplomacy'],
      note: 'Tit for tat.',
      created: '2025-05-06T07:08:09.010Z',
      modified: '2025-05-06T07:08:09.010Z',
      creator: 'ana',
    });
    const other = await service.createAnnotation(inputFor('canola'));
    assert.notEqual(other.id, created.id);
  });

  test('keeps the id the page made, answers the same creation sent again with the stored one, and refuses another passage on that id', async () => {
    const service = await openService();
    const id = '6f1c1d5e-2b8a-4c1e-9f4a-0d6b1f2a3c4d';
    const input = { ...inputFor('canola'), id };
    const created = await service.createAnnotation(input);
    assert.equal(created.id, id);
    const again = await service.createAnnotation(input);
    assert.deepEqual(again, created);
    assert.equal((await service.listAnnotations({ documentId: SAMPLE_ID })).length, 1, 'a repeated creation adds nothing');
    assert.deepEqual(await service.getHistory({ documentId: SAMPLE_ID }), {
      canUndo: true,
      canRedo: false,
      undoLabel: 'Highlight added',
      redoLabel: null,
    });
    await assertGlossError(
      service.createAnnotation({ ...inputFor('reciprocal tariffs in recent years'), id }),
      'invalid-input',
      /already has the id/,
    );
    await assertGlossError(service.createAnnotation({ ...inputFor('canola'), id: 'not-a-uuid' }), 'invalid-input', /UUID/);
  });

  test('gives an annotation created without a note an empty note', async () => {
    const service = await openService();
    const created = await service.createAnnotation(inputFor('canola', ['trade']));
    assert.equal(created.note, '');
  });

  test('writes a new annotation to disk before answering', async () => {
    const service = await openService();
    const created = await service.createAnnotation(inputFor('canola', ['trade']));
    const onDisk = await readDataFile();
    assert.equal(onDisk.schemaVersion, 1);
    assert.deepEqual(onDisk.annotations, [created]);
    const leftovers = (await readdir(dataDir)).filter((name) => name.endsWith('.tmp'));
    assert.deepEqual(leftovers, [], 'no temporary file is left behind');
  });

  test('lists a document’s annotations sorted by where they start, then where they end', async () => {
    const service = await openService();
    const late = await service.createAnnotation(inputFor('years defined by discord.'));
    const early = await service.createAnnotation(inputFor('China and Canada are actively working'));
    const middleLong = await service.createAnnotation(inputFor('reciprocal tariffs in recent years'));
    const middleShort = await service.createAnnotation(inputFor('reciprocal tariffs'));
    const listed = await service.listAnnotations({ documentId: SAMPLE_ID });
    assert.deepEqual(
      listed.map((a) => a.id),
      [early.id, middleShort.id, middleLong.id, late.id],
    );
    const opened = await service.openDocument({ documentId: SAMPLE_ID });
    assert.deepEqual(opened.annotations, listed);
  });

  test('counts each document’s annotations in the library', async () => {
    const service = await openService();
    await service.createAnnotation(inputFor('canola', ['trade']));
    await service.createAnnotation(inputFor('Huawei', ['security']));
    assert.equal((await service.listDocuments({}))[0]!.annotationCount, 2);
  });

  test('changes the themes only, keeping the note and the created time, and moves the modified time', async () => {
    const service = await openService();
    const created = await service.createAnnotation(inputFor('canola', ['trade'], 'A crop.'));
    const updated = await service.updateAnnotation({ id: created.id, themes: ['security', 'trade'] });
    assert.deepEqual(updated, { ...created, themes: ['security', 'trade'], modified: updated.modified });
    assert.ok(updated.modified > created.modified, 'modified moves forward');
    assert.deepEqual(await service.listAnnotations({ documentId: SAMPLE_ID }), [updated]);
    assert.deepEqual((await readDataFile()).annotations, [updated]);
  });

  test('changes the note only, keeping the themes', async () => {
    const service = await openService();
    const created = await service.createAnnotation(inputFor('canola', ['trade'], 'A crop.'));
    const updated = await service.updateAnnotation({ id: created.id, note: 'Canola: tariffs of 100%.' });
    assert.deepEqual(updated.themes, ['trade']);
    assert.equal(updated.note, 'Canola: tariffs of 100%.');
    assert.equal(updated.created, created.created);
  });

  test('clears a note when it is updated to an empty string', async () => {
    const service = await openService();
    const created = await service.createAnnotation(inputFor('canola', ['trade'], 'A crop.'));
    const updated = await service.updateAnnotation({ id: created.id, note: '' });
    assert.equal(updated.note, '');
    assert.deepEqual(updated.themes, ['trade']);
  });

  test('deletes an annotation and no longer lists or stores it', async () => {
    const service = await openService();
    const keep = await service.createAnnotation(inputFor('canola', ['trade']));
    const gone = await service.createAnnotation(inputFor('Huawei', ['security']));
    assert.deepEqual(await service.deleteAnnotation({ id: gone.id }), { id: gone.id });
    assert.deepEqual(await service.listAnnotations({ documentId: SAMPLE_ID }), [keep]);
    assert.deepEqual((await readDataFile()).annotations, [keep]);
    assert.equal((await service.listDocuments({}))[0]!.annotationCount, 1);
  });

  test('restores a deleted annotation exactly as it was, id and timestamps included', async () => {
    const service = await openService();
    const created = await service.createAnnotation(inputFor('canola', ['trade', 'security'], 'Line 1\nLine 2'));
    const updated = await service.updateAnnotation({ id: created.id, note: 'Edited' });
    await service.deleteAnnotation({ id: created.id });
    const restored = await service.restoreAnnotation({ annotation: updated });
    assert.deepEqual(restored, updated);
    assert.deepEqual(await service.listAnnotations({ documentId: SAMPLE_ID }), [updated]);
    assert.deepEqual((await readDataFile()).annotations, [updated]);
  });

  test('refuses to restore an annotation whose id is already in use', async () => {
    const service = await openService();
    const created = await service.createAnnotation(inputFor('canola', ['trade']));
    await assertGlossError(service.restoreAnnotation({ annotation: created }), 'invalid-input', /already exists/);
    assert.equal((await service.listAnnotations({ documentId: SAMPLE_ID })).length, 1);
  });

  test('refuses to restore an annotation with a theme that is not in the codebook', async () => {
    const service = await openService();
    const created = await service.createAnnotation(inputFor('canola', ['trade']));
    await service.deleteAnnotation({ id: created.id });
    await assertGlossError(
      service.restoreAnnotation({ annotation: { ...created, themes: ['economy'] } }),
      'invalid-input',
      /Unknown theme "economy"/,
    );
    assert.deepEqual(await service.listAnnotations({ documentId: SAMPLE_ID }), []);
  });

  test('keeps every one of many concurrent creations on disk', async () => {
    const service = await openService();
    const quotes = ['canola', 'Huawei', 'Taiwan Strait', 'Wang Yi', 'G20 summit', 'seafood'];
    const created = await Promise.all(quotes.map((q) => service.createAnnotation(inputFor(q, ['security']))));
    await service.close();
    const onDisk: Annotation[] = (await readDataFile()).annotations;
    assert.deepEqual(new Set(onDisk.map((a) => a.id)), new Set(created.map((a) => a.id)));
  });
});

describe('reloading from disk', () => {
  test('brings back documents, codebook and annotations, with multi-line notes and unicode, in a second service', async () => {
    const first = await openService();
    const notes = [
      'First line\nSecond line\r\nThird line after CRLF\n\n  indented',
      'Unicode: café, naïve, Straße, 中文, العربية, emoji 😀👍🏽, “curly quotes” — dash',
      '',
    ];
    const a = await first.createAnnotation(inputFor('Carney’s government', ['diplomacy', 'trade'], notes[0]));
    const b = await first.createAnnotation(inputFor('China and Canada', ['diplomacy'], notes[1], 2));
    const c = await first.createAnnotation(inputFor('Meng Wanzhou', ['security'], notes[2]));
    const d = await first.createAnnotation(inputFor('canola', ['trade'], 'to be deleted'));
    const bUpdated = await first.updateAnnotation({ id: b.id, themes: ['security', 'diplomacy'] });
    await first.deleteAnnotation({ id: d.id });
    const listedBefore = await first.listAnnotations({ documentId: SAMPLE_ID });
    const openedBefore = await first.openDocument({ documentId: SAMPLE_ID });
    await first.close();

    const second = await openService();
    const listedAfter = await second.listAnnotations({ documentId: SAMPLE_ID });
    assert.deepEqual(listedAfter, listedBefore);
    assert.deepEqual(new Set(listedAfter.map((x) => x.id)), new Set([a.id, bUpdated.id, c.id]));
    assert.equal(listedAfter.find((x) => x.id === a.id)!.note, notes[0]);
    assert.equal(listedAfter.find((x) => x.id === b.id)!.note, notes[1]);
    assert.deepEqual(listedAfter.find((x) => x.id === b.id)!.themes, ['security', 'diplomacy']);
    assert.deepEqual(await second.openDocument({ documentId: SAMPLE_ID }), openedBefore);
    assert.deepEqual((await second.getStatus({})).notices, []);
  });
});

describe('rejecting invalid input', () => {
  let service: GlossService;
  beforeEach(async () => {
    service = await openService();
  });

  /** Asserts the call is refused as invalid-input and nothing was stored. */
  async function assertInvalid(call: () => Promise<unknown>, message: RegExp): Promise<void> {
    const before = await readFile(join(dataDir, LIBRARY_FILE_NAME), 'utf8');
    await assertGlossError(call(), 'invalid-input', message);
    assert.deepEqual(await service.listAnnotations({ documentId: SAMPLE_ID }), []);
    assert.equal(await readFile(join(dataDir, LIBRARY_FILE_NAME), 'utf8'), before, 'the data file is untouched');
  }

  test('refuses a theme that is not in the codebook', async () => {
    await assertInvalid(() => service.createAnnotation(inputFor('canola', ['trade', 'economy'])), /Unknown theme "economy"/);
  });

  test('refuses a theme id that is not a theme id at all', async () => {
    await assertInvalid(() => service.createAnnotation(inputFor('canola', ['Trade'])), /themes\.0: must be a theme id/);
  });

  test('refuses an empty list of themes', async () => {
    await assertInvalid(() => service.createAnnotation(inputFor('canola', [])), /themes: needs at least one theme/);
  });

  test('refuses a theme listed twice', async () => {
    await assertInvalid(() => service.createAnnotation(inputFor('canola', ['trade', 'trade'])), /themes: lists a theme twice/);
  });

  test('refuses offsets past the end of the document', async () => {
    const length = SAMPLE_TEXT.length;
    const input = inputFor('canola');
    input.target.selector = [
      { type: 'TextPositionSelector', start: length - 8, end: length + 5 },
      { type: 'TextQuoteSelector', exact: SAMPLE_TEXT.slice(length - 8), prefix: '', suffix: '' },
    ];
    await assertInvalid(
      () => service.createAnnotation(input),
      new RegExp(`ends at ${length + 5}, past the end of the document \\(${length}\\)`),
    );
  });

  test('refuses a quote that does not match the text at the given position', async () => {
    const input = inputFor('canola');
    input.target.selector[1] = { ...input.target.selector[1], exact: 'banana' };
    await assertInvalid(() => service.createAnnotation(input), /quote does not match the document text/);
  });

  test('refuses a position that starts at or after its end, or is negative or fractional', async () => {
    for (const [start, end] of [
      [10, 10],
      [12, 10],
      [-1, 5],
      [1.5, 5],
    ] as const) {
      const input = inputFor('canola');
      input.target.selector[0] = { type: 'TextPositionSelector', start, end };
      await assertInvalid(() => service.createAnnotation(input), /Invalid input for createAnnotation: target\.selector\.0/);
    }
  });

  test('refuses a target that names another document than the annotation', async () => {
    const input = inputFor('canola');
    input.target.source = 'another-document';
    await assertInvalid(() => service.createAnnotation(input), /target names another document/);
  });

  test('refuses unknown extra fields, at the top and inside a selector', async () => {
    await assertInvalid(
      () => service.createAnnotation({ ...inputFor('canola'), colour: 'red' } as CreateAnnotationInput),
      /colour: Invalid key/,
    );
    const input = inputFor('canola');
    (input.target.selector[1] as unknown as Record<string, unknown>).refinedBy = {};
    await assertInvalid(() => service.createAnnotation(input), /refinedBy: Invalid key/);
  });

  test('refuses a "__proto__" key such as JSON.parse produces', async () => {
    const input = JSON.parse(JSON.stringify(inputFor('canola')).replace(/^\{/, '{"__proto__":{"isAdmin":true},'));
    assert.ok(Object.prototype.hasOwnProperty.call(input, '__proto__'), 'the key is an own property');
    await assertInvalid(() => service.createAnnotation(input), /the key "__proto__" is not allowed/);
    const update = JSON.parse('{"id":"abc","note":"x","__proto__":{"note":"y"}}');
    await assertGlossError(service.updateAnnotation(update), 'invalid-input', /__proto__/);
  });

  test(`refuses a note over ${MAX_NOTE_CHARS} characters but accepts one of exactly that length`, async () => {
    await assertInvalid(
      () => service.createAnnotation(inputFor('canola', ['trade'], 'x'.repeat(MAX_NOTE_CHARS + 1))),
      /note: is longer than 100000 characters/,
    );
    const created = await service.createAnnotation(inputFor('canola', ['trade'], 'y'.repeat(MAX_NOTE_CHARS)));
    await assertGlossError(
      service.updateAnnotation({ id: created.id, note: 'z'.repeat(MAX_NOTE_CHARS + 1) }),
      'invalid-input',
      /longer than 100000/,
    );
    assert.equal((await service.listAnnotations({ documentId: SAMPLE_ID }))[0]!.note.length, MAX_NOTE_CHARS);
  });

  test('refuses input that is not an object', async () => {
    for (const input of [null, 'canola', 42, [], undefined]) {
      await assertInvalid(() => service.createAnnotation(input as unknown as CreateAnnotationInput), /Invalid input for createAnnotation/);
    }
  });

  test('refuses an id made of characters an id may not have', async () => {
    await assertGlossError(service.listAnnotations({ documentId: '../../../etc/passwd' }), 'invalid-input', /documentId: must be an id/);
    await assertGlossError(service.deleteAnnotation({ id: '' }), 'invalid-input', /id: must be an id/);
  });

  test('refuses arguments to a method that takes none', async () => {
    await assertGlossError(
      service.getStatus({ verbose: true } as unknown as Record<string, never>),
      'invalid-input',
      /verbose: Invalid key/,
    );
  });

  test('refuses an update that changes nothing, or brings an unknown theme, leaving the annotation as it was', async () => {
    const created = await service.createAnnotation(inputFor('canola', ['trade'], 'kept'));
    await assertGlossError(service.updateAnnotation({ id: created.id }), 'invalid-input', /changes nothing/);
    await assertGlossError(
      service.updateAnnotation({ id: created.id, themes: ['economy'], note: 'changed' }),
      'invalid-input',
      /Unknown theme "economy"/,
    );
    await assertGlossError(service.updateAnnotation({ id: created.id, themes: [] }), 'invalid-input', /at least one theme/);
    assert.deepEqual(await service.listAnnotations({ documentId: SAMPLE_ID }), [created]);
    assert.deepEqual((await readDataFile()).annotations, [created]);
  });

  test('refuses to restore an annotation with extra fields or a malformed timestamp', async () => {
    const created = await service.createAnnotation(inputFor('canola', ['trade']));
    await service.deleteAnnotation({ id: created.id });
    await assertInvalid(
      () => service.restoreAnnotation({ annotation: { ...created, extra: 1 } as unknown as Annotation }),
      /annotation\.extra: Invalid key/,
    );
    await assertInvalid(
      () => service.restoreAnnotation({ annotation: { ...created, created: 'yesterday' } }),
      /annotation\.created: must be an ISO 8601 UTC time/,
    );
  });
});

describe('unknown ids', () => {
  test('answers not-found for an unknown annotation id on update and delete', async () => {
    const service = await openService();
    await assertGlossError(service.updateAnnotation({ id: 'nope', note: 'x' }), 'not-found', /No annotation with id "nope"/);
    await assertGlossError(service.deleteAnnotation({ id: 'nope' }), 'not-found', /No annotation with id "nope"/);
  });

  test('answers not-found for an unknown document when opening, listing or annotating it', async () => {
    const service = await openService();
    await assertGlossError(service.openDocument({ documentId: 'missing' }), 'not-found', /No document with id "missing"/);
    await assertGlossError(service.listAnnotations({ documentId: 'missing' }), 'not-found', /No document with id "missing"/);
    const input = inputFor('canola');
    input.documentId = 'missing';
    input.target.source = 'missing';
    await assertGlossError(service.createAnnotation(input), 'not-found', /No document with id "missing"/);
  });

  test('answers not-found when deleting an annotation a second time', async () => {
    const service = await openService();
    const created = await service.createAnnotation(inputFor('canola', ['trade']));
    await service.deleteAnnotation({ id: created.id });
    await assertGlossError(service.deleteAnnotation({ id: created.id }), 'not-found', /No annotation/);
  });
});

describe('an unreadable library file', () => {
  const GARBAGE = Buffer.from([0x00, 0xff, 0xfe, 0x7b, 0x22, 0x73, 0x63, 0x68, 0x65, 0x6d, 0x61, 0x80, 0x81, 0x0a, 0xc3, 0x28]);

  async function asideFiles(): Promise<string[]> {
    return (await readdir(dataDir)).filter((name) => /^gloss-library\.unreadable-.*\.json$/.test(name)).sort();
  }

  test('is moved aside with its bytes intact, reported in the status, and replaced by a fresh store', async () => {
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, LIBRARY_FILE_NAME), GARBAGE);
    const service = await openService({ now: () => new Date('2025-04-05T06:07:08.009Z') });

    const aside = await asideFiles();
    assert.deepEqual(aside, ['gloss-library.unreadable-2025-04-05T06-07-08-009Z.json']);
    assert.deepEqual(await readFile(join(dataDir, aside[0]!)), GARBAGE, 'the original bytes are kept');

    const { notices } = await service.getStatus({});
    assert.equal(notices.length, 1);
    assert.match(notices[0]!, /could not be read/);
    assert.ok(notices[0]!.includes(join(dataDir, aside[0]!)), 'the notice names where the file was kept');

    const fresh = await readDataFile();
    assert.equal(fresh.schemaVersion, 1);
    assert.deepEqual(fresh.annotations, []);
    assert.deepEqual(await service.listAnnotations({ documentId: SAMPLE_ID }), []);
  });

  test('is moved aside when it is valid JSON of another shape', async () => {
    await mkdir(dataDir, { recursive: true });
    const odd = JSON.stringify({ schemaVersion: 1, documents: 'none', codebook: [], annotations: [], extra: true });
    await writeFile(join(dataDir, LIBRARY_FILE_NAME), odd);
    const service = await openService();
    const aside = await asideFiles();
    assert.equal(aside.length, 1);
    assert.equal(await readFile(join(dataDir, aside[0]!), 'utf8'), odd);
    assert.match((await service.getStatus({})).notices[0]!, /does not have the shape of a Gloss library file/);
    assert.equal((await readDataFile()).schemaVersion, 1);
  });

  test('opens a file from a newer Gloss read-only, never rewriting it', async () => {
    await mkdir(dataDir, { recursive: true });
    const future = JSON.stringify({ schemaVersion: 2, documents: [], codebook: [], annotations: [], extra: true });
    await writeFile(join(dataDir, LIBRARY_FILE_NAME), future);
    const service = await openService();
    assert.deepEqual(await asideFiles(), []);
    const status = await service.getStatus({});
    assert.match(status.readOnly ?? '', /newer Gloss \(schema version 2/);
    assert.match(status.notices[0]!, /read-only/);
    await assertGlossError(
      service.importDocument({ fileName: 'a.txt', dataBase64: Buffer.from('T\nP').toString('base64') }),
      'read-only',
      /newer Gloss/,
    );
    await service.close();
    assert.equal(await readFile(join(dataDir, LIBRARY_FILE_NAME), 'utf8'), future, 'the newer file is untouched');
  });

  test('is moved aside when it is empty', async () => {
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, LIBRARY_FILE_NAME), '');
    const service = await openService();
    assert.equal((await asideFiles()).length, 1);
    assert.equal((await service.getStatus({})).notices.length, 1);
  });

  test('is never overwritten: a later unreadable file is kept beside the earlier one', async () => {
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, LIBRARY_FILE_NAME), GARBAGE);
    const first = await openService({ now: () => new Date('2025-04-05T06:07:08.009Z') });
    await first.close();
    await writeFile(join(dataDir, LIBRARY_FILE_NAME), 'second garbage {');
    await openService({ now: () => new Date('2025-04-05T06:07:09.000Z') });
    const aside = await asideFiles();
    assert.equal(aside.length, 2);
    assert.deepEqual(await readFile(join(dataDir, aside[0]!)), GARBAGE);
    assert.equal(await readFile(join(dataDir, aside[1]!), 'utf8'), 'second garbage {');
  });

  test('is never overwritten even when two unreadable files are set aside within the same millisecond', async () => {
    const sameInstant = () => new Date('2025-04-05T06:07:08.009Z');
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, LIBRARY_FILE_NAME), GARBAGE);
    const first = await openService({ now: sameInstant });
    await first.close();
    await writeFile(join(dataDir, LIBRARY_FILE_NAME), 'second garbage {');
    await openService({ now: sameInstant });
    const aside = await asideFiles();
    assert.equal(aside.length, 2, `both unreadable files are kept, found ${JSON.stringify(aside)}`);
  });

  test('leaves a readable data file alone and reports nothing', async () => {
    const first = await openService();
    const created = await first.createAnnotation(inputFor('canola', ['trade']));
    await first.close();
    const second = await openService();
    assert.deepEqual(await asideFiles(), []);
    assert.deepEqual((await second.getStatus({})).notices, []);
    assert.deepEqual(await second.listAnnotations({ documentId: SAMPLE_ID }), [created]);
  });
});

describe('a failed write', () => {
  /** Replaces the data folder by a regular file, so opening the temporary file inside it fails with ENOTDIR. */
  async function breakDataFolder(): Promise<void> {
    await rm(dataDir, { recursive: true, force: true });
    await writeFile(dataDir, 'not a folder');
  }

  async function repairDataFolder(): Promise<void> {
    await rm(dataDir, { force: true });
    await mkdir(dataDir);
  }

  test('reports a storage error and leaves the annotations in memory as they were, for every kind of change', async () => {
    const service = await openService();
    const kept = await service.createAnnotation(inputFor('canola', ['trade'], 'original note'));
    const deletedEarlier = await service.createAnnotation(inputFor('Huawei', ['security']));
    await service.deleteAnnotation({ id: deletedEarlier.id });
    const before = await service.listAnnotations({ documentId: SAMPLE_ID });
    assert.deepEqual(before, [kept]);

    await breakDataFolder();
    const storage = /Not saved: the data folder is gone/;
    await assertGlossError(service.createAnnotation(inputFor('Wang Yi', ['diplomacy'])), 'storage', storage);
    assert.deepEqual(await service.listAnnotations({ documentId: SAMPLE_ID }), before, 'create rolled back');

    await assertGlossError(service.updateAnnotation({ id: kept.id, note: 'changed', themes: ['security'] }), 'storage', storage);
    assert.deepEqual(await service.listAnnotations({ documentId: SAMPLE_ID }), before, 'update rolled back');

    await assertGlossError(service.deleteAnnotation({ id: kept.id }), 'storage', storage);
    assert.deepEqual(await service.listAnnotations({ documentId: SAMPLE_ID }), before, 'delete rolled back');

    await assertGlossError(service.restoreAnnotation({ annotation: deletedEarlier }), 'storage', storage);
    assert.deepEqual(await service.listAnnotations({ documentId: SAMPLE_ID }), before, 'restore rolled back');
    assert.equal((await service.listDocuments({}))[0]!.annotationCount, 1);
  });

  test('does not block later writes: once the folder is back, changes are saved again', async () => {
    const service = await openService();
    const kept = await service.createAnnotation(inputFor('canola', ['trade']));
    await breakDataFolder();
    await assertGlossError(service.createAnnotation(inputFor('Wang Yi', ['diplomacy'])), 'storage', /the data folder is gone/);
    await repairDataFolder();
    const added = await service.createAnnotation(inputFor('Huawei', ['security']));
    assert.deepEqual(
      await service.listAnnotations({ documentId: SAMPLE_ID }),
      [kept, added].sort((a, b) => a.target.selector[0].start - b.target.selector[0].start),
    );
    await service.close();
    const onDisk: Annotation[] = (await readDataFile()).annotations;
    assert.deepEqual(onDisk.map((a) => a.id).sort(), [kept.id, added.id].sort());
    assert.equal((await readDataFile()).schemaVersion, 1);
  });

  test('rolls back only its own change when another change was made while it was being written', async () => {
    // The next write fails as a disk error would; later writes go through.
    let armed = false;
    const service = await openService({
      fs: faultyFileOps(nodeFileOps, () => (armed ? ((armed = false), { on: 'write', code: 'EIO' }) : null)),
    });
    armed = true;
    const failing = service.createAnnotation(inputFor('canola', ['trade']));
    const succeeding = service.createAnnotation(inputFor('Huawei', ['security']));
    await assertGlossError(failing, 'storage', /input\/output error/);
    const saved = await succeeding;
    const listed = await service.listAnnotations({ documentId: SAMPLE_ID });
    assert.deepEqual(
      listed.map((a) => a.id),
      [saved.id],
      'the change that was acknowledged is still there, the failed one is not',
    );
    await service.close();
    const onDisk: Annotation[] = (await readDataFile()).annotations;
    assert.deepEqual(
      onDisk.map((a) => a.id),
      listed.map((a) => a.id),
      'memory and disk agree',
    );
  });
});

describe('a JSON-LD round trip through an empty data folder', () => {
  test('exports the annotations, imports them into a new folder, and exports the same annotations again', async () => {
    const first = await openService();
    const a = await first.createAnnotation(inputFor('canola', ['trade'], 'Export controls.\nSecond line.'));
    const b = await first.createAnnotation(inputFor('China and Canada', ['diplomacy', 'security'], '', 1));
    const exported = await first.exportReport({ documentId: SAMPLE_ID, format: 'jsonld' });
    await first.close();

    dataDir = join(root, 'second-folder');
    const second = await openService();
    const result = await second.importAnnotations({ fileName: 'export.jsonld', dataBase64: exported.dataBase64 });
    assert.deepEqual(
      { created: result.created, skipped: result.skipped, failures: result.failures },
      { created: 2, skipped: 0, failures: [] },
    );
    const imported = await second.listAnnotations({ documentId: SAMPLE_ID });
    const shape = (x: Annotation) => ({ id: x.id, themes: x.themes, note: x.note, target: x.target });
    assert.deepEqual(imported.map(shape), [a, b].sort((x, y) => x.target.selector[0].start - y.target.selector[0].start).map(shape));
    const again = await second.exportReport({ documentId: SAMPLE_ID, format: 'jsonld' });
    const items = (base64: string) =>
      (JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as { first: { items: unknown[] } }).first.items;
    assert.deepEqual(items(again.dataBase64), items(exported.dataBase64));
    const twice = await second.importAnnotations({ fileName: 'export.jsonld', dataBase64: exported.dataBase64 });
    assert.equal(twice.created, 0);
    assert.equal(twice.skipped, 2);
  });
});
