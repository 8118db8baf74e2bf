// The corpus HTML report: one self-contained, script-free page over every document of the library: the
// documents, the theme x document matrix (counts and coverage, shaded by value), co-occurrence, each theme's
// passages across documents (each linking back to its document's entry) and every note.
import type { Theme } from '../codebook';
import type { CodedPassage } from '../corpus/coded-passage';
import type { CorpusReportModel } from './corpus-model';
import { cooccurrenceTable } from './cooccurrence';
import { escapeHtml, safeColour } from './escape';
import { BASE_CSS } from './html';
import { multiline, reportHead, ThemeClasses } from './html-parts';
import { themeRules } from './themes-css';
import { count, percent, readableTime, themeName, type TimeStyle } from './wording';

/** What the corpus HTML report needs besides the model. */
export interface CorpusHtmlOptions extends TimeStyle {
  /** When the report was made (ISO 8601). */
  exportedAt: string;
}

const CORPUS_CSS = `
body{max-width:72rem}
.matrix-wrap{overflow-x:auto}
table.matrix td,table.matrix th{white-space:nowrap}
table.matrix th.doc{max-width:12rem;overflow:hidden;text-overflow:ellipsis}
table.matrix .total{font-weight:600;border-left:1px solid var(--rule)}
.sub-theme{padding-left:1.4rem}
.doc-list li{margin:.2rem 0}`;

/** The anchor of a document's entry in the list, where every passage links back to. */
function documentAnchor(index: number): string {
  return `doc-${index + 1}`;
}

/** A cell's background: the theme's colour, more opaque the larger the value (text stays dark on it). */
function shade(theme: Theme, value: number, max: number): string {
  if (value <= 0 || max <= 0) return '';
  const alpha = Math.round((0.08 + 0.42 * (value / max)) * 255);
  return ` style="background-color:${safeColour(theme.colour)}${alpha.toString(16).padStart(2, '0')}"`;
}

function documentList(model: CorpusReportModel): string {
  const items = model.models.map((m, i) => {
    const anchored = m.highlights.length;
    return (
      `<li id="${documentAnchor(i)}"><strong>${escapeHtml(m.document.title)}</strong> ` +
      `<span class="meta">${escapeHtml(m.document.source)} · ${count(anchored, 'highlight')}` +
      (m.orphans.length > 0 ? `, ${m.orphans.length} not found in the text` : '') +
      `</span></li>`
    );
  });
  return `<section aria-labelledby="documents-h"><h2 id="documents-h">Documents</h2><ol class="doc-list">${items.join('')}</ol></section>`;
}

function matrixTable(model: CorpusReportModel, classes: ThemeClasses, measure: 'count' | 'coverage'): string {
  const { matrix } = model;
  const max = measure === 'count' ? matrix.maxCount : matrix.maxCoverage;
  const show = (n: number) => (measure === 'count' ? String(n) : percent(n));
  const head =
    `<tr><th scope="col">Theme</th>` +
    matrix.documents.map((d, i) => `<th scope="col" class="doc"><a href="#${documentAnchor(i)}">${escapeHtml(d.title)}</a></th>`).join('') +
    `<th scope="col" class="total">All documents</th></tr>`;
  const rows = matrix.themes.map((theme, t) => {
    const cells = matrix.cells[t]!.map((c) => {
      const value = measure === 'count' ? c.count : c.coverage;
      return `<td class="num"${shade(theme, value, max)}>${show(value)}</td>`;
    });
    const total = matrix.themeTotals[t]!;
    return (
      `<tr><th scope="row" class="${theme.parent ? 'sub-theme' : ''}">${classes.tag(theme)}</th>${cells.join('')}` +
      `<td class="num total">${show(measure === 'count' ? total.count : total.coverage)}</td></tr>`
    );
  });
  const foot =
    measure === 'count'
      ? `<tr><th scope="row">Highlights (each once)</th>${matrix.documentTotals.map((n) => `<td class="num">${n}</td>`).join('')}` +
        `<td class="num total">${matrix.total}</td></tr>`
      : '';
  const caption =
    measure === 'count'
      ? 'Highlights of each theme in each document (a sub-theme’s count toward its parent too)'
      : 'Share of each document’s text covered by each theme (overlapping highlights counted once)';
  return (
    `<div class="matrix-wrap"><table class="matrix"><caption class="meta">${caption}</caption>` +
    `<thead>${head}</thead><tbody>${rows.join('')}${foot}</tbody></table></div>`
  );
}

