// Hostile content (XSS payloads, Markdown and formula injection, XML breakers, controls, RTL overrides) through every export format.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import type { Annotation } from '../../../annotations/annotation';
import { describeRange } from '../../../annotations/anchoring/anchor';
import type { Codebook } from '../../../annotations/codebook';
import { blockTexts } from '../../../annotations/document';
import { buildCsv } from '../../../annotations/reports/csv';
import { escapeHtml, escapeXml } from '../../../annotations/reports/escape';
import { buildHtmlReport } from '../../../annotations/reports/html';
import { buildJsonLd } from '../../../annotations/reports/jsonld';
import { buildMarkdownReport } from '../../../annotations/reports/markdown';
import { buildReportModel } from '../../../annotations/reports/model';
import { buildQdc, buildQdpx } from '../../../annotations/reports/refi-qda';
import { HOSTILE, assertBalancedHtml, assertWellFormedXml, htmlTags, makeDocument, parseCsv } from '../../fixtures/report-fixtures';

const EXPORTED_AT = '2025-03-04T05:06:07.000Z';

/** One theme per payload: the payload as label and description. */
const CODEBOOK: Codebook = HOSTILE.map((payload, i) => ({
  id: `t${i}`,
  label: payload,
  colour: i % 2 === 0 ? '#123456' : `#abc" onclick="alert(${i})`,
  cue: 'dashed',
  description: payload,
  shortcut: '',
}));

/** The document: a hostile title, then one paragraph per payload (its line breaks made spaces). */
const DOC = makeDocument(
  ['<script>alert("title")</script>', ...HOSTILE.map((p) => p.replace(/[\r\n]+/g, ' '))].join('\n'),
  'doc<script>',
  '"><img src=x onerror=alert(1)>',
);

/** One annotation over each paragraph, with the payload as note and a hostile id on every third. */
const ANNOTATIONS: Annotation[] = DOC.blocks.slice(1).map((block, i) => ({
  id: i % 3 === 0 ? `id-${i}"><script>alert(1)</script>` : `ann-${i}`,
  documentId: DOC.id,
  target: { source: DOC.id, selector: describeRange(DOC.text, block.start, block.end) },
  themes: [`t${i}`, `t${(i + 1) % HOSTILE.length}`],
  note: HOSTILE[i]!,
  created: '2025-01-01T00:00:00.000Z',
  modified: '2025-01-01T00:00:00.000Z',
}));

const MODEL = buildReportModel(DOC, ANNOTATIONS, CODEBOOK);

const HTML_ELEMENTS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'header',
  'main',
  'section',
  'article',
  'h1',
  'h2',
  'h3',
  'p',
  'ul',
  'ol',
  'li',
  'span',
  'strong',
  'a',
  'sup',
  'div',
  'blockquote',
  'br',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'figure',
  'figcaption',
  'svg',
  'g',
  'text',
  'rect',
  'time',
]);

