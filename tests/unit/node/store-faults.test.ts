// Fault injection: a full disk, a denied permission or a failed flush rejects the change, leaves what is on disk intact, and a retry succeeds once the fault is gone.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { describeRange } from '../../../annotations/anchoring/anchor';
import type { CreateAnnotationInput } from '../../../annotations/contract';
import { parsePlainText } from '../../../annotations/document';
import { GlossError } from '../../../annotations/errors';
import { faultyFileOps, nodeFileOps, type Fault, type FileOps } from '../../../annotations/node/file-ops';
import { DATA_FILE_NAME, GlossService, type ServiceOptions } from '../../../annotations/node/service';
import { JOURNAL_FILE_NAME, readDataFolder } from '../../../annotations/node/store';
import { DataFileSchema } from '../../../annotations/schemas';

const SAMPLE_ID = 'canada-china-trust';
const SAMPLE_RAW = await readFile(fileURLToPath(new URL('../../../samples/canada-china-trust.txt', import.meta.url)), 'utf8');
const SAMPLE_TEXT = parsePlainText(SAMPLE_RAW).text;

let root: string;
let dataDir: string;
let file: string;
let fault: Fault | null;
const services: GlossService[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-faults-'));
  dataDir = join(root, 'data');
  file = join(dataDir, DATA_FILE_NAME);
  fault = null;
});

afterEach(async () => {
  for (const s of services.splice(0)) await s.close().catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

async function open(fs: FileOps = faultyFileOps(nodeFileOps, () => fault), options: Partial<ServiceOptions> = {}): Promise<GlossService> {
  const service = await GlossService.open({
    freeze: true,
    dataDir,
    edition: 'desktop',
    version: 'test',
    samples: [{ id: SAMPLE_ID, source: 'bundled sample', text: SAMPLE_RAW }],
    fs,
    lock: false,
    // Faults in the writes of one file: the split layout's files are each this file (its own faults: store-split-layout).
    layout: 'single',
    ...options,
  });
  services.push(service);
  return service;
}

function inputFor(start: number, end: number, note = ''): CreateAnnotationInput {
  return {
    documentId: SAMPLE_ID,
    target: { source: SAMPLE_ID, selector: describeRange(SAMPLE_TEXT, start, end) },
    themes: ['trade'],
    note,
  };
}

async function tempFiles(): Promise<string[]> {
  return (await readdir(dataDir)).filter((name) => name.endsWith('.tmp'));
}

/** What is durable: the data file with its journal replayed, as reopening the folder reads it. */
async function onDisk(): Promise<v.InferOutput<typeof DataFileSchema>> {
  assert.ok(v.safeParse(DataFileSchema, JSON.parse(await readFile(file, 'utf8'))).success, 'the data file validates');
  const checked = v.safeParse(DataFileSchema, (await readDataFolder(dataDir)).raw);
  assert.ok(checked.success, 'the data file with its journal replayed validates');
  return checked.output;
}

async function journalBytes(): Promise<Buffer | null> {
  return readFile(join(dataDir, JOURNAL_FILE_NAME)).catch(() => null);
}

async function rejection(promise: Promise<unknown>): Promise<GlossError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GlossError, `a GlossError, not ${String(error)}`);
    return error;
  }
  assert.fail('the change was acknowledged despite the fault');
}

/**
 * Write and flush faults hit the journal append that saves an edit; the rename fault hits the
 * rewrite of the data file, so it is tried with a store that rewrites it on every save.
 */
const FAULTS: Array<{ fault: Fault; words: string; options?: Partial<ServiceOptions> }> = [
  { fault: { on: 'write', code: 'ENOSPC' }, words: 'the disk is full' },
  { fault: { on: 'write', code: 'EACCES' }, words: 'permission was denied' },
  { fault: { on: 'sync', code: 'EIO' }, words: 'input/output error' },
  { fault: { on: 'write', code: 'ENOSPC' }, words: 'the disk is full', options: { journal: { compactAboveBytes: 0 } } },
  { fault: { on: 'rename', code: 'EPERM' }, words: 'permission was denied', options: { journal: { compactAboveBytes: 0 } } },
];

