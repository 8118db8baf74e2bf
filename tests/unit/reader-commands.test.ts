// Covers renderer/commands/: what the reader's commands ask of the host and tell the store and the reader,
// against a recording host, with no DOM.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Annotation } from '../../annotations/annotation';
import { DEFAULT_CODEBOOK } from '../../annotations/codebook';
import type { GlossHost } from '../../annotations/contract';
import { GlossError } from '../../annotations/errors';
import { applyTheme, deleteHighlight } from '../../renderer/commands/annotations';
import { StepQueue, type Reader } from '../../renderer/commands/context';
import { undo } from '../../renderer/commands/history';
import { attempt } from '../../renderer/commands/saving';
import { selectSaveText } from '../../renderer/state/modules/saving';
import { INITIAL_STATE } from '../../renderer/state/reader-state';
import { readerReducer } from '../../renderer/state/reducer';
import { createStore } from '../../renderer/state/store';
import { annotate, makeDocument } from './report-fixtures';

const DOC = makeDocument('Title\nTrade issues remain a central challenge.');

/** A reader over a host that answers with `answers`, recording every call; the selection is `range`. */
function readerWith(answers: Partial<Record<keyof GlossHost, (input: never) => Promise<unknown>>>, range: { start: number; end: number } | null) {
  const calls: string[] = [];
  const said: { announced: string[]; errors: { message: string; retry: boolean }[]; toasts: { message: string; action: () => void }[] } = {
    announced: [],
    errors: [],
    toasts: [],
  };
  const host = new Proxy({} as GlossHost, {
    get: (_target, method: string) => async (input: never) => {
      calls.push(method);
      const answer = answers[method as keyof GlossHost];
      if (!answer) throw new Error(`unexpected host call ${method}`);
      return answer(input);
    },
  });
  const store = createStore(readerReducer, INITIAL_STATE);
  store.dispatch({ type: 'document-opened', document: DOC, codebook: DEFAULT_CODEBOOK, annotations: [], history: { canUndo: false, canRedo: false } });
  const reader = {
    store,
    host,
    shell: {},
    transport: 'http',
    article: { selectedRange: () => range, focus: () => undefined },
    notices: {
      banner: { error: (message: string, retry?: () => void) => said.errors.push({ message, retry: retry !== undefined }), info: () => undefined },
      toast: { show: (message: string, _label: string, action: () => void) => said.toasts.push({ message, action }), hide: () => undefined },
      progress: {},
      announce: (message: string) => said.announced.push(message),
    },
    showEditor: () => undefined,
    flushNote: async () => undefined,
    steps: new StepQueue(),
  } as unknown as Reader;
  return { reader, store, calls, said };
}

function stored(themes: string[]): Annotation {
  return annotate(DOC, 'Trade issues', themes, '', { id: 'a1', created: '2026-12-01T10:00:00.000Z' });
}

test('highlights the selection with a theme, opens it, enables Undo and says so', async () => {
  const { reader, store, calls, said } = readerWith({ createAnnotation: async () => stored(['trade']) }, { start: 6, end: 18 });
  await applyTheme(reader, 'trade');
  assert.deepEqual(calls, ['createAnnotation']);
  const state = store.getState();
  assert.equal(state.entries.length, 1);
  assert.equal(state.activeId, 'a1');
  assert.equal(state.anchors.get('a1')?.status, 'anchored');
  assert.equal(state.history.canUndo, true);
  assert.equal(selectSaveText(state), 'All changes saved');
  assert.deepEqual(said.announced, ['Highlighted as Trade.']);
});

test('adds a theme to the highlight that covers exactly the selected passage instead of making another', async () => {
  const { reader, store, calls } = readerWith(
    { createAnnotation: async () => stored(['trade']), updateAnnotation: async () => stored(['trade', 'security']) },
    { start: 6, end: 18 },
  );
  await applyTheme(reader, 'trade');
  await applyTheme(reader, 'security');
  assert.deepEqual(calls, ['createAnnotation', 'updateAnnotation']);
  assert.deepEqual(store.getState().annotations.get('a1')?.themes, ['trade', 'security']);
  assert.equal(store.getState().entries.length, 1);
});

test('says "Not saved" with a Retry when the host fails, and shows nothing as saved', async () => {
  const { reader, store, said } = readerWith({ createAnnotation: async () => Promise.reject(new GlossError('storage', 'The disk is full.')) }, { start: 6, end: 18 });
  await attempt(reader, () => applyTheme(reader, 'trade'));
  assert.equal(store.getState().entries.length, 0);
  assert.equal(selectSaveText(store.getState()), 'Not saved');
  assert.deepEqual(said.errors, [{ message: 'The disk is full.', retry: true }]);
});

test('says what the host refused without Retry, and keeps "All changes saved"', async () => {
  const { reader, store, said } = readerWith({ createAnnotation: async () => Promise.reject(new GlossError('invalid-input', 'The passage is empty.')) }, { start: 6, end: 18 });
  await attempt(reader, () => applyTheme(reader, 'trade'));
  assert.equal(selectSaveText(store.getState()), 'All changes saved');
  assert.deepEqual(said.errors, [{ message: 'The passage is empty.', retry: false }]);
});

test('asks for a selection when nothing is selected and no highlight is open', async () => {
  const { reader, calls, said } = readerWith({}, null);
  await applyTheme(reader, 'trade');
  assert.deepEqual(calls, []);
  assert.deepEqual(said.announced, ['Select a passage first, then apply a theme.']);
});

test('offers the undo of a deletion in a notice, and its Undo brings the highlight back', async () => {
  const highlight = stored(['trade']);
  const { reader, store, said, calls } = readerWith(
    {
      createAnnotation: async () => highlight,
      deleteAnnotation: async () => ({}),
      undo: async () => ({ label: 'Highlight deleted', problem: null, codebookChanged: false, changed: [highlight], removed: [], canUndo: true, canRedo: true, undoLabel: 'Highlight added', redoLabel: 'Highlight deleted' }),
    },
    { start: 6, end: 18 },
  );
  await applyTheme(reader, 'trade');
  await deleteHighlight(reader, 'a1');
  assert.equal(store.getState().entries.length, 0);
  assert.equal(said.toasts.length, 1);
  assert.equal(said.toasts[0]!.message, 'Highlight deleted.');
  said.toasts[0]!.action();
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(calls, ['createAnnotation', 'deleteAnnotation', 'undo']);
  assert.equal(store.getState().entries.length, 1);
  assert.deepEqual(store.getState().history, { canUndo: true, canRedo: true });
  assert.equal(said.announced.at(-1), 'Undone: Highlight deleted.');
});

test('runs undo steps one after another in the order asked', async () => {
  const order: string[] = [];
  let release!: () => void;
  const first = new Promise<void>((resolve) => (release = resolve));
  const { reader } = readerWith(
    {
      undo: async () => {
        order.push('undo-start');
        await first;
        order.push('undo-end');
        return { label: null, problem: null, codebookChanged: false, changed: [], removed: [], canUndo: false, canRedo: true, undoLabel: null, redoLabel: null };
      },
      redo: async () => {
        order.push('redo');
        return { label: null, problem: null, codebookChanged: false, changed: [], removed: [], canUndo: true, canRedo: false, undoLabel: null, redoLabel: null };
      },
    },
    null,
  );
  const a = undo(reader);
  const b = (await import('../../renderer/commands/history')).redo(reader);
  await new Promise((resolve) => setTimeout(resolve, 10));
  release();
  await Promise.all([a, b]);
  assert.deepEqual(order, ['undo-start', 'undo-end', 'redo']);
});
