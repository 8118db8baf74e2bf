// The Find query language and hits grown to passages: words, phrases, OR, a wildcard ending, whole words, case.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePlainText } from '../../../annotations/document';
import { GlossError } from '../../../annotations/errors';
import { expandHits } from '../../../annotations/suggest/hits';
import { compileQuery, matchAll, parseQuery, type SearchOptions } from '../../../annotations/suggest/search-query';

function found(text: string, query: string, options: SearchOptions = {}): string[] {
  const pattern = compileQuery(parseQuery(query), options);
  return pattern ? matchAll(pattern, text).spans.map((s) => text.slice(s.start, s.end)) : [];
}

const text = 'Tariffs on canola rose; the tariff war, antitariff talk and "export bans" hurt canola-exports. CANOLA.';

test('words next to each other match as typed, whatever the spaces between them', () => {
  assert.deepEqual(found('Tariffs  on canola rose', 'tariffs on canola'), ['Tariffs  on canola']);
});

test('OR finds either side, and a quoted phrase keeps OR and * as words', () => {
  assert.deepEqual(found(text, 'war OR bans'), ['war', 'bans']);
  assert.deepEqual(found('cats OR dogs*', '"cats OR dogs*"'), ['cats OR dogs*']);
});

test('a word ending in * matches any ending, from the start of a word only', () => {
  assert.deepEqual(found(text, 'tariff*'), ['Tariffs', 'tariff']);
});

test('whole words leave a word inside a longer one alone', () => {
  assert.deepEqual(found(text, 'tariff'), ['Tariff', 'tariff', 'tariff']);
  assert.deepEqual(found(text, 'tariff', { wholeWord: true }), ['tariff']);
  assert.deepEqual(found(text, 'canola', { wholeWord: true }), ['canola', 'canola', 'CANOLA']);
});

test('case is matched exactly when asked, and offsets stay offsets in the text', () => {
  assert.deepEqual(found(text, 'CANOLA', { caseSensitive: true }), ['CANOLA']);
  const odd = 'İstanbul ports; istanbul trade';
  const pattern = compileQuery(parseQuery('istanbul'))!;
  for (const span of matchAll(pattern, odd).spans) assert.equal(odd.slice(span.start, span.end).toLowerCase().endsWith('stanbul'), true);
});

test('a query with an unclosed quote or a bare OR is refused with a reason', () => {
  assert.throws(
    () => parseQuery('"export bans'),
    (e: unknown) => e instanceof GlossError && /quote/.test(e.message),
  );
  assert.throws(() => parseQuery('OR tariffs'), /OR needs words/);
  assert.throws(() => parseQuery('tariffs OR'), /OR needs words/);
  assert.equal(compileQuery(parseQuery('   ')), null);
});

test('hits grow to their sentence or paragraph, and two hits in one sentence give one passage', () => {
  const doc = parsePlainText('Title\nCanola tariffs rose. Canola fell, canola rose.\nNo match here. Canola again.');
  const matches = matchAll(compileQuery(parseQuery('canola'))!, doc.text).spans;
  const slices = (expansion: 'sentence' | 'paragraph' | 'match') =>
    expandHits(doc, matches, expansion).map((p) => doc.text.slice(p.start, p.end));
  assert.deepEqual(slices('sentence'), ['Canola tariffs rose.', 'Canola fell, canola rose.', 'Canola again.']);
  assert.deepEqual(slices('paragraph'), ['Canola tariffs rose. Canola fell, canola rose.', 'No match here. Canola again.']);
  assert.deepEqual(slices('match'), ['Canola', 'Canola', 'canola', 'Canola']);
  assert.equal(expandHits(doc, matches, 'sentence')[1]!.matches.length, 2);
});

test('a phrase that runs across two sentences grows to both', () => {
  const doc = parsePlainText('Title\nThey met. Then they left.');
  const matches = matchAll(compileQuery(parseQuery('met. Then'))!, doc.text).spans;
  assert.deepEqual(
    expandHits(doc, matches, 'sentence').map((p) => doc.text.slice(p.start, p.end)),
    ['They met. Then they left.'],
  );
});
