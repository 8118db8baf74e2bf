// Covers opening a data folder as a plan (annotations/node/open-plan.ts): from the bytes of the data file and
// the journal to the data the store starts with and the steps it takes, every case decided without a disk.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_CODEBOOK } from '../../../annotations/codebook';
import { parsePlainText } from '../../../annotations/document';
import { CURRENT_SCHEMA, type Migration, type SchemaInfo } from '../../../annotations/node/data-file';
import { batchLine, compactedLine, fingerprintOf, headerLine, type JournalOp } from '../../../annotations/node/journal-format';
import { planFileOpening, planOpening, type FolderRead } from '../../../annotations/node/open-plan';
import { dataFileKind } from '../../../annotations/node/data-file';

const FILES = { dataFile: '/data/gloss-data.json', journal: '/data/gloss-data.journal' };
const DOC = { id: 'd1', source: 'x.txt', added: '2025-01-01T00:00:00.000Z', ...parsePlainText('Title\nBody text') };

function dataFile(version = 1, extra: Record<string, unknown> = {}): Buffer {
  return Buffer.from(JSON.stringify({ schemaVersion: version, documents: [], codebook: DEFAULT_CODEBOOK, annotations: [], ...extra }));
}

function journalFor(snapshot: Buffer, ...batches: JournalOp[][]): Buffer {
  return Buffer.from(headerLine(fingerprintOf(snapshot), 1) + batches.map((ops) => batchLine(ops)).join(''));
}

const ADD_DOC: JournalOp[] = [{ op: 'put', in: 'documents', value: DOC }];

function plan(read: FolderRead, schema: SchemaInfo = CURRENT_SCHEMA) {
  return planOpening(read, schema, FILES);
}

