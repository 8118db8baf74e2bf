// The store's write-ahead journal: each edit is one durable append, replay on open gives back the same data, torn and
// damaged journals are handled, compaction folds the journal into the data file, and failures roll back cleanly.
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import * as v from 'valibot';
import type { Annotation } from '../../../annotations/annotation';
import { describeRange } from '../../../annotations/anchoring/anchor';
import type { CreateAnnotationInput } from '../../../annotations/contract';
import { parsePlainText } from '../../../annotations/document';
import { GlossError } from '../../../annotations/errors';
import { BACKUP_DIR } from '../../../annotations/node/backups';
import { faultyFileOps, nodeFileOps, type Fault, type FileOps } from '../../../annotations/node/file-ops';
import { parseJournal } from '../../../annotations/node/journal-format';
import { GlossService, type ServiceOptions } from '../../../annotations/node/service';
import { DATA_FILE_NAME, JOURNAL_FILE_NAME, readDataFolder, Store, type StoreData } from '../../../annotations/node/store';
import { DataFileSchema } from '../../../annotations/schemas';

const SAMPLE_ID = 'canada-china-trust';
const SAMPLE_RAW = await readFile(fileURLToPath(new URL('../../../samples/canada-china-trust.txt', import.meta.url)), 'utf8');
const SAMPLE_TEXT = parsePlainText(SAMPLE_RAW).text;
/** No compaction on idle unless a test asks for it: a timer firing mid-test would move files under it. */
const QUIET = { idleCompactMs: false } as const;

let root: string;
let dataDir: string;
let file: string;
let journal: string;
let copies = 0;
const services: GlossService[] = [];
const stores: Store[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-journal-'));
  dataDir = join(root, 'data');
  file = join(dataDir, DATA_FILE_NAME);
  journal = join(dataDir, JOURNAL_FILE_NAME);
});

