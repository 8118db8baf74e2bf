// Covers annotations/reports/model.ts: anchoring, numbering, orphans, options, and the summary figures (recomputed independently here).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Annotation } from '../../../annotations/annotation';
import { GlossError } from '../../../annotations/errors';
import { buildReportModel, intersectionLength, mergeIntervals } from '../../../annotations/reports/model';
import { CODEBOOK, SAMPLE_DOC, SMALL_DOC, annotate, orphan, sampleAnnotations } from '../../fixtures/report-fixtures';

/** Characters covered by annotations carrying a theme, counted one by one. */
function coveredByTheme(text: string, annotations: Annotation[], theme: string): number {
  const covered = new Uint8Array(text.length);
  for (const a of annotations) {
    if (!a.themes.includes(theme)) continue;
    for (let i = a.target.selector[0].start; i < a.target.selector[0].end; i++) covered[i] = 1;
  }
  return covered.reduce((n, c) => n + c, 0);
}

/** Pairs of distinct overlapping annotations, one with theme a and the other with b. */
function overlapsBruteForce(annotations: Annotation[], a: string, b: string): number {
  let count = 0;
  for (let i = 0; i < annotations.length; i++) {
    for (let j = i + 1; j < annotations.length; j++) {
      const x = annotations[i]!;
      const y = annotations[j]!;
      const [xs, xe] = [x.target.selector[0].start, x.target.selector[0].end];
      const [ys, ye] = [y.target.selector[0].start, y.target.selector[0].end];
      if (Math.min(xe, ye) <= Math.max(xs, ys)) continue;
      if ((x.themes.includes(a) && y.themes.includes(b)) || (x.themes.includes(b) && y.themes.includes(a))) count += 1;
    }
  }
  return count;
}