describe('opening a data folder', () => {
  test('starts empty in an empty folder, with nothing to do', () => {
    const opened = plan({ dataFile: null, journal: null });
    assert.deepEqual(opened.data.documents, []);
    assert.equal(opened.snapshot, null);
    assert.deepEqual(opened.steps, []);
  });

  test('keeps a journal of changes aside when there is no data file for them, and removes an empty one', () => {
    const orphan = journalFor(dataFile(), ADD_DOC);
    assert.deepEqual(plan({ dataFile: null, journal: orphan }).steps, [
      { step: 'set-journal-aside', reason: 'there is no data file for its changes to apply to', withDataFile: false },
    ]);
    assert.deepEqual(plan({ dataFile: null, journal: Buffer.alloc(0) }).steps, [{ step: 'remove-journal' }]);
  });

  test('replays a journal that belongs to the data file, goes on appending after its whole lines, and compacts', () => {
    const file = dataFile();
    const journal = journalFor(file, ADD_DOC);
    const torn = Buffer.concat([journal, Buffer.from('{"ops":[{"op":"del')]);
    const opened = plan({ dataFile: file, journal: torn });
    assert.deepEqual(
      opened.data.documents.map((d) => d.id),
      ['d1'],
    );
    assert.deepEqual(opened.snapshot, fingerprintOf(file));
    assert.deepEqual(opened.steps, [{ step: 'continue-journal', validBytes: journal.length }, { step: 'compact-after-replay' }]);
  });

  test('leaves out the batches after the last one the library committed, and goes on appending where they began', () => {
    const file = dataFile();
    const committed = Buffer.from(headerLine(fingerprintOf(file), 1) + batchLine(ADD_DOC, 7) + batchLine([], undefined));
    const journal = Buffer.concat([committed, Buffer.from(batchLine([{ op: 'delete', in: 'documents', id: 'd1' }], 8))]);
    const opened = planFileOpening({ dataFile: file, journal }, dataFileKind(CURRENT_SCHEMA), FILES, 7);
    assert.deepEqual(
      opened.data.documents.map((d) => d.id),
      ['d1'],
      'batch 8, never committed, is not replayed',
    );
    assert.deepEqual(opened.steps, [{ step: 'continue-journal', validBytes: committed.length }, { step: 'compact-after-replay' }]);
    const none = planFileOpening({ dataFile: file, journal }, dataFileKind(CURRENT_SCHEMA), FILES, 6);
    assert.deepEqual(none.data.documents, [], 'with nothing committed, nothing is replayed');
    assert.deepEqual(none.steps, [{ step: 'empty-journal' }]);
    const all = planFileOpening({ dataFile: file, journal }, dataFileKind(CURRENT_SCHEMA), FILES, 8);
    assert.deepEqual(all.data.documents, [], 'both committed: added, then removed');
  });

  test('empties a journal whose changes a compaction already put in the data file', () => {
    const old = dataFile();
    const file = dataFile(1, { documents: [DOC] });
    const spent = Buffer.concat([journalFor(old, ADD_DOC), Buffer.from(compactedLine(fingerprintOf(file)))]);
    const opened = plan({ dataFile: file, journal: spent });
    assert.deepEqual(
      opened.data.documents.map((d) => d.id),
      ['d1'],
    );
    assert.deepEqual(opened.steps, [{ step: 'empty-journal' }]);
  });

  test('keeps aside a journal of another data file, a damaged one, and one whose changes do not apply', () => {
    const file = dataFile();
    const other = journalFor(dataFile(1, { documents: [DOC] }), [{ op: 'delete', in: 'documents', id: 'd1' }]);
    assert.deepEqual(plan({ dataFile: file, journal: other }).steps, [
      { step: 'set-journal-aside', reason: 'it belongs to another version of the data file', withDataFile: false },
    ]);
    const damaged = Buffer.concat([journalFor(file, ADD_DOC), Buffer.from('not json\n'), Buffer.from(batchLine(ADD_DOC))]);
    assert.deepEqual(plan({ dataFile: file, journal: damaged }).steps, [
      { step: 'set-journal-aside', reason: 'line 3 is damaged', withDataFile: false },
    ]);
    const misfit = journalFor(file, [{ op: 'order', in: 'documents', ids: ['nowhere'] }]);
    const opened = plan({ dataFile: file, journal: misfit });
    assert.deepEqual(opened.data.documents, []);
    assert.equal(opened.steps.length, 1);
    const [aside] = opened.steps;
    assert.equal(aside?.step, 'set-journal-aside');
    assert.match(
      aside?.step === 'set-journal-aside' ? aside.reason : '',
      /^its changes do not apply to the data file: change 1 of batch 1 orders ids/,
    );
  });

  test('recovers from an unreadable data file, keeping its journal aside with it', () => {
    const broken = Buffer.from('{"schemaVersion": 1, "documents": [');
    const opened = plan({ dataFile: broken, journal: journalFor(broken, ADD_DOC) });
    assert.equal(opened.snapshot, null);
    assert.deepEqual(opened.steps, [
      { step: 'set-journal-aside', reason: 'the data file it belongs to could not be read', withDataFile: true },
      { step: 'recover', reason: 'it is not valid JSON (it may be truncated or damaged)' },
    ]);
  });

  test('opens a newer data file read-only and plans no write, saying why its journal cannot be shown', () => {
    const newer = dataFile(7, { documents: [DOC] });
    const opened = plan({ dataFile: newer, journal: journalFor(dataFile(), ADD_DOC) });
    assert.match(
      opened.readOnly ?? '',
      /newer Gloss \(schema version 7; this Gloss knows 1\)\. It is open read-only \(\/data\/gloss-data\.json\)/,
    );
    assert.deepEqual(
      opened.data.documents.map((d) => d.id),
      ['d1'],
    );
    assert.deepEqual(opened.steps, [
      {
        step: 'notice',
        text: 'The latest changes, in /data/gloss-data.journal, cannot be shown (it belongs to another version of the data file); the file is left as it is.',
      },
    ]);
  });

  test('migrates an older data file after keeping copies of it and of the journal replayed onto it', () => {
    const addNote: Migration = (data) => ({ ...data, documents: (data.documents as object[]).map((d) => ({ ...d, title: 'Migrated' })) });
    const file = dataFile(1);
    const opened = plan({ dataFile: file, journal: journalFor(file, ADD_DOC) }, { version: 2, migrations: [addNote, addNote] });
    assert.deepEqual(
      opened.data.documents.map((d) => d.title),
      ['Migrated'],
    );
    assert.deepEqual(opened.steps, [
      { step: 'continue-journal', validBytes: journalFor(file, ADD_DOC).length },
      { step: 'migrate', from: 1, withJournal: true },
    ]);
  });
});