afterEach(async () => {
  for (const s of services.splice(0)) await s.close().catch(() => undefined);
  for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

async function open(options: Partial<ServiceOptions> = {}, dir = dataDir): Promise<GlossService> {
  const service = await GlossService.open({
    freeze: true,
    dataDir: dir,
    edition: 'desktop',
    version: 'test',
    samples: [{ id: SAMPLE_ID, source: 'bundled sample', text: SAMPLE_RAW }],
    lock: false,
    // The journal of one file, line by line: every file of the split layout is this JournalledFile (the split
    // layout's own journals, commit point and crashes are in store-split-layout, store-split-commit, store-crash-loop).
    layout: 'single',
    ...options,
    journal: { ...QUIET, ...options.journal },
  });
  services.push(service);
  return service;
}

/** The store behind a service (its data is what the service answers from). */
function storeOf(service: GlossService): Store {
  return (service as unknown as { store: Store }).store;
}

/** Plain JSON of the data, as the data file would hold it. */
function plain(data: StoreData): unknown {
  return JSON.parse(JSON.stringify(data));
}

/**
 * A crash, as far as the disk is concerned: the data folder copied as it is right now, while the
 * service that wrote it is still open (never closed, so nothing was folded or flushed at exit).
 */
async function crashCopy(): Promise<string> {
  copies += 1;
  const copy = join(root, `crash-${copies}`);
  await cp(dataDir, copy, { recursive: true });
  return copy;
}

/** Opens a store on a folder the way Gloss does after a crash (no lock), to read what it recovers. */
async function reopenStore(dir: string, options: Partial<Parameters<typeof Store.open>[0]> = {}): Promise<Store> {
  const store = await Store.open({ freeze: true, dataDir: dir, lock: false, journal: QUIET, layout: 'single', ...options });
  stores.push(store);
  return store;
}

function inputFor(start: number, end: number, note = '', themes = ['trade']): CreateAnnotationInput {
  return { documentId: SAMPLE_ID, target: { source: SAMPLE_ID, selector: describeRange(SAMPLE_TEXT, start, end) }, themes, note };
}

async function journalText(dir = dataDir): Promise<string> {
  return readFile(join(dir, JOURNAL_FILE_NAME), 'utf8').catch(() => '');
}

function journalLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}

/** File operations that count snapshot renames and flushes of written files. */
function countingFileOps(base: FileOps = nodeFileOps): { fs: FileOps; counts: { renames: number; flushes: number; tempWrites: number } } {
  const counts = { renames: 0, flushes: 0, tempWrites: 0 };
  const fs: FileOps = {
    ...base,
    rename: async (from, to) => {
      if (to.endsWith(DATA_FILE_NAME)) counts.renames += 1;
      return base.rename(from, to);
    },
    open: (async (...args: Parameters<FileOps['open']>) => {
      const handle = await base.open(...args);
      if (args[1] === 'r') return handle;
      if (String(args[0]).endsWith('.tmp')) counts.tempWrites += 1;
      const { sync, datasync } = handle;
      handle.sync = () => ((counts.flushes += 1), sync.call(handle));
      handle.datasync = () => ((counts.flushes += 1), datasync.call(handle));
      return handle;
    }) as FileOps['open'],
  };
  return { fs, counts };
}

describe('saving an edit', () => {
  test('makes it durable before it resolves: a crash right after finds it on reopening', async () => {
    const service = await open();
    const a = await service.createAnnotation(inputFor(10, 40, 'first'));
    const b = await service.createAnnotation(inputFor(60, 90, 'second'));
    const changed = await service.updateAnnotation({ id: a.id, note: 'changed', themes: ['security', 'trade'] });
    await service.deleteAnnotation({ id: b.id });
    const reopened = await open({}, await crashCopy());
    assert.deepEqual(await reopened.listAnnotations({ documentId: SAMPLE_ID }), [changed]);
    assert.deepEqual(await reopened.getHistory({ documentId: SAMPLE_ID }), await service.getHistory({ documentId: SAMPLE_ID }));
    assert.deepEqual((await reopened.getStatus({})).notices, []);
  });

  test('appends one journal line per edit and never rewrites the data file', async () => {
    const { fs, counts } = countingFileOps();
    const service = await open({ fs });
    const dataBefore = await readFile(file);
    const statBefore = await stat(file);
    Object.assign(counts, { renames: 0, flushes: 0, tempWrites: 0 });
    let id = '';
    for (let i = 0; i < 20; i += 1) {
      if (i % 2 === 0) id = (await service.createAnnotation(inputFor(i * 20, i * 20 + 15, `n${i}`))).id;
      else await service.updateAnnotation({ id, note: `changed ${i}` });
    }
    assert.equal(counts.renames, 0, 'the data file was not replaced');
    assert.equal(counts.tempWrites, 0, 'no temp file was written');
    assert.equal(counts.flushes, 20, 'one flush per edit');
    assert.deepEqual(await readFile(file), dataBefore);
    assert.equal((await stat(file)).ino, statBefore.ino);
    const lines = journalLines(await journalText());
    assert.equal(lines.length, 1 + 20, 'a header and one line per edit');
    assert.deepEqual(Object.keys(lines[0] as object).sort(), ['format', 'gloss', 'schemaVersion', 'snapshot']);
  });

  test('writes only what changed: a history of 150 steps costs one new step per edit, not the whole stack', async () => {
    const service = await open();
    for (let i = 0; i < 150; i += 1) await service.createAnnotation(inputFor(i * 5, i * 5 + 4, `n${i}`));
    const before = (await journalText()).length;
    const last = await service.createAnnotation(inputFor(900, 930, 'the last'));
    const line = (await journalText()).slice(before);
    assert.ok(line.length < 4_000, `one edit appended ${line.length} bytes`);
    const record = JSON.parse(line) as { ops: Array<{ op: string; done?: { keep: number[]; add: unknown[] } }> };
    const history = record.ops.find((op) => op.op === 'history')!;
    assert.deepEqual(history.done!.keep, [0, 150]);
    assert.equal(history.done!.add.length, 1);
    const reopened = await reopenStore(await crashCopy());
    assert.deepEqual(plain(reopened.data), plain(storeOf(service).data));
    assert.ok(reopened.data.annotations.some((a) => a.id === last.id));
  });

  test('coalesces a burst: 100 edits fired at once cost at most 3 flushes and 2 journal lines', async () => {
    const { fs, counts } = countingFileOps();
    const service = await open({ fs });
    Object.assign(counts, { renames: 0, flushes: 0, tempWrites: 0 });
    await Promise.all(Array.from({ length: 100 }, (_, i) => service.createAnnotation(inputFor(i * 9, i * 9 + 7, `burst ${i}`))));
    assert.ok(counts.flushes <= 3, `${counts.flushes} flushes`);
    const durable = v.parse(DataFileSchema, (await readDataFolder(dataDir)).raw);
    assert.equal(durable.annotations.length, 100);
  });
});

describe('replaying the journal', () => {
  test('gives back the same data after creating, changing, deleting, undoing, redoing and editing the codebook', async () => {
    const service = await open();
    const a = await service.createAnnotation(inputFor(10, 40, 'a'));
    const b = await service.createAnnotation(inputFor(50, 80, 'b', ['security']));
    await service.updateAnnotation({ id: a.id, note: 'typing', mergeKey: 'note-a' });
    await service.updateAnnotation({ id: a.id, note: 'typing more', mergeKey: 'note-a' });
    await service.deleteAnnotation({ id: b.id });
    await service.undo({ documentId: SAMPLE_ID });
    await service.undo({ documentId: SAMPLE_ID });
    await service.redo({ documentId: SAMPLE_ID });
    const codebook = await service.getCodebook({});
    await service.updateCodebook({
      documentId: SAMPLE_ID,
      codebook: [...codebook.map((t) => ({ id: t.id, label: t.label, colour: t.colour })), { label: 'Energy', colour: '#336699' }],
    });
    await service.deleteTheme({ id: 'security', moveTo: 'diplomacy', documentId: SAMPLE_ID });
    await service.undo({ documentId: SAMPLE_ID });
    const notes = await service.importDocument({
      fileName: 'notes.txt',
      dataBase64: Buffer.from('Notes\nA paragraph of notes.').toString('base64'),
    });
    await service.removeDocument({ documentId: notes.id });
    // Delete and restore in one batch (queued while another change is being written): the restored
    // highlight moves to the end of the list, which puts and deletes alone would not say.
    const c = await service.createAnnotation(inputFor(100, 130, 'c'));
    const d = await service.createAnnotation(inputFor(140, 170, 'd'));
    const e = await service.createAnnotation(inputFor(180, 210, 'e'));
    await Promise.all([
      service.updateAnnotation({ id: e.id, note: 'e changed' }),
      service.deleteAnnotation({ id: c.id }),
      service.restoreAnnotation({ annotation: c }),
    ]);
    assert.match(await journalText(), /"op":"order","in":"annotations"/);
    assert.deepEqual(
      storeOf(service)
        .data.annotations.slice(-3)
        .map((x) => x.id),
      [d.id, e.id, c.id],
    );
    assert.ok(journalLines(await journalText()).length > 10, 'all of it went to the journal');

    const reopened = await open({}, await crashCopy());
    assert.deepEqual(plain(storeOf(reopened).data), plain(storeOf(service).data), 'the same data, order included');
    assert.deepEqual(await reopened.listAnnotations({ documentId: SAMPLE_ID }), await service.listAnnotations({ documentId: SAMPLE_ID }));
    assert.deepEqual(await reopened.getCodebook({}), await service.getCodebook({}));
    assert.deepEqual(await reopened.getHistory({ documentId: SAMPLE_ID }), await service.getHistory({ documentId: SAMPLE_ID }));
    assert.deepEqual(await reopened.listDocuments({}), await service.listDocuments({}));
    assert.deepEqual((await reopened.getStatus({})).notices, []);
  });

  test('ignores a torn last line (a crash during the append) and leaves a clean folder', async () => {
    const service = await open();
    await service.createAnnotation(inputFor(10, 40, 'kept'));
    const expected = plain(storeOf(service).data);
    const copy = await crashCopy();
    const copyJournal = join(copy, JOURNAL_FILE_NAME);
    const whole = await readFile(copyJournal, 'utf8');
    await writeFile(copyJournal, `${whole}{"ops":[{"op":"put","in":"annotations","value":{"id":"half`);
    const reopened = await reopenStore(copy);
    assert.deepEqual(plain(reopened.data), expected);
    assert.deepEqual(reopened.notices, []);
    assert.equal(await journalText(copy), '', 'opening folded the journal into the data file');

    // A last line whose start the disk never got (zeros) but whose newline it did is torn too.
    const second = await crashCopy();
    const secondJournal = join(second, JOURNAL_FILE_NAME);
    await writeFile(secondJournal, Buffer.concat([await readFile(secondJournal), Buffer.alloc(300), Buffer.from('"}]}\n')]));
    const again = await reopenStore(second);
    assert.deepEqual(plain(again.data), expected);
    assert.deepEqual(again.notices, []);
  });

  test('sets a journal with a damaged line in the middle aside, says where it is, and opens the data file as last written', async () => {
    const service = await open();
    const first = await service.createAnnotation(inputFor(10, 40, 'one'));
    await service.createAnnotation(inputFor(50, 80, 'two'));
    await service.createAnnotation(inputFor(90, 120, 'three'));
    const copy = await crashCopy();
    const copyJournal = join(copy, JOURNAL_FILE_NAME);
    const lines = (await readFile(copyJournal, 'utf8')).split('\n');
    lines[2] = lines[2]!.replace('"ops"', '"op\u0000s').slice(0, 40);
    const damaged = lines.join('\n');
    await writeFile(copyJournal, damaged);
    const snapshotBefore = await readFile(join(copy, DATA_FILE_NAME));

    const reopened = await open({}, copy);
    const { notices } = await reopened.getStatus({});
    assert.equal(notices.length, 1, notices.join('\n'));
    assert.match(notices[0]!, /journal of the latest changes could not be used \(line 3 is damaged\)/);
    const aside = (await readdir(copy)).filter((n) => n.startsWith('gloss-data.journal.unreadable-'));
    assert.equal(aside.length, 1);
    assert.ok(notices[0]!.includes(join(copy, aside[0]!)), 'the notice says where the journal is kept');
    assert.equal(await readFile(join(copy, aside[0]!), 'utf8'), damaged, 'kept byte for byte');
    assert.deepEqual(await readFile(join(copy, DATA_FILE_NAME)), snapshotBefore, 'the data file is as it was');
    assert.deepEqual(await reopened.listAnnotations({ documentId: SAMPLE_ID }), [], 'the data file as last written in full');
    // Work goes on, into a new journal.
    await reopened.createAnnotation(inputFor(200, 230, 'after'));
    assert.equal((await readDataFolder(copy)).journal, 'replayed');
    assert.ok(first.id);
  });

  test('sets aside a journal that belongs to another data file, and one of an unknown format', async () => {
    const service = await open();
    await service.createAnnotation(inputFor(10, 40, 'one'));
    const copy = await crashCopy();
    // The data file replaced by hand (an older copy) while a journal was left by a crash.
    const data = JSON.parse(await readFile(join(copy, DATA_FILE_NAME), 'utf8')) as StoreData;
    await rm(join(copy, DATA_FILE_NAME));
    await writeFile(join(copy, DATA_FILE_NAME), JSON.stringify(data, null, 2));
    const reopened = await reopenStore(copy);
    assert.match(reopened.notices.join('\n'), /could not be used \(it belongs to another version of the data file\)/);
    assert.deepEqual(reopened.data.annotations, []);
    await reopened.close();

    const other = await crashCopy();
    const text = await journalText(other);
    await writeFile(join(other, JOURNAL_FILE_NAME), text.replace('"format":1', '"format":9'));
    const newer = await reopenStore(other);
    assert.match(newer.notices.join('\n'), /journal format 9, which this Gloss \(format 1\) does not know/);
  });

  test('sets the journal aside with an unreadable data file, and restores the newest backup', async () => {
    const service = await open();
    await service.createAnnotation(inputFor(10, 40, 'one'));
    await service.close();
    const again = await open();
    await again.createAnnotation(inputFor(50, 80, 'two'));
    const copy = await crashCopy();
    await rm(join(copy, DATA_FILE_NAME));
    await writeFile(join(copy, DATA_FILE_NAME), '{"schemaVersion":1,"documents":[');
    const reopened = await reopenStore(copy);
    assert.equal(reopened.notices.length, 2, reopened.notices.join('\n'));
    assert.match(
      reopened.notices[0]!,
      /The journal of the latest changes to that data file was kept too, as .*gloss-data\.journal\.unreadable-/,
    );
    assert.match(reopened.notices[1]!, /The data file could not be read .* restored the backup of/);
    assert.equal((await readdir(copy)).filter((n) => n.startsWith('gloss-data.journal.unreadable-')).length, 1);
  });

  test('opens a newer data file read-only without touching its journal', async () => {
    const service = await open();
    await service.createAnnotation(inputFor(10, 40, 'one'));
    const copy = await crashCopy();
    const text = (await readFile(join(copy, DATA_FILE_NAME), 'utf8')).replace('"schemaVersion":1', '"schemaVersion":2');
    await rm(join(copy, DATA_FILE_NAME));
    await writeFile(join(copy, DATA_FILE_NAME), text);
    const before = new Map<string, Buffer>();
    for (const name of await readdir(copy)) if (name !== BACKUP_DIR) before.set(name, await readFile(join(copy, name)));
    const store = await reopenStore(copy);
    assert.match(store.readOnly ?? '', /newer Gloss/);
    await store.close();
    const after = new Map<string, Buffer>();
    for (const name of await readdir(copy)) if (name !== BACKUP_DIR) after.set(name, await readFile(join(copy, name)));
    assert.deepEqual(after, before, 'every file byte-identical, the journal included');
  });

  test('gives the same data as the service held, for any sequence of changes', { timeout: 180_000 }, async () => {
    let run = 0;
    const op = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('create' as const),
          at: fc.nat(900),
          length: fc.integer({ min: 1, max: 40 }),
          note: fc.string({ maxLength: 8 }),
          themes: fc.subarray(['trade', 'security', 'diplomacy'], { minLength: 1 }),
        }),
      },
      fc.record({
        kind: fc.constant('update' as const),
        pick: fc.nat(),
        note: fc.option(fc.string({ maxLength: 8 })),
        merge: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('restore' as const) }),
      fc.record({ kind: fc.constant('move' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('undo' as const) }),
      fc.record({ kind: fc.constant('redo' as const) }),
      fc.record({ kind: fc.constant('theme' as const), label: fc.constantFrom('Energy', 'Health', 'Law') }),
      fc.record({ kind: fc.constant('deleteTheme' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('document' as const) }),
      fc.record({ kind: fc.constant('removeDocument' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 25 }),
        fc.constantFrom(undefined, 0, 3_000),
        async (waves, compactAboveBytes) => {
          run += 1;
          dataDir = join(root, `run-${run}`);
          const service = await open({ journal: { compactAboveBytes } });
          for (let i = 0; i < 4; i += 1) await service.createAnnotation(inputFor(500 + i * 50, 520 + i * 50, `seed ${i}`));
          const deleted: Annotation[] = [];
          const documents: string[] = [];
          for (const wave of waves) {
            const annotations = storeOf(service).data.annotations as readonly Annotation[];
            const pick = (n: number): Annotation | undefined => annotations[n % Math.max(1, annotations.length)];
            // The changes of a wave are asked for together, so the store saves them in one batch.
            await Promise.allSettled(
              wave.map(async (o) => {
                switch (o.kind) {
                  case 'create':
                    return service.createAnnotation(inputFor(o.at, o.at + o.length, o.note, o.themes));
                  case 'update': {
                    const a = pick(o.pick);
                    return (
                      a &&
                      service.updateAnnotation({
                        id: a.id,
                        ...(o.note === null ? { themes: ['diplomacy'] } : { note: o.note }),
                        ...(o.merge ? { mergeKey: 'k' } : {}),
                      })
                    );
                  }
                  case 'delete': {
                    const a = pick(o.pick);
                    return a && service.deleteAnnotation({ id: a.id }).then(() => deleted.push(a));
                  }
                  case 'restore': {
                    const a = deleted.pop();
                    return a && service.restoreAnnotation({ annotation: a });
                  }
                  case 'move': {
                    // Deleted and restored together: in one batch, it moves to the end of the list.
                    const a = pick(o.pick);
                    return a && Promise.all([service.deleteAnnotation({ id: a.id }), service.restoreAnnotation({ annotation: a })]);
                  }
                  case 'undo':
                    return service.undo({ documentId: SAMPLE_ID });
                  case 'redo':
                    return service.redo({ documentId: SAMPLE_ID });
                  case 'theme': {
                    const codebook = await service.getCodebook({});
                    return service.updateCodebook({
                      documentId: SAMPLE_ID,
                      codebook: [
                        ...codebook.map((t) => ({ id: t.id, label: t.label, colour: t.colour })),
                        { label: `${o.label} ${codebook.length}`, colour: '#225588' },
                      ],
                    });
                  }
                  case 'deleteTheme': {
                    const codebook = await service.getCodebook({});
                    const theme = codebook[o.pick % codebook.length]!;
                    const other = codebook.find((t) => t.id !== theme.id);
                    return other && service.deleteTheme({ id: theme.id, moveTo: other.id, documentId: SAMPLE_ID });
                  }
                  case 'document': {
                    const summary = await service.importDocument({
                      fileName: 'notes.txt',
                      dataBase64: Buffer.from(`Notes ${documents.length}\nText.`).toString('base64'),
                    });
                    documents.push(summary.id);
                    return summary;
                  }
                  case 'removeDocument': {
                    const id = documents.shift();
                    return id && service.removeDocument({ documentId: id });
                  }
                }
              }),
            );
          }
          const expected = plain(storeOf(service).data);
          // A compaction the store started on its own may still be writing: the copy is taken once it is done
          // (copying files one by one under it would make a mix no crash can leave).
          await storeOf(service).flush();
          const crashed = await reopenStore(await crashCopy());
          assert.deepEqual(plain(crashed.data), expected, 'reopened after a crash');
          assert.deepEqual(crashed.notices, []);
          await crashed.close();
          await service.close();
          const closed = await reopenStore(dataDir);
          assert.deepEqual(plain(closed.data), expected, 'reopened after closing');
          assert.equal(await journalText(), '', 'closing folded the journal in');
          await closed.close();
        },
      ),
      { numRuns: 100, seed: 0x10a7 },
    );
  });
});

