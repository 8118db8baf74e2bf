// Covers Store.change (annotations/node/store.ts, write-queue.ts): a change states only what it replaces, a
// change that throws or whose write fails leaves the data as it was, and frozen data refuses edits in place.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { parsePlainText, type GlossDocument } from '../../../annotations/document';
import { faultyFileOps, nodeFileOps, type Fault } from '../../../annotations/node/file-ops';
import { Store } from '../../../annotations/node/store';

let dataDir: string;
let fault: Fault | null = null;
let store: Store;

function documentNamed(id: string): GlossDocument {
  return { id, source: 'x.txt', added: '2025-01-01T00:00:00.000Z', ...parsePlainText(`${id}\nBody`) };
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gloss-change-'));
  fault = null;
  store = await Store.open({
    dataDir,
    lock: false,
    freeze: true,
    journal: { idleCompactMs: false },
    fs: faultyFileOps(nodeFileOps, () => fault),
  });
});

afterEach(async () => {
  fault = null;
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('Store.change', () => {
  test('takes the fields a change replaces and keeps the others as the very same values', async () => {
    const codebook = store.data.codebook;
    const answer = await store.change((draft) => {
      draft.documents = [...draft.documents, documentNamed('a')];
      return 'added';
    });
    assert.equal(answer, 'added');
    assert.deepEqual(
      store.data.documents.map((d) => d.id),
      ['a'],
    );
    assert.equal(store.data.codebook, codebook);
  });

  test('refuses an edit in place of frozen data, and the data stays as it was', async () => {
    await store.change((draft) => void (draft.documents = [documentNamed('a')]));
    const before = store.data;
    await assert.rejects(
      store.change((draft) => {
        (draft.documents[0] as GlossDocument).title = 'edited in place';
      }),
      TypeError,
    );
    assert.equal(store.data, before);
    assert.equal(store.data.documents[0]?.title, 'a');
  });

  test('drops the whole draft of a change that throws after replacing a field', async () => {
    const before = store.data;
    await assert.rejects(
      store.change((draft) => {
        draft.documents = [documentNamed('half-done')];
        throw new Error('invalid');
      }),
      /invalid/,
    );
    assert.equal(store.data, before);
  });

  test('puts back the data as it was before a batch whose write fails, and rejects every change in it', async () => {
    await store.change((draft) => void (draft.documents = [documentNamed('kept')]));
    const before = store.data;
    fault = { on: 'write', code: 'ENOSPC' };
    const first = store.change((draft) => void (draft.documents = [...draft.documents, documentNamed('b')]));
    const second = store.change((draft) => void (draft.documents = [...draft.documents, documentNamed('c')]));
    await assert.rejects(first, /Not saved: the disk is full/);
    await assert.rejects(second, /Not saved: the disk is full/);
    assert.equal(store.data, before);
    fault = null;
    await store.change((draft) => void (draft.documents = [...draft.documents, documentNamed('d')]));
    assert.deepEqual(
      store.data.documents.map((d) => d.id),
      ['kept', 'd'],
    );
  });
});
