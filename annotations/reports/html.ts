// The HTML report: one self-contained, script-free file (inline CSS and SVG, restrictive CSP) that prints well.
import type { Theme } from '../codebook';
import { cooccurrenceTable, noCooccurrence } from './cooccurrence';
import { escapeHtml, safeColour } from './escape';
import { articleSections } from './html-article';
import { multiline, reportHead, ThemeClasses } from './html-parts';
import type { ReportHighlight, ReportModel, ReportOrphan, ThemeSection } from './model';
import { safeCue, themeRules } from './themes-css';
import { count, percent, readableTime, subThemeLine, subThemesIn, themeName, type TimeStyle } from './wording';

/** What the HTML report needs besides the model. */
export interface HtmlReportOptions extends TimeStyle {
  /** When the report was made (ISO 8601; pass it in so the output is reproducible), shown as a date people read. */
  exportedAt: string;
}

export { REPORT_CSP } from './html-parts';

export const BASE_CSS = `
:root{color-scheme:light;--ink:#1d1d1f;--muted:#5f6368;--rule:#d9d9de}
*{box-sizing:border-box}
body{margin:0 auto;max-width:52rem;padding:2rem 1.5rem 4rem;font:16px/1.6 Georgia,"Times New Roman",serif;color:var(--ink);background:#fff}
h1,h2,h3,h4,.meta,.legend,table,.summary-line,figcaption{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
h1{font-size:1.7rem;line-height:1.25;margin:0 0 .4rem}
h2{font-size:1.25rem;margin:2.4rem 0 .8rem;padding-bottom:.2rem;border-bottom:1px solid var(--rule)}
h3{font-size:1.05rem;margin:1.6rem 0 .6rem}
.meta{color:var(--muted);font-size:.85rem;margin:.1rem 0}
.legend{list-style:none;padding:0;margin:1rem 0 0;display:grid;gap:.4rem}
.legend li{display:flex;gap:.6rem;align-items:baseline;font-size:.9rem}
.swatch{display:inline-block;width:.9rem;height:.9rem;border:1px solid;border-radius:2px;flex:none;transform:translateY(.1rem)}
.cue{color:var(--muted);font-size:.8rem}
.tag{display:inline-block;border:1px solid;border-radius:3px;padding:0 .35rem;font-size:.78rem;margin-right:.25rem;font-family:system-ui,sans-serif}
table{border-collapse:collapse;font-size:.88rem;margin:.4rem 0 1rem}
th,td{border-bottom:1px solid var(--rule);padding:.25rem .6rem;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:inline-block;height:.6rem;background:#888;vertical-align:middle;margin-left:.4rem}
.hl{text-decoration-line:underline;text-decoration-thickness:2px;text-underline-offset:3px;text-decoration-skip-ink:none;border-radius:2px}
.hl .hl{text-underline-offset:6px}.hl .hl .hl{text-underline-offset:9px}.hl .hl .hl .hl{text-underline-offset:12px}
.article p,.article h3,.article h4,.article h5,.article h6,.article ul,.article ol{margin:0 0 1rem}
.article .heading{font-size:1.15rem}.article h4.heading,.article h5.heading,.article h6.heading{font-size:1rem}
.article li{margin:0 0 .4rem}.article ul,.article ol{padding-left:1.6rem}
blockquote.article-quote{margin:0 0 1rem;padding:.1rem 0 .1rem 1rem;border-left:3px solid var(--rule);color:#3c3c43}
blockquote.article-quote p{margin:.4rem 0}
.marker{font:600 .7rem system-ui,sans-serif;line-height:0;margin:0 .1rem}
.marker a{color:var(--muted);text-decoration:none}
.notes ol,.orphans ol{padding-left:1.6rem}
.notes li,.orphans li{margin:.5rem 0;font-size:.92rem}
.note,.quote{unicode-bidi:isolate;white-space:normal;overflow-wrap:anywhere}
.note{margin:.3rem 0 0}
.no-note{color:var(--muted);font-style:italic;margin:.3rem 0 0}
blockquote.quote{margin:.3rem 0;padding:.3rem .7rem;border-left:3px solid var(--rule)}
.passage{margin:0 0 1.1rem;padding:.5rem 0 .2rem;border-top:1px solid var(--rule)}
a{color:#1a55a8}
figure{margin:1rem 0;overflow-x:auto}
figcaption{font-size:.85rem;color:var(--muted)}
@page{margin:16mm 14mm}
@media print{
*{print-color-adjust:exact;-webkit-print-color-adjust:exact}
body{max-width:none;padding:0;font-size:11pt}
.passage,.notes li,.orphans li,.legend li,tr,figure{break-inside:avoid;page-break-inside:avoid}
h2,h3{break-after:avoid;page-break-after:avoid}
a{color:inherit}
}`;