describe('compaction', () => {
  test('folds the journal into the data file once it outgrows its limit, keeping the replaced data file as a backup', async () => {
    const service = await open({ journal: { compactAboveBytes: 6_000 } });
    const sizes: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      await service.createAnnotation(inputFor(i * 30, i * 30 + 20, `n${i}`));
      await storeOf(service).flush();
      sizes.push((await journalText()).length);
    }
    assert.ok(
      sizes.some((size) => size === 0),
      `the journal was emptied: ${sizes.join(', ')}`,
    );
    assert.ok(Math.max(...sizes) <= 6_000 + 4_000, 'and never grew much past its limit');
    const backups = await service.listBackups({});
    assert.ok(backups.length >= 1, 'the replaced data file is a backup');
    const onDisk = v.parse(DataFileSchema, JSON.parse(await readFile(file, 'utf8')));
    assert.ok(onDisk.annotations.length > backups[0]!.annotationCount, 'the data file is newer than its backup');
    const reopened = await reopenStore(await crashCopy());
    assert.deepEqual(plain(reopened.data), plain(storeOf(service).data));
  });

  test('runs after a quiet spell, and closing folds the rest in and removes the journal', async () => {
    const service = await open({ journal: { idleCompactMs: 50 } });
    await service.createAnnotation(inputFor(10, 40, 'one'));
    assert.notEqual(await journalText(), '');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await storeOf(service).flush();
    assert.equal(await journalText(), '', 'emptied once idle');
    assert.equal(v.parse(DataFileSchema, JSON.parse(await readFile(file, 'utf8'))).annotations.length, 1);
    await service.createAnnotation(inputFor(50, 80, 'two'));
    await service.close();
    assert.ok(!(await readdir(dataDir)).includes(JOURNAL_FILE_NAME), 'no journal after closing');
    assert.equal(v.parse(DataFileSchema, JSON.parse(await readFile(file, 'utf8'))).annotations.length, 2);
  });

  test('loses nothing and repeats nothing when a crash comes between its rename and emptying the journal', async () => {
    let copyAt: 'before' | 'after' | null = null;
    const snapshots: string[] = [];
    const fs: FileOps = {
      ...nodeFileOps,
      rename: async (from, to) => {
        if (copyAt === 'before' && to.endsWith(DATA_FILE_NAME)) snapshots.push(await crashCopy());
        await nodeFileOps.rename(from, to);
        if (copyAt === 'after' && to.endsWith(DATA_FILE_NAME)) snapshots.push(await crashCopy());
      },
    };
    const service = await open({ fs });
    for (let i = 0; i < 5; i += 1) await service.createAnnotation(inputFor(i * 30, i * 30 + 20, `n${i}`));
    const expected = plain(storeOf(service).data);
    copyAt = 'before';
    await storeOf(service).checkpoint();
    await service.createAnnotation(inputFor(400, 420, 'more'));
    copyAt = 'after';
    const expectedAfter = plain(storeOf(service).data);
    await storeOf(service).checkpoint();
    const [before, after] = snapshots;
    // Before the rename: the journal (with the compaction's announcement at its end) still applies to the old data file.
    assert.match(await journalText(before), /"compacted"/);
    const b = await reopenStore(before!);
    assert.deepEqual(plain(b.data), expected);
    assert.deepEqual(b.notices, []);
    // After it: the journal is spent, known by that announcement, and is not replayed again.
    assert.notEqual(await journalText(after), '');
    const a = await reopenStore(after!);
    assert.deepEqual(plain(a.data), expectedAfter);
    assert.deepEqual(a.notices, []);
    assert.equal(await journalText(after), '');
  });

  test('restoring a backup keeps the state just before it, journal included, as the newest backup', async () => {
    const service = await open();
    await service.createAnnotation(inputFor(10, 40, 'one'));
    await service.close();
    const again = await open();
    await again.createAnnotation(inputFor(50, 80, 'two'));
    await again.createAnnotation(inputFor(90, 120, 'three'));
    const [oldest] = (await again.listBackups({})).slice(-1);
    await again.restoreBackup({ name: oldest!.name });
    const newest = (await again.listBackups({}))[0]!;
    assert.equal(newest.annotationCount, 3, 'the state with all three highlights is a backup');
  });
});

