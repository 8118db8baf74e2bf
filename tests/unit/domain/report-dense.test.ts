// Covers the linear sweeps of annotations/reports (html-article.ts, markdown.ts marks, model.ts pairs and matrix) against straightforward quadratic references, on densely overlapping highlights.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Annotation } from '../../../annotations/annotation';
import { describeRange } from '../../../annotations/anchoring/anchor';
import type { Theme } from '../../../annotations/codebook';
import { escapeHtml } from '../../../annotations/reports/escape';
import { buildHtmlReport } from '../../../annotations/reports/html';
import { buildMarkdownReport } from '../../../annotations/reports/markdown';
import { markdownLine, type MarkdownPiece } from '../../../annotations/reports/markdown-escape';
import { buildReportModel, type ReportHighlight, type ReportModel } from '../../../annotations/reports/model';
import { themeClass } from '../../../annotations/reports/themes-css';
import { CODEBOOK, makeDocument } from '../../fixtures/report-fixtures';

/** A small deterministic generator (mulberry32), so the dense case is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'trade talks resumed after a long pause while ministers weighed tariffs on canola steel and beef & <care>'.split(' ');

/**
 * A document of 40 paragraphs and 400 highlights: nested, touching, crossing several paragraphs,
 * sharing starts and ends, of one to three themes, and a few covering only a paragraph break.
 */
function denseModel(): ReportModel {
  const next = random(7);
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const lines = ['A dense title'];
  for (let p = 0; p < 40; p++) lines.push(Array.from({ length: int(3, 30) }, () => WORDS[int(0, WORDS.length - 1)]!).join(' '));
  const doc = makeDocument(lines.join('\n'), 'dense');
  const annotations: Annotation[] = [];
  const add = (start: number, end: number): void => {
    const themes = CODEBOOK.filter(() => next() < 0.5).map((t) => t.id);
    const n = annotations.length;
    annotations.push({
      id: `d-${n}`,
      documentId: doc.id,
      target: { source: doc.id, selector: describeRange(doc.text, start, end) },
      themes: themes.length > 0 ? themes : [CODEBOOK[n % CODEBOOK.length]!.id],
      note: n % 3 === 0 ? `note ${n}` : '',
      created: `2025-02-01T10:00:${String(n % 60).padStart(2, '0')}.000Z`,
      modified: `2025-02-01T10:00:${String(n % 60).padStart(2, '0')}.000Z`,
    });
  };
  const starts: number[] = [];
  for (let i = 0; i < 400; i++) {
    const reuse = starts.length > 0 && next() < 0.2;
    const start = reuse ? starts[int(0, starts.length - 1)]! : int(0, doc.text.length - 2);
    starts.push(start);
    const length = next() < 0.15 ? int(100, 600) : int(1, 60);
    add(start, Math.min(doc.text.length, start + length));
  }
  // Highlights of a paragraph break alone: no visible character, still an anchor and a marker.
  for (const b of [3, 10, 25]) add(doc.blocks[b]!.end, doc.blocks[b]!.end + 1);
  return buildReportModel(doc, annotations, CODEBOOK);
}

/** The article blocks as html.ts rendered them before the sweep: every block against every highlight. */
function referenceArticle(model: ReportModel): string {
  const { document: doc, highlights } = model;
  const cls = (t: Theme): string => themeClass(t, model.themes.indexOf(t));
  type Clip = { h: ReportHighlight; start: number; end: number };
  const clipsByBlock: Clip[][] = doc.blocks.map(() => []);
  const firstBlock = new Map<ReportHighlight, number>();
  const lastBlock = new Map<ReportHighlight, number>();
  doc.blocks.forEach((block, bi) => {
    for (const h of highlights) {
      const start = Math.max(h.start, block.start);
      const end = Math.min(h.end, block.end);
      if (start < end) {
        clipsByBlock[bi]!.push({ h, start, end });
        if (!firstBlock.has(h)) firstBlock.set(h, bi);
        lastBlock.set(h, bi);
      }
    }
  });
  for (const h of highlights) {
    if (firstBlock.has(h)) continue;
    let bi = doc.blocks.findIndex((b) => b.end >= h.start);
    if (bi === -1) bi = doc.blocks.length - 1;
    const at = doc.blocks[bi]!.end;
    clipsByBlock[bi]!.push({ h, start: at, end: at });
    firstBlock.set(h, bi);
    lastBlock.set(h, bi);
  }
  return doc.blocks
    .map((block, bi) => {
      const clips = clipsByBlock[bi]!;
      const points = [...new Set([block.start, block.end, ...clips.flatMap((c) => [c.start, c.end])])].sort((a, b) => a - b);
      let html = '';
      for (let i = 0; i < points.length; i++) {
        const p = points[i]!;
        for (const c of clips)
          if (c.end === p && lastBlock.get(c.h) === bi)
            html += `<sup class="marker"><a href="#note-${c.h.number}" id="ref-${c.h.number}">${c.h.number}</a></sup>`;
        for (const c of clips) if (c.start === p && firstBlock.get(c.h) === bi) html += `<a class="anchor" id="hl-${c.h.number}"></a>`;
        const q = points[i + 1];
        if (q === undefined) break;
        const covering = clips.filter((c) => c.start <= p && c.end >= q);
        const themes = model.themes.filter((t) => covering.some((c) => c.h.themes.includes(t)));
        html +=
          themes.map((t) => `<span class="hl ${cls(t)}">`).join('') + escapeHtml(doc.text.slice(p, q)) + '</span>'.repeat(themes.length);
      }
      const tag = block.type === 'heading' ? 'h3' : 'p';
      return `<${tag} class="${block.type}" id="b-${bi + 1}">${html}</${tag}>`;
    })
    .join('\n');
}