function header(model: ReportModel, options: HtmlReportOptions, classes: ThemeClasses): string {
  const doc = model.document;
  const legend = model.themes
    .map(
      (theme) =>
        `<li><span class="swatch ${classes.of(theme)}"></span><span><strong><span class="hl ${classes.of(theme)}">${escapeHtml(themeName(theme))}</span></strong> ` +
        `<span class="cue">${safeCue(theme.cue)} underline</span>` +
        (theme.description ? ` — ${escapeHtml(theme.description)}` : '') +
        `</span></li>`,
    )
    .join('');
  return (
    `<header><h1>${escapeHtml(doc.title)}</h1>` +
    `<p class="meta">Source: ${escapeHtml(doc.source)}</p>` +
    `<p class="meta">Exported: <time datetime="${escapeHtml(options.exportedAt)}">${escapeHtml(readableTime(options.exportedAt, options))}</time> · Gloss annotated report</p>` +
    `<ul class="legend" aria-label="Codebook">${legend}</ul></header>`
  );
}

/** The theme x block heatmap as inline SVG; every cell carries its figure as text and as a title. */
function heatmap(model: ReportModel): string {
  const { matrix } = model.summary;
  const labelWidth = 130;
  const cell = Math.max(12, Math.min(36, Math.floor(560 / Math.max(1, matrix.blockCount))));
  const rowHeight = 24;
  const top = 22;
  const width = labelWidth + cell * matrix.blockCount + 4;
  const height = top + rowHeight * matrix.themes.length + 4;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="heatmap-title">` +
      `<title id="heatmap-title">Highlights per theme and paragraph</title>` +
      `<g font-family="system-ui,sans-serif" font-size="10" fill="#5f6368">`,
  );
  const step = matrix.blockCount > 30 ? 5 : 1;
  for (let b = 0; b < matrix.blockCount; b++) {
    if ((b + 1) % step !== 0 && b !== 0) continue;
    parts.push(`<text x="${labelWidth + b * cell + cell / 2}" y="14" text-anchor="middle">${b + 1}</text>`);
  }
  parts.push('</g>');
  matrix.themes.forEach((theme, t) => {
    const y = top + t * rowHeight;
    const label = themeName(theme);
    const shown = label.length > 20 ? `${label.slice(0, 19)}…` : label;
    parts.push(
      `<text x="${labelWidth - 6}" y="${y + rowHeight / 2 + 4}" text-anchor="end" font-family="system-ui,sans-serif" font-size="11" fill="#1d1d1f">${escapeHtml(shown)}</text>`,
    );
    const colour = safeColour(theme.colour);
    for (let b = 0; b < matrix.blockCount; b++) {
      const n = matrix.counts[t]![b]!;
      const opacity = n === 0 || matrix.max === 0 ? 1 : 0.25 + 0.75 * (n / matrix.max);
      const fill = n === 0 ? '#f1f1f3' : colour;
      parts.push(
        `<rect x="${labelWidth + b * cell}" y="${y}" width="${cell - 2}" height="${rowHeight - 2}" fill="${fill}" fill-opacity="${opacity.toFixed(2)}">` +
          `<title>${escapeHtml(label)}, paragraph ${b + 1}: ${n}</title></rect>`,
      );
      if (n > 0 && cell >= 14) {
        parts.push(
          `<text x="${labelWidth + b * cell + (cell - 2) / 2}" y="${y + rowHeight / 2 + 3}" text-anchor="middle" font-family="system-ui,sans-serif" font-size="10" fill="#1d1d1f">${n}</text>`,
        );
      }
    }
  });
  parts.push('</svg>');
  return parts.join('');
}

function summary(model: ReportModel, classes: ThemeClasses): string {
  const s = model.summary;
  const rows = s.themes
    .map(
      (t) =>
        `<tr><td>${classes.tag(t.theme)}</td><td class="num">${t.highlights}</td><td class="num">${percent(t.coverage)}` +
        `<span class="bar" style="width:${Math.round(t.coverage * 80)}px"></span></td></tr>`,
    )
    .join('');
  const co = cooccurrenceTable(s.pairs);
  const pairs =
    co.pairs.length === 0
      ? `<p class="meta">${noCooccurrence(model.themes.length)}</p>`
      : `<table><thead><tr><th>Themes</th>${co.columns.map((c) => `<th>${c.heading}</th>`).join('')}</tr></thead><tbody>` +
        co.pairs
          .map(
            (p) =>
              `<tr><td>${classes.tag(p.a)} ${classes.tag(p.b)}</td>${co.columns.map((c) => `<td class="num">${p[c.key]}</td>`).join('')}</tr>`,
          )
          .join('') +
        `</tbody></table>`;
  return (
    `<section class="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>` +
    `<p class="summary-line">${count(s.highlights, 'highlight')}` +
    (s.orphans > 0 ? `, ${s.orphans} not found in the text` : '') +
    ` · ${model.document.text.length} characters · ${model.document.blocks.length} paragraphs</p>` +
    `<h3>Highlights and coverage per theme</h3>` +
    `<table><thead><tr><th>Theme</th><th>Highlights</th><th>Coverage</th></tr></thead><tbody>${rows}</tbody></table>` +
    `<h3>Co-occurrence</h3>${pairs}` +
    `<h3>Themes by paragraph</h3><figure>${heatmap(model)}<figcaption>Highlights of each theme (rows) in each paragraph (columns, the title counted as 1); darker means more.</figcaption></figure>` +
    `</section>`
  );
}

