// Covers the reader state while a document's annotations arrive in stages: merged in order, none twice, an edit
// made meanwhile kept, notes filled in later (also in what the host is known to have), and the loading status.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnchorResult } from '../../../annotations/anchoring/anchor';
import { DEFAULT_CODEBOOK } from '../../../annotations/codebook';
import type { Action, AnchoredAnnotation } from '../../../renderer/state/actions';
import { selectHasNote } from '../../../renderer/state/modules/annotations';
import { selectSaveText } from '../../../renderer/state/modules/saving';
import { INITIAL_STATE, type ReaderState } from '../../../renderer/state/reader-state';
import { readerReducer } from '../../../renderer/state/reducer';
import { annotate, makeDocument } from '../../fixtures/report-fixtures';

const DOC = makeDocument('Title\nOne two three four five six seven eight.');

function placed(id: string, word: string, themes = ['trade']): AnchoredAnnotation {
  const start = DOC.text.indexOf(word);
  const annotation = annotate(DOC, word, themes, '', { id });
  const anchor: AnchorResult = { status: 'anchored', start, end: start + word.length, method: 'exact', confidence: 1 };
  return { annotation, anchor };
}

const run = (actions: Action[], from: ReaderState = INITIAL_STATE): ReaderState => actions.reduce(readerReducer, from);
const opened: Action = {
  type: 'document-opened',
  document: DOC,
  codebook: DEFAULT_CODEBOOK,
  annotations: [],
  history: { canUndo: false, canRedo: false },
  arriving: 4,
};
const arrived = (list: AnchoredAnnotation[], loaded: number, done: boolean, notesToCome: string[] = []): Action => ({
  type: 'annotations-arrived',
  arrived: list,
  notesToCome,
  loaded,
  done,
});
const ids = (state: ReaderState): string[] => state.entries.map((e) => e.annotation.id);

test('says the highlights are loading until the last stage is in', () => {
  const state = run([opened]);
  assert.equal(selectSaveText(state), 'Loading highlights…');
  const partly = run([arrived([placed('b', 'three')], 0, false)], state);
  assert.equal(selectSaveText(partly), 'Loading highlights…');
  assert.equal(selectSaveText(run([arrived([], 4, true)], partly)), 'All changes saved');
});

test('merges each stage into document order and never lists an annotation twice', () => {
  const screen = run([opened, arrived([placed('c', 'five'), placed('a', 'One')], 0, false)]);
  // The first page has the screen's again, and one before them.
  const page = run([arrived([placed('a', 'One'), placed('b', 'three'), placed('c', 'five'), placed('d', 'seven')], 4, true)], screen);
  assert.deepEqual(ids(page), ['a', 'b', 'c', 'd']);
  assert.equal(page.themeSets.get('trade')?.count, 4, 'each counted once');
});

test('keeps an annotation edited or deleted while the stages arrive as the reader left it', () => {
  const shown = run([opened, arrived([placed('a', 'One'), placed('b', 'three')], 0, false)]);
  const edited = placed('a', 'One', ['trade', 'security']);
  const afterEdits = run(
    [
      { type: 'edit-applied', id: 'a', upserted: [edited], removed: [] },
      { type: 'edit-applied', id: 'b', upserted: [], removed: ['b'] },
    ],
    shown,
  );
  // The page was read before either edit reached the host.
  const page = run([arrived([placed('a', 'One'), placed('b', 'three'), placed('c', 'five')], 3, true)], afterEdits);
  assert.deepEqual(ids(page), ['a', 'c']);
  assert.deepEqual(page.annotations.get('a')?.themes, ['trade', 'security']);
});

test('fills in a note that was to come, in what is shown and in what the host is known to have', () => {
  const shown = run([opened, arrived([placed('a', 'One'), placed('b', 'three')], 2, true, ['a'])]);
  assert.equal(selectHasNote(shown, shown.annotations.get('a')!), true);
  assert.equal(shown.annotations.get('a')?.note, '');
  // A theme changed before the note came: the edit is under way when it does.
  const editing = run([{ type: 'edit-applied', id: 'a', upserted: [placed('a', 'One', ['security'])], removed: [] }], shown);
  const noted = run([{ type: 'notes-arrived', notes: { a: 'Tariff talk', b: 'ignored: never to come' } }], editing);
  assert.equal(noted.annotations.get('a')?.note, 'Tariff talk');
  assert.deepEqual(noted.annotations.get('a')?.themes, ['security']);
  assert.equal(noted.unsaved.get('a')?.acknowledged?.annotation.note, 'Tariff talk', 'a failed edit goes back to the note');
  assert.equal(noted.annotations.get('b')?.note, '');
  const failed = run([{ type: 'edit-failed', id: 'a' }], noted);
  assert.equal(failed.annotations.get('a')?.note, 'Tariff talk');
  assert.deepEqual(failed.annotations.get('a')?.themes, ['trade']);
  assert.equal(failed.notesToCome.size, 0);
});

test('drops a note that comes after the host sent the whole annotation', () => {
  const shown = run([opened, arrived([placed('a', 'One')], 1, true, ['a'])]);
  const whole = placed('a', 'One');
  whole.annotation = { ...whole.annotation, note: 'Newer note' };
  const changed = run([{ type: 'annotations-changed', upserted: [whole], removed: [] }], shown);
  const late = run([{ type: 'notes-arrived', notes: { a: 'Older note' } }], changed);
  assert.equal(late.annotations.get('a')?.note, 'Newer note');
});