type Change = {
  name: string;
  /** Runs the change against a service holding one annotation `existing`; answers a check of its effect on disk. */
  run(service: GlossService, existing: string): Promise<unknown>;
  landed(data: v.InferOutput<typeof DataFileSchema>, existing: string): boolean;
};

const CHANGES: Change[] = [
  {
    name: 'creating a highlight',
    run: (s) => s.createAnnotation(inputFor(100, 130, 'second')),
    landed: (data) => data.annotations.some((a) => a.note === 'second'),
  },
  {
    name: 'changing a note',
    run: (s, id) => s.updateAnnotation({ id, note: 'rewritten' }),
    landed: (data, id) => data.annotations.find((a) => a.id === id)?.note === 'rewritten',
  },
  {
    name: 'deleting a highlight',
    run: (s, id) => s.deleteAnnotation({ id }),
    landed: (data, id) => !data.annotations.some((a) => a.id === id),
  },
  {
    name: 'importing a document',
    run: (s) => s.importDocument({ fileName: 'notes.txt', dataBase64: Buffer.from('Title\nBody').toString('base64') }),
    landed: (data) => data.documents.some((d) => d.source === 'notes.txt'),
  },
];

describe('a write that fails', () => {
  for (const { fault: injected, words, options } of FAULTS) {
    for (const change of CHANGES) {
      const where = options ? ' of the data file (no journal)' : '';
      test(`rejects ${change.name} on ${injected.code} during ${injected.on}${where} saying "${words}", keeps the files, and succeeds on retry`, async () => {
        const service = await open(undefined, options);
        const first = await service.createAnnotation(inputFor(10, 40, 'first'));
        const bytesBefore = await readFile(file);
        const journalBefore = await journalBytes();
        const annotationsBefore = await service.listAnnotations({ documentId: SAMPLE_ID });
        const documentsBefore = await service.listDocuments({});

        fault = injected;
        const error = await rejection(change.run(service, first.id));
        assert.equal(error.code, 'storage');
        assert.match(error.message, new RegExp(words));
        assert.match(error.message, /^Not saved/);

        assert.deepEqual(await readFile(file), bytesBefore, 'the previous file is byte-identical');
        assert.deepEqual(await journalBytes(), journalBefore, 'the journal is as it was: no partial line');
        assert.deepEqual(await tempFiles(), [], 'no temp file is left');
        assert.deepEqual(
          await service.listAnnotations({ documentId: SAMPLE_ID }),
          annotationsBefore,
          'annotations in memory are unchanged',
        );
        assert.deepEqual(await service.listDocuments({}), documentsBefore, 'documents in memory are unchanged');

        fault = null;
        await change.run(service, first.id);
        assert.ok(change.landed(await onDisk(), first.id), 'the retried change is on disk');
        assert.deepEqual(await tempFiles(), []);

        // And a fresh open reads back exactly what the service answered.
        const annotationsAfter = await service.listAnnotations({ documentId: SAMPLE_ID });
        const documentsAfter = await service.listDocuments({});
        await service.close();
        const reopened = await open(nodeFileOps);
        assert.deepEqual(await reopened.listAnnotations({ documentId: SAMPLE_ID }), annotationsAfter);
        assert.deepEqual(await reopened.listDocuments({}), documentsAfter);
      });
    }
  }

  test('rejects every change of a batch that was being written together, and keeps none of them', async () => {
    const service = await open();
    await service.createAnnotation(inputFor(10, 40, 'first'));
    const bytesBefore = await readFile(file);
    fault = { on: 'write', code: 'ENOSPC' };
    const results = await Promise.allSettled(
      [10, 20, 30, 40, 50].map((n) => service.createAnnotation(inputFor(200 + n, 230 + n, `n${n}`))),
    );
    assert.ok(results.every((r) => r.status === 'rejected' && (r.reason as GlossError).code === 'storage'));
    assert.deepEqual(await readFile(file), bytesBefore);
    assert.equal((await service.listAnnotations({ documentId: SAMPLE_ID })).length, 1);
  });

  test('keeps the distinct older backups through repeated failed saves', async () => {
    let ms = Date.parse('2025-03-01T09:00:00.000Z');
    const service = await GlossService.open({
      freeze: true,
      dataDir,
      edition: 'desktop',
      version: 'test',
      samples: [{ id: SAMPLE_ID, source: 'bundled sample', text: SAMPLE_RAW }],
      fs: faultyFileOps(nodeFileOps, () => fault),
      lock: false,
      layout: 'single',
      now: () => new Date((ms += 1000)),
      // Backups are kept when the data file is rewritten: here on every save.
      journal: { compactAboveBytes: 0 },
    });
    services.push(service);
    for (let i = 0; i < 6; i += 1) await service.createAnnotation(inputFor(i * 10, i * 10 + 5));
    assert.deepEqual(
      (await service.listBackups({})).map((b) => b.annotationCount),
      [5, 4, 3, 2, 1],
    );
    // A file another program holds open (an antivirus, an indexer) fails the rename again and again.
    fault = { on: 'rename', code: 'EPERM' };
    for (let i = 0; i < 6; i += 1)
      await assert.rejects(service.createAnnotation(inputFor(300 + i * 10, 305 + i * 10)), { code: 'storage' });
    assert.deepEqual(
      (await service.listBackups({})).map((b) => b.annotationCount),
      [6, 5, 4, 3, 2],
      'one backup of the unchanged file, not six',
    );
    fault = null;
    await service.createAnnotation(inputFor(500, 505));
    // The save that finally succeeds does not keep the same version a second time.
    assert.deepEqual(
      (await service.listBackups({})).map((b) => b.annotationCount),
      [6, 5, 4, 3, 2],
    );
    assert.equal((await onDisk()).annotations.length, 7);
    await service.createAnnotation(inputFor(520, 525));
    assert.deepEqual(
      (await service.listBackups({})).map((b) => b.annotationCount),
      [7, 6, 5, 4, 3],
      'and the next save keeps the one before it',
    );
  });

  test('refuses to open when the bundled sample cannot be written, and leaves no file behind', async () => {
    fault = { on: 'write', code: 'ENOSPC' };
    await assert.rejects(
      open(),
      (error: unknown) => error instanceof GlossError && error.code === 'storage' && /disk is full/.test(error.message),
    );
    assert.deepEqual(await readdir(dataDir), []);
  });
});

