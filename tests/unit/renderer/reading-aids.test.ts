// Find in the text, the Annotations list's search and flags, n / p order and the remembered view settings, without a browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EditorState } from 'prosemirror-state';
import { articleToDoc } from '../../../renderer/editor/positions';
import { findMatches, findPlugin, findKey, withFindAction } from '../../../renderer/editor/find-plugin';
import { highlightPlugin, withHighlightAction } from '../../../renderer/editor/highlight-plugin';
import { nextHighlight } from '../../../renderer/editor/highlight-nav';
import { passesFilters, type SidebarEntry } from '../../../renderer/sidebar';
import { parseViewSettings, DEFAULT_VIEW } from '../../../renderer/view-settings';
import { excerpt, matchRanges, type Segment } from '../../../renderer/search-excerpt';
import { shortcutGroups, themeKeysHelp, themeKeysPhrase } from '../../../renderer/dialogs/shortcuts-dialog';
import { parsePlainText } from '../../../annotations/document';
import type { Annotation } from '../../../annotations/annotation';
import type { Codebook } from '../../../annotations/codebook';

const parsed = parsePlainText('A Title\n\nCanada and canada, CANADA.\n\nNo match here but Canad\na.');
const doc = articleToDoc({ text: parsed.text, blocks: parsed.blocks });

test('finds every match case-insensitively within blocks, in document order', () => {
  const { matches, capped } = findMatches(doc, 'canada');
  assert.equal(capped, false);
  assert.deepEqual(
    matches.map((m) => doc.textBetween(m.from, m.to)),
    ['Canada', 'canada', 'CANADA'],
  );
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
  for (const d of decorations)
    assert.equal((d as unknown as { type: { attrs: Record<string, string> } }).type.attrs['data-annotation-id'], undefined);
  state = state.apply(withFindAction(state.tr, { type: 'clear' }));
  assert.equal(findKey.getState(state)!.decorations.find().length, 0);
});

function annotation(id: string, themes: string[], note = '', exact = 'quote'): Annotation {
  return {
    id,
    documentId: 'd',
    target: {
      source: 'd',
      selector: [
        { type: 'TextPositionSelector', start: 0, end: 1 },
        { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      ],
    },
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
  const found: SidebarEntry = {
    annotation: annotation('1', ['trade'], 'Tariff talks', 'Steel exports'),
    anchor: { status: 'anchored', method: 'exact', start: 0, end: 1, confidence: 1 } as SidebarEntry['anchor'],
  };
  const lost: SidebarEntry = {
    annotation: annotation('2', ['security'], '', 'Naval patrols'),
    anchor: { status: 'orphan', reason: 'gone' },
  };
  assert.equal(passesFilters(found, { query: 'steel TARIFF', codebook }, ''), true);
  assert.equal(passesFilters(found, { query: 'steel naval', codebook }, ''), false);
  assert.equal(passesFilters(lost, { withNote: true, codebook }, ''), false);
  assert.equal(passesFilters(found, { orphaned: true, codebook }, ''), false);
  assert.equal(passesFilters(lost, { orphaned: true, codebook }, 'security'), true);
  assert.equal(passesFilters(lost, { codebook }, 'trade'), false);
});

/** An excerpt as a reader sees it, matches in [brackets]. */
function shown(segments: readonly Segment[]): string {
  return segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('');
}

test('marks every match of every search word in a quote or note, case-insensitively', () => {
  assert.equal(shown(excerpt('Tariff talks on steel tariffs', ['TARIFF', 'steel'], 200, 16)), '[Tariff] talks on [steel] [tariff]s');
  assert.equal(shown(excerpt('No match at all', ['steel'], 200, 16)), 'No match at all');
  // Lower-casing İ makes two characters; the marks must still fall on the words matched.
  assert.deepEqual(matchRanges('İstanbul steel', ['steel']), [[9, 14]]);
  assert.equal(shown(excerpt('a+b (c) a+b', ['a+b'], 200, 16)), '[a+b] (c) [a+b]');
});

test('shows a match deep inside a long note, with an ellipsis where text is left out', () => {
  const note = `${'Background reading about the negotiations. '.repeat(10)}The canola tariff decision matters here. ${'More context follows. '.repeat(10)}`;
  const text = shown(excerpt(note, ['canola'], 200, 16));
  assert.match(text, /^…[^…]*\[canola\] tariff decision[^…]*…$/);
  // The match comes early, so the one line the list shows holds it.
  assert.ok(text.indexOf('[canola]') <= 20, text);
  assert.ok(text.length <= 200 + 2 + 2, String(text.length));
  // Near the end of a long note too, the match comes early rather than the excerpt being filled up.
  const late = shown(excerpt(`${'Background reading about the negotiations. '.repeat(10)}The canola tariff.`, ['canola'], 200, 16));
  assert.ok(late.startsWith('…') && late.indexOf('[canola]') <= 20, late);
  // Without a search the note is its start, shortened as before.
  assert.match(shown(excerpt(note, [], 200, 16)), /^Background reading about the negotiations\..*…$/);
});

test('says the theme keys as the codebook has them: "1, 2 or 3", then "1 to 5"', () => {
  const withKeys = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `t${i}`, label: `T${i}`, shortcut: i < 9 ? String(i + 1) : '' })) as unknown as Codebook;
  assert.equal(themeKeysPhrase(withKeys(1)), '1');
  assert.equal(themeKeysPhrase(withKeys(3)), '1, 2 or 3');
  assert.equal(themeKeysPhrase(withKeys(5)), '1 to 5');
  assert.equal(themeKeysPhrase(withKeys(12)), '1 to 9');
  assert.equal(themeKeysHelp(withKeys(5)), 'then press 1 to 5 (or a theme button).');
  assert.equal(themeKeysHelp([]), 'then press a theme button.');
  // The sheet lists a key only for themes that have one.
  const article = shortcutGroups(withKeys(12), false, false)[0]!.shortcuts;
  assert.equal(article.filter((s) => s.action.startsWith('Apply the theme')).length, 9);
});

test('reads view settings back, falling back to the defaults for anything unknown', () => {
  assert.deepEqual(parseViewSettings(null), DEFAULT_VIEW);
  assert.deepEqual(parseViewSettings('{not json'), DEFAULT_VIEW);
  assert.deepEqual(parseViewSettings('{"appearance":"dark","textSize":4,"width":"wide"}'), {
    appearance: 'dark',
    textSize: 4,
    width: 'wide',
    stripes: true,
  });
  assert.deepEqual(parseViewSettings('{"stripes":false}'), { ...DEFAULT_VIEW, stripes: false });
  assert.deepEqual(parseViewSettings('{"stripes":"no"}'), DEFAULT_VIEW);
  assert.deepEqual(parseViewSettings('{"appearance":"neon","textSize":99,"width":3}'), DEFAULT_VIEW);
});
