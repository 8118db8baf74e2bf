// Covers renderer/commands/: what the reader's commands ask of the host and tell the store and the reader,
// against a recording host, with no DOM.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Annotation } from '../../../annotations/annotation';
import { DEFAULT_CODEBOOK } from '../../../annotations/codebook';
import type { GlossHost } from '../../../annotations/contract';
import { GlossError } from '../../../annotations/errors';
import { applyTheme, deleteHighlight } from '../../../renderer/commands/annotations';
import { StepQueue, type Reader } from '../../../renderer/commands/context';
import { undo } from '../../../renderer/commands/history';
import { selectSaveText } from '../../../renderer/state/modules/saving';
import { INITIAL_STATE } from '../../../renderer/state/reader-state';
import { readerReducer } from '../../../renderer/state/reducer';
import { createStore } from '../../../renderer/state/store';
import { annotate, makeDocument } from '../../fixtures/report-fixtures';

const DOC = makeDocument('Title\nTrade issues remain a central challenge.');

/** What the reader was told. */
interface Said {
  announced: string[];
  errors: { message: string; retry: boolean }[];
  toasts: { message: string; action: () => void }[];
  retries: (() => void)[];
}

/** Presses the last banner's Retry and lets what it started finish. */
async function retryLast(said: Said): Promise<void> {
  said.retries.at(-1)!();
  await new Promise((resolve) => setTimeout(resolve, 10));
}

/**
 * A reader over a host that answers with `answers`, recording every call but getHistory (the read by which
 * the reader learns what Undo will do, made after each change); the selection is `range`.
 */
function readerWith(
  answers: Partial<Record<keyof GlossHost, (input: never) => Promise<unknown>>>,
  range: { start: number; end: number } | null,
) {
  const calls: string[] = [];
  const said: Said = { announced: [], errors: [], toasts: [], retries: [] };
  const host = new Proxy({} as GlossHost, {
    get: (_target, method: string) => async (input: never) => {
      if (method !== 'getHistory') calls.push(method);
      const answer = answers[method as keyof GlossHost];
      if (!answer) throw new Error(`unexpected host call ${method}`);
      return answer(input);
    },
  });
  const store = createStore(readerReducer, INITIAL_STATE);
  store.dispatch({
    type: 'document-opened',
    document: DOC,
    codebook: DEFAULT_CODEBOOK,
    annotations: [],
    history: { canUndo: false, canRedo: false },
  });
  const reader = {
    store,
    host,
    shell: {},
    article: { selectedRange: () => range, focus: () => undefined },
    notices: {
      banner: {
        error: (message: string, retry?: () => void) => {
          said.errors.push({ message, retry: retry !== undefined });
          if (retry) said.retries.push(retry);
        },
        info: () => undefined,
      },
      toast: {
        show: (message: string, _label: string, action: () => void) => said.toasts.push({ message, action }),
        hide: () => undefined,
      },
      progress: {},
      announce: (message: string) => said.announced.push(message),
    },
    showEditor: () => undefined,
    flushNote: async () => undefined,
    steps: new StepQueue(),
  } as unknown as Reader;
  return { reader, store, calls, said };
}

function stored(themes: string[], id = 'a1'): Annotation {
  return annotate(DOC, 'Trade issues', themes, '', { id, created: '2026-12-01T10:00:00.000Z' });
}

/** The host's answer to a creation: the annotation under the id the page made. */
const created = async (input: { id?: string; themes: string[] }) => stored(input.themes, input.id);

/** The one annotation the reader shows. */
function only(store: ReturnType<typeof readerWith>['store']): Annotation {
  const [entry] = store.getState().entries;
  assert.ok(entry, 'one highlight is shown');
  return entry.annotation;
}

test('highlights the selection with a theme, opens it, enables Undo and says so', async () => {
  const { reader, store, calls, said } = readerWith({ createAnnotation: created }, { start: 6, end: 18 });
  await applyTheme(reader, 'trade');
  assert.deepEqual(calls, ['createAnnotation']);
  const state = store.getState();
  const { id } = only(store);
  assert.equal(state.activeId, id);
  assert.equal(state.anchors.get(id)?.status, 'anchored');
  assert.equal(state.unsaved.size, 0, 'the host has it');
  assert.equal(state.history.canUndo, true);
  assert.equal(selectSaveText(state), 'All changes saved');
  assert.deepEqual(said.announced, ['Highlighted as Trade.']);
});

test('adds a theme to the highlight that covers exactly the selected passage instead of making another', async () => {
  const { reader, store, calls } = readerWith(
    { createAnnotation: created, updateAnnotation: async (input: { id: string; themes: string[] }) => stored(input.themes, input.id) },
    { start: 6, end: 18 },
  );
  await applyTheme(reader, 'trade');
  await applyTheme(reader, 'security');
  assert.deepEqual(calls, ['createAnnotation', 'updateAnnotation']);
  assert.deepEqual(only(store).themes, ['trade', 'security']);
});