describe('hostile content', () => {
  test('the corpus holds at least thirty payloads', () => {
    assert.ok(HOSTILE.length >= 30);
  });

  test('HTML: no script, no event handler, no javascript: URL, only the report’s own elements', () => {
    const html = buildHtmlReport(MODEL, { exportedAt: EXPORTED_AT });
    assert.doesNotMatch(html, /<script/i);
    assertBalancedHtml(html);
    for (const tag of htmlTags(html)) {
      if (tag.startsWith('<!') || tag.startsWith('</')) continue;
      assert.doesNotMatch(tag, /\son\w+\s*=/i, `no handler in ${tag.slice(0, 80)}`);
      assert.doesNotMatch(tag, /javascript:/i, `no javascript: in ${tag.slice(0, 80)}`);
      const name = /^<([a-zA-Z0-9]+)/.exec(tag)![1]!.toLowerCase();
      assert.ok(HTML_ELEMENTS.has(name), `<${name}> is one of the report's elements`);
    }
  });

  test('HTML: every payload appears escaped, in the text, the notes, the labels and the descriptions', () => {
    const html = buildHtmlReport(MODEL, { exportedAt: EXPORTED_AT });
    for (const block of blockTexts(DOC)) assert.ok(html.includes(escapeHtml(block)), `document text ${block.slice(0, 40)}`);
    for (const payload of HOSTILE) {
      for (const line of payload.split(/\r\n|\r|\n/))
        assert.ok(html.includes(escapeHtml(line)), `payload line ${JSON.stringify(line.slice(0, 40))}`);
    }
    assert.ok(html.includes(escapeHtml('"><img src=x onerror=alert(1)>')), 'the source');
    assert.ok(html.includes('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;'), 'the title');
    assert.ok(!html.includes('\u0000'), 'no NUL');
    assert.ok(html.includes('nul\uFFFDbyte'), 'NUL shown as a replacement character');
    assert.ok(html.includes('\u202Egnp.exe\u202C'), 'RTL override kept as text');
    assert.match(html, /\.note,\.quote\{unicode-bidi:isolate/, 'notes and quotes are bidi-isolated');
  });

  test('HTML: a colour that is not #rrggbb never reaches the style sheet', () => {
    const html = buildHtmlReport(MODEL, { exportedAt: EXPORTED_AT });
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    assert.doesNotMatch(css, /onclick|alert|#abc"/);
  });

  test('Markdown: no raw HTML, link, image or code can come from untrusted text', () => {
    const md = buildMarkdownReport(MODEL, { exportedAt: EXPORTED_AT });
    assert.doesNotMatch(md, /<[A-Za-z/!?]/, 'no raw HTML tag or autolink');
    for (const line of md.split('\n')) {
      const unescaped = line.replace(/\\./g, '');
      // CommonMark makes a link or image only of "](", "][" or a "]:" definition, and code only of backticks.
      assert.doesNotMatch(unescaped, /\]\(|\]\[|\]:|`/, `no link, image, definition or code: ${line.slice(0, 80)}`);
      assert.doesNotMatch(
        unescaped,
        /&(?!lt;|amp;)(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]+);/i,
        `no character reference from the text: ${line.slice(0, 80)}`,
      );
      // A list needs a space after its marker; a setext underline or rule is a line of nothing else.
      assert.ok(
        !/^\s*(?:[-+*](\s|$)|=+\s*$|-+\s*$)/.test(unescaped) || /^- \*\*/.test(line) || /^\| ---/.test(line),
        `no stray list or rule: ${line.slice(0, 60)}`,
      );
    }
    assert.ok(md.includes('&lt;script>alert(1)&lt;/script>'));
    assert.ok(md.includes('[click me\\](javascript:alert(1))'));
    assert.ok(!md.includes('\u0000'));
  });

  test('CSV: every cell reads back as written, formulas neutralised with a leading quote', () => {
    const csv = buildCsv([MODEL]);
    const rows = parseCsv(csv);
    assert.equal(rows.length, 1 + ANNOTATIONS.length * 2);
    for (const row of rows.slice(1)) {
      for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `cell ${JSON.stringify(cell.slice(0, 30))} is neutral`);
    }
    const notes = rows.slice(1).map((row) => row[4]!);
    for (const [i, payload] of HOSTILE.entries()) {
      const expected = /^[=+\-@\t\r]/.test(payload) ? `'${payload}` : payload.replace(/\u0000/g, '\uFFFD');
      assert.equal(notes[i * 2], expected, `note ${i}`);
    }
  });

  test('JSON-LD: parses back with every note and label intact', () => {
    type Body = { purpose: string; value: string; id?: string };
    const parsed = JSON.parse(buildJsonLd([MODEL])) as { first: { items: { body: Body[] }[] } };
    assert.equal(parsed.first.items.length, ANNOTATIONS.length);
    parsed.first.items.forEach((item, i) => {
      assert.equal(item.body.find((b) => b.purpose === 'commenting')?.value, HOSTILE[i]);
      assert.equal(item.body.find((b) => b.id === `urn:gloss:theme:t${i}`)?.value, HOSTILE[i]);
    });
  });

  test('REFI-QDA: the codebook and the project stay well-formed XML with every payload escaped', () => {
    const qdc = buildQdc(CODEBOOK);
    assertWellFormedXml(qdc);
    for (const payload of HOSTILE)
      assert.ok(qdc.includes(escapeXml(payload).replace(/\u0000/g, '\uFFFD')), `label ${payload.slice(0, 30)}`);
    assert.doesNotMatch(qdc, /color="#ABC/, 'an invalid colour is left out');
    const files = unzipSync(buildQdpx([MODEL], { name: '<Project & "name">', exportedAt: EXPORTED_AT, codebook: CODEBOOK }));
    const qde = strFromU8(files['project.qde']!);
    const names = assertWellFormedXml(qde);
    assert.equal(names.filter((n) => n === 'PlainTextSelection').length, ANNOTATIONS.length);
    assert.ok(qde.includes('name="&lt;Project &amp; &quot;name&quot;&gt;"'));
    assert.ok(!qde.includes('<script'));
  });
});