describe('report model', () => {
  test('numbers highlights in document order, whatever order they were made in', () => {
    const late = annotate(SMALL_DOC, 'Zeta eta', ['trade']);
    const early = annotate(SMALL_DOC, 'Alpha beta', ['security']);
    const model = buildReportModel(SMALL_DOC, [late, early], CODEBOOK);
    assert.deepEqual(
      model.highlights.map((h) => [h.number, h.quote]),
      [
        [1, 'Alpha beta'],
        [2, 'Zeta eta'],
      ],
    );
  });

  test('lists a highlight that cannot be found apart, numbered after the others, never dropping it', () => {
    const found = annotate(SMALL_DOC, 'gamma', ['trade']);
    const lost = orphan(SMALL_DOC, ['trade'], 'lost note');
    const model = buildReportModel(SMALL_DOC, [lost, found], CODEBOOK);
    assert.equal(model.highlights.length, 1);
    assert.equal(model.orphans.length, 1);
    assert.equal(model.orphans[0]!.annotation.id, lost.id);
    assert.equal(model.orphans[0]!.number, 2);
    assert.equal(model.summary.orphans, 1);
  });

  test('places a highlight where its quote moved to when the text changed before it', () => {
    const a = annotate(SMALL_DOC, 'theta iota', ['trade']);
    const changed = { ...SMALL_DOC, text: SMALL_DOC.text.replace('Alpha', 'Alpha inserted words') };
    const model = buildReportModel(changed, [a], CODEBOOK);
    assert.equal(model.highlights[0]!.quote, 'theta iota');
    assert.equal(model.highlights[0]!.start, changed.text.indexOf('theta iota'));
  });

  test('counts characters covered by overlapping highlights of one theme once', () => {
    const a = annotate(SMALL_DOC, 'Alpha beta gamma', ['trade']);
    const b = annotate(SMALL_DOC, 'beta gamma delta', ['trade']);
    const model = buildReportModel(SMALL_DOC, [a, b], CODEBOOK);
    const trade = model.summary.themes.find((t) => t.theme.id === 'trade')!;
    assert.equal(trade.coveredChars, 'Alpha beta gamma delta'.length);
    assert.equal(trade.coverage, 'Alpha beta gamma delta'.length / SMALL_DOC.text.length);
    assert.equal(trade.highlights, 2);
  });

  test('counts highlights carrying two themes and overlapping passages of different themes per pair', () => {
    const both = annotate(SMALL_DOC, 'Alpha beta', ['trade', 'security']);
    const over = annotate(SMALL_DOC, 'beta gamma', ['diplomacy']);
    const apart = annotate(SMALL_DOC, 'Zeta', ['diplomacy']);
    const model = buildReportModel(SMALL_DOC, [both, over, apart], CODEBOOK);
    const pair = (a: string, b: string) => model.summary.pairs.find((p) => p.a.id === a && p.b.id === b)!;
    assert.deepEqual([pair('trade', 'security').highlights, pair('trade', 'security').overlaps], [1, 0]);
    assert.deepEqual([pair('trade', 'diplomacy').highlights, pair('trade', 'diplomacy').overlaps], [0, 1]);
    assert.deepEqual([pair('security', 'diplomacy').highlights, pair('security', 'diplomacy').overlaps], [0, 1]);
    assert.equal(pair('trade', 'diplomacy').sharedChars, 'beta'.length);
  });

  test('counts highlights per theme per paragraph, a passage across two paragraphs in both', () => {
    const across = annotate(SMALL_DOC, 'epsilon.\nZeta', ['trade']);
    const first = annotate(SMALL_DOC, 'Alpha', ['trade', 'security']);
    const model = buildReportModel(SMALL_DOC, [across, first], CODEBOOK);
    assert.deepEqual(model.summary.matrix.counts, [
      [0, 2, 1],
      [0, 1, 0],
      [0, 0, 0],
    ]);
    assert.equal(model.summary.matrix.max, 2);
  });

  test('reports on the chosen themes only, in codebook order', () => {
    const a = annotate(SMALL_DOC, 'Alpha', ['trade', 'security']);
    const b = annotate(SMALL_DOC, 'Zeta', ['trade']);
    const model = buildReportModel(SMALL_DOC, [a, b], CODEBOOK, { themes: ['security'] });
    assert.deepEqual(
      model.themes.map((t) => t.id),
      ['security'],
    );
    assert.equal(model.highlights.length, 1);
    assert.deepEqual(
      model.highlights[0]!.themes.map((t) => t.id),
      ['security'],
    );
  });

  test('keeps only highlights with a note when asked', () => {
    const a = annotate(SMALL_DOC, 'Alpha', ['trade'], 'a note');
    const b = annotate(SMALL_DOC, 'Zeta', ['trade'], '   ');
    const model = buildReportModel(SMALL_DOC, [a, b], CODEBOOK, { onlyWithNotes: true });
    assert.deepEqual(
      model.highlights.map((h) => h.annotation.id),
      [a.id],
    );
  });

  test('refuses a theme the codebook does not have, naming it', () => {
    assert.throws(
      () => buildReportModel(SMALL_DOC, [], CODEBOOK, { themes: ['nope'] }),
      (error: unknown) => error instanceof GlossError && /"nope"/.test(error.message),
    );
  });

  test('shows highlights of a theme no longer in the codebook under its id instead of hiding them', () => {
    const a = annotate(SMALL_DOC, 'Alpha', ['retired']);
    const model = buildReportModel(SMALL_DOC, [a], CODEBOOK);
    assert.equal(model.highlights.length, 1);
    assert.equal(model.highlights[0]!.themes[0]!.label, 'retired');
  });

  test('ignores annotations of other documents', () => {
    const other = { ...annotate(SMALL_DOC, 'Alpha', ['trade']), documentId: 'other' };
    assert.equal(buildReportModel(SMALL_DOC, [other], CODEBOOK).highlights.length, 0);
  });

  test('summarises the annotated sample article with figures that match an independent count', () => {
    const annotations = sampleAnnotations();
    const model = buildReportModel(SAMPLE_DOC, annotations, CODEBOOK);
    assert.equal(model.highlights.length, annotations.length);
    for (const summary of model.summary.themes) {
      const id = summary.theme.id;
      assert.equal(summary.highlights, annotations.filter((a) => a.themes.includes(id)).length, `${id} highlights`);
      assert.equal(summary.coveredChars, coveredByTheme(SAMPLE_DOC.text, annotations, id), `${id} coverage`);
    }
    for (const pair of model.summary.pairs) {
      const both = annotations.filter((a) => a.themes.includes(pair.a.id) && a.themes.includes(pair.b.id)).length;
      assert.equal(pair.highlights, both, `${pair.a.id}+${pair.b.id} highlights`);
      assert.equal(pair.overlaps, overlapsBruteForce(annotations, pair.a.id, pair.b.id), `${pair.a.id}+${pair.b.id} overlaps`);
    }
    const starts = model.highlights.map((h) => h.start);
    assert.deepEqual(
      starts,
      [...starts].sort((x, y) => x - y),
    );
  });

  test('merges overlapping and touching intervals and measures intersections', () => {
    assert.deepEqual(
      mergeIntervals([
        { start: 5, end: 8 },
        { start: 0, end: 3 },
        { start: 3, end: 4 },
        { start: 6, end: 10 },
      ]),
      [
        { start: 0, end: 4 },
        { start: 5, end: 10 },
      ],
    );
    assert.equal(
      intersectionLength(
        [
          { start: 0, end: 4 },
          { start: 6, end: 10 },
        ],
        [{ start: 2, end: 8 }],
      ),
      4,
    );
  });
});
