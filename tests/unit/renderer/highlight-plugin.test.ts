// Covers renderer/editor/highlight-plugin.ts and highlight-window.ts: decorations split at blocks, and the
// window that limits what is drawn when an article carries thousands of highlights.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EditorState } from 'prosemirror-state';
import type { Decoration } from 'prosemirror-view';
import type { Annotation } from '../../../annotations/annotation';
import { parsePlainText } from '../../../annotations/document';
import {
  blockIndexAtPos,
  blockStarts,
  highlightKey,
  highlightPlugin,
  highlightsAt,
  WINDOW_THRESHOLD,
  withHighlightAction,
  type HighlightAction,
  type HighlightSpec,
  type PlacedAnnotation,
} from '../../../renderer/editor/highlight-plugin';
import { revealAction, WINDOW_MARGIN } from '../../../renderer/editor/highlight-window';
import { articleToDoc, OffsetMap } from '../../../renderer/editor/positions';

const PARAGRAPHS = 400;
const parsed = parsePlainText(
  ['A long article', ...Array.from({ length: PARAGRAPHS }, (_, i) => `Paragraph ${i} says something about trade and security.`)].join('\n'),
);
const doc = articleToDoc(parsed);
const offsets = new OffsetMap(parsed.blocks);

function annotation(id: string, themes: string[] = ['trade']): Annotation {
  return {
    id,
    documentId: 'doc',
    target: {
      source: 'doc',
      selector: [
        { type: 'TextPositionSelector', start: 0, end: 1 },
        { type: 'TextQuoteSelector', exact: 'A', prefix: '', suffix: '' },
      ],
    },
    themes,
    note: '',
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
  } as Annotation;
}

/** A highlight over characters [start, end) of block `index` (1 = first paragraph). */
function inBlock(id: string, index: number, start = 0, end = 9): PlacedAnnotation {
  const block = parsed.blocks[index]!;
  return { annotation: annotation(id), from: offsets.toPos(block.start + start), to: offsets.toPos(block.start + end) };
}

function stateWith(actions: HighlightAction | HighlightAction[]): EditorState {
  const state = EditorState.create({ doc, plugins: [highlightPlugin()] });
  return state.apply(withHighlightAction(state.tr, actions));
}

function act(state: EditorState, actions: HighlightAction | HighlightAction[]): EditorState {
  return state.apply(withHighlightAction(state.tr, actions));
}

function drawn(state: EditorState): Decoration[] {
  return highlightKey.getState(state)!.decorations.find();
}

