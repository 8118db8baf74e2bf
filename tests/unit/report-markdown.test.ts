// Covers annotations/reports/markdown.ts and the Markdown escape: the report as readable, inert Markdown.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeMarkdownLine } from '../../annotations/reports/escape';
import { buildMarkdownReport } from '../../annotations/reports/markdown';
import { buildReportModel } from '../../annotations/reports/model';
import { CODEBOOK, SAMPLE_DOC, SMALL_DOC, annotate, sampleAnnotations } from './report-fixtures';

const EXPORTED_AT = '2025-03-04T05:06:07.000Z';

describe('Markdown report', () => {
  test('escapes what would make links, images, code, emphasis, HTML or block syntax', () => {
    assert.equal(escapeMarkdownLine('[x](javascript:alert(1))'), '\\[x\\]\\(javascript:alert\\(1\\)\\)');
    assert.equal(escapeMarkdownLine('<b>hi</b> & co'), '&lt;b&gt;hi&lt;/b&gt; &amp; co');
    assert.equal(escapeMarkdownLine('`a` *b* _c_'), '\\`a\\` \\*b\\* \\_c\\_');
    assert.equal(escapeMarkdownLine('# title'), '\\# title');
    assert.equal(escapeMarkdownLine('- item'), '\\- item');
    assert.equal(escapeMarkdownLine('1. item'), '1\\. item');
    assert.equal(escapeMarkdownLine('> quote'), '&gt; quote');
    assert.equal(escapeMarkdownLine('a\nb'), 'a b');
  });

  test('has the header, legend, summary tables, article with markers, notes and passages by theme', () => {
    const model = buildReportModel(SAMPLE_DOC, sampleAnnotations(), CODEBOOK);
    const md = buildMarkdownReport(model, { exportedAt: EXPORTED_AT });
    assert.ok(md.startsWith(`# ${SAMPLE_DOC.title}\n`));
    assert.ok(md.includes(`Exported: ${EXPORTED_AT}`));
    for (const theme of CODEBOOK) assert.ok(md.includes(`- **\\[${theme.label}\\]** colour ${theme.colour}, ${theme.cue} underline — ${theme.description}`));
    assert.ok(md.includes('| Theme | Highlights | Coverage |'));
    for (const t of model.summary.themes) assert.ok(md.includes(`| **\\[${t.theme.label}\\]** | ${t.highlights} | ${(t.coverage * 100).toFixed(1)}% |`));
    for (const h of model.highlights) assert.ok(md.includes(` \\[${h.number}\\]`), `marker ${h.number}`);
    assert.ok(md.includes('## Passages by theme'));
    assert.ok(md.includes('> Trade issues remain a central challenge in China-Canada relations\n\nCore trade claim.'));
    assert.ok(md.includes('Diversification.\\\nSecond line of the note.'), 'a line break in a note stays a line break');
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
