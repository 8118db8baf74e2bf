// Corruption corpus, migration and backups: an unreadable data file is kept aside and reported, Gloss starts from the newest good backup, nothing is overwritten.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import * as v from 'valibot';
import { describeRange } from '../../../annotations/anchoring/anchor';
import { DEFAULT_CODEBOOK } from '../../../annotations/codebook';
import { parsePlainText } from '../../../annotations/document';
import { GlossError } from '../../../annotations/errors';
import { BACKUP_DIR, backupsToPrune, KEEP_DAYS, KEEP_RECENT, type BackupInfo } from '../../../annotations/node/backups';
import { DATA_FILE_NAME, GlossService, type ServiceOptions } from '../../../annotations/node/service';
import { Store, type Migration } from '../../../annotations/node/store';
import { DataFileSchema } from '../../../annotations/schemas';
import { Random } from '../../bench/prng';

const SAMPLE_ID = 'canada-china-trust';
const SAMPLE_RAW = await readFile(fileURLToPath(new URL('../../../samples/canada-china-trust.txt', import.meta.url)), 'utf8');
const SAMPLE_TEXT = parsePlainText(SAMPLE_RAW).text;

type DataFile = v.InferOutput<typeof DataFileSchema>;

let root: string;
let dataDir: string;
let file: string;
let clock: () => Date;
const services: GlossService[] = [];

/** One second later on every reading, so backup names and set-aside names never collide. */
function steppingClock(startIso: string): () => Date {
  let ms = Date.parse(startIso);
  return () => new Date((ms += 1000));
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-corruption-'));
  dataDir = join(root, 'data');
  file = join(dataDir, DATA_FILE_NAME);
  clock = steppingClock('2025-03-01T09:00:00.000Z');
});