describe('a failed append', () => {
  test('rolls back every change of its batch, leaves no partial line, and the next edit saves everything', async () => {
    let fault: Fault | null = null;
    const service = await open({ fs: faultyFileOps(nodeFileOps, () => fault) });
    await service.createAnnotation(inputFor(10, 40, 'kept'));
    const journalBefore = await readFile(journal);
    const memoryBefore = plain(storeOf(service).data);
    fault = { on: 'write', code: 'ENOSPC' };
    const results = await Promise.allSettled(
      [0, 1, 2].map((i) => service.createAnnotation(inputFor(100 + i * 40, 130 + i * 40, `lost ${i}`))),
    );
    for (const r of results) {
      assert.equal(r.status, 'rejected');
      assert.ok(r.reason instanceof GlossError && r.reason.code === 'storage');
      assert.match(r.reason.message, /^Not saved: the disk is full\. The file on disk still holds your last saved work; try again\.$/);
    }
    assert.deepEqual(plain(storeOf(service).data), memoryBefore, 'memory is as before');
    assert.deepEqual(await readFile(journal), journalBefore, 'the journal is as before');
    fault = null;
    const saved = await service.createAnnotation(inputFor(300, 330, 'saved'));
    const reopened = await reopenStore(await crashCopy());
    assert.deepEqual(reopened.data.annotations.map((a) => a.note).sort(), ['kept', 'saved']);
    assert.ok(saved.id);
  });

  test('that wrote half a line before failing is cut back, and even uncut would be ignored as torn', async () => {
    let mode: 'half' | 'half-and-no-truncate' | null = null;
    const fs: FileOps = {
      ...nodeFileOps,
      open: (async (...args: Parameters<FileOps['open']>) => {
        const handle = await nodeFileOps.open(...args);
        if (!String(args[0]).endsWith(JOURNAL_FILE_NAME) || !mode) return handle;
        const failing = mode;
        const write = handle.write.bind(handle) as (buffer: Buffer, offset: number, length: number, position: number) => Promise<unknown>;
        handle.write = (async (buffer: Buffer, offset: number, length: number, position: number) => {
          await write(buffer, offset, Math.floor(length / 2), position);
          throw Object.assign(new Error('ENOSPC: injected, write'), { code: 'ENOSPC' });
        }) as unknown as typeof handle.write;
        if (failing === 'half-and-no-truncate')
          handle.truncate = (async () => Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' }))) as typeof handle.truncate;
        return handle;
      }) as FileOps['open'],
    };
    const service = await open({ fs });
    await service.createAnnotation(inputFor(10, 40, 'kept'));
    const journalBefore = await readFile(journal);
    mode = 'half';
    await assert.rejects(service.createAnnotation(inputFor(100, 130, 'lost')), { code: 'storage' });
    assert.deepEqual(await readFile(journal), journalBefore, 'cut back to its last whole line');
    mode = null;
    // Now the cut fails too: the half line stays, and a crash follows.
    await service.close();
    const again = await open({ fs });
    await again.createAnnotation(inputFor(10, 40, 'kept again'));
    mode = 'half-and-no-truncate';
    await assert.rejects(again.createAnnotation(inputFor(100, 130, 'lost again')), { code: 'storage' });
    mode = null;
    const text = await journalText();
    assert.ok(!text.endsWith('\n'), 'a torn line is left');
    assert.equal(parseJournal(Buffer.from(text)).kind, 'read');
    const reopened = await reopenStore(await crashCopy());
    assert.deepEqual(reopened.data.annotations.map((a) => a.note).sort(), ['kept', 'kept again']);
    assert.deepEqual(reopened.notices, []);
  });
});

describe('the data folder', () => {
  test('keeps the journal when stale temp files are cleaned', async () => {
    const service = await open();
    await service.createAnnotation(inputFor(10, 40, 'one'));
    const copy = await crashCopy();
    await writeFile(join(copy, '.gloss-data.json.4242.tmp'), '{"half":');
    const reopened = await reopenStore(copy);
    assert.equal(reopened.data.annotations.length, 1);
    assert.ok(!(await readdir(copy)).includes('.gloss-data.json.4242.tmp'));
  });

  test('is read with its journal, without writing anything, by readers beside a running Gloss', async () => {
    const service = await open();
    const a = await service.createAnnotation(inputFor(10, 40, 'one'));
    const before = await readdir(dataDir);
    const journalBefore = await readFile(journal);
    const read = await readDataFolder(dataDir);
    assert.equal(read.journal, 'replayed');
    assert.deepEqual((read.raw as StoreData).annotations, [a]);
    assert.deepEqual(await readdir(dataDir), before);
    assert.deepEqual(await readFile(journal), journalBefore);
  });

  test('without a data file, sets a journal with changes aside', async () => {
    await mkdir(dataDir, { recursive: true });
    const service = await open();
    await service.createAnnotation(inputFor(10, 40, 'one'));
    const copy = await crashCopy();
    await rm(join(copy, DATA_FILE_NAME));
    const store = await reopenStore(copy);
    assert.match(store.notices.join('\n'), /no data file for its changes to apply to/);
    assert.deepEqual(store.data.annotations, []);
  });
});