test('shows a new highlight before the host answers, unsaved until it does', async () => {
  let answer!: () => void;
  const held = new Promise<void>((resolve) => (answer = resolve));
  const { reader, store } = readerWith(
    { createAnnotation: async (input: { id?: string; themes: string[] }) => (await held, created(input)) },
    { start: 6, end: 18 },
  );
  const done = applyTheme(reader, 'trade');
  await Promise.resolve();
  const { id } = only(store);
  assert.equal(store.getState().activeId, id, 'drawn and opened at input');
  assert.equal(store.getState().unsaved.has(id), true);
  assert.equal(selectSaveText(store.getState()), 'Saving…', 'not shown as saved');
  answer();
  await done;
  assert.equal(store.getState().unsaved.has(id), false);
  assert.equal(selectSaveText(store.getState()), 'All changes saved');
});

test('takes a highlight the host failed to store back out, says "Not saved" and why, and Retry stores it', async () => {
  let fail = true;
  const { reader, store, said, calls } = readerWith(
    {
      createAnnotation: async (input: { id?: string; themes: string[] }) =>
        fail ? Promise.reject(new GlossError('storage', 'The disk is full.')) : created(input),
    },
    { start: 6, end: 18 },
  );
  await applyTheme(reader, 'trade');
  assert.equal(store.getState().entries.length, 0, 'taken back out');
  assert.equal(selectSaveText(store.getState()), 'Not saved');
  assert.deepEqual(said.errors, [{ message: 'The disk is full. The change was taken back.', retry: true }]);
  fail = false;
  await retryLast(said);
  assert.equal(store.getState().entries.length, 1);
  assert.equal(selectSaveText(store.getState()), 'All changes saved');
  assert.deepEqual(calls, ['createAnnotation', 'createAnnotation']);
});

test('puts a theme change the host refused back as the host has it, without Retry, and keeps "All changes saved"', async () => {
  const { reader, store, said } = readerWith(
    { createAnnotation: created, updateAnnotation: async () => Promise.reject(new GlossError('invalid-input', 'Unknown theme.')) },
    { start: 6, end: 18 },
  );
  await applyTheme(reader, 'trade');
  await applyTheme(reader, 'security');
  assert.deepEqual(only(store).themes, ['trade']);
  assert.equal(selectSaveText(store.getState()), 'All changes saved');
  assert.deepEqual(said.errors, [{ message: 'Unknown theme. The change was taken back.', retry: false }]);
});

test('keeps an edit made while the one before is still under way, in order', async () => {
  let answer!: () => void;
  const held = new Promise<void>((resolve) => (answer = resolve));
  const order: string[] = [];
  const { reader, store } = readerWith(
    {
      createAnnotation: async (input: { id?: string; themes: string[] }) => (await held, order.push('create'), created(input)),
      updateAnnotation: async (input: { id: string; themes: string[] }) => (order.push('update'), stored(input.themes, input.id)),
    },
    { start: 6, end: 18 },
  );
  const first = applyTheme(reader, 'trade');
  await Promise.resolve();
  const second = applyTheme(reader, 'security');
  await Promise.resolve();
  assert.deepEqual(only(store).themes, ['trade', 'security'], 'both shown at input');
  answer();
  await Promise.all([first, second]);
  assert.deepEqual(order, ['create', 'update']);
  assert.deepEqual(only(store).themes, ['trade', 'security']);
  assert.equal(store.getState().unsaved.size, 0);
});

test('asks for a selection when nothing is selected and no highlight is open', async () => {
  const { reader, calls, said } = readerWith({}, null);
  await applyTheme(reader, 'trade');
  assert.deepEqual(calls, []);
  assert.deepEqual(said.announced, ['Select a passage first, then apply a theme.']);
});

test('offers the undo of a deletion in a notice, and its Undo brings the highlight back', async () => {
  let highlight: Annotation | undefined;
  const { reader, store, said, calls } = readerWith(
    {
      createAnnotation: async (input: { id?: string; themes: string[] }) => (highlight = await created(input)),
      deleteAnnotation: async () => ({}),
      undo: async () => ({
        label: 'Highlight deleted',
        problem: null,
        codebookChanged: false,
        changed: [highlight!],
        removed: [],
        canUndo: true,
        canRedo: true,
        undoLabel: 'Highlight added',
        redoLabel: 'Highlight deleted',
      }),
    },
    { start: 6, end: 18 },
  );
  await applyTheme(reader, 'trade');
  await deleteHighlight(reader, only(store).id);
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
        return {
          label: null,
          problem: null,
          codebookChanged: false,
          changed: [],
          removed: [],
          canUndo: false,
          canRedo: true,
          undoLabel: null,
          redoLabel: null,
        };
      },
      redo: async () => {
        order.push('redo');
        return {
          label: null,
          problem: null,
          codebookChanged: false,
          changed: [],
          removed: [],
          canUndo: true,
          canRedo: false,
          undoLabel: null,
          redoLabel: null,
        };
      },
    },
    null,
  );
  const a = undo(reader);
  const b = (await import('../../../renderer/commands/history')).redo(reader);
  await new Promise((resolve) => setTimeout(resolve, 10));
  release();
  await Promise.all([a, b]);
  assert.deepEqual(order, ['undo-start', 'undo-end', 'redo']);
});

