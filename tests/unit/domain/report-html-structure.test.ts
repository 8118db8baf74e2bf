// Covers the HTML report's structure beyond plain paragraphs: lists and quotes of the article, notes with their passages,
// the export time as people read it, and a co-occurrence table of only the pairs that occur.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildHtmlReport } from '../../../annotations/reports/html';
import { buildReportModel } from '../../../annotations/reports/model';
import {
  CODEBOOK,
  SAMPLE_DOC,
  SMALL_DOC,
  annotate,
  assertBalancedHtml,
  blocksDocument,
  sampleAnnotations,
} from '../../fixtures/report-fixtures';

const EXPORTED_AT = '2026-12-01T21:40:00.000Z';

/** The article section's markup, without its heading. */
function articleOf(html: string): string {
  return /<section class="article"[^>]*><h2[^>]*>The article<\/h2>([\s\S]*?)<\/section>/.exec(html)![1]!;
}

/** The markup with the highlight spans, anchors and markers taken out, to compare structure. */
function bare(html: string): string {
  return html
    .replace(/<sup class="marker">[\s\S]*?<\/sup>/g, '')
    .replace(/<a class="anchor"[^>]*><\/a>/g, '')
    .replace(/<\/?span[^>]*>/g, '');
}

describe('HTML report structure', () => {
  test('keeps the article’s lists and quotes as lists and quotes, consecutive items of one kind as one list', () => {
    const doc = blocksDocument();
    const html = buildHtmlReport(buildReportModel(doc, [annotate(doc, 'steel', ['trade'])], CODEBOOK), { exportedAt: EXPORTED_AT });
    assertBalancedHtml(html);
    const article = bare(articleOf(html));
    assert.ok(
      article.includes(
        '<ul>\n<li class="list_item" id="b-4">Point on steel</li>\n<li class="list_item" id="b-5">Point on aluminium</li>\n</ul>',
      ),
      article,
    );
    assert.ok(
      article.includes(
        '<ol>\n<li class="list_item" id="b-6">Step on quotas</li>\n<li class="list_item" id="b-7">Step on duties</li>\n</ol>',
      ),
      article,
    );
    assert.ok(
      article.includes(
        '<blockquote class="article-quote">\n<p class="blockquote" id="b-8">A remark on trust</p>\n<p class="blockquote" id="b-9">A second paragraph of it</p>\n</blockquote>',
      ),
      article,
    );
    assert.ok(article.includes('<h4 class="heading" id="b-3">A section</h4>'), 'a level-2 heading sits below the report’s own sections');
    assert.ok(
      article.includes('<ul>\n<li class="list_item" id="b-11">- a dash inside an item</li>\n</ul>'),
      'a list after a paragraph is a list of its own',
    );
    assert.ok(
      articleOf(html).includes(
        '<li class="list_item" id="b-4">Point on <a class="anchor" id="hl-1"></a><span class="hl t-trade">steel</span>',
      ),
    );
  });

  test('shows each note with the passage it is about', () => {
    const model = buildReportModel(SAMPLE_DOC, sampleAnnotations(), CODEBOOK);
    const html = buildHtmlReport(model, { exportedAt: EXPORTED_AT });
    const notes = /<section class="notes"[\s\S]*?<\/section>/.exec(html)![0];
    for (const h of model.highlights) {
      const item = new RegExp(`<li id="note-${h.number}"[\\s\\S]*?</li>`).exec(notes)![0];
      assert.ok(
        item.includes(`<blockquote class="quote"><span class="hl t-${h.themes[0]!.id}">${h.quote}</span></blockquote>`),
        `note ${h.number} quotes its passage`,
      );
    }
    assert.match(notes, /central challenge<\/span><\/blockquote><div class="note">Nested inside the trade passage\.<\/div>/);
    assert.match(notes, /reciprocal tariffs<\/span><\/blockquote><p class="no-note">No note\.<\/p>/);
  });

  test('shows the export time as a date people read in the given locale, keeping the ISO time for machines', () => {
    const model = buildReportModel(SMALL_DOC, [], CODEBOOK);
    const british = buildHtmlReport(model, { exportedAt: EXPORTED_AT, locale: 'en-GB', timeZone: 'UTC' });
    assert.ok(british.includes('Exported: <time datetime="2026-12-01T21:40:00.000Z">1 December 2026, 21:40</time>'));
    const american = buildHtmlReport(model, { exportedAt: EXPORTED_AT, locale: 'en-US', timeZone: 'America/New_York' });
    assert.ok(american.includes('>December 1, 2026, 4:40 PM</time>'));
    const legend = /<ul class="legend"[\s\S]*?<\/ul>/.exec(british)![0];
    assert.doesNotMatch(legend, /#[0-9a-f]{6}/i, 'the legend shows colours, not their codes');
  });

  test('lists only theme pairs that occur together, without columns that are zero throughout', () => {
    const model = buildReportModel(SAMPLE_DOC, sampleAnnotations(), CODEBOOK);
    const table = /<h3>Co-occurrence<\/h3>([\s\S]*?)<h3>/.exec(buildHtmlReport(model, { exportedAt: EXPORTED_AT }))![1]!;
    assert.equal((table.match(/<tr>/g) ?? []).length, 1 + 3, 'every pair of the sample meets');
    const nested = [annotate(SMALL_DOC, 'Alpha beta', ['trade', 'security'])];
    const one = /<h3>Co-occurrence<\/h3>([\s\S]*?)<h3>/.exec(
      buildHtmlReport(buildReportModel(SMALL_DOC, nested, CODEBOOK), { exportedAt: EXPORTED_AT }),
    )![1]!;
    assert.equal((one.match(/<tr>/g) ?? []).length, 1 + 1, 'only Trade with Security: the pairs with Diplomacy are all zero');
    assert.doesNotMatch(one, /Overlapping passages/, 'no column of zeros');
    assert.match(one, /<th>Highlights with both<\/th><th>Characters with both<\/th>/);
    const apart = [annotate(SMALL_DOC, 'Alpha', ['trade']), annotate(SMALL_DOC, 'Zeta', ['security'])];
    const none = buildHtmlReport(buildReportModel(SMALL_DOC, apart, CODEBOOK), { exportedAt: EXPORTED_AT });
    assert.ok(none.includes('<h3>Co-occurrence</h3><p class="meta">No co-occurrence: no two themes share a highlight or a passage.</p>'));
  });
});
