// Covers renderer/state/: the store's ordering of actions, and the reducer as a reader's session moves it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnchorResult } from '../../../annotations/anchoring/anchor';
import { DEFAULT_CODEBOOK } from '../../../annotations/codebook';
import type { Action, AnchoredAnnotation } from '../../../renderer/state/actions';
import { selectActive, selectAnnotationAt } from '../../../renderer/state/modules/annotations';
import { selectSaveFailed, selectSaveText } from '../../../renderer/state/modules/saving';
import { INITIAL_STATE, type ReaderState } from '../../../renderer/state/reader-state';
import { readerReducer } from '../../../renderer/state/reducer';
import { createStore } from '../../../renderer/state/store';
import { annotate, makeDocument } from '../../fixtures/report-fixtures';

const DOC = makeDocument('Title\nOne two three four five six.');

/** A Trade highlight over [start, end), found where it was made. */
function annotation(id: string, start: number, end: number): AnchoredAnnotation {
  const a = annotate(DOC, DOC.text.slice(start, end), ['trade'], '', {
    id,
    n: DOC.text.slice(0, start).split(DOC.text.slice(start, end)).length - 1,
  });
  const anchor: AnchorResult = { status: 'anchored', start, end, method: 'exact', confidence: 1 };
  return { annotation: a, anchor };
}

function run(actions: Action[], from: ReaderState = INITIAL_STATE): ReaderState {
  return actions.reduce(readerReducer, from);
}

const opened = (list: AnchoredAnnotation[]): Action => ({
  type: 'document-opened',
  document: DOC,
  codebook: DEFAULT_CODEBOOK,
  annotations: list,
  history: { canUndo: false, canRedo: false },
});

test('lists the annotations in document order whatever order they arrive in', () => {
  const state = run([opened([annotation('late', 20, 25), annotation('early', 6, 9)])]);
  assert.deepEqual(
    state.entries.map((e) => e.annotation.id),
    ['early', 'late'],
  );
  const after = run([{ type: 'annotations-changed', upserted: [annotation('middle', 10, 13)], removed: ['late'] }], state);
  assert.deepEqual(
    after.entries.map((e) => e.annotation.id),
    ['early', 'middle'],
  );
});

test('keeps the sorted list when only the open highlight or the filters change', () => {
  const state = run([opened([annotation('a', 6, 9), annotation('b', 10, 13)])]);
  const after = run(
    [
      { type: 'highlight-opened', id: 'a' },
      { type: 'filters-changed', filters: { query: 'two' } },
    ],
    state,
  );
  assert.equal(after.entries, state.entries);
  assert.equal(after.activeId, 'a');
  assert.equal(after.filters.query, 'two');
});

test('closes the open highlight when it is deleted, and opens a new one with its creation', () => {
  let state = run([opened([annotation('a', 6, 9)]), { type: 'highlight-opened', id: 'a' }]);
  assert.equal(selectActive(state)?.annotation.id, 'a');
  state = run([{ type: 'annotations-changed', upserted: [], removed: ['a'] }], state);
  assert.equal(state.activeId, null);
  state = run([{ type: 'annotations-changed', upserted: [annotation('b', 10, 13)], removed: [], open: 'b' }], state);
  assert.equal(state.activeId, 'b');
});

test('refuses to open a highlight the document does not hold', () => {
  const state = run([opened([annotation('a', 6, 9)]), { type: 'highlight-opened', id: 'nope' }]);
  assert.equal(state.activeId, null);
});

test('finds the highlight that covers exactly a passage', () => {
  const state = run([opened([annotation('a', 6, 9), annotation('b', 6, 13)])]);
  assert.equal(selectAnnotationAt(state, 6, 13)?.id, 'b');
  assert.equal(selectAnnotationAt(state, 6, 10), undefined);
});