afterEach(async () => {
  for (const s of services.splice(0)) await s.close().catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

async function open(options: Partial<ServiceOptions> = {}): Promise<GlossService> {
  const service = await GlossService.open({
    freeze: true,
    dataDir,
    edition: 'desktop',
    version: 'test',
    samples: [{ id: SAMPLE_ID, source: 'bundled sample', text: SAMPLE_RAW }],
    now: clock,
    lock: false,
    // The single data file's recovery, case by case: each file of the split layout is the same JournalledFile,
    // and the library file's and a document file's recovery are in store-split-layout.test.ts.
    layout: 'single',
    ...options,
  });
  services.push(service);
  return service;
}

async function closeAll(): Promise<void> {
  for (const s of services.splice(0)) await s.close();
}

function create(service: GlossService, start: number, note: string) {
  return service.createAnnotation({
    documentId: SAMPLE_ID,
    target: { source: SAMPLE_ID, selector: describeRange(SAMPLE_TEXT, start, start + 25) },
    themes: ['diplomacy'],
    note,
  });
}

function parseData(text: string): DataFile {
  const checked = v.safeParse(DataFileSchema, JSON.parse(text));
  assert.ok(checked.success, 'validates against DataFileSchema');
  return checked.output;
}

/**
 * Works in several sessions so that backups exist (each close folds the journal into the data file,
 * keeping the one it replaces); answers the data file's text and the newest backup's data.
 */
async function makeHistory(): Promise<{ text: string; newestBackup: DataFile; backupNames: string[] }> {
  for (let i = 0; i < 4; i += 1) {
    await create(await open(), 50 + i * 40, `note ${i}`);
    await closeAll();
  }
  const backupNames = (await readdir(join(dataDir, BACKUP_DIR))).sort().reverse();
  assert.ok(backupNames.length >= 3, 'writing several times made backups');
  const newestBackup = parseData(await readFile(join(dataDir, BACKUP_DIR, backupNames[0]!), 'utf8'));
  return { text: await readFile(file, 'utf8'), newestBackup, backupNames };
}

/** Replaces the data file (a new inode, so no backup hard link sees the damage). */
async function replaceDataFile(bytes: Uint8Array | string): Promise<void> {
  await rm(file, { force: true });
  await writeFile(file, bytes);
}

function randomBytes(seed: number, length: number): Buffer {
  const random = new Random(seed);
  return Buffer.from(Array.from({ length }, () => random.int(0, 255)));
}

function validFile(): Record<string, unknown> {
  const doc = { id: SAMPLE_ID, source: 'bundled sample', added: '2025-01-01T00:00:00.000Z', ...parsePlainText(SAMPLE_RAW) };
  const annotation = {
    id: 'a1',
    documentId: SAMPLE_ID,
    target: { source: SAMPLE_ID, selector: describeRange(SAMPLE_TEXT, 10, 30) },
    themes: ['trade'],
    note: 'kept',
    created: '2025-01-01T00:00:00.000Z',
    modified: '2025-01-01T00:00:00.000Z',
  };
  return { schemaVersion: 1, documents: [doc], codebook: structuredClone(DEFAULT_CODEBOOK), annotations: [annotation] };
}

function withAnnotation(change: (a: Record<string, unknown>) => void): string {
  const data = validFile();
  change((data.annotations as Array<Record<string, unknown>>)[0]!);
  return JSON.stringify(data);
}

/** Each damaged file, built from the real data file's text. */
const CORPUS: Array<{ name: string; bytes: (real: string) => Uint8Array | string }> = [
  { name: 'an empty file', bytes: () => '' },
  { name: 'a file cut after 1 byte', bytes: (real) => real.slice(0, 1) },
  { name: 'a file cut at a tenth', bytes: (real) => real.slice(0, Math.floor(real.length / 10)) },
  { name: 'a file cut in half', bytes: (real) => real.slice(0, Math.floor(real.length / 2)) },
  { name: 'a file missing its last byte', bytes: (real) => real.slice(0, -1) },
  { name: 'a NUL-filled file', bytes: (real) => Buffer.alloc(Buffer.byteLength(real)) },
  { name: 'random bytes', bytes: () => randomBytes(7, 4096) },
  { name: 'JSON that is an array', bytes: () => '[]' },
  { name: 'JSON that is a string', bytes: () => '"gloss"' },
  { name: 'JSON null', bytes: () => 'null' },
  { name: 'an object without a schema version', bytes: () => '{"documents":[],"annotations":[]}' },
  { name: 'schema version 0', bytes: () => JSON.stringify({ ...validFile(), schemaVersion: 0 }) },
  { name: 'a schema version as a string', bytes: () => JSON.stringify({ ...validFile(), schemaVersion: '1' }) },
  { name: 'a fractional schema version', bytes: () => JSON.stringify({ ...validFile(), schemaVersion: 1.5 }) },
  { name: 'only a schema version', bytes: () => '{"schemaVersion":1}' },
  { name: 'documents as an object', bytes: () => JSON.stringify({ ...validFile(), documents: {} }) },
  { name: 'an unknown top-level field', bytes: () => JSON.stringify({ ...validFile(), extra: true }) },
  { name: 'a __proto__ key', bytes: () => JSON.stringify(validFile()).replace('{', '{"__proto__":{"polluted":true},') },
  { name: 'an annotation whose note is a number', bytes: () => withAnnotation((a) => (a.note = 42)) },
  { name: 'an annotation with no themes', bytes: () => withAnnotation((a) => (a.themes = [])) },
  { name: 'an annotation with a bad theme id', bytes: () => withAnnotation((a) => (a.themes = ['Trade!'])) },
  {
    name: 'an annotation that ends before it starts',
    bytes: () => withAnnotation((a) => ((a.target as { selector: Array<Record<string, unknown>> }).selector[0]!.start = 99)),
  },
  { name: 'an annotation with an unknown field', bytes: () => withAnnotation((a) => (a.html = '<b>x</b>')) },
  { name: 'an annotation with a bad date', bytes: () => withAnnotation((a) => (a.created = 'yesterday')) },
  {
    name: 'duplicated annotation ids',
    bytes: () => {
      const data = validFile();
      const [a] = data.annotations as unknown[];
      data.annotations = [a, structuredClone(a)];
      return JSON.stringify(data);
    },
  },
  {
    name: 'a theme listed twice in the codebook',
    bytes: () => JSON.stringify({ ...validFile(), codebook: [...DEFAULT_CODEBOOK, DEFAULT_CODEBOOK[0]] }),
  },
  {
    name: 'a document whose blocks run past its text',
    bytes: () => {
      const data = validFile();
      (data.documents as Array<{ blocks: Array<{ end: number }> }>)[0]!.blocks.at(-1)!.end += 5;
      return JSON.stringify(data);
    },
  },
];

async function asideFiles(): Promise<string[]> {
  return (await readdir(dataDir)).filter((n) => n.startsWith('gloss-data.unreadable-'));
}

describe('an unreadable data file', () => {
  for (const damaged of CORPUS) {
    test(`with ${damaged.name}: is kept aside, reported, and Gloss starts from the newest good backup`, async () => {
      const { text, newestBackup, backupNames } = await makeHistory();
      const bytes = Buffer.from(damaged.bytes(text));
      await replaceDataFile(bytes);
      await writeFile(join(dataDir, '.gloss-data.json.424242.tmp'), '{"half":');

      const service = await open();
      const status = await service.getStatus({});
      const [aside, ...more] = await asideFiles();
      assert.ok(aside && more.length === 0, 'the damaged file is set aside once');
      assert.deepEqual(await readFile(join(dataDir, aside)), bytes, 'the original bytes are kept');
      assert.equal(status.notices.length, 1);
      const notice = status.notices[0]!;
      assert.match(notice, /could not be read/);
      assert.ok(notice.includes(join(dataDir, aside)), `the notice says where the file is: ${notice}`);
      assert.match(notice, /restored the backup of 2025-/);
      assert.equal(status.readOnly, null);

      const restored = await service.listAnnotations({ documentId: SAMPLE_ID });
      assert.deepEqual(
        restored.map((a) => a.id).sort(),
        newestBackup.annotations.map((a) => a.id).sort(),
        'the newest backup is what Gloss shows',
      );
      assert.deepEqual(parseData(await readFile(file, 'utf8')).annotations, newestBackup.annotations, 'and what is on disk');
      assert.deepEqual(
        (await readdir(join(dataDir, BACKUP_DIR))).sort().reverse().slice(0, backupNames.length),
        backupNames,
        'no backup was lost',
      );
      assert.ok(!(await readdir(dataDir)).some((n) => n.endsWith('.tmp')), 'the stale temp file is removed');

      // Work goes on normally, and the set-aside file is still untouched afterwards.
      await create(service, 600, 'after recovery');
      assert.deepEqual(await readFile(join(dataDir, aside)), bytes);
    });

    test(`with ${damaged.name} and no backup: is kept aside, reported, and Gloss starts empty`, async () => {
      const bytes = Buffer.from(damaged.bytes(JSON.stringify(validFile())));
      await mkdir(dataDir, { recursive: true });
      await writeFile(file, bytes);
      const service = await open();
      const { notices } = await service.getStatus({});
      const [aside] = await asideFiles();
      assert.ok(aside);
      assert.deepEqual(await readFile(join(dataDir, aside)), bytes);
      assert.match(notices[0] ?? '', /no good backup was found, so Gloss started with an empty store/);
      assert.ok(notices[0]!.includes(join(dataDir, aside)));
      assert.deepEqual(await service.listAnnotations({ documentId: SAMPLE_ID }), [], 'starts empty (with the bundled sample)');
      parseData(await readFile(file, 'utf8'));
    });
  }

  test('skips a damaged newest backup and restores the next good one', async () => {
    const { backupNames } = await makeHistory();
    await writeFile(join(dataDir, BACKUP_DIR, `${backupNames[0]}.tmp`), ''); // not a backup name: ignored
    await rm(join(dataDir, BACKUP_DIR, backupNames[0]!));
    await writeFile(join(dataDir, BACKUP_DIR, backupNames[0]!), '{"schemaVersion":1,');
    const second = parseData(await readFile(join(dataDir, BACKUP_DIR, backupNames[1]!), 'utf8'));
    await replaceDataFile('\0\0\0');
    const service = await open();
    assert.deepEqual(
      (await service.listAnnotations({ documentId: SAMPLE_ID })).map((a) => a.id).sort(),
      second.annotations.map((a) => a.id).sort(),
    );
    assert.deepEqual(
      (await service.listBackups({})).map((b) => b.name).includes(backupNames[0]!),
      false,
      'the damaged backup is not offered',
    );
  });

  test('opens a file two Glosses damaged on the same second under distinct names', async () => {
    const fixed = () => new Date('2025-03-01T09:00:00.000Z');
    for (let i = 0; i < 3; i += 1) {
      await mkdir(dataDir, { recursive: true });
      await writeFile(file, `broken ${i}`);
      const service = await GlossService.open({
        freeze: true,
        dataDir,
        edition: 'desktop',
        version: 'test',
        now: fixed,
        lock: false,
        layout: 'single',
      });
      await service.close();
      await rm(file, { force: true });
    }
    const names = await asideFiles();
    assert.equal(names.length, 3);
    const contents = await Promise.all(names.map((n) => readFile(join(dataDir, n), 'utf8')));
    assert.deepEqual(contents.sort(), ['broken 0', 'broken 1', 'broken 2']);
  });
});

describe('a data file from a newer Gloss', () => {
  test('is left in place, opened read-only with a clear message, and never written', async () => {
    await mkdir(dataDir, { recursive: true });
    const bytes = Buffer.from(JSON.stringify({ ...validFile(), schemaVersion: 2, somethingNew: [1, 2, 3] }));
    await writeFile(file, bytes);
    await writeFile(join(dataDir, '.gloss-data.json.7.tmp'), 'stale');
    const service = await open();
    const status = await service.getStatus({});
    assert.match(status.readOnly ?? '', /newer Gloss \(schema version 2; this Gloss knows 1\)/);
    assert.match(status.readOnly ?? '', /read-only/);
    assert.ok(status.notices.includes(status.readOnly!));
    assert.equal(status.dataFile, file, 'the status says where the file is');
    assert.deepEqual(await asideFiles(), [], 'not set aside');
    assert.ok(!(await readdir(dataDir)).includes('.gloss-data.json.7.tmp'), 'stale temp files are still cleaned');

    const refusals = await Promise.allSettled([
      service.createAnnotation({
        documentId: SAMPLE_ID,
        target: { source: SAMPLE_ID, selector: describeRange(SAMPLE_TEXT, 10, 30) },
        themes: ['trade'],
      }),
      service.importDocument({ fileName: 'a.txt', dataBase64: Buffer.from('A\nB').toString('base64') }),
      service.deleteAnnotation({ id: 'a1' }),
    ]);
    for (const r of refusals) {
      assert.equal(r.status, 'rejected');
      assert.ok(r.reason instanceof GlossError);
      assert.ok(['read-only', 'not-found'].includes(r.reason.code), r.reason.message);
    }
    assert.equal((refusals[0] as PromiseRejectedResult).reason.code, 'read-only');
    await closeAll();
    assert.deepEqual(await readFile(file), bytes, 'the newer file is byte-identical after Gloss closed');
    assert.deepEqual(await readdir(join(dataDir)).then((n) => n.filter((x) => x !== DATA_FILE_NAME)), []);
  });
});

describe('an older data file', () => {
  /** A "version 1" file of a made-up older shape: notes were called comments. */
  function olderFile(): string {
    const data = validFile();
    for (const a of data.annotations as Array<Record<string, unknown>>) {
      a.comment = a.note;
      delete a.note;
    }
    return JSON.stringify(data, null, 2);
  }
  const renameComments: Migration = (data) => ({
    ...data,
    annotations: (data.annotations as Array<Record<string, unknown>>).map(({ comment, ...rest }) => ({ ...rest, note: comment })),
  });

  test('is migrated, and the original is kept as a copy the notice names', async () => {
    await mkdir(dataDir, { recursive: true });
    const original = olderFile();
    await writeFile(file, original);
    const migrations: Migration[] = [];
    migrations[1] = renameComments;
    const store = await Store.open({ freeze: true, dataDir, now: clock, lock: false, layout: 'single', schemaVersion: 2, migrations });
    try {
      assert.equal(store.data.annotations[0]?.note, 'kept');
      const copies = (await readdir(dataDir)).filter((n) => /^gloss-data\.v1-.*\.json$/.test(n));
      assert.equal(copies.length, 1, 'one copy of the original');
      assert.equal(await readFile(join(dataDir, copies[0]!), 'utf8'), original, 'the copy is byte-identical');
      assert.equal(store.notices.length, 1);
      assert.ok(store.notices[0]!.includes(join(dataDir, copies[0]!)), store.notices[0]);
      assert.match(store.notices[0]!, /updated from schema version 1/);
      const migrated = parseData(await readFile(file, 'utf8'));
      assert.equal(migrated.annotations[0]?.note, 'kept', 'the migrated data is on disk');
      assert.equal(store.readOnly, null);
    } finally {
      await store.close();
    }
  });

  test('whose migration fails is kept aside and reported, not half-migrated', async () => {
    await mkdir(dataDir, { recursive: true });
    const original = olderFile();
    await writeFile(file, original);
    const migrations: Migration[] = [];
    migrations[1] = () => {
      throw new Error('cannot read the comments');
    };
    const store = await Store.open({ freeze: true, dataDir, now: clock, lock: false, layout: 'single', schemaVersion: 2, migrations });
    try {
      const aside = (await asideFiles())[0]!;
      assert.equal(await readFile(join(dataDir, aside), 'utf8'), original);
      assert.match(store.notices[0]!, /cannot read the comments/);
    } finally {
      await store.close();
    }
  });

  test('with no known migration for a step is kept aside and reported', async () => {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, olderFile());
    const migrations: Migration[] = [];
    migrations[1] = renameComments;
    const store = await Store.open({ freeze: true, dataDir, now: clock, lock: false, layout: 'single', schemaVersion: 3, migrations });
    try {
      assert.match(store.notices[0]!, /no migration from schema version 2 is known/);
      assert.equal((await asideFiles()).length, 1);
    } finally {
      await store.close();
    }
  });
});

describe('backups', () => {
  test('restoring one brings back its annotations and keeps the current state as a backup', async () => {
    // One highlight per session: closing folds the journal into the data file, keeping the one it replaces.
    const a1 = await create(await open(), 10, 'one');
    await closeAll();
    const a2 = await create(await open(), 60, 'two');
    await closeAll();
    const a3 = await create(await open(), 110, 'three');
    await closeAll();
    const service = await open();
    const listed = await service.listBackups({});
    assert.deepEqual(
      listed.map((b) => b.annotationCount),
      [2, 1, 0],
      'newest first, each the state before a write',
    );
    const summary = await service.restoreBackup({ name: listed[1]!.name });
    assert.equal(summary.annotationCount, 1);
    assert.deepEqual(
      (await service.listAnnotations({ documentId: SAMPLE_ID })).map((a) => a.id),
      [a1.id],
    );
    assert.deepEqual(
      parseData(await readFile(file, 'utf8')).annotations.map((a) => a.id),
      [a1.id],
    );

    const after = await service.listBackups({});
    assert.equal(after[0]!.annotationCount, 3, 'the state before the restore is now the newest backup');
    const kept = parseData(await readFile(join(dataDir, BACKUP_DIR, after[0]!.name), 'utf8'));
    assert.deepEqual(kept.annotations.map((a) => a.id).sort(), [a1.id, a2.id, a3.id].sort());

    // And that backup can itself be restored: nothing is lost by restoring.
    await service.restoreBackup({ name: after[0]!.name });
    assert.equal((await service.listAnnotations({ documentId: SAMPLE_ID })).length, 3);
  });

  test('refuses a backup that does not exist or cannot be used, with typed errors', async () => {
    await create(await open(), 10, 'one');
    await create(services[0]!, 60, 'two');
    await closeAll();
    const service = await open();
    await assert.rejects(service.restoreBackup({ name: 'gloss-data.2020-01-01T00-00-00-000Z.json' }), { code: 'not-found' });
    await assert.rejects(service.restoreBackup({ name: '../../gloss-data.json' } as never), { code: 'invalid-input' });
    const [newest] = await service.listBackups({});
    await rm(join(dataDir, BACKUP_DIR, newest!.name));
    await writeFile(join(dataDir, BACKUP_DIR, newest!.name), '[1,2');
    await assert.rejects(service.restoreBackup({ name: newest!.name }), { code: 'invalid-document' });
    assert.equal((await service.listAnnotations({ documentId: SAMPLE_ID })).length, 2, 'nothing changed');
  });

  test('a long session keeps at most the recent five plus one per day', async () => {
    // One write an hour for three days.
    let ms = Date.parse('2025-03-01T00:00:00.000Z');
    clock = () => new Date((ms += 3600_000));
    // Every save rewrites the data file here (no journal), standing for 72 compactions over three days.
    const service = await open({ journal: { compactAboveBytes: 0 } });
    for (let i = 0; i < 72; i += 1) await create(service, (i * 7) % 900, `hour ${i}`);
    const names = (await readdir(join(dataDir, BACKUP_DIR))).sort();
    assert.ok(names.length <= KEEP_RECENT + KEEP_DAYS + 1, `${names.length} backups kept`);
    const days = new Set(names.map((n) => n.slice('gloss-data.'.length, 'gloss-data.'.length + 10)));
    assert.ok(days.size >= 3, 'every day of the session still has a backup');
  });
});

describe('backupsToPrune', () => {
  const now = new Date('2025-03-10T12:00:00.000Z');
  function backupAt(iso: string, suffix = ''): BackupInfo {
    return { name: `gloss-data.${iso.replace(/[:.]/g, '-')}${suffix}.json`, created: iso };
  }
  function day(offset: number, hour: number): string {
    const d = new Date(Date.UTC(2025, 2, 10 - offset, hour));
    return d.toISOString();
  }

  test('keeps the five newest and the newest of each of the last seven days, and prunes the rest', () => {
    const all: BackupInfo[] = [];
    for (let offset = 0; offset <= 12; offset += 1) for (const hour of [1, 5, 9]) all.push(backupAt(day(offset, hour)));
    const pruned = new Set(backupsToPrune(all, now));
    const kept = all
      .filter((b) => !pruned.has(b.name))
      .map((b) => b.created)
      .sort()
      .reverse();
    assert.deepEqual(kept, [
      day(0, 9),
      day(0, 5),
      day(0, 1),
      day(1, 9),
      day(1, 5), // the five newest
      day(2, 9),
      day(3, 9),
      day(4, 9),
      day(5, 9),
      day(6, 9),
      day(7, 9), // newest of each day back to 7 days ago
    ]);
  });

  test('prunes nothing while there are five backups or fewer', () => {
    const all = [0, 20, 40, 60, 80].map((offset) => backupAt(day(offset, 3)));
    assert.deepEqual(backupsToPrune(all, now), []);
  });

  test('keeps distinct backups made in the same millisecond', () => {
    const iso = day(0, 2);
    const all = ['', '-2', '-3', '-4', '-5', '-6', '-7'].map((s) => backupAt(iso, s));
    const pruned = backupsToPrune(all, now);
    assert.equal(pruned.length, 2);
    assert.ok(pruned.every((name) => all.some((b) => b.name === name)));
  });

  test('for any set of backups keeps the newest five and each recent day’s newest, and never more', () => {
    const base = Date.parse('2025-03-10T12:00:00.000Z');
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 20 * 24 * 3600 }), { maxLength: 60 }), (secondsAgo) => {
        const all = secondsAgo.map((s) => backupAt(new Date(base - s * 1000).toISOString()));
        const pruned = new Set(backupsToPrune(all, now));
        const newestFirst = [...all].sort((a, b) => b.created.localeCompare(a.created));
        const kept = newestFirst.filter((b) => !pruned.has(b.name));
        for (const b of newestFirst.slice(0, KEEP_RECENT)) assert.ok(!pruned.has(b.name), 'one of the five newest was pruned');
        const oldestDay = new Date(base - KEEP_DAYS * 24 * 3600 * 1000).toISOString().slice(0, 10);
        const newestOfDay = new Map<string, string>();
        for (const b of newestFirst) if (!newestOfDay.has(b.created.slice(0, 10))) newestOfDay.set(b.created.slice(0, 10), b.name);
        for (const [d, name] of newestOfDay) if (d >= oldestDay) assert.ok(!pruned.has(name), `the newest of ${d} was pruned`);
        assert.ok(kept.length <= KEEP_RECENT + KEEP_DAYS + 1);
        for (const b of kept) {
          const recent = newestFirst.indexOf(b) < KEEP_RECENT;
          const dayNewest = newestOfDay.get(b.created.slice(0, 10)) === b.name && b.created.slice(0, 10) >= oldestDay;
          assert.ok(recent || dayNewest, `${basename(b.name)} was kept for no reason`);
        }
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});
