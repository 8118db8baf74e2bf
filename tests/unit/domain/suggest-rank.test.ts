// Ranking suggestions on small hand-made cases: shared terms outrank, stop words do not count, lemmas match.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePlainText } from '../../../annotations/document';
import { explainSuggestion } from '../../../annotations/suggest/explain';
import { rankSuggestions, type CodedPassage, type RankDocument } from '../../../annotations/suggest/rank';

function docOf(id: string, body: string): RankDocument {
  return { id, ...parsePlainText(`Title\n${body}`) };
}

/** The passage of `doc` that reads `quote`, coded with `themes`. */
function coded(doc: RankDocument, quote: string, themes = ['trade']): CodedPassage {
  const start = doc.text.indexOf(quote);
  assert.ok(start >= 0, `"${quote}" is in the text`);
  return { documentId: doc.id, start, end: start + quote.length, themes };
}

const trade = { ids: new Set(['trade']), label: 'Trade', description: '' };

test('a sentence sharing the coded terms outranks one that shares none', () => {
  const doc = docOf(
    'a',
    'Canola exports faced new tariffs in March. The weather was mild all week. Tariffs on canola exports rose again. Officials met for lunch.',
  );
  const ranked = rankSuggestions({
    documents: [doc],
    coded: [coded(doc, 'Canola exports faced new tariffs in March.')],
    theme: trade,
    unit: 'sentence',
  });
  assert.equal(ranked[0]?.exact, 'Tariffs on canola exports rose again.');
  assert.deepEqual(new Set(ranked[0]!.why), new Set(['tariff', 'canola', 'export']));
  assert.ok(!ranked.some((s) => s.exact === 'The weather was mild all week.'), 'nothing shared, nothing proposed');
  assert.ok(!ranked.some((s) => s.exact.startsWith('Canola exports faced')), 'the coded sentence is not proposed');
});

test('stop words shared with the coded passages earn nothing', () => {
  const doc = docOf('a', 'The tariffs of the summer were high. The the of and was were. Tariffs are a tool.');
  const ranked = rankSuggestions({
    documents: [doc],
    coded: [coded(doc, 'The tariffs of the summer were high.')],
    theme: trade,
    unit: 'sentence',
  });
  assert.deepEqual(
    ranked.map((s) => s.exact),
    ['Tariffs are a tool.'],
  );
  assert.ok(ranked.every((s) => !s.why.some((t) => ['the', 'of', 'be', 'were'].includes(t))));
});

test('"tariffs" in a sentence matches "tariff" in a coded passage', () => {
  const doc = docOf('a', 'A tariff was announced. Three tariffs were lifted. Rain fell.');
  const ranked = rankSuggestions({ documents: [doc], coded: [coded(doc, 'A tariff was announced.')], theme: trade, unit: 'sentence' });
  assert.equal(ranked[0]?.exact, 'Three tariffs were lifted.');
  assert.deepEqual(ranked[0]?.why, ['tariff']);
});

test('the description alone proposes passages before anything is coded, and says so', () => {
  const doc = docOf('a', 'Troops crossed the border at dawn. Farmers sold wheat.');
  const security = { ids: new Set(['security']), label: 'Security', description: 'Military forces, troops, borders and defence.' };
  const ranked = rankSuggestions({ documents: [doc], coded: [], theme: security, unit: 'sentence' });
  assert.deepEqual(
    ranked.map((s) => s.exact),
    ['Troops crossed the border at dawn.'],
  );
  assert.equal(explainSuggestion(ranked[0]!), `shares ${ranked[0]!.why.join(' and ')} with the theme's description`);
});

test("a sub-theme's passages count as the theme's, and a passage partly coded is not proposed", () => {
  const doc = docOf('a', 'Canola tariffs hit farmers. Canola prices fell after tariffs. More canola tariffs came.');
  const sub = coded(doc, 'Canola tariffs hit farmers.', ['tariffs-sub']);
  const partly = coded(doc, 'Canola prices', ['trade']);
  const theme = { ids: new Set(['trade', 'tariffs-sub']), label: 'Trade', description: '' };
  const ranked = rankSuggestions({ documents: [doc], coded: [sub, partly], theme, unit: 'sentence' });
  assert.deepEqual(
    ranked.map((s) => s.exact),
    ['More canola tariffs came.'],
  );
  assert.equal(ranked[0]!.passages, 2);
  assert.equal(explainSuggestion(ranked[0]!), `shares ${ranked[0]!.why.join(' and ')} with 2 coded passages`);
});

test('ranks across documents, skips rejected units, and gives the same order every time', () => {
  const a = docOf('a', 'Export tariffs on canola rose. Canola exports fell.');
  const b = docOf('b', 'Canola exports to China stopped. Tariffs on canola were raised.');
  const input = { documents: [a, b], coded: [coded(a, 'Export tariffs on canola rose.')], theme: trade, unit: 'sentence' as const };
  const first = rankSuggestions(input);
  assert.deepEqual(first, rankSuggestions(input));
  assert.deepEqual(new Set(first.map((s) => s.documentId)), new Set(['a', 'b']));
  const rejected = first[0]!;
  const again = rankSuggestions({ ...input, isRejected: (id, span) => id === rejected.documentId && span.start === rejected.start });
  assert.ok(!again.some((s) => s.documentId === rejected.documentId && s.start === rejected.start));
  const onlyB = rankSuggestions({ ...input, within: new Set(['b']) });
  assert.ok(onlyB.length > 0 && onlyB.every((s) => s.documentId === 'b'));
  for (const s of first) assert.equal((s.documentId === 'a' ? a : b).text.slice(s.start, s.end), s.exact);
});

test('paragraphs are ranked as units too', () => {
  const doc = docOf('a', 'Tariffs on canola. Exports fell.\nThe band played.\nCanola tariffs again. More exports.');
  const ranked = rankSuggestions({
    documents: [doc],
    coded: [coded(doc, 'Tariffs on canola. Exports fell.')],
    theme: trade,
    unit: 'paragraph',
  });
  assert.deepEqual(
    ranked.map((s) => s.exact),
    ['Canola tariffs again. More exports.'],
  );
});