function cooccurrence(model: CorpusReportModel, classes: ThemeClasses): string {
  const table = cooccurrenceTable(model.cooccurrence.pairs);
  if (table.pairs.length === 0) {
    return `<p class="meta">${model.themes.length < 2 ? 'Co-occurrence needs at least two themes.' : 'No two themes meet in any document.'}</p>`;
  }
  const documents = new Map(model.cooccurrence.pairs.map((p) => [`${p.a.id}+${p.b.id}`, p.documents]));
  return (
    `<table><thead><tr><th>Themes</th>${table.columns.map((c) => `<th>${c.heading}</th>`).join('')}<th>Documents</th></tr></thead><tbody>` +
    table.pairs
      .map(
        (p) =>
          `<tr><td>${classes.tag(p.a)} ${classes.tag(p.b)}</td>${table.columns.map((c) => `<td class="num">${p[c.key]}</td>`).join('')}` +
          `<td class="num">${documents.get(`${p.a.id}+${p.b.id}`) ?? 0}</td></tr>`,
      )
      .join('') +
    `</tbody></table>`
  );
}

function passageItem(p: CodedPassage, themes: readonly Theme[], classes: ThemeClasses, docIndex: number, title: string): string {
  const tags = themes.filter((t) => p.themes.includes(t.id)).map((t) => classes.tag(t));
  return (
    `<article class="passage"><blockquote class="quote">${multiline(p.quote)}</blockquote>` +
    `<p class="meta"><a href="#${documentAnchor(docIndex)}">${escapeHtml(title)}</a>, characters ${p.start}–${p.end} · ${tags.join('')}</p>` +
    (p.note.trim() === '' ? '' : `<div class="note">${multiline(p.note)}</div>`) +
    `</article>`
  );
}

function byTheme(model: CorpusReportModel, classes: ThemeClasses): string {
  const docIndex = new Map(model.documents.map((d, i) => [d.id, i]));
  const sections = model.sections.map(({ theme, retrieved }, i) => {
    const groups = retrieved.groups.map((g) => {
      const items = retrieved.passages.slice(g.offset, g.offset + g.count);
      return (
        `<h4>${escapeHtml(g.title)} <span class="meta">(${g.count})</span></h4>` +
        items.map((p) => passageItem(p, model.themes, classes, docIndex.get(g.documentId)!, g.title)).join('')
      );
    });
    return (
      `<section class="theme" id="theme-${i + 1}"><h3><span class="swatch ${classes.of(theme)}"></span> ${escapeHtml(themeName(theme))} ` +
      `<span class="meta">(${count(retrieved.passages.length, 'passage')} in ${count(retrieved.groups.length, 'document')})</span></h3>` +
      (groups.length === 0 ? '<p class="meta">No passages.</p>' : groups.join('')) +
      `</section>`
    );
  });
  return `<section aria-labelledby="by-theme-h"><h2 id="by-theme-h">Passages by theme across documents</h2>${sections.join('')}</section>`;
}

function notes(model: CorpusReportModel, classes: ThemeClasses): string {
  const docIndex = new Map(model.documents.map((d, i) => [d.id, i]));
  const titles = new Map(model.documents.map((d) => [d.id, d.title]));
  const noted = model.passages.filter((p) => p.note.trim() !== '');
  const body =
    noted.length === 0
      ? '<p class="meta">No notes.</p>'
      : noted.map((p) => passageItem(p, model.themes, classes, docIndex.get(p.documentId)!, titles.get(p.documentId)!)).join('');
  return `<section class="notes" aria-labelledby="notes-h"><h2 id="notes-h">Notes</h2>${body}</section>`;
}

/** Builds the corpus HTML report; every text from documents, codebook and notes is escaped, and the page holds no script. */
export function buildCorpusHtmlReport(model: CorpusReportModel, options: CorpusHtmlOptions): string {
  const classes = new ThemeClasses(model.themes);
  const total = model.passages.length;
  const legend = model.themes.map((t) => `<li>${classes.tag(t)}${t.description ? ` — ${escapeHtml(t.description)}` : ''}</li>`).join('');
  return [
    reportHead('Corpus report — Gloss', `${BASE_CSS}\n${CORPUS_CSS}\n${themeRules(model.themes)}`),
    '<body>',
    `<header><h1>Corpus report</h1><p class="meta">${count(model.documents.length, 'document')} · ${count(total, 'highlight')}` +
      (model.orphans > 0 ? ` · ${model.orphans} not found in the text (left out)` : '') +
      (model.options.onlyWithNotes ? ' · only highlights with a note' : '') +
      `</p><p class="meta">Exported: <time datetime="${escapeHtml(options.exportedAt)}">${escapeHtml(readableTime(options.exportedAt, options))}</time> · Gloss corpus report</p>` +
      `<ul class="legend" aria-label="Codebook">${legend}</ul></header>`,
    '<main>',
    documentList(model),
    `<section aria-labelledby="matrix-h"><h2 id="matrix-h">Themes by document</h2>${matrixTable(model, classes, 'count')}${matrixTable(model, classes, 'coverage')}</section>`,
    `<section aria-labelledby="co-h"><h2 id="co-h">Co-occurrence across documents</h2>${cooccurrence(model, classes)}</section>`,
    byTheme(model, classes),
    notes(model, classes),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
