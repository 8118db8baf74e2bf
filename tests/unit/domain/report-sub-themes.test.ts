// Covers how every report counts and lists a sub-theme's highlights: toward and under its parent, once each,
// by the same rule as the Annotations panel (annotations/codebook.ts countByTheme), in the model, HTML and Markdown.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countByTheme } from '../../../annotations/codebook';
import { buildCsv, CSV_COLUMNS } from '../../../annotations/reports/csv';
import { buildHtmlReport } from '../../../annotations/reports/html';
import { buildMarkdownReport } from '../../../annotations/reports/markdown';
import { buildReportModel } from '../../../annotations/reports/model';
import { buildQdc, codeGuid } from '../../../annotations/reports/refi-qda';
import { annotate, assertWellFormedXml, orphan, parseCsv, SAMPLE_DOC, WITH_TARIFFS } from '../../fixtures/report-fixtures';

const EXPORTED_AT = '2025-03-04T05:06:07.000Z';

/** Trade directly, Tariffs alone, both, and Tariffs with Security. */
function coded() {
  return [
    annotate(SAMPLE_DOC, 'Trade issues', ['trade'], 'Direct trade.'),
    annotate(SAMPLE_DOC, 'canola', ['tariffs'], 'Only the sub-theme.'),
    annotate(SAMPLE_DOC, 'electric vehicles', ['trade', 'tariffs'], 'Parent and sub-theme.'),
    annotate(SAMPLE_DOC, 'escalating pressures', ['security', 'tariffs'], 'Sub-theme and another theme.'),
  ];
}

function htmlSection(html: string, themeId: string): string {
  return new RegExp(`<section class="theme" id="theme-\\d+"><h3><span class="swatch t-${themeId}">[\\s\\S]*?</section>`).exec(html)![0];
}

