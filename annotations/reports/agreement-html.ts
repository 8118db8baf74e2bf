// The agreement report as one self-contained, script-free HTML page (the same CSP as every report): how the figures
// are defined, the table of counts and figures per theme per document, the corpus per theme and overall.
import type { AgreementFigures } from '../agreement/figures';
import type { AgreementTable } from '../agreement/table';
import { coefficientText, percentText, reasonsText, unitNoun } from './agreement-wording';
import { escapeHtml } from './escape';
import { reportHead } from './html-parts';
import { readableTime, type TimeStyle } from './wording';

const CSS = `
:root{color-scheme:light}
body{margin:0 auto;max-width:72rem;padding:2rem 1.5rem 4rem;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d1d1f;background:#fff}
h1{font-size:1.6rem;margin:0 0 .4rem}h2{font-size:1.15rem;margin:2rem 0 .6rem}
.meta{color:#5f6368;font-size:.88rem;margin:.1rem 0}
table{border-collapse:collapse;font-size:.88rem;width:100%}
th,td{border-bottom:1px solid #d9d9de;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.total td{font-weight:600}
.why{color:#5f6368;font-size:.82rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.9rem}dt{font-weight:600}dd{margin:0}
`;

function row(document: string, theme: string, all: AgreementFigures, coded: AgreementFigures, total = false): string {
  const num = (text: string | number) => `<td class="num">${escapeHtml(String(text))}</td>`;
  const why = reasonsText(all);
  return (
    `<tr${total ? ' class="total"' : ''}><td>${escapeHtml(document)}</td><td>${escapeHtml(theme)}</td>` +
    [all.units, all.both, all.aOnly, all.bOnly, all.neither].map(num).join('') +
    num(percentText(all.percent)) +
    num(coefficientText(all.kappa)) +
    num(coefficientText(all.alpha)) +
    num(coded.units) +
    num(percentText(coded.percent)) +
    num(coefficientText(coded.kappa)) +
    num(coefficientText(coded.alpha)) +
    `<td class="why">${escapeHtml(why)}</td></tr>`
  );
}

const HEAD =
  '<thead><tr><th>Document</th><th>Theme</th><th class="num">Units</th><th class="num">Both</th><th class="num">Only A</th>' +
  '<th class="num">Only B</th><th class="num">Neither</th><th class="num">Percent</th><th class="num">Kappa</th><th class="num">Alpha</th>' +
  '<th class="num">Coded units</th><th class="num">Coded %</th><th class="num">Coded κ</th><th class="num">Coded α</th><th>Why undefined</th></tr></thead>';

/** Builds the HTML agreement report. Every name from the data goes through escapeHtml; the page holds no script. */
export function buildAgreementHtml(table: AgreementTable, options: TimeStyle & { exportedAt: string }): string {
  const [a, b] = table.coders;
  return [
    reportHead(`Intercoder agreement: ${a} and ${b}`, CSS),
    '<body>',
    `<header><h1>Intercoder agreement</h1><p class="meta">A = ${escapeHtml(a)}, B = ${escapeHtml(b)}; counted in ${unitNoun(table.unit)}; ` +
      `made ${escapeHtml(readableTime(options.exportedAt, options))}.</p></header>`,
    '<main>',
    '<section aria-labelledby="how-h"><h2 id="how-h">How the figures are computed</h2><dl>',
    '<dt>Percent</dt><dd>(both + neither) / units.</dd>',
    '<dt>Cohen’s kappa</dt><dd>(p<sub>o</sub> − p<sub>e</sub>) / (1 − p<sub>e</sub>), p<sub>e</sub> = p<sub>A</sub>p<sub>B</sub> + (1 − p<sub>A</sub>)(1 − p<sub>B</sub>), p<sub>X</sub> = units coded by X / units.</dd>',
    '<dt>Krippendorff’s alpha</dt><dd>nominal, two coders, over the same units.</dd>',
    '<dt>Coded</dt><dd>the same over the units at least one coder coded (uncoded text inflates agreement).</dd>',
    '<dt>Units</dt><dd>a sentence or paragraph counts as coded by a coder when any of their passages covers part of it; a sub-theme counts toward its parent.</dd>',
    '</dl></section>',
    '<section aria-labelledby="table-h"><h2 id="table-h">Per theme per document</h2>',
    `<table>${HEAD}<tbody>`,
    ...table.rows.map((r) => row(r.documentTitle, r.themeLabel, r.all, r.codedOnly)),
    ...table.themes.map((t) => row('All documents', t.themeLabel, t.all, t.codedOnly, true)),
    row('All documents', 'All themes', table.overall.all, table.overall.codedOnly, true),
    '</tbody></table></section>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
