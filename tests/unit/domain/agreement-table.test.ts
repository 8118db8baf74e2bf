// Covers annotations/agreement/coding.ts and table.ts: two coders' coding of a theme compared over characters,
// sentences and paragraphs (sub-themes counting toward their parent), and the table's rows and overall figures.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Annotation } from '../../../annotations/annotation';
import { compareCoverage, coverageOf } from '../../../annotations/agreement/coding';
import { agreementTable } from '../../../annotations/agreement/table';
import { CODEBOOK, SMALL_DOC, WITH_TARIFFS, annotate, makeDocument } from '../../fixtures/report-fixtures';

const by = (creator: string | undefined, a: Annotation): Annotation => (creator === undefined ? a : { ...a, creator });

describe('comparing two coders over units', () => {
  // SMALL_DOC's blocks hold 13 + 31 + 26 = 70 characters.
  const a = [by('ana', annotate(SMALL_DOC, 'beta gamma', ['trade']))];
  const b = [by('ben', annotate(SMALL_DOC, 'gamma delta', ['tariffs']))];
  const coverage = (layer: Annotation[]) => coverageOf(SMALL_DOC.text, layer, WITH_TARIFFS, 'trade');

  test('counts characters as NVivo does, a sub-theme toward its parent, and lists each disagreeing stretch', () => {
    const result = compareCoverage(SMALL_DOC, coverage(a), coverage(b), 'character');
    assert.deepEqual(
      { both: result.both, aOnly: result.aOnly, bOnly: result.bOnly, neither: result.neither },
      { both: 5, aOnly: 5, bOnly: 6, neither: 54 },
    );
    assert.deepEqual(
      result.disagreements.map((d) => [d.coder, SMALL_DOC.text.slice(d.start, d.end)]),
      [
        ['a', 'beta '],
        ['b', ' delta'],
      ],
    );
  });

  test('counts a paragraph as coded by a coder when any of their passages touches it', () => {
    const result = compareCoverage(SMALL_DOC, coverage(a), coverage(b), 'paragraph');
    assert.deepEqual(
      { both: result.both, aOnly: result.aOnly, bOnly: result.bOnly, neither: result.neither },
      { both: 1, aOnly: 0, bOnly: 0, neither: 2 },
    );
    assert.deepEqual(result.disagreements, []);
  });

  test('counts sentences that do not end at "U.S." or "Prof."', () => {
    const doc = makeDocument('The U.S. imposed tariffs on steel. Canada replied. Prof. Lee agreed.');
    const ana = coverageOf(doc.text, [annotate(doc, 'tariffs', ['trade'])], CODEBOOK, 'trade');
    const ben = coverageOf(doc.text, [annotate(doc, 'Lee agreed', ['trade'])], CODEBOOK, 'trade');
    const result = compareCoverage(doc, ana, ben, 'sentence');
    assert.deepEqual(
      { both: result.both, aOnly: result.aOnly, bOnly: result.bOnly, neither: result.neither },
      { both: 0, aOnly: 1, bOnly: 1, neither: 1 },
    );
    assert.deepEqual(
      result.disagreements.map((d) => [d.coder, doc.text.slice(d.start, d.end)]),
      [
        ['a', 'The U.S. imposed tariffs on steel.'],
        ['b', 'Prof. Lee agreed.'],
      ],
    );
  });

  test('merges a coder’s overlapping passages so a character is counted once', () => {
    const twice = [annotate(SMALL_DOC, 'beta gamma', ['trade']), annotate(SMALL_DOC, 'gamma delta', ['trade'])];
    assert.deepEqual(coverageOf(SMALL_DOC.text, twice, CODEBOOK, 'trade'), [{ start: 20, end: 36 }]);
  });
});

describe('the agreement table', () => {
  test('has a row per theme per document from each coder’s layer, the own coder’s without a creator, and the corpus pooled', () => {
    const other = makeDocument('One more paragraph of text.', 'other');
    const annotations = [
      by(undefined, annotate(SMALL_DOC, 'beta gamma', ['trade'])),
      by('ben', annotate(SMALL_DOC, 'gamma delta', ['tariffs'])),
      by('ben', annotate(other, 'paragraph', ['security'])),
      by('carla', annotate(other, 'One more', ['security'])),
    ];
    const table = agreementTable({
      documents: [SMALL_DOC, other],
      annotations,
      codebook: WITH_TARIFFS,
      coders: ['ana', 'ben'],
      ownCoder: 'ana',
      unit: 'character',
      themeIds: ['trade', 'security'],
    });
    assert.deepEqual(
      table.rows.map((r) => [r.documentId, r.themeId, r.all.both, r.all.aOnly, r.all.bOnly, r.all.neither]),
      [
        ['doc', 'trade', 5, 5, 6, 54],
        ['doc', 'security', 0, 0, 0, 70],
        ['other', 'trade', 0, 0, 0, 27],
        ['other', 'security', 0, 0, 9, 18],
      ],
    );
    // Carla's layer is not compared.
    const overall = table.overall.all;
    assert.deepEqual([overall.both, overall.aOnly, overall.bOnly, overall.neither], [5, 5, 15, 169]);
    assert.equal(overall.percent.value, (100 * 174) / 194);
    assert.equal(table.overall.codedOnly.units, 25);
    assert.deepEqual(
      table.themes.map((t) => [t.themeId, t.all.units]),
      [
        ['trade', 97],
        ['security', 97],
      ],
    );
    assert.equal(table.rows[1]!.all.kappa.value, null);
  });
});
