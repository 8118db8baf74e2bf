// The article in the HTML report: every block with its highlights drawn as nested spans, lists and quotes kept,
// and the notes that the numbered markers lead to, each with its passage.
import type { Theme } from '../codebook';
import { groupBlocks, reportHeadingLevel } from './block-groups';
import { escapeHtml } from './escape';
import { multiline, type ThemeClasses } from './html-parts';
import type { ReportHighlight, ReportModel } from './model';

interface Clip {
  h: ReportHighlight;
  start: number;
  end: number;
}

/** Index of the first block that ends at or after `offset` (the last block when none does), or -1 without blocks. */
function firstBlockEndingAtOrAfter(blocks: ReportModel['document']['blocks'], offset: number): number {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.end >= offset) hi = mid;
    else lo = mid + 1;
  }
  return lo < blocks.length ? lo : blocks.length - 1;
}

/**
 * The inner HTML of each block of the article: the block split at every highlight boundary, each
 * piece wrapped in one span per theme covering it, opened and closed within the piece, so
 * overlapping highlights never produce crossed tags. Anchors mark where a highlight starts; numbered markers where it ends.
 *
 * Linear in blocks plus highlights plus the blocks each highlight touches: every highlight is
 * clipped only to the blocks it overlaps (found by binary search), and each block is swept
 * once over its sorted cut points, keeping a count of open highlights per theme.
 */
function blockContents(model: ReportModel, classes: ThemeClasses): string[] {
  const { document: doc, highlights } = model;
  const blocks = doc.blocks;
  const clipsByBlock: Clip[][] = blocks.map(() => []);
  const firstBlock = new Map<ReportHighlight, number>();
  const lastBlock = new Map<ReportHighlight, number>();
  // Clips go into each block in the order of `highlights`, which fixes the order of anchors and markers at one point.
  for (const h of highlights) {
    for (let bi = firstBlockEndingAtOrAfter(blocks, h.start); bi >= 0 && bi < blocks.length && blocks[bi]!.start < h.end; bi++) {
      const block = blocks[bi]!;
      const start = Math.max(h.start, block.start);
      const end = Math.min(h.end, block.end);
      if (start < end) {
        clipsByBlock[bi]!.push({ h, start, end });
        if (!firstBlock.has(h)) firstBlock.set(h, bi);
        lastBlock.set(h, bi);
      }
    }
  }
  // A highlight of separators only (no visible character) still gets its anchor and marker.
  for (const h of highlights) {
    if (firstBlock.has(h)) continue;
    const bi = firstBlockEndingAtOrAfter(blocks, h.start);
    if (bi === -1) continue;
    const at = blocks[bi]!.end;
    clipsByBlock[bi]!.push({ h, start: at, end: at });
    firstBlock.set(h, bi);
    lastBlock.set(h, bi);
  }

  const themeIndex = new Map<Theme, number>(model.themes.map((t, i) => [t, i]));
  const open = new Int32Array(model.themes.length);
  const inner: string[] = [];
  blocks.forEach((block, bi) => {
    const clips = clipsByBlock[bi]!;
    const cuts = new Set<number>([block.start, block.end]);
    for (const c of clips) {
      cuts.add(c.start);
      cuts.add(c.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const indexOf = new Map<number, number>(points.map((p, i) => [p, i]));
    // Per cut point, in clip order: the clips starting and ending there.
    const starting: Clip[][] = points.map(() => []);
    const ending: Clip[][] = points.map(() => []);
    for (const c of clips) {
      starting[indexOf.get(c.start)!]!.push(c);
      ending[indexOf.get(c.end)!]!.push(c);
    }
    const count = (c: Clip, delta: number): void => {
      for (const t of c.h.themes) {
        const ti = themeIndex.get(t);
        if (ti !== undefined) open[ti] = open[ti]! + delta;
      }
    };
    open.fill(0);
    const html: string[] = [];
    for (let i = 0; i < points.length; i++) {
      const p = points[i]!;
      for (const c of ending[i]!) {
        if (lastBlock.get(c.h) === bi)
          html.push(`<sup class="marker"><a href="#note-${c.h.number}" id="ref-${c.h.number}">${c.h.number}</a></sup>`);
        // An empty clip starts and ends here: it never covers a piece, so it is never counted.
        if (c.start < c.end) count(c, -1);
      }
      for (const c of starting[i]!) {
        if (firstBlock.get(c.h) === bi) html.push(`<a class="anchor" id="hl-${c.h.number}"></a>`);
        if (c.start < c.end) count(c, 1);
      }
      const q = points[i + 1];
      if (q === undefined) break;
      const themes = model.themes.filter((_, ti) => open[ti]! > 0);
      const text = escapeHtml(doc.text.slice(p, q));
      html.push(themes.map((t) => `<span class="hl ${classes.of(t)}">`).join('') + text + '</span>'.repeat(themes.length));
    }
    inner.push(html.join(''));
  });
  return inner;
}

/** One block as its element: a heading of its level, a paragraph, or (inside a list) a list item. */
function blockElement(model: ReportModel, bi: number, html: string): string {
  const block = model.document.blocks[bi]!;
  const id = `b-${bi + 1}`;
  if (block.type === 'heading') {
    const level = reportHeadingLevel(block);
    return `<h${level} class="heading" id="${id}">${html}</h${level}>`;
  }
  if (block.type === 'list_item') return `<li class="list_item" id="${id}">${html}</li>`;
  return `<p class="${block.type}" id="${id}">${html}</p>`;
}

/** The article's blocks, consecutive list items of one kind as one list and consecutive quoted blocks as one quotation. */
function articleBody(model: ReportModel, classes: ThemeClasses): string {
  const inner = blockContents(model, classes);
  return groupBlocks(model.document.blocks)
    .map((group) => {
      const items = group.blocks.map((bi) => blockElement(model, bi, inner[bi]!)).join('\n');
      if (group.kind === 'list') return group.ordered ? `<ol>\n${items}\n</ol>` : `<ul>\n${items}\n</ul>`;
      if (group.kind === 'quote') return `<blockquote class="article-quote">\n${items}\n</blockquote>`;
      return items;
    })
    .join('\n');
}

/** A note entry: back link, themes, the passage it is about, and the note (or that there is none). */
function noteItem(h: ReportHighlight, classes: ThemeClasses): string {
  const main = h.themes[0];
  const quote = main ? `<span class="hl ${classes.of(main)}">${multiline(h.quote)}</span>` : multiline(h.quote);
  return (
    `<li id="note-${h.number}" value="${h.number}"><a href="#ref-${h.number}" aria-label="Back to passage ${h.number}">↩</a> ` +
    h.themes.map((t) => classes.tag(t)).join('') +
    `<blockquote class="quote">${quote}</blockquote>` +
    (h.annotation.note.trim() === '' ? '<p class="no-note">No note.</p>' : `<div class="note">${multiline(h.annotation.note)}</div>`) +
    `</li>`
  );
}

/** The article section and its notes. */
export function articleSections(model: ReportModel, classes: ThemeClasses): string {
  const { highlights } = model;
  return (
    `<section class="article" aria-labelledby="article-h"><h2 id="article-h">The article</h2>${articleBody(model, classes)}</section>` +
    `<section class="notes" aria-labelledby="notes-h"><h2 id="notes-h">Notes</h2>` +
    (highlights.length === 0 ? '<p class="meta">No highlights.</p>' : `<ol>${highlights.map((h) => noteItem(h, classes)).join('')}</ol>`) +
    `</section>`
  );
}
