// Covers annotations/reports/html.ts: a self-contained, script-free HTML report with legend, summary, article, notes and passages by theme.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import { buildHtmlReport, REPORT_CSP } from '../../../annotations/reports/html';
import { buildReportModel } from '../../../annotations/reports/model';
import {
  CODEBOOK,
  SAMPLE_DOC,
  SMALL_DOC,
  annotate,
  assertBalancedHtml,
  htmlTags,
  orphan,
  sampleAnnotations,
} from '../../fixtures/report-fixtures';

const EXPORTED_AT = '2025-03-04T05:06:07.000Z';
const CHROMIUM = '/usr/bin/chromium';

function sampleHtml(): string {
  const annotations = [...sampleAnnotations(), orphan(SAMPLE_DOC, ['security'], 'gone')];
  return buildHtmlReport(buildReportModel(SAMPLE_DOC, annotations, CODEBOOK), { exportedAt: EXPORTED_AT });
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|quot|amp|#39);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&', '#39': "'" })[e]!);
}

/** The text of the article section: tags and markers removed, entities decoded, one block per line. */
function articleText(html: string): string {
  const section = /<section class="article"[^>]*>([\s\S]*?)<\/section>/.exec(html)![1]!;
  return section
    .replace(/<h2[\s\S]*?<\/h2>/, '')
    .replace(/<sup class="marker">[\s\S]*?<\/sup>/g, '')
    .split('\n')
    .map((line) => decodeEntities(line.replace(/<[^>]*>/g, '')))
    .join('\n');
}

