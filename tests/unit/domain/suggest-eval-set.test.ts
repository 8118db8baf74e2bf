// The evaluation set is what its README says: six or more articles of 400+ words, every sentence labelled, and each
// labelled sentence exactly one sentence unit as Gloss cuts the text (so the bench scores the units it ranks).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unitSpans } from '../../../annotations/text/units';
import { loadEvalSet, parseEvalArticle } from '../../fixtures/suggest-eval';

const articles = loadEvalSet();

test('holds at least six articles of 400 words or more, each with sentences of every theme', () => {
  assert.ok(articles.length >= 6);
  for (const a of articles) {
    assert.ok(a.text.split(/\s+/).length >= 400, `${a.id} has ${a.text.split(/\s+/).length} words`);
    for (const theme of ['trade', 'security', 'diplomacy'])
      assert.ok(
        a.sentences.some((s) => s.themes.includes(theme)),
        `${a.id} has a ${theme} sentence`,
      );
  }
});

test('every labelled sentence is one sentence unit of the stored text', () => {
  for (const a of articles) {
    const units = unitSpans(a, 'sentence').map((u) => a.text.slice(u.start, u.end));
    assert.deepEqual(
      units,
      a.sentences.map((s) => a.text.slice(s.start, s.end)),
      a.id,
    );
  }
});

test('a line without a label is refused, naming the file and line', () => {
  assert.throws(() => parseEvalArticle('x', '[T] Title\n\nNo label here.'), /x line 3 has no label/);
});