/** One passage of a theme's section; one there by a sub-theme only is drawn in that sub-theme's colour. */
function passage(h: ReportHighlight, model: ReportModel, classes: ThemeClasses, section: ThemeSection): string {
  const theme: Theme = h.themes.includes(section.theme) ? section.theme : (subThemesIn(section, h)[0] ?? section.theme);
  const where = model.options.includeArticle
    ? `<a href="#hl-${h.number}">Passage ${h.number} in the article</a>`
    : `Passage ${h.number}, characters ${h.start}–${h.end}`;
  return (
    `<article class="passage"><blockquote class="quote"><span class="hl ${classes.of(theme)}">${multiline(h.quote)}</span></blockquote>` +
    `<p class="meta">${where} · ${h.themes.map((t) => classes.tag(t)).join('')}</p>` +
    (h.annotation.note.trim() === '' ? '' : `<div class="note">${multiline(h.annotation.note)}</div>`) +
    `</article>`
  );
}

function orphanItem(o: ReportOrphan, classes: ThemeClasses): string {
  return (
    `<li value="${o.number}"><blockquote class="quote">${multiline(o.quote)}</blockquote>` +
    `<p class="meta">${escapeHtml(o.reason)} ${o.themes.map((t) => classes.tag(t)).join('')}</p>` +
    (o.annotation.note.trim() === '' ? '' : `<div class="note">${multiline(o.annotation.note)}</div>`) +
    `</li>`
  );
}

function byTheme(model: ReportModel, classes: ThemeClasses): string {
  // Each theme lists the passages of its section (model.ts): its own and its sub-themes', each once.
  const sections = model.sections.map((section, i) => {
    const { theme, highlights: mine, orphans: lost } = section;
    const through = subThemeLine(section);
    return (
      `<section class="theme" id="theme-${i + 1}"><h3><span class="swatch ${classes.of(theme)}"></span> ${escapeHtml(themeName(theme))} ` +
      `<span class="meta">(${mine.length})</span></h3>` +
      (through === '' ? '' : `<p class="meta sub-themes">${escapeHtml(through)}</p>`) +
      (mine.length === 0 ? '<p class="meta">No passages.</p>' : mine.map((h) => passage(h, model, classes, section)).join('')) +
      (lost.length === 0
        ? ''
        : `<p class="meta">Also ${lost.length} passage${lost.length === 1 ? '' : 's'} not found in the text (listed below).</p>`) +
      `</section>`
    );
  });
  return `<section class="by-theme" aria-labelledby="by-theme-h"><h2 id="by-theme-h">Passages by theme</h2>${sections.join('')}</section>`;
}

/**
 * Builds the HTML report of one document. Every piece of text from the document, codebook or
 * notes goes through escapeHtml; colours are validated and class names whitelisted; the file
 * holds no script and its CSP forbids scripts and every request.
 */
export function buildHtmlReport(model: ReportModel, options: HtmlReportOptions): string {
  const classes = new ThemeClasses(model.themes);
  const orphans =
    model.orphans.length === 0
      ? ''
      : `<section class="orphans" aria-labelledby="orphans-h"><h2 id="orphans-h">Passages not found in the text</h2>` +
        `<p class="meta">These highlights could not be placed in the current text; they are kept as they were stored.</p>` +
        `<ol>${model.orphans.map((o) => orphanItem(o, classes)).join('')}</ol></section>`;
  return [
    reportHead(`${model.document.title} — annotated report`, `${BASE_CSS}\n${themeRules(model.themes)}`),
    '<body>',
    header(model, options, classes),
    '<main>',
    summary(model, classes),
    model.options.includeArticle ? articleSections(model, classes) : '',
    byTheme(model, classes),
    orphans,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