describe('HTML report', () => {
  test('is one self-contained page: a restrictive CSP, no script, no external address', () => {
    const html = sampleHtml();
    assert.match(html, /^<!DOCTYPE html>/);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`));
    assert.equal(REPORT_CSP, "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /@import|url\(/i);
    for (const tag of htmlTags(html)) {
      assert.doesNotMatch(tag, /\s(src|srcset|action|formaction)=/i, `no loading attribute in ${tag}`);
      const href = /\shref="([^"]*)"/.exec(tag)?.[1];
      if (href !== undefined) assert.match(href, /^#[a-z0-9-]+$/, `links stay inside the page: ${tag}`);
    }
  });

  test('opens with the title, source, export date and a legend with colour, cue and description', () => {
    const html = sampleHtml();
    assert.ok(html.includes(`<h1>${SAMPLE_DOC.title}</h1>`));
    assert.ok(html.includes('Source: canada-china-trust.txt'));
    const header = /<header>[\s\S]*?<\/header>/.exec(html)![0];
    assert.match(
      header,
      /Exported: <time datetime="2025-03-04T05:06:07\.000Z">[^<]*2025, [^<]+<\/time>/,
      'a date people read, the ISO time kept for machines',
    );
    assert.doesNotMatch(header.replace(/<[^>]*>/g, ''), /#[0-9a-f]{6}|\d{4}-\d{2}-\d{2}T/i, 'no colour codes or ISO times to read');
    for (const theme of CODEBOOK) {
      assert.ok(html.includes(theme.colour), `${theme.id} colour`);
      assert.ok(html.includes(`${theme.cue} underline`), `${theme.id} cue`);
      assert.ok(html.includes(theme.description), `${theme.id} description`);
      assert.ok(html.includes(`text-decoration-style:${theme.cue}`), `${theme.id} cue in CSS`);
    }
  });

  test('shows the summary figures and a heatmap cell per theme and paragraph', () => {
    const model = buildReportModel(SAMPLE_DOC, sampleAnnotations(), CODEBOOK);
    const html = buildHtmlReport(model, { exportedAt: EXPORTED_AT });
    for (const t of model.summary.themes) assert.ok(html.includes(`${(t.coverage * 100).toFixed(1)}%`));
    const svg = /<svg[\s\S]*?<\/svg>/.exec(html)![0];
    assert.equal((svg.match(/<rect /g) ?? []).length, CODEBOOK.length * SAMPLE_DOC.blocks.length);
    assert.ok(svg.includes('<title>Trade, paragraph 4: '));
  });

  test('keeps the article text exactly, with every highlight anchored, numbered and footnoted', () => {
    const model = buildReportModel(SAMPLE_DOC, sampleAnnotations(), CODEBOOK);
    const html = buildHtmlReport(model, { exportedAt: EXPORTED_AT });
    assert.equal(articleText(html), SAMPLE_DOC.text);
    for (const h of model.highlights) {
      assert.ok(html.includes(`id="hl-${h.number}"`), `anchor ${h.number}`);
      assert.ok(html.includes(`<a href="#note-${h.number}" id="ref-${h.number}">${h.number}</a>`), `marker ${h.number}`);
      assert.ok(html.includes(`<li id="note-${h.number}"`), `footnote ${h.number}`);
    }
    assert.ok(html.includes('Diversification.<br>Second line of the note.'));
  });

  test('every in-page link leads to an element of the page', () => {
    const html = sampleHtml();
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    const targets = [...html.matchAll(/\shref="#([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(targets.length > 10);
    for (const target of targets) assert.ok(ids.has(target), `#${target} exists`);
  });

  test('nests overlapping highlights inside each piece of text, never crossing tags', () => {
    const html = sampleHtml();
    assertBalancedHtml(html);
    assert.ok(
      html.includes(
        '<span class="hl t-trade"><span class="hl t-security"><span class="hl t-diplomacy">central challenge</span></span></span>',
      ),
      'the nested passage carries the outer and its own themes',
    );
  });

  test('lists every passage under each of its themes with a link back to the article', () => {
    const model = buildReportModel(SAMPLE_DOC, sampleAnnotations(), CODEBOOK);
    const html = buildHtmlReport(model, { exportedAt: EXPORTED_AT });
    const byTheme = /<section class="by-theme"[\s\S]*$/.exec(html)![0];
    for (const h of model.highlights) {
      for (const theme of h.themes) {
        const section = new RegExp(`<h3><span class="swatch t-${theme.id}">[\\s\\S]*?</section>`).exec(byTheme)![0];
        assert.ok(section.includes(`<a href="#hl-${h.number}">`), `passage ${h.number} under ${theme.id}`);
      }
    }
  });

  test('prints with colours kept and passages not split across pages', () => {
    const html = sampleHtml();
    assert.match(html, /@media print\{[\s\S]*print-color-adjust:exact/);
    assert.match(html, /\.passage[^{]*\{break-inside:avoid/);
  });

  test('lists passages not found in the text in their own section', () => {
    const html = sampleHtml();
    assert.match(html, /<h2 id="orphans-h">Passages not found in the text<\/h2>[\s\S]*qqqq wwww zzzz xxxx![\s\S]*gone/);
  });

  test('leaves the article out when asked, pointing to positions instead', () => {
    const model = buildReportModel(SMALL_DOC, [annotate(SMALL_DOC, 'Alpha', ['trade'], 'n')], CODEBOOK, { includeArticle: false });
    const html = buildHtmlReport(model, { exportedAt: EXPORTED_AT });
    assert.doesNotMatch(html, /class="article"/);
    assert.doesNotMatch(html, /href="#hl-/);
    assert.ok(html.includes('Passage 1, characters 14–19'));
  });

  test('writes only validated colours and whitelisted class names into CSS', () => {
    const codebook = [{ ...CODEBOOK[0]!, id: 'Bad id"><x', colour: 'red;background:url(https://evil.example)', cue: 'wavy;x' as 'wavy' }];
    const doc = SMALL_DOC;
    const a = { ...annotate(doc, 'Alpha', ['trade']), themes: ['Bad id"><x'] };
    const html = buildHtmlReport(buildReportModel(doc, [a], codebook), { exportedAt: EXPORTED_AT });
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    assert.ok(css.includes('.hl.tx-0{background-color:#9999993d;text-decoration-color:#999999;text-decoration-style:solid}'));
    assert.doesNotMatch(css, /evil|Bad id/);
    for (const m of html.matchAll(/\sclass="([^"]*)"/g)) assert.match(m[1]!, /^[a-z0-9 -]+$/, `class "${m[1]}" is whitelisted`);
  });

  test(
    'opens in Chromium without one network request or script, hostile content included',
    { skip: !existsSync(CHROMIUM) && 'no Chromium at /usr/bin/chromium' },
    async () => {
      const { chromium } = await import('playwright');
      const doc = { ...SAMPLE_DOC, title: '<img src=x onerror=alert(1)>' };
      const a = annotate(doc, 'Trade issues', ['trade'], '"><img src=https://evil.example/x onerror=alert(1)><script>alert(2)</script>');
      const html = buildHtmlReport(buildReportModel(doc, [...sampleAnnotations(doc), a], CODEBOOK), { exportedAt: EXPORTED_AT });
      const browser = await chromium.launch({ executablePath: CHROMIUM });
      try {
        const page = await browser.newPage();
        const requests: string[] = [];
        const dialogs: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        page.on('dialog', (dialog) => {
          dialogs.push(dialog.message());
          void dialog.dismiss();
        });
        await page.route('**/*', (route) => route.abort());
        await page.setContent(html, { waitUntil: 'load' });
        const found = await page.evaluate(() => ({
          active: document.querySelectorAll('script, img, iframe, object, embed, link, base').length,
          handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((attr) => attr.name.startsWith('on')))
            .length,
          marks: document.querySelectorAll('.hl').length,
        }));
        assert.deepEqual(requests, []);
        assert.deepEqual(dialogs, []);
        assert.equal(found.active, 0);
        assert.equal(found.handlers, 0);
        assert.ok(found.marks > 5);
      } finally {
        await browser.close();
      }
    },
  );
});
