// One snapshot with its journal, on its own (journalled-file.ts): what the store builds every file of the data
// folder from. A save is one appended line, opening replays it, a compaction folds it in and keeps a backup.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { Backups } from '../../../annotations/node/backups';
import { CURRENT_SCHEMA, dataFileKind, emptyData, type StoreData } from '../../../annotations/node/data-file';
import { nodeFileOps } from '../../../annotations/node/file-ops';
import { parseJournal } from '../../../annotations/node/journal-format';
import { JournalledFile, type FileContext } from '../../../annotations/node/journalled-file';

let dir = '';
let notices: string[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gloss-jfile-'));
  notices = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function context(): FileContext {
  const now = (): Date => new Date('2026-12-01T10:00:00.000Z');
  return {
    fs: nodeFileOps,
    now,
    backups: new Backups(dir, nodeFileOps, now),
    notice: (text) => void notices.push(text),
    readOnly: (reason) => void notices.push(`read-only: ${reason}`),
  };
}

function fileAt(name = 'data'): JournalledFile {
  return new JournalledFile(join(dir, `${name}.json`), join(dir, `${name}.journal`), dataFileKind(CURRENT_SCHEMA), context());
}

/** The data with one more document. */
function withDocument(data: StoreData, id: string): StoreData {
  const doc = {
    id,
    title: id,
    source: `${id}.txt`,
    text: 'Some text.',
    blocks: [{ type: 'paragraph' as const, start: 0, end: 10 }],
    added: '2026-12-01T10:00:00.000Z',
  };
  return { ...data, documents: [...data.documents, doc] };
}

describe('a journalled file', () => {
  test('saves each change as one line of its journal, and opens again to the same data', async () => {
    const file = fileAt();
    let data = await file.open();
    await file.compact(data);
    data = withDocument(data, 'one');
    assert.equal(await file.save(data, false), 'appended');
    data = withDocument(data, 'two');
    assert.equal(await file.save(data, false), 'appended');
    assert.equal(await file.save(data, false), 'unchanged');
    const journal = parseJournal(await readFile(join(dir, 'data.journal')));
    assert.equal(journal.kind === 'read' && journal.batches.length, 2);
    assert.deepEqual(
      JSON.parse(await readFile(join(dir, 'data.json'), 'utf8')).documents,
      [],
      'the snapshot is not rewritten for a change',
    );

    const reopened = await fileAt().open();
    assert.deepEqual(
      reopened.documents.map((d) => d.id),
      ['one', 'two'],
    );
  });

  test('after a compaction the snapshot holds everything, the journal is empty, and the replaced snapshot is a backup', async () => {
    const file = fileAt();
    let data = await file.open();
    await file.compact(data);
    data = withDocument(data, 'one');
    await file.save(data, false);
    assert.equal(file.dirty, true);
    await file.compact(data);
    assert.equal(file.dirty, false);
    assert.deepEqual(
      JSON.parse(await readFile(join(dir, 'data.json'), 'utf8')).documents.map((d: { id: string }) => d.id),
      ['one'],
    );
    assert.equal((await readFile(join(dir, 'data.journal'))).length, 0);
    const backups = await readdir(join(dir, 'backups'));
    assert.equal(backups.length, 1);
    assert.deepEqual(JSON.parse(await readFile(join(dir, 'backups', backups[0]!), 'utf8')), JSON.parse(JSON.stringify(emptyData())));
  });

  test('sets an unreadable snapshot aside, says so, and starts from its newest good backup', async () => {
    const file = fileAt();
    let data = await file.open();
    data = withDocument(data, 'kept');
    await file.compact(data);
    await file.compact(withDocument(data, 'lost'));
    await writeFile(join(dir, 'data.json'), '{"schemaVersion": 1, "documents": [tru');
    const recovered = await fileAt().open();
    assert.deepEqual(
      recovered.documents.map((d) => d.id),
      ['kept'],
    );
    assert.match(
      notices.join('\n'),
      /could not be read .* kept as .*data\.unreadable-2026-12-01T10-00-00-000Z\.json, and Gloss restored the backup/,
    );
    assert.ok((await readdir(dir)).includes('data.unreadable-2026-12-01T10-00-00-000Z.json'));
  });
});
