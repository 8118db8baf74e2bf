// Sentence units and terms: the English analysis agreement, search expansion and suggestions share.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePlainText } from '../../../annotations/document';
import { sentenceSpans, termsOf } from '../../../annotations/text/english';
import { unitAt, unitSpans } from '../../../annotations/text/units';

const texts = (text: string, spans: Array<{ start: number; end: number }>) => spans.map((s) => text.slice(s.start, s.end));

test('abbreviations such as U.S., Prof. and Dr. do not end a sentence', () => {
  const text = 'Prof. Smith met U.S. officials on Monday.  Tariffs rose! "Why?" asked Dr. Lee.';
  assert.deepEqual(texts(text, sentenceSpans(text)), [
    'Prof. Smith met U.S. officials on Monday.',
    'Tariffs rose!',
    '"Why?"',
    'asked Dr. Lee.',
  ]);
});

test('sentence offsets count from the start of the whole text when a range is given', () => {
  const text = 'Ignore this. Ottawa spoke. Beijing answered.';
  const spans = sentenceSpans(text, 13);
  assert.deepEqual(texts(text, spans), ['Ottawa spoke.', 'Beijing answered.']);
  assert.equal(spans[0]!.start, 13);
});

test('sentences never cross a paragraph, and paragraphs are the blocks trimmed', () => {
  const doc = parsePlainText('Title\nFirst one. Second one\nThird paragraph has no stop');
  assert.deepEqual(texts(doc.text, unitSpans(doc, 'sentence')), ['Title', 'First one.', 'Second one', 'Third paragraph has no stop']);
  assert.deepEqual(texts(doc.text, unitSpans(doc, 'paragraph')), ['Title', 'First one. Second one', 'Third paragraph has no stop']);
});

test('terms carry lower-case lemmas, so "Tariffs" and "tariffs" both give "tariff"', () => {
  const terms = termsOf('Tariffs hurt; the tariffs were exported.');
  assert.deepEqual(
    terms.map((t) => t.lemma),
    ['tariff', 'hurt', 'the', 'tariff', 'be', 'export'],
  );
  assert.deepEqual(
    terms.filter((t) => t.stop).map((t) => t.value),
    ['the', 'were'],
  );
});

test('term offsets point at the word as written, punctuation left out', () => {
  const text = 'Before. Canada’s canola, 25 tonnes.';
  for (const term of termsOf(text, 8)) assert.equal(text.slice(term.start, term.end), term.value);
  assert.ok(!termsOf(text).some((t) => t.value === ','));
});

test('the unit at an offset is the one containing it, else the next', () => {
  const spans = [
    { start: 0, end: 5 },
    { start: 7, end: 12 },
  ];
  assert.deepEqual(unitAt(spans, 3), spans[0]);
  assert.deepEqual(unitAt(spans, 5), spans[1]);
  assert.equal(unitAt(spans, 12), undefined);
});
