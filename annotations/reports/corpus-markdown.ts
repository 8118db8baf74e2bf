// The corpus Markdown report: the same content as the corpus HTML report, as plain text for any Markdown viewer.
import type { Theme } from '../codebook';
import type { CodedPassage } from '../corpus/coded-passage';
import type { CorpusReportModel } from './corpus-model';
import { cooccurrenceTable } from './cooccurrence';
import { escapeMarkdown, escapeMarkdownLine } from './markdown-escape';
import { count, percent, readableTime, themeName, type TimeStyle } from './wording';

/** What the corpus Markdown report needs besides the model. */
export interface CorpusMarkdownOptions extends TimeStyle {
  exportedAt: string;
}

function cell(text: string): string {
  return escapeMarkdownLine(text, { blockStart: false, table: true });
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function matrixTable(model: CorpusReportModel, measure: 'count' | 'coverage'): string[] {
  const { matrix } = model;
  const show = (n: number) => (measure === 'count' ? String(n) : percent(n));
  const lines = [
    row(['Theme', ...matrix.documents.map((d) => cell(d.title)), 'All documents']),
    row(['---', ...matrix.documents.map(() => '---:'), '---:']),
    ...matrix.themes.map((theme, t) =>
      row([
        `${theme.parent ? '↳ ' : ''}${cell(themeName(theme))}`,
        ...matrix.cells[t]!.map((c) => show(measure === 'count' ? c.count : c.coverage)),
        show(measure === 'count' ? matrix.themeTotals[t]!.count : matrix.themeTotals[t]!.coverage),
      ]),
    ),
  ];
  if (measure === 'count') lines.push(row(['Highlights (each once)', ...matrix.documentTotals.map(String), String(matrix.total)]));
  return lines;
}

function passageEntry(p: CodedPassage, themes: readonly Theme[], title: string): string[] {
  const tags = themes.filter((t) => p.themes.includes(t.id)).map((t) => `**${cell(themeName(t))}**`);
  const lines = [`- ${cell(title)}, characters ${p.start}–${p.end} · ${tags.join(' ')}`, ''];
  for (const line of escapeMarkdown(p.quote)) lines.push(line === '' ? '  >' : `  > ${line}`);
  lines.push('');
  if (p.note.trim() !== '') lines.push(...escapeMarkdown(p.note.trim()).map((l) => (l === '' ? '' : `  ${l}`)), '');
  return lines;
}

/** Builds the corpus Markdown report. */
export function buildCorpusMarkdownReport(model: CorpusReportModel, options: CorpusMarkdownOptions): string {
  const out: string[] = ['# Corpus report', ''];
  out.push(`${count(model.documents.length, 'document')} · ${count(model.passages.length, 'highlight')}`);
  if (model.orphans > 0) out.push(`${model.orphans} not found in the text (left out)`);
  out.push('', `Exported: ${readableTime(options.exportedAt, options)}`, '', '## Documents', '');
  model.models.forEach((m, i) => out.push(`${i + 1}. ${cell(m.document.title)} (${count(m.highlights.length, 'highlight')})`));
  out.push('', '## Themes by document', '', 'Highlights:', '', ...matrixTable(model, 'count'), '');
  out.push('Coverage (share of each document’s text):', '', ...matrixTable(model, 'coverage'), '');
  out.push('## Co-occurrence across documents', '');
  const table = cooccurrenceTable(model.cooccurrence.pairs);
  if (table.pairs.length === 0) out.push('No two themes meet in any document.', '');
  else {
    out.push(row(['Themes', ...table.columns.map((c) => c.heading)]), row(['---', ...table.columns.map(() => '---:')]));
    for (const p of table.pairs)
      out.push(row([`${cell(themeName(p.a))} + ${cell(themeName(p.b))}`, ...table.columns.map((c) => String(p[c.key]))]));
    out.push('');
  }
  out.push('## Passages by theme across documents', '');
  for (const { theme, retrieved } of model.sections) {
    out.push(`### ${cell(themeName(theme))} (${count(retrieved.passages.length, 'passage')})`, '');
    for (const g of retrieved.groups) {
      out.push(`#### ${cell(g.title)} (${g.count})`, '');
      for (const p of retrieved.passages.slice(g.offset, g.offset + g.count)) out.push(...passageEntry(p, model.themes, g.title));
    }
  }
  out.push('## Notes', '');
  const titles = new Map(model.documents.map((d) => [d.id, d.title]));
  const noted = model.passages.filter((p) => p.note.trim() !== '');
  if (noted.length === 0) out.push('No notes.', '');
  for (const p of noted) out.push(...passageEntry(p, model.themes, titles.get(p.documentId)!));
  return out.join('\n');
}
