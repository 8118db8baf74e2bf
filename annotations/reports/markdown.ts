// The Markdown report: the same content as the HTML report, as plain text readable in any Markdown viewer.
import type { Theme } from '../codebook';
import { blockIndexAt, type GlossDocument } from '../document';
import { groupBlocks, reportHeadingLevel } from './block-groups';
import { cooccurrenceTable, noCooccurrence } from './cooccurrence';
import { escapeMarkdown, escapeMarkdownLine, markdownLine, type MarkdownPiece } from './markdown-escape';
import type { ReportHighlight, ReportModel } from './model';
import { count, percent, readableTime, subThemeLine, themeName, type TimeStyle } from './wording';

/** What the Markdown report needs besides the model. */
export interface MarkdownReportOptions extends TimeStyle {
  /** When the report was made (ISO 8601), shown as a date people read. */
  exportedAt: string;
}

/**
 * Where a highlight starts and ends in the article: "[2›" before its first character and "‹2]" after
 * its last. ==…== is not CommonMark, and **…** cannot show highlights that overlap without nesting
 * (the delimiters would cross) nor one that ends inside a word; numbered brackets read plainly as
 * text, render as themselves in every CommonMark viewer, pair up even when passages overlap, and
 * the number leads to the passage's themes and note under Notes.
 */
function startMark(n: number): MarkdownPiece {
  return { md: `[${n}›` };
}

function endMark(n: number): MarkdownPiece {
  return { md: `‹${n}]` };
}

/** A theme as a bold label, e.g. **Trade**. */
function themeLabel(theme: Theme, table = false): string {
  return markdownLine([{ md: '**' }, themeName(theme), { md: '**' }], { blockStart: false, table });
}

/** Untrusted text as a blockquote, every line quoted. */
function blockquote(text: string): string[] {
  return escapeMarkdown(text).map((line) => (line === '' ? '>' : `> ${line}`));
}

/** Untrusted text as paragraphs; single line breaks kept as hard breaks. */
function paragraphs(text: string): string[] {
  return escapeMarkdown(text.trim()).map((line, i, all) => (line !== '' && i + 1 < all.length && all[i + 1] !== '' ? `${line}\\` : line));
}

