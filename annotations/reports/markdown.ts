// The Markdown report: the same content as the HTML report, as plain text readable in any Markdown viewer.
import type { Theme } from '../codebook';
import { blockIndexAt } from '../document';
import { escapeMarkdown, escapeMarkdownLine, safeColour } from './escape';
import type { ReportHighlight, ReportModel } from './model';
import { safeCue } from './themes-css';

/** What the Markdown report needs besides the model. */
export interface MarkdownReportOptions {
  /** When the report was made, shown as given. */
  exportedAt: string;
}

function labelOf(theme: Theme): string {
  return theme.label.trim() === '' ? theme.id : theme.label;
}

/** A theme as a bold label, e.g. **\[Trade\]** (brackets escaped so it can never become a link). */
function themeLabel(theme: Theme): string {
  return `**\\[${escapeMarkdownLine(labelOf(theme))}\\]**`;
}

/** Untrusted text as a blockquote, every line quoted. */
function blockquote(text: string): string[] {
  return escapeMarkdown(text).map((line) => (line === '' ? '>' : `> ${line}`));
}

/** Untrusted text as paragraphs; single line breaks kept as hard breaks. */
function paragraphs(text: string): string[] {
  return escapeMarkdown(text.trim()).map((line, i, all) => (line !== '' && i + 1 < all.length && all[i + 1] !== '' ? `${line}\\` : line));
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function highlightEntry(h: Pick<ReportHighlight, 'number' | 'quote' | 'themes' | 'annotation'>, where: string): string[] {
  const lines = [`**${h.number}.** ${h.themes.map(themeLabel).join(' ')} — ${where}`, '', ...blockquote(h.quote), ''];
  if (h.annotation.note.trim() !== '') lines.push(...paragraphs(h.annotation.note), '');
  return lines;
}

/**
 * Builds the Markdown report of one document: header and legend, summary tables, the article
 * with numbered markers and its notes, then every passage by theme. Untrusted text is escaped
 * so that it cannot add links, images, code or raw HTML.
 */
export function buildMarkdownReport(model: ReportModel, options: MarkdownReportOptions): string {
  const doc = model.document;
  const s = model.summary;
  const out: string[] = [];
  out.push(`# ${escapeMarkdownLine(doc.title)}`, '');
  out.push(`Source: ${escapeMarkdownLine(doc.source)}  `, `Exported: ${escapeMarkdownLine(options.exportedAt)}`, '');
  out.push('## Codebook', '');
  for (const theme of model.themes) {
    out.push(
      `- ${themeLabel(theme)} colour ${safeColour(theme.colour)}, ${safeCue(theme.cue)} underline` +
        (theme.description ? ` — ${escapeMarkdownLine(theme.description.replace(/\s+/g, ' '))}` : ''),
    );
  }
  out.push('', '## Summary', '');
  out.push(`${s.highlights} highlight${s.highlights === 1 ? '' : 's'}${s.orphans > 0 ? `, ${s.orphans} not found in the text` : ''}.`, '');
  out.push('| Theme | Highlights | Coverage |', '| --- | ---: | ---: |');
  for (const t of s.themes) out.push(`| ${themeLabel(t.theme)} | ${t.highlights} | ${percent(t.coverage)} |`);
  if (s.pairs.length > 0) {
    out.push('', '| Themes | Highlights with both | Overlapping passages | Characters with both |', '| --- | ---: | ---: | ---: |');
    for (const p of s.pairs) out.push(`| ${themeLabel(p.a)} ${themeLabel(p.b)} | ${p.highlights} | ${p.overlaps} | ${p.sharedChars} |`);
  }
  out.push('', 'Highlights per theme and paragraph:', '');
  out.push(`| Theme | ${s.matrix.counts[0]?.map((_, i) => `¶${i + 1}`).join(' | ') ?? ''} |`);
  out.push(`| --- | ${s.matrix.counts[0]?.map(() => '---:').join(' | ') ?? ''} |`);
  s.matrix.themes.forEach((theme, t) => out.push(`| ${themeLabel(theme)} | ${s.matrix.counts[t]!.join(' | ')} |`));

  if (model.options.includeArticle) {
    out.push('', '## The article', '');
    const ends = new Map<number, number[]>();
    for (const h of model.highlights) {
      // A passage that ends on the separator after a paragraph gets its marker at that paragraph's end.
      const block = doc.blocks[blockIndexAt(doc.blocks, h.end - 1)];
      const at = block ? Math.min(h.end, block.end) : h.end;
      const numbers = ends.get(at);
      if (numbers) numbers.push(h.number);
      else ends.set(at, [h.number]);
    }
    // One sweep over the marker points in order: blocks are sorted and disjoint, so each point is looked at once.
    const points = [...ends.keys()].sort((a, b) => a - b);
    let next = 0;
    doc.blocks.forEach((block) => {
      // Markers go after the passage's last character; a block's text is escaped piece by piece between them.
      while (next < points.length && points[next]! <= block.start) next++;
      let from = block.start;
      let line = '';
      for (; next < points.length && points[next]! <= block.end; next++) {
        const p = points[next]!;
        line += escapeMarkdownLine(doc.text.slice(from, p)) + ends.get(p)!.map((n) => ` \\[${n}\\]`).join('');
        from = p;
      }
      line += escapeMarkdownLine(doc.text.slice(from, block.end));
      out.push(block.type === 'heading' ? `### ${line}` : line, '');
    });
    out.push('### Notes', '');
    for (const h of model.highlights) out.push(...highlightEntry(h, `characters ${h.start}–${h.end}`));
  }

  out.push('## Passages by theme', '');
  for (const theme of model.themes) {
    const mine = model.highlights.filter((h) => h.themes.includes(theme));
    out.push(`### ${escapeMarkdownLine(labelOf(theme))} (${mine.length})`, '');
    if (mine.length === 0) out.push('No passages.', '');
    for (const h of mine) out.push(...highlightEntry(h, `passage ${h.number}`));
  }
  if (model.orphans.length > 0) {
    out.push('## Passages not found in the text', '');
    for (const o of model.orphans) out.push(...highlightEntry(o, escapeMarkdownLine(o.reason)));
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