/** The attributes a decoration puts on its element (ProseMirror keeps them on the decoration's type). */
function attrsOf(d: Decoration): Record<string, string> {
  return (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
}

function isActive(d: Decoration): boolean {
  return attrsOf(d).class!.split(' ').includes('hl-active');
}

function drawnIds(state: EditorState): Set<string> {
  return new Set(drawn(state).map((d) => (d.spec as HighlightSpec).annotationId));
}

/** One highlight per paragraph, `count` in all (several per paragraph once count exceeds PARAGRAPHS). */
function many(count: number): PlacedAnnotation[] {
  return Array.from({ length: count }, (_, i) => inBlock(`a${i}`, 1 + (i % PARAGRAPHS), i % 3, 9 + (i % 3)));
}

describe('highlight decorations', () => {
  test('draws a highlight that crosses paragraphs as one decoration per paragraph, all with its id', () => {
    const from = offsets.toPos(parsed.blocks[2]!.start + 5);
    const to = offsets.toPos(parsed.blocks[4]!.start + 7);
    const state = stateWith({ type: 'reset', placed: [{ annotation: annotation('x'), from, to }] });
    const pieces = drawn(state).sort((a, b) => a.from - b.from);
    assert.equal(pieces.length, 3);
    const starts = blockStarts(doc);
    for (const piece of pieces) {
      assert.equal((piece.spec as HighlightSpec).annotationId, 'x');
      const index = blockIndexAtPos(starts, piece.from);
      assert.ok(piece.to <= starts[index]! + doc.child(index).nodeSize - 1, 'a piece stays inside its block');
    }
    assert.equal(pieces[0]!.from, from);
    assert.equal(pieces[2]!.to, to);
    // The whole passage still reads as one highlight wherever the caret is in it.
    assert.deepEqual(
      highlightsAt(state, offsets.toPos(parsed.blocks[3]!.start + 2)).map((p) => p.annotation.id),
      ['x'],
    );
  });

  test('draws every highlight when there are not many', () => {
    const state = stateWith({ type: 'reset', placed: many(WINDOW_THRESHOLD) });
    assert.equal(drawnIds(state).size, WINDOW_THRESHOLD);
  });

  test('above the threshold draws only the highlights in the first screens until the view says where it is', () => {
    const state = stateWith({ type: 'reset', placed: many(WINDOW_THRESHOLD * 2) });
    const ids = drawnIds(state);
    assert.ok(ids.size > 0 && ids.size < WINDOW_THRESHOLD / 2, `${ids.size} drawn`);
    assert.ok(ids.has('a0'), 'the first paragraph is drawn');
    assert.ok(!ids.has(`a${PARAGRAPHS - 1}`), 'the last paragraph is not drawn yet');
    assert.equal(highlightKey.getState(state)!.placed.size, WINDOW_THRESHOLD * 2, 'every highlight is still known');
  });

  test('revealing a far paragraph draws its highlights and drops those far from it', () => {
    let state = stateWith({ type: 'reset', placed: many(WINDOW_THRESHOLD * 2) });
    const last = parsed.blocks[PARAGRAPHS]!;
    state = act(state, revealAction(state, offsets.toPos(last.start)));
    const ids = drawnIds(state);
    assert.ok(ids.has(`a${PARAGRAPHS - 1}`), 'the last paragraph is drawn');
    assert.ok(!ids.has('a0'), 'the first paragraph is no longer drawn');
    // Every drawn decoration lies within the margin of the revealed block.
    const starts = blockStarts(doc);
    for (const d of drawn(state)) assert.ok(blockIndexAtPos(starts, d.from) >= PARAGRAPHS - WINDOW_MARGIN);
  });

  test('adds, changes and removes a highlight inside the window without touching the others', () => {
    let state = stateWith({ type: 'reset', placed: many(WINDOW_THRESHOLD * 2) });
    const before = drawn(state).length;
    const added = inBlock('new', 3, 20, 30);
    state = act(state, { type: 'upsert', placed: added });
    assert.equal(drawn(state).length, before + 1);
    assert.ok(drawnIds(state).has('new'));
    state = act(state, { type: 'upsert', placed: { ...added, annotation: annotation('new', ['trade', 'security']) } });
    const changed = drawn(state).filter((d) => (d.spec as HighlightSpec).annotationId === 'new');
    assert.equal(changed.length, 1, 'the old decoration was replaced, not kept beside the new one');
    assert.equal(attrsOf(changed[0]!)['data-themes'], 'trade security');
    state = act(state, { type: 'remove', id: 'new' });
    assert.equal(drawn(state).length, before);
    assert.ok(!drawnIds(state).has('new'));
  });

  test('a highlight added outside the window is known but drawn only once the window reaches it', () => {
    let state = stateWith({ type: 'reset', placed: many(WINDOW_THRESHOLD * 2) });
    const far = inBlock('far', PARAGRAPHS - 1, 20, 30);
    state = act(state, { type: 'upsert', placed: far });
    assert.ok(!drawnIds(state).has('far'));
    assert.ok(highlightKey.getState(state)!.placed.has('far'));
    state = act(state, revealAction(state, far.from));
    assert.ok(drawnIds(state).has('far'));
  });

  test('crossing the threshold switches between drawing all and drawing the window', () => {
    const placed = many(WINDOW_THRESHOLD);
    let state = stateWith({ type: 'reset', placed });
    assert.equal(drawnIds(state).size, WINDOW_THRESHOLD);
    state = act(state, { type: 'upsert', placed: inBlock('one-more', 2, 30, 40) });
    assert.ok(drawnIds(state).size < WINDOW_THRESHOLD / 2);
    state = act(state, { type: 'remove', id: 'one-more' });
    assert.equal(drawnIds(state).size, WINDOW_THRESHOLD);
  });

  test('activating a highlight marks it and only it, drawn or not', () => {
    let state = stateWith({ type: 'reset', placed: many(WINDOW_THRESHOLD * 2) });
    state = act(state, { type: 'activate', id: 'a1' });
    const active = drawn(state).filter(isActive);
    assert.deepEqual(
      active.map((d) => (d.spec as HighlightSpec).annotationId),
      ['a1'],
    );
    state = act(state, { type: 'activate', id: `a${PARAGRAPHS - 1}` });
    assert.equal(drawn(state).filter(isActive).length, 0, 'the far one is active but not drawn, and a1 is no longer active');
    state = act(state, revealAction(state, highlightKey.getState(state)!.placed.get(`a${PARAGRAPHS - 1}`)!.from));
    assert.ok(drawn(state).some((d) => (d.spec as HighlightSpec).annotationId === `a${PARAGRAPHS - 1}` && isActive(d)));
  });
});

test('draws a note marker at the end of a highlight with a note, and none on a highlight without one', () => {
  const plain = inBlock('plain', 1);
  const noted = { ...inBlock('noted', 2, 0, 20), annotation: { ...annotation('noted'), note: 'Why this matters.\nMore.' } };
  const markers = drawn(stateWith({ type: 'reset', placed: [plain, noted] })).filter((d) => (d.spec as HighlightSpec).noteMarker);
  assert.deepEqual(
    markers.map((d) => [(d.spec as HighlightSpec).annotationId, d.from]),
    [['noted', noted.to]],
  );
  const cleared = act(stateWith({ type: 'reset', placed: [plain, noted] }), {
    type: 'upsert',
    placed: { ...noted, annotation: { ...noted.annotation, note: ' ' } },
  });
  assert.equal(drawn(cleared).filter((d) => (d.spec as HighlightSpec).noteMarker).length, 0);
});
