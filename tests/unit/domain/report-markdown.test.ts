// Covers annotations/reports/markdown.ts and markdown-escape.ts: the report as readable, inert Markdown with lists, quotes and marked passages.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildMarkdownReport } from '../../../annotations/reports/markdown';
import { escapeMarkdownLine, markdownLine } from '../../../annotations/reports/markdown-escape';
import { buildReportModel } from '../../../annotations/reports/model';
import { CODEBOOK, SAMPLE_DOC, SMALL_DOC, annotate, blocksDocument, sampleAnnotations } from '../../fixtures/report-fixtures';

const EXPORTED_AT = '2025-03-04T05:06:07.000Z';

describe('Markdown report', () => {
  test('escapes what would make links, images, code, emphasis, HTML or block syntax', () => {
    assert.equal(escapeMarkdownLine('[x](javascript:alert(1))'), '[x\\](javascript:alert(1))');
    assert.equal(escapeMarkdownLine('![img](x) [ref][1] [def]: /u'), '![img\\](x) [ref\\][1] [def\\]: /u');
    assert.equal(
      escapeMarkdownLine('<b>hi</b> <https://x.example> &amp; &#60;'),
      '&lt;b>hi&lt;/b> &lt;https://x.example> &amp;amp; &amp;#60;',
    );
    assert.equal(escapeMarkdownLine('`a` *b* _c_ ~~d~~'), '\\`a\\` \\*b\\* \\_c\\_ \\~\\~d\\~\\~');
    assert.equal(escapeMarkdownLine('# title'), '\\# title');
    assert.equal(escapeMarkdownLine('- item'), '\\- item');
    assert.equal(escapeMarkdownLine('* item'), '\\* item');
    assert.equal(escapeMarkdownLine('1. item'), '1\\. item');
    assert.equal(escapeMarkdownLine('> quote'), '\\> quote');
    assert.equal(escapeMarkdownLine('***'), '\\*\\*\\*');
    assert.equal(escapeMarkdownLine('==='), '\\===');
    assert.equal(escapeMarkdownLine('    indented'), 'indented');
    assert.equal(escapeMarkdownLine('a\\*b\\'), 'a\\\\\\*b\\\\');
    assert.equal(escapeMarkdownLine('a | b', { table: true }), 'a \\| b');
    assert.equal(escapeMarkdownLine('a\nb'), 'a b');
  });

  test('leaves alone what Markdown reads as plain text: brackets, parentheses, lone symbols, inner underscores', () => {
    for (const plain of [
      '[Trade] (CBAM)',
      'Trade (CBAM) and steel [sic]',
      '2 * 3 = 6',
      'snake_case_name',
      'R&D costs < 5% > 3%',
      'a - b + c',
      '-5% growth',
      'C# and F#',
      'one ` backtick',
      'Q&A: #1 {x} !',
      'In 2026. A year',
    ]) {
      assert.equal(escapeMarkdownLine(plain), plain, plain);
    }
    assert.equal(escapeMarkdownLine('Trade #', { heading: true }), 'Trade \\#', 'a closing sequence is escaped in a heading');
    assert.equal(
      markdownLine(['tariffs', { md: '‹2]' }, '(CBAM)']),
      'tariffs‹2]\\(CBAM)',
      'text after a bracket the report wrote cannot make a link',
    );
  });

  test('has the header, legend, summary tables, article with marks, notes and passages by theme', () => {
    const model = buildReportModel(SAMPLE_DOC, sampleAnnotations(), CODEBOOK);
    const md = buildMarkdownReport(model, { exportedAt: EXPORTED_AT, locale: 'en-GB', timeZone: 'UTC' });
    assert.ok(md.startsWith(`# ${SAMPLE_DOC.title}\n`));
    assert.ok(md.includes('Exported: 4 March 2025, 05:06\n'), 'a date people read');
    assert.doesNotMatch(md, /#[0-9a-f]{6}|\d{4}-\d{2}-\d{2}T/i, 'no colour codes or ISO times');
    for (const theme of CODEBOOK) assert.ok(md.includes(`- **${theme.label}** — ${theme.description}`));
    assert.ok(md.includes('| Theme | Highlights | Coverage |'));
    for (const t of model.summary.themes)
      assert.ok(md.includes(`| **${t.theme.label}** | ${t.highlights} | ${(t.coverage * 100).toFixed(1)}% |`));
    for (const h of model.highlights) {
      assert.ok(md.includes(`[${h.number}›`), `start of ${h.number}`);
      assert.ok(md.includes(`‹${h.number}]`), `end of ${h.number}`);
    }
    assert.ok(md.includes('## Passages by theme'));
    assert.ok(md.includes('> Trade issues remain a central challenge in China-Canada relations\n\nCore trade claim.'));
    assert.ok(md.includes('Diversification.\\\nSecond line of the note.'), 'a line break in a note stays a line break');
  });

  test('marks where each passage starts and ends in the article, nested ones inside', () => {
    const model = buildReportModel(SAMPLE_DOC, sampleAnnotations(), CODEBOOK);
    const md = buildMarkdownReport(model, { exportedAt: EXPORTED_AT });
    assert.ok(md.includes('[2›Trade issues remain a [3›central challenge‹3] in China-Canada relations‹2].'));
    assert.ok(md.includes('### Canada and China take cautious steps to [1›restore diplomatic trust‹1] amid US pressures'));
  });

  test('keeps lists and quotes as Markdown lists and quotes, consecutive items of one kind as one list', () => {
    const doc = blocksDocument();
    const md = buildMarkdownReport(buildReportModel(doc, [annotate(doc, 'steel', ['trade'])], CODEBOOK), { exportedAt: EXPORTED_AT });
    const article = md.slice(md.indexOf('## The article'), md.indexOf('### Notes'));
    assert.ok(article.includes('\n- Point on [1›steel‹1]\n- Point on aluminium\n\n1. Step on quotas\n2. Step on duties\n\n'), article);
    assert.ok(article.includes('\n> A remark on trust\n>\n> A second paragraph of it\n\n'), article);
    assert.ok(article.includes('\n#### A section\n'), "a level-2 heading sits below the report's own sections");
    assert.ok(article.includes('\n- \\- a dash inside an item\n'), "an item's own text cannot start a nested list");
  });

  test('lists only theme pairs that occur together, and says so when none do', () => {
    const model = buildReportModel(SAMPLE_DOC, sampleAnnotations(), CODEBOOK);
    const md = buildMarkdownReport(model, { exportedAt: EXPORTED_AT });
    assert.ok(md.includes('| **Trade** + **Security** | 0 | 2 | 46 |'));
    const apart = [annotate(SMALL_DOC, 'Alpha', ['trade']), annotate(SMALL_DOC, 'Zeta', ['security'])];
    const none = buildMarkdownReport(buildReportModel(SMALL_DOC, apart, CODEBOOK), { exportedAt: EXPORTED_AT });
    assert.ok(none.includes('No co-occurrence: no two themes share a highlight or a passage.'));
    assert.doesNotMatch(none, /Highlights with both/);
  });

  test('quotes a passage of several lines line by line', () => {
    const a = annotate(SMALL_DOC, 'epsilon.\nZeta', ['trade'], 'n');
    const md = buildMarkdownReport(buildReportModel(SMALL_DOC, [a], CODEBOOK), { exportedAt: EXPORTED_AT });
    assert.ok(md.includes('> epsilon.\n> Zeta'));
  });

  test('leaves the article out when asked', () => {
    const a = annotate(SMALL_DOC, 'Alpha', ['trade'], 'n');
    const md = buildMarkdownReport(buildReportModel(SMALL_DOC, [a], CODEBOOK, { includeArticle: false }), { exportedAt: EXPORTED_AT });
    assert.ok(!md.includes('## The article'));
    assert.ok(md.includes('## Passages by theme'));
  });
});