test('says "Saving…" while a call runs, "Not saved" after a failure, and keeps the status after a refusal', () => {
  let state = run([{ type: 'save-started' }]);
  assert.equal(selectSaveText(state), 'Saving…');
  state = run([{ type: 'save-finished', outcome: 'failed' }], state);
  assert.equal(selectSaveText(state), 'Not saved');
  assert.equal(selectSaveFailed(state), true);
  state = run([{ type: 'save-started' }, { type: 'save-finished', outcome: 'refused' }], state);
  assert.equal(selectSaveText(state), 'Not saved', 'a refusal is not a save that worked');
  state = run([{ type: 'save-started' }, { type: 'save-finished', outcome: 'saved' }], state);
  assert.equal(selectSaveText(state), 'All changes saved');
  state = run([{ type: 'save-started' }, { type: 'save-finished', outcome: 'refused' }], state);
  assert.equal(selectSaveText(state), 'All changes saved', 'a refusal after a save leaves "All changes saved"');
});

test('enables Undo once a step is recorded, and takes what the host says after an undo', () => {
  let state = run([opened([])]);
  assert.equal(state.history.canUndo, false);
  state = run([{ type: 'step-recorded' }], state);
  assert.deepEqual(state.history, { canUndo: true, canRedo: false });
  state = run([{ type: 'history-changed', history: { canUndo: false, canRedo: true } }], state);
  assert.deepEqual(state.history, { canUndo: false, canRedo: true });
});

test('hands the same state back for an action that changes nothing, so no view redraws', () => {
  const state = run([opened([annotation('a', 6, 9)]), { type: 'highlight-opened', id: 'a' }]);
  assert.equal(readerReducer(state, { type: 'highlight-opened', id: 'a' }), state);
  assert.equal(readerReducer(state, { type: 'annotations-changed', upserted: [], removed: [] }), state);
});

test('tells each listener of every action in order, even one dispatched by a listener', () => {
  const store = createStore(readerReducer, INITIAL_STATE);
  const seen: string[][] = [[], []];
  store.subscribe((_state, _previous, action) => {
    seen[0]!.push(action.type);
    if (action.type === 'save-started') store.dispatch({ type: 'save-finished', outcome: 'saved' });
  });
  store.subscribe((state, previous, action) => {
    seen[1]!.push(`${action.type}:${previous.pending}->${state.pending}`);
  });
  store.dispatch({ type: 'save-started' });
  assert.deepEqual(seen[0], ['save-started', 'save-finished']);
  assert.deepEqual(seen[1], ['save-started:0->1', 'save-finished:1->0']);
});

test('stops telling a listener once it unsubscribes', () => {
  const store = createStore(readerReducer, INITIAL_STATE);
  let calls = 0;
  const stop = store.subscribe(() => (calls += 1));
  store.dispatch({ type: 'save-started' });
  stop();
  store.dispatch({ type: 'save-started' });
  assert.equal(calls, 1);
});

test('keeps the list in document order through any run of additions, changes and removals', () => {
  const text = DOC.text;
  let state = run([opened([])]);
  const ids: string[] = [];
  // A fixed pseudo-random walk (no clock, no Math.random): the same run every time.
  let seed = 7;
  const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  for (let step = 0; step < 300; step += 1) {
    const choice = next(3);
    if (choice === 0 || ids.length === 0) {
      const start = 6 + next(text.length - 8);
      const entry = annotation(`a${step}`, start, start + 1);
      ids.push(entry.annotation.id);
      state = run([{ type: 'annotations-changed', upserted: [entry], removed: [] }], state);
    } else if (choice === 1) {
      const id = ids[next(ids.length)]!;
      const start = 6 + next(text.length - 8);
      const moved = { ...annotation(id, start, start + 1) };
      state = run([{ type: 'annotations-changed', upserted: [moved], removed: [] }], state);
    } else {
      const [id] = ids.splice(next(ids.length), 1);
      state = run([{ type: 'annotations-changed', upserted: [], removed: [id!] }], state);
    }
    const order = state.entries.map((e) => (e.anchor.status === 'anchored' ? e.anchor.start : Infinity));
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
      `step ${step}`,
    );
    assert.equal(state.entries.length, state.annotations.size);
  }
});