function markdownSection(md: string, label: string): string {
  const from = md.indexOf(`### ${label} (`, md.indexOf('## Passages by theme'));
  assert.notEqual(from, -1, `a section for ${label}`);
  const next = md.slice(from + 4).search(/\n##/);
  return next === -1 ? md.slice(from) : md.slice(from, from + 4 + next);
}

describe('reports with sub-themes', () => {
  test('counts each highlight once toward a parent, sub-themes included, and once in the total', () => {
    const annotations = coded();
    const model = buildReportModel(SAMPLE_DOC, annotations, WITH_TARIFFS);
    const reported = Object.fromEntries(model.summary.themes.map((t) => [t.theme.id, t.highlights]));
    assert.deepEqual(reported, { trade: 4, security: 1, diplomacy: 0, tariffs: 3 });
    assert.deepEqual(reported, Object.fromEntries(countByTheme(WITH_TARIFFS, annotations)));
    assert.equal(model.summary.highlights, 4, 'four highlights, however many themes each belongs to');
    const trade = model.summary.themes.find((t) => t.theme.id === 'trade')!;
    const chars = ['Trade issues', 'canola', 'electric vehicles', 'escalating pressures'].reduce((n, q) => n + q.length, 0);
    assert.equal(trade.coveredChars, chars, "Trade covers its sub-theme's passages too");
  });

  test('reports on a parent theme with its sub-themes, as filtering the panel by it does', () => {
    const model = buildReportModel(SAMPLE_DOC, coded(), WITH_TARIFFS, { themes: ['trade'] });
    assert.deepEqual(
      model.themes.map((t) => t.id),
      ['trade', 'tariffs'],
    );
    assert.equal(model.highlights.length, 4);
    const alone = buildReportModel(SAMPLE_DOC, coded(), WITH_TARIFFS, { themes: ['tariffs'] });
    assert.deepEqual(
      alone.highlights.map((h) => h.quote),
      ['escalating pressures', 'canola', 'electric vehicles'].sort((a, b) => SAMPLE_DOC.text.indexOf(a) - SAMPLE_DOC.text.indexOf(b)),
    );
  });

  test("pairs a sub-theme's highlight with other themes through its parent, never a parent with its own sub-theme", () => {
    const model = buildReportModel(SAMPLE_DOC, coded(), WITH_TARIFFS);
    const pair = (a: string, b: string) => model.summary.pairs.find((p) => p.a.id === a && p.b.id === b);
    assert.equal(pair('trade', 'tariffs'), undefined);
    assert.equal(pair('trade', 'security')!.highlights, 1, 'Security with Tariffs is Security with Trade');
    assert.equal(pair('security', 'tariffs')!.highlights, 1);
    const row = model.summary.matrix.themes.findIndex((t) => t.id === 'trade');
    const total = model.summary.matrix.counts[row]!.reduce((a, b) => a + b, 0);
    assert.equal(total, 4, "the heatmap row of Trade holds its sub-theme's highlights");
  });

  test("lists a sub-theme's passage in the HTML under its parent once, naming the sub-theme, and under its own theme", () => {
    const model = buildReportModel(SAMPLE_DOC, [...coded(), orphan(SAMPLE_DOC, ['tariffs'], 'lost')], WITH_TARIFFS);
    const html = buildHtmlReport(model, { exportedAt: EXPORTED_AT });
    const trade = htmlSection(html, 'trade');
    assert.match(trade, /<span class="meta">\(4\)<\/span><\/h3>/);
    assert.ok(trade.includes('3 of these passages are coded with a sub-theme of Trade: Tariffs.'));
    assert.equal((trade.match(/<article class="passage">/g) ?? []).length, 4, 'the passage with Trade and Tariffs listed once');
    const canola = model.highlights.find((h) => h.quote === 'canola')!;
    const entry = new RegExp(`<article class="passage">((?:(?!</article>)[\\s\\S])*#hl-${canola.number}"[\\s\\S]*?)</article>`).exec(
      trade,
    )![1]!;
    assert.ok(entry.includes('<span class="hl t-tariffs">canola</span>'), "drawn in the sub-theme's colour");
    assert.ok(entry.includes('<span class="tag t-tariffs">Tariffs</span>'), 'the sub-theme named');
    assert.ok(trade.includes('Also 1 passage not found in the text'), "the sub-theme's lost passage counted under Trade too");
    const tariffs = htmlSection(html, 'tariffs');
    assert.match(tariffs, /<span class="meta">\(3\)<\/span><\/h3>/);
    assert.ok(
      !tariffs.includes('#hl-' + model.highlights.find((h) => h.quote === 'Trade issues')!.number + '"'),
      'a Trade-only passage is not a Tariffs one',
    );
    assert.ok(!htmlSection(html, 'security').includes('sub-theme'), 'no line for a theme without sub-themes');
  });

  test("lists a sub-theme's passage in the Markdown under its parent once, naming the sub-theme, and under its own theme", () => {
    const model = buildReportModel(SAMPLE_DOC, coded(), WITH_TARIFFS);
    const md = buildMarkdownReport(model, { exportedAt: EXPORTED_AT, locale: 'en-GB', timeZone: 'UTC' });
    assert.ok(md.includes('| **Trade** | 4 |'), 'the summary table counts the sub-theme toward Trade');
    const trade = markdownSection(md, 'Trade');
    assert.ok(trade.startsWith('### Trade (4)\n\n3 of these passages are coded with a sub-theme of Trade: Tariffs.\n'));
    const canola = model.highlights.find((h) => h.quote === 'canola')!;
    const both = model.highlights.find((h) => h.quote === 'electric vehicles')!;
    assert.ok(
      trade.includes(`**${canola.number}.** **Tariffs** — passage ${canola.number}\n\n> canola`),
      'listed under Trade, the sub-theme named',
    );
    assert.equal(trade.split(`— passage ${both.number}\n`).length - 1, 1, 'the passage with Trade and Tariffs listed once');
    const tariffs = markdownSection(md, 'Tariffs');
    assert.ok(tariffs.startsWith('### Tariffs (3)\n'));
    assert.ok(!tariffs.includes('> Trade issues'), 'a Trade-only passage is not a Tariffs one');
    assert.ok(!markdownSection(md, 'Security').includes('sub-theme'), 'no line for a theme without sub-themes');
  });

  test("names in the CSV the parent of each row's sub-theme, so rows group under the parent as the sections do", () => {
    const model = buildReportModel(SAMPLE_DOC, coded(), WITH_TARIFFS);
    const rows = parseCsv(buildCsv([model]));
    const at = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const pairs = rows.slice(1).map((row) => `${row[at('theme')]}/${row[at('parent theme')]}`);
    assert.deepEqual([...new Set(pairs)].sort(), ['Security/', 'Tariffs/Trade', 'Trade/']);
    const underTrade = new Set(
      rows
        .slice(1)
        .filter((row) => row[at('theme')] === 'Trade' || row[at('parent theme')] === 'Trade')
        .map((row) => row[at('annotation id')]),
    );
    assert.equal(underTrade.size, model.summary.themes.find((t) => t.theme.id === 'trade')!.highlights);
  });

  test("nests a sub-theme's Code inside its parent's in a REFI-QDA codebook", () => {
    const qdc = buildQdc(WITH_TARIFFS);
    assertWellFormedXml(qdc);
    const trade = WITH_TARIFFS.find((t) => t.id === 'trade')!;
    const tariffs = WITH_TARIFFS.find((t) => t.id === 'tariffs')!;
    const block = new RegExp(`<Code guid="${codeGuid(trade)}"[^>]*>([\\s\\S]*?)\\n    </Code>`).exec(qdc)![1]!;
    assert.match(
      block,
      new RegExp(`<Description>${trade.description}</Description>\\n      <Code guid="${codeGuid(tariffs)}" name="Tariffs"`),
    );
    assert.equal((qdc.match(new RegExp(codeGuid(tariffs), 'g')) ?? []).length, 1, 'written once');
    const orphaned = buildQdc([{ ...tariffs, parent: 'gone' }]);
    assert.ok(orphaned.includes(`    <Code guid="${codeGuid(tariffs)}"`), 'a sub-theme whose parent is missing stays, at the top level');
  });
});
