// The agreement report as plain text for a terminal: a header naming the coders and the unit, one aligned line per
// theme per document, the corpus per theme and overall, and the reasons for any undefined figure.
import type { AgreementFigures } from '../agreement/figures';
import type { AgreementTable } from '../agreement/table';
import { coefficientText, percentText, reasonsText, unitNoun } from './agreement-wording';

const HEADER = ['document', 'theme', 'units', 'both', 'A only', 'B only', 'neither', 'percent', 'kappa', 'alpha', 'coded %', 'coded κ'];

function line(document: string, theme: string, all: AgreementFigures, coded: AgreementFigures): string[] {
  return [
    document,
    theme,
    String(all.units),
    String(all.both),
    String(all.aOnly),
    String(all.bOnly),
    String(all.neither),
    percentText(all.percent),
    coefficientText(all.kappa),
    coefficientText(all.alpha),
    percentText(coded.percent),
    coefficientText(coded.kappa),
  ];
}

/** Text without control characters, cut to `max` characters, so one cell stays one line. */
function cell(text: string, max: number): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Builds the text report. */
export function buildAgreementText(table: AgreementTable): string {
  const lines = [
    HEADER,
    ...table.rows.map((r) => line(cell(r.documentTitle, 40), cell(r.themeLabel, 24), r.all, r.codedOnly)),
    ...table.themes.map((t) => line('(all documents)', cell(t.themeLabel, 24), t.all, t.codedOnly)),
    line('(all documents)', '(all themes)', table.overall.all, table.overall.codedOnly),
  ];
  const widths = HEADER.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const aligned = lines.map((l) =>
    l
      .map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
  const notes = table.rows
    .map((r) => [r, reasonsText(r.all)] as const)
    .filter(([, reason]) => reason !== '')
    .map(([r, reason]) => `  ${cell(r.documentTitle, 40)} / ${cell(r.themeLabel, 24)}: ${reason}`);
  return [
    `Agreement of A = ${cell(table.coders[0], 100)} and B = ${cell(table.coders[1], 100)}, counted in ${unitNoun(table.unit)}.`,
    '"coded" figures count only the units at least one coder coded.',
    '',
    ...aligned,
    ...(notes.length > 0 ? ['', 'Undefined figures:', ...notes] : []),
    '',
  ].join('\n');
}
