// The commit point of a change in the split layout: a crash at each moment of writing one (before the document
// files' appends, between them and the library file's, after it) leaves the change out whole or in whole, and
// never in when it was not acknowledged, for a change to one document and a change across the library alike.
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { describeRange } from '../../../annotations/anchoring/anchor';
import { nodeFileOps, type FileOps } from '../../../annotations/node/file-ops';
import { GlossService } from '../../../annotations/node/service';
import { readDataFolder } from '../../../annotations/node/store';
import { LIBRARY_FILE_NAME, LIBRARY_JOURNAL_NAME } from '../../../annotations/node/split-layout';

const TEXTS = [
  'Tariffs\n\nTrade talks resumed on tariffs. Security was discussed at length.',
  'Envoys\n\nDiplomacy returned with envoys. Trade followed the envoys home.',
];

let root = '';
let dataDir = '';
let copies = 0;
const open: GlossService[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-split-commit-'));
  dataDir = join(root, 'data');
});
afterEach(async () => {
  for (const service of open.splice(0)) await service.close().catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

async function openService(dir: string, fs: FileOps = nodeFileOps): Promise<GlossService> {
  const service = await GlossService.open({
    dataDir: dir,
    edition: 'browser',
    version: 'test',
    lock: false,
    freeze: true,
    fs,
    layout: 'split',
    journal: { idleCompactMs: false },
  });
  open.push(service);
  return service;
}

/** A crash as the disk sees it: the data folder copied as it is now, the service that writes it still open. */
async function crashCopy(): Promise<string> {
  copies += 1;
  const copy = join(root, `crash-${copies}`);
  await cp(dataDir, copy, { recursive: true });
  return copy;
}

/**
 * File operations that copy the folder at the moments a change is written: when the library file's journal
 * is opened for its append (every document file's append done) and when its snapshot is renamed into place.
 */
function crashingFileOps(): { fs: FileOps; arm(): void; copies: string[] } {
  let armed = false;
  const taken: string[] = [];
  const fs: FileOps = {
    ...nodeFileOps,
    open: (async (...args: Parameters<FileOps['open']>) => {
      if (armed && args[1] !== 'r' && String(args[0]).endsWith(LIBRARY_JOURNAL_NAME)) {
        armed = false;
        taken.push(await crashCopy());
      }
      return nodeFileOps.open(...args);
    }) as FileOps['open'],
    rename: async (from, to) => {
      if (armed && to.endsWith(LIBRARY_FILE_NAME)) {
        armed = false;
        taken.push(await crashCopy());
      }
      return nodeFileOps.rename(from, to);
    },
  };
  return { fs, arm: () => void (armed = true), copies: taken };
}

/** Two documents with highlights of trade (both), security and diplomacy; answers their ids. */
async function build(service: GlossService): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, text] of TEXTS.entries()) {
    const { id } = await service.importDocument({ fileName: `doc-${i}.txt`, dataBase64: Buffer.from(text).toString('base64') });
    ids.push(id);
    for (const [quote, themes] of [
      ['Trade', ['trade', 'security']],
      ['envoys', ['diplomacy', 'trade']],
    ] as const) {
      if (text.includes(quote)) await highlight(service, id, quote, [...themes]);
    }
  }
  return ids;
}

async function highlight(service: GlossService, documentId: string, quote: string, themes: string[]): Promise<string> {
  const { document } = await service.openDocument({ documentId });
  const start = document.text.indexOf(quote);
  const target = { source: documentId, selector: describeRange(document.text, start, start + quote.length) };
  return (await service.createAnnotation({ documentId, target, themes, note: `on ${quote}` })).id;
}

/** What a user sees of the library: the codebook's themes and each document's highlights with their themes. */
async function view(service: GlossService): Promise<unknown> {
  const codebook = (await service.getCodebook({})).map((t) => t.id);
  const documents: unknown[] = [];
  for (const doc of await service.listDocuments({})) {
    const highlights = await service.listAnnotations({ documentId: doc.id });
    documents.push({ title: doc.title, highlights: highlights.map((a) => [a.note, [...a.themes].sort()]), count: doc.annotationCount });
  }
  return { codebook, documents };
}

/** Opens a crash copy as Gloss would after the crash, and answers what the user sees there. */
async function seenAfterCrash(copy: string): Promise<unknown> {
  const service = await openService(copy);
  const seen = await view(service);
  assert.deepEqual((await service.getStatus({})).notices, [], 'opening after the crash has nothing to report');
  return seen;
}

describe('a crash while a change is written in the split layout', () => {
  test('between the document files and the library file leaves a theme deleted across documents out whole', async () => {
    const crash = crashingFileOps();
    const service = await openService(dataDir, crash.fs);
    await build(service);
    const before = await view(service);
    crash.arm();
    await service.deleteTheme({ id: 'trade' });
    const after = await view(service);
    assert.notDeepEqual(after, before);
    const [midway] = crash.copies;
    assert.ok(midway, 'the crash was taken while the library file was written');
    // The commands read the folder as opening does.
    const read = (await readDataFolder(midway)).raw as { annotations: Array<{ themes: string[] }>; codebook: Array<{ id: string }> };
    assert.ok(read.codebook.some((t) => t.id === 'trade'));
    assert.equal(read.annotations.filter((a) => a.themes.includes('trade')).length, 3, 'a reader sees every trade highlight still');
    assert.deepEqual(await seenAfterCrash(midway), before, 'the unacknowledged delete is not half there');
  });

  test('between a document file and the library file leaves an unacknowledged highlight out', async () => {
    const crash = crashingFileOps();
    const service = await openService(dataDir, crash.fs);
    const [first] = await build(service);
    const before = await view(service);
    crash.arm();
    await highlight(service, first!, 'Security', ['security']);
    assert.deepEqual(await seenAfterCrash(crash.copies[0]!), before);
  });

  test('after the library file is written keeps the acknowledged change, after reopening and a later change', async () => {
    const crash = crashingFileOps();
    const service = await openService(dataDir, crash.fs);
    const [first, second] = await build(service);
    await service.deleteTheme({ id: 'security' });
    await highlight(service, second!, 'Diplomacy', ['diplomacy']);
    const acknowledged = await view(service);
    // A crash just after: the folder as the last acknowledged change left it.
    assert.deepEqual(await seenAfterCrash(await crashCopy()), acknowledged);
    await service.close();
    // Reopened, a crash in the middle of the next change still keeps everything acknowledged before it.
    const again = await openService(dataDir, crash.fs);
    crash.arm();
    await again.deleteTheme({ id: 'diplomacy' });
    assert.deepEqual(await seenAfterCrash(crash.copies[0]!), acknowledged);
    void first;
  });

  test('while the own coder is renamed (a change written as new snapshots) leaves every highlight with its coder', async () => {
    const crash = crashingFileOps();
    const service = await openService(dataDir, crash.fs);
    const [first] = await build(service);
    const own = (await service.listCoders({})).map((c) => [c.name, c.annotationCount]);
    crash.arm();
    await service.setCoderName({ name: 'Ana' });
    const copy = crash.copies[0]!;
    const reopened = await openService(copy);
    assert.deepEqual(
      (await reopened.listCoders({})).map((c) => [c.name, c.annotationCount]),
      own,
      'the coder and their highlights keep one name',
    );
    assert.equal((await reopened.listAnnotations({ documentId: first! })).length, 1);
  });
});