describe('reports over densely overlapping highlights', () => {
  const model = denseModel();

  test('is a dense case: highlights crossing paragraphs, sharing ends and covering only a break', () => {
    assert.equal(model.highlights.length, 403);
    const blockOf = (offset: number): number => model.document.blocks.findIndex((b) => offset <= b.end);
    assert.ok(model.highlights.filter((h) => blockOf(h.end - 1) > blockOf(h.start) + 1).length >= 10, 'some cross two breaks or more');
    assert.ok(new Set(model.highlights.map((h) => h.start)).size < model.highlights.length, 'some share a start');
  });

  test('renders the HTML article exactly as comparing every block with every highlight does', () => {
    const html = buildHtmlReport(model, { exportedAt: 'now' });
    const section = /<section class="article" aria-labelledby="article-h"><h2 id="article-h">The article<\/h2>([\s\S]*?)<\/section>/.exec(
      html,
    )![1]!;
    assert.equal(section, referenceArticle(model));
  });

  test('puts every Markdown mark around its passage, as a per-block filter does', () => {
    const md = buildMarkdownReport(model, { exportedAt: 'now' });
    const doc = model.document;
    const blockAt = (offset: number) =>
      doc.blocks.find((b) => offset >= b.start && offset <= b.end) ?? doc.blocks.find((b) => offset < b.start);
    // Per offset: the ends, then the starts, then the passages of a paragraph break alone (start and end together).
    const marks = new Map<number, [string[], string[], string[]]>();
    const slot = (at: number) => marks.get(at) ?? marks.set(at, [[], [], []]).get(at)!;
    for (const h of model.highlights) {
      const endBlock = blockAt(h.end - 1);
      const end = endBlock ? Math.min(h.end, endBlock.end) : h.end;
      const next = doc.blocks.find((b) => b.start > h.start);
      const start = blockAt(h.start)!.end <= h.start && next && h.end > next.start ? next.start : h.start;
      if (start >= end) slot(end)[2].push(`[${h.number}›‹${h.number}]`);
      else {
        slot(start)[1].push(`[${h.number}›`);
        slot(end)[0].push(`‹${h.number}]`);
      }
    }
    const expected = doc.blocks.map((block) => {
      const pieces: MarkdownPiece[] = [];
      let from = block.start;
      for (const p of [...marks.keys()].filter((p) => p >= block.start && p <= block.end).sort((a, b) => a - b)) {
        pieces.push(doc.text.slice(from, p), { md: marks.get(p)!.flat().join('') });
        from = p;
      }
      pieces.push(doc.text.slice(from, block.end));
      const line = markdownLine(
        pieces.filter((piece) => piece !== ''),
        { heading: block.type === 'heading' },
      );
      return block.type === 'heading' ? `### ${line}` : line;
    });
    const article = md.slice(md.indexOf('## The article\n\n') + '## The article\n\n'.length, md.indexOf('\n### Notes'));
    assert.deepEqual(article.trimEnd().split('\n\n'), expected);
  });

  test('counts theme pairs and the theme-by-paragraph matrix as a direct count does', () => {
    const { summary, themes, highlights, document: doc } = model;
    for (const pair of summary.pairs) {
      assert.equal(pair.highlights, highlights.filter((h) => h.themes.includes(pair.a) && h.themes.includes(pair.b)).length);
      let overlaps = 0;
      for (let i = 0; i < highlights.length; i++) {
        for (let j = i + 1; j < highlights.length; j++) {
          const [x, y] = [highlights[i]!, highlights[j]!];
          if (Math.min(x.end, y.end) <= Math.max(x.start, y.start)) continue;
          if ((x.themes.includes(pair.a) && y.themes.includes(pair.b)) || (x.themes.includes(pair.b) && y.themes.includes(pair.a)))
            overlaps++;
        }
      }
      assert.equal(pair.overlaps, overlaps, `${pair.a.id}/${pair.b.id}`);
    }
    themes.forEach((theme, t) => {
      doc.blocks.forEach((block, b) => {
        const touching = highlights.filter((h) => h.themes.includes(theme) && h.start <= block.end && h.end - 1 >= block.start);
        assert.equal(summary.matrix.counts[t]![b], touching.length, `${theme.id} in paragraph ${b + 1}`);
      });
    });
  });
});
