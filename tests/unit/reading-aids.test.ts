// Find in the text, the Annotations list's search and flags, n / p order and the remembered view settings, without a browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EditorState } from 'prosemirror-state';
import { articleToDoc } from '../../renderer/editor/positions';
import { findMatches, findPlugin, findKey, withFindAction } from '../../renderer/editor/find-plugin';
import { highlightPlugin, withHighlightAction } from '../../renderer/editor/highlight-plugin';
import { nextHighlight } from '../../renderer/editor/highlight-nav';
import { passesFilters, type SidebarEntry } from '../../renderer/sidebar';
import { parseViewSettings, DEFAULT_VIEW } from '../../renderer/view-settings';
import { parsePlainText } from '../../annotations/document';
import type { Annotation } from '../../annotations/annotation';
import type { Codebook } from '../../annotations/codebook';

const parsed = parsePlainText('A Title\n\nCanada and canada, CANADA.\n\nNo match here but Canad\na.');
const doc = articleToDoc({ text: parsed.text, blocks: parsed.blocks });

test('finds every match case-insensitively within blocks, in document order', () => {
  const { matches, capped } = findMatches(doc, 'canada');
  assert.equal(capped, false);
  assert.deepEqual(matches.map((m) => doc.textBetween(m.from, m.to)), ['Canada', 'canada', 'CANADA']);
});

test('stops at the limit and says the search was capped', () => {
  const { matches, capped } = findMatches(doc, 'a', 3);
  assert.equal(matches.length, 3);
  assert.equal(capped, true);
});

test('treats the query as text, not a pattern', () => {
  assert.equal(findMatches(doc, '.*').matches.length, 0);
  assert.equal(findMatches(doc, 'CANADA.').matches.length, 1);
});

test('starts at the first match after the caret and wraps around when stepping', () => {
  let state = EditorState.create({ doc, plugins: [findPlugin()] });
  const second = findMatches(doc, 'canada').matches[1]!;
  state = state.apply(withFindAction(state.tr, { type: 'search', query: 'canada', from: second.from }));
  assert.equal(findKey.getState(state)!.current, 1);
  state = state.apply(withFindAction(state.tr, { type: 'goto', index: 3 }));
  assert.equal(findKey.getState(state)!.current, 0);
  state = state.apply(withFindAction(state.tr, { type: 'goto', index: -1 }));
  assert.equal(findKey.getState(state)!.current, 2);
  const decorations = findKey.getState(state)!.decorations.find();
  assert.equal(decorations.length, 3);
  for (const d of decorations) assert.equal((d as unknown as { type: { attrs: Record<string, string> } }).type.attrs['data-annotation-id'], undefined);
  state = state.apply(withFindAction(state.tr, { type: 'clear' }));
  assert.equal(findKey.getState(state)!.decorations.find().length, 0);
});

function annotation(id: string, themes: string[], note = '', exact = 'quote'): Annotation {
  return {
    id,
    documentId: 'd',
    target: { source: 'd', selector: [{ type: 'TextPositionSelector', start: 0, end: 1 }, { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }] },
    themes,
    note,
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
  };
}

test('moves to the next and previous highlight from the caret, wrapping at either end', () => {
  let state = EditorState.create({ doc, plugins: [highlightPlugin()] });
  const placed = [
    { annotation: annotation('b', ['trade']), from: 12, to: 18 },
    { annotation: annotation('a', ['security']), from: 2, to: 5 },
  ];
  state = state.apply(withHighlightAction(state.tr, { type: 'reset', placed }));
  assert.equal(nextHighlight(state, 0, 1, null)!.placed.annotation.id, 'a');
  assert.deepEqual({ ...nextHighlight(state, 2, 1, 'a')!, placed: undefined }, { placed: undefined, index: 1, total: 2 });
  assert.equal(nextHighlight(state, 12, 1, 'b')!.placed.annotation.id, 'a');
  assert.equal(nextHighlight(state, 0, -1, null)!.placed.annotation.id, 'b');
});

const codebook = [{ id: 'trade' }, { id: 'security' }] as unknown as Codebook;

test('filters the list by words in the quote or the note, by having a note and by being orphaned', () => {
  const found: SidebarEntry = { annotation: annotation('1', ['trade'], 'Tariff talks', 'Steel exports'), anchor: { status: 'anchored', method: 'exact', start: 0, end: 1, confidence: 1 } as SidebarEntry['anchor'] };
  const lost: SidebarEntry = { annotation: annotation('2', ['security'], '', 'Naval patrols'), anchor: { status: 'orphan', reason: 'gone' } };
  assert.equal(passesFilters(found, { query: 'steel TARIFF', codebook }, ''), true);
  assert.equal(passesFilters(found, { query: 'steel naval', codebook }, ''), false);
  assert.equal(passesFilters(lost, { withNote: true, codebook }, ''), false);
  assert.equal(passesFilters(found, { orphaned: true, codebook }, ''), false);
  assert.equal(passesFilters(lost, { orphaned: true, codebook }, 'security'), true);
  assert.equal(passesFilters(lost, { codebook }, 'trade'), false);
});

test('reads view settings back, falling back to the defaults for anything unknown', () => {
  assert.deepEqual(parseViewSettings(null), DEFAULT_VIEW);
  assert.deepEqual(parseViewSettings('{not json'), DEFAULT_VIEW);
  assert.deepEqual(parseViewSettings('{"appearance":"dark","textSize":4,"width":"wide"}'), { appearance: 'dark', textSize: 4, width: 'wide' });
  assert.deepEqual(parseViewSettings('{"appearance":"neon","textSize":99,"width":3}'), DEFAULT_VIEW);
});