function highlightEntry(h: Pick<ReportHighlight, 'number' | 'quote' | 'themes' | 'annotation'>, where?: string): string[] {
  const lines = [
    `**${h.number}.** ${h.themes.map((t) => themeLabel(t)).join(' ')}${where ? ` — ${where}` : ''}`,
    '',
    ...blockquote(h.quote),
    '',
  ];
  if (h.annotation.note.trim() !== '') lines.push(...paragraphs(h.annotation.note), '');
  return lines;
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The numbered marks at each offset of the text: ends before starts, so touching passages read "‹1][2›". */
function marksByOffset(doc: GlossDocument, highlights: readonly ReportHighlight[]): Map<number, MarkdownPiece[]> {
  // Per offset: the ends, the starts, and the passages that start and end there (a paragraph break alone).
  const at = new Map<number, [MarkdownPiece[], MarkdownPiece[], MarkdownPiece[]]>();
  const slot = (offset: number): [MarkdownPiece[], MarkdownPiece[], MarkdownPiece[]] => {
    let lists = at.get(offset);
    if (!lists) at.set(offset, (lists = [[], [], []]));
    return lists;
  };
  const blocks = doc.blocks;
  for (const h of highlights) {
    // A passage that starts on the break after a block is marked at the next block; one that ends on it, at its block's end.
    const first = blockIndexAt(blocks, h.start);
    const after = blocks[first + 1];
    const start = blocks[first] && h.start >= blocks[first]!.end && after && h.end > after.start ? after.start : h.start;
    const endBlock = blocks[blockIndexAt(blocks, h.end - 1)];
    const end = endBlock ? Math.min(h.end, endBlock.end) : h.end;
    if (start >= end) slot(end)[2].push(startMark(h.number), endMark(h.number));
    else {
      slot(start)[1].push(startMark(h.number));
      slot(end)[0].push(endMark(h.number));
    }
  }
  return new Map([...at].map(([offset, lists]) => [offset, lists.flat()]));
}

/** The article: each block a line of text with its marks, lists and quotes kept as Markdown lists and quotes. */
function articleLines(model: ReportModel): string[] {
  const doc = model.document;
  const marks = marksByOffset(doc, model.highlights);
  // One sweep over the mark points in order: blocks are sorted and disjoint, so each point is looked at once.
  const points = [...marks.keys()].sort((a, b) => a - b);
  let next = 0;
  const lineOf = (bi: number, context: { heading?: boolean } = {}): string => {
    const block = doc.blocks[bi]!;
    while (next < points.length && points[next]! < block.start) next++;
    const pieces: MarkdownPiece[] = [];
    let from = block.start;
    for (; next < points.length && points[next]! <= block.end; next++) {
      const p = points[next]!;
      pieces.push(doc.text.slice(from, p), ...marks.get(p)!);
      from = p;
    }
    pieces.push(doc.text.slice(from, block.end));
    return markdownLine(
      pieces.filter((piece) => piece !== ''),
      context,
    );
  };
  const out: string[] = [];
  for (const group of groupBlocks(doc.blocks)) {
    if (group.kind === 'list') {
      out.push(...group.blocks.map((bi, i) => `${group.ordered ? `${i + 1}.` : '-'} ${lineOf(bi)}`), '');
    } else if (group.kind === 'quote') {
      out.push(...group.blocks.flatMap((bi, i) => [...(i > 0 ? ['>'] : []), `> ${lineOf(bi)}`]), '');
    } else {
      const block = doc.blocks[group.blocks[0]]!;
      out.push(
        block.type === 'heading'
          ? `${'#'.repeat(reportHeadingLevel(block))} ${lineOf(group.blocks[0], { heading: true })}`
          : lineOf(group.blocks[0]),
        '',
      );
    }
  }
  return out;
}

function summaryLines(model: ReportModel): string[] {
  const s = model.summary;
  const out: string[] = ['## Summary', ''];
  out.push(`${count(s.highlights, 'highlight')}${s.orphans > 0 ? `, ${s.orphans} not found in the text` : ''}.`, '');
  out.push(tableRow(['Theme', 'Highlights', 'Coverage']), tableRow(['---', '---:', '---:']));
  for (const t of s.themes) out.push(tableRow([themeLabel(t.theme, true), String(t.highlights), percent(t.coverage)]));
  out.push('', 'Co-occurrence:', '');
  const co = cooccurrenceTable(s.pairs);
  if (co.pairs.length === 0) out.push(noCooccurrence(model.themes.length));
  else {
    out.push(tableRow(['Themes', ...co.columns.map((c) => c.heading)]), tableRow(['---', ...co.columns.map(() => '---:')]));
    for (const p of co.pairs)
      out.push(tableRow([`${themeLabel(p.a, true)} + ${themeLabel(p.b, true)}`, ...co.columns.map((c) => String(p[c.key]))]));
  }
  out.push('', 'Highlights per theme and paragraph:', '');
  out.push(tableRow(['Theme', ...(s.matrix.counts[0]?.map((_, i) => `¶${i + 1}`) ?? [])]));
  out.push(tableRow(['---', ...(s.matrix.counts[0]?.map(() => '---:') ?? [])]));
  s.matrix.themes.forEach((theme, t) => out.push(tableRow([themeLabel(theme, true), ...s.matrix.counts[t]!.map(String)])));
  return out;
}

/**
 * Builds the Markdown report of one document: header and legend, summary tables, the article
 * with numbered marks around each passage and its notes, then every passage by theme. Untrusted
 * text is escaped so that it cannot add links, images, code or raw HTML (markdown-escape.ts).
 */
export function buildMarkdownReport(model: ReportModel, options: MarkdownReportOptions): string {
  const doc = model.document;
  const out: string[] = [];
  out.push(`# ${escapeMarkdownLine(doc.title, { blockStart: false, heading: true })}`, '');
  out.push(
    `Source: ${escapeMarkdownLine(doc.source, { blockStart: false })}  `,
    `Exported: ${readableTime(options.exportedAt, options)}`,
    '',
  );
  out.push('## Codebook', '');
  for (const theme of model.themes) {
    const description = theme.description ? ` — ${escapeMarkdownLine(theme.description.replace(/\s+/g, ' '), { blockStart: false })}` : '';
    out.push(`- ${themeLabel(theme)}${description}`);
  }
  out.push('', ...summaryLines(model));

  if (model.options.includeArticle) {
    out.push('', '## The article', '', ...articleLines(model));
    out.push('### Notes', '');
    for (const h of model.highlights) out.push(...highlightEntry(h));
  }

  out.push('## Passages by theme', '');
  // Each theme lists the passages of its section (model.ts): its own and its sub-themes', each once.
  for (const section of model.sections) {
    const { theme, highlights: mine } = section;
    out.push(`### ${escapeMarkdownLine(themeName(theme), { blockStart: false, heading: true })} (${mine.length})`, '');
    const through = subThemeLine(section);
    if (through !== '') out.push(escapeMarkdownLine(through, { blockStart: false }), '');
    if (mine.length === 0) out.push('No passages.', '');
    for (const h of mine) out.push(...highlightEntry(h, `passage ${h.number}`));
  }
  if (model.orphans.length > 0) {
    out.push('## Passages not found in the text', '');
    for (const o of model.orphans) out.push(...highlightEntry(o, escapeMarkdownLine(o.reason, { blockStart: false })));
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