describe('a burst of changes', () => {
  test('costs at most 3 writes for 100 changes made at once', async () => {
    // A durable write is a flush of a written file: a journal append or a rewrite of the data file.
    let flushes = 0;
    const counting: FileOps = {
      ...nodeFileOps,
      open: (async (...args: Parameters<FileOps['open']>) => {
        const handle = await nodeFileOps.open(...args);
        if (args[1] === 'r') return handle;
        const { sync, datasync } = handle;
        handle.sync = () => ((flushes += 1), sync.call(handle));
        handle.datasync = () => ((flushes += 1), datasync.call(handle));
        return handle;
      }) as FileOps['open'],
    };
    const service = await open(counting);
    flushes = 0;
    const created = await Promise.all(
      Array.from({ length: 100 }, (_, i) => service.createAnnotation(inputFor(i * 10, i * 10 + 8, `burst ${i}`))),
    );
    assert.equal(new Set(created.map((a) => a.id)).size, 100);
    assert.ok(flushes >= 1 && flushes <= 3, `100 changes took ${flushes} writes`);
    assert.equal((await onDisk()).annotations.length, 100, 'all 100 are on disk when the last is acknowledged');
  });

  test('acknowledges nothing before it is on disk: each resolved change is already in the file', async () => {
    const service = await open();
    const checks = Array.from({ length: 20 }, (_, i) =>
      service.createAnnotation(inputFor(i * 10, i * 10 + 8, `ack ${i}`)).then(async (a) => {
        const data = (await readDataFolder(dataDir)).raw as { annotations: Array<{ id: string }> };
        return data.annotations.some((x) => x.id === a.id);
      }),
    );
    assert.deepEqual(await Promise.all(checks), Array(20).fill(true));
  });
});