/** A host whose undo answers only when released, and whose history previews undoing the last creation. */
function undoableCreation(undoAnswer: () => Promise<unknown>) {
  let highlight: Annotation | undefined;
  const setup = readerWith(
    {
      createAnnotation: async (input: { id?: string; themes: string[] }) => (highlight = await created(input)),
      getHistory: async () => ({
        canUndo: true,
        canRedo: false,
        undoLabel: 'Highlight added',
        redoLabel: null,
        undoPreview: { annotations: [{ id: highlight!.id, result: null }] },
        redoPreview: null,
      }),
      undo: undoAnswer,
    },
    { start: 6, end: 18 },
  );
  return setup;
}

/** An undo's answer when it had nothing to do. */
const nothingDone = {
  label: null,
  problem: null,
  codebookChanged: false,
  changed: [],
  removed: [],
  canUndo: false,
  canRedo: false,
  undoLabel: null,
  redoLabel: null,
};

const settled = () => new Promise((resolve) => setTimeout(resolve, 10));

test('shows an undo in the frame of the key press from the host preview, and the host answer confirms it', async () => {
  let answer!: (outcome: unknown) => void;
  const { reader, store, calls } = undoableCreation(() => new Promise((resolve) => (answer = resolve)));
  await applyTheme(reader, 'trade');
  await settled();
  const id = only(store).id;
  assert.ok(store.getState().history.undoPreview, 'the reader learnt what Undo will do');
  const undone = undo(reader);
  await Promise.resolve();
  assert.equal(store.getState().entries.length, 0, 'the highlight is gone before the host has answered');
  assert.ok(store.getState().unsaved.has(id), 'and it is not yet called saved');
  await settled();
  assert.equal(store.getState().entries.length, 0, 'still gone while the host works');
  answer({
    label: 'Highlight added',
    problem: null,
    codebookChanged: false,
    changed: [],
    removed: [{ id, documentId: DOC.id }],
    canUndo: false,
    canRedo: true,
    undoLabel: null,
    redoLabel: 'Highlight added',
    undoPreview: null,
    redoPreview: null,
  });
  await undone;
  assert.deepEqual(calls, ['createAnnotation', 'undo']);
  assert.equal(store.getState().entries.length, 0);
  assert.equal(store.getState().unsaved.size, 0);
  assert.deepEqual(store.getState().history, { canUndo: false, canRedo: true, undoPreview: null, redoPreview: null });
});

test('puts back what a previewed undo took away when the host fails, and says why with a Retry', async () => {
  const { reader, store, said } = undoableCreation(async () => {
    throw new GlossError('storage', 'The disk is full.');
  });
  await applyTheme(reader, 'trade');
  await settled();
  await undo(reader);
  assert.equal(store.getState().entries.length, 1, 'the highlight is shown again');
  assert.equal(store.getState().unsaved.size, 0);
  assert.equal(said.errors.at(-1)?.message, 'The disk is full.');
  assert.equal(said.errors.at(-1)?.retry, true);
});

test('an undo with an edit still under way waits for the host instead of guessing', async () => {
  let release!: (a: Annotation) => void;
  let undoAsked = false;
  const { reader, store } = readerWith(
    {
      createAnnotation: (input: { id?: string; themes: string[] }) =>
        new Promise<Annotation>((resolve) => (release = () => resolve(stored(input.themes, input.id)))),
      undo: async () => {
        undoAsked = true;
        return nothingDone;
      },
    },
    { start: 6, end: 18 },
  );
  store.dispatch({
    type: 'history-changed',
    history: { canUndo: true, canRedo: false, undoPreview: { annotations: [] }, redoPreview: null },
  });
  const adding = applyTheme(reader, 'trade');
  await Promise.resolve();
  const undone = undo(reader);
  await Promise.resolve();
  assert.equal(store.getState().entries.length, 1, 'the unacknowledged highlight is still shown');
  release(stored(['trade']));
  await adding;
  await undone;
  assert.ok(undoAsked);
});
