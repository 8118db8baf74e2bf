// The Agreement dialog (Tools → Agreement…): the own coder against another coder's layer, per theme for the document
// shown or over every document, in the unit chosen; the counts behind every figure, a count of disagreements opening
// its list, the figures over coded text only, and the report saved as HTML or CSV.
import type { AgreementFigures } from '../../annotations/agreement/figures';
import type { AgreementRow, AgreementTable } from '../../annotations/agreement/table';
import type { AgreementQuery, CoderSummary, ExportAgreementInput, ExportedReport } from '../../annotations/contract';
import { errorMessage } from '../../annotations/errors';
import { coefficientText, percentText, reasonsText } from '../../annotations/reports/agreement-wording';
import { append, button, byId, h } from '../ui/dom';
import { field } from '../ui/fields';
import { build, closer, kept, open } from './dialog';

/** What the dialog needs from the window. */
export interface AgreementContext {
  own: string;
  coders: readonly CoderSummary[];
  documentId: string;
  /** The text of the document shown (for quoting its disagreements). */
  text: string;
  agreement(query: AgreementQuery): Promise<AgreementTable>;
  exportReport(input: ExportAgreementInput): Promise<ExportedReport>;
  save(report: ExportedReport): Promise<string>;
  /** Shows a passage of the document shown. */
  reveal(start: number, end: number): void;
  /** Opens the compare view of the document shown for a theme. */
  compare(coder: string, themeId: string): void;
  announce(message: string): void;
}

const select = (id: string, options: ReadonlyArray<[string, string]>): HTMLSelectElement =>
  h('select', { props: { id } }, ...options.map(([value, text]) => h('option', { props: { value } }, text)));

function agreementDialog(): HTMLDialogElement {
  return kept(
    'agreement-dialog',
    () =>
      build({
        id: 'agreement-dialog',
        className: 'agreement-dialog',
        title: 'Agreement',
        description:
          'How far your coding and a colleague’s agree, per theme. Percent = (both + neither) / units; kappa and alpha correct it for chance. “Coded” figures count only units at least one of you coded.',
        body: [
          h(
            'div',
            'agreement-controls',
            field('Compare with', select('agreement-coder', [])),
            field(
              'Unit',
              select('agreement-unit', [
                ['character', 'Characters'],
                ['sentence', 'Sentences'],
                ['paragraph', 'Paragraphs'],
              ]),
            ),
            field(
              'Documents',
              select('agreement-scope', [
                ['document', 'This document'],
                ['all', 'All documents'],
              ]),
            ),
          ),
          h('div', 'agreement-table-wrap', h('table', { props: { id: 'agreement-table', className: 'agreement-table' } })),
          h('section', {
            props: { id: 'agreement-disagreements', className: 'agreement-disagreements', hidden: true },
            attrs: { 'aria-live': 'polite' },
          }),
          h('p', { props: { id: 'agreement-status', className: 'export-status' }, attrs: { role: 'status', 'aria-live': 'polite' } }),
        ],
        actions: [
          h('button', { props: { type: 'button', id: 'agreement-export-html' } }, 'Save report (HTML)'),
          h('button', { props: { type: 'button', id: 'agreement-export-csv' } }, 'Save report (CSV)'),
          closer('Close', 'agreement-close'),
        ],
      }).dialog,
  );
}

const num = (value: string | number, label?: string): HTMLTableCellElement =>
  h('td', { props: { className: 'num' }, attrs: { 'aria-label': label } }, String(value));

function figureCells(f: AgreementFigures, coded: AgreementFigures): HTMLTableCellElement[] {
  const why = reasonsText(f);
  const cell = (text: string) => h('td', { props: { className: 'num', title: why } }, text);
  return [
    cell(percentText(f.percent)),
    cell(coefficientText(f.kappa)),
    cell(coefficientText(f.alpha)),
    num(percentText(coded.percent)),
    num(coefficientText(coded.kappa)),
  ];
}

/** Opens the dialog for the document shown. */
export function showAgreementDialog(context: AgreementContext): void {
  const dialog = agreementDialog();
  const coder = byId<HTMLSelectElement>('agreement-coder');
  const unit = byId<HTMLSelectElement>('agreement-unit');
  const scope = byId<HTMLSelectElement>('agreement-scope');
  const table = byId<HTMLTableElement>('agreement-table');
  const list = byId('agreement-disagreements');
  const status = byId('agreement-status');
  const others = context.coders.filter((c) => !c.own);
  const previous = coder.value;
  coder.replaceChildren(...others.map((c) => h('option', { props: { value: c.name } }, c.name)));
  if (others.some((c) => c.name === previous)) coder.value = previous;
  const query = (): AgreementQuery => ({
    coders: [context.own, coder.value],
    unit: unit.value as AgreementQuery['unit'],
    ...(scope.value === 'document' ? { documentId: context.documentId } : {}),
  });

  const showDisagreements = (row: AgreementRow, side: 'a' | 'b'): void => {
    const who = side === 'a' ? context.own : coder.value;
    const items = row.disagreements.filter((d) => d.coder === side);
    const here = row.documentId === context.documentId;
    list.hidden = false;
    list.replaceChildren();
    append(list, [
      h('h3', { props: { id: 'agreement-disagreements-title' } }, `${row.themeLabel}: coded by ${who} only (${items.length})`),
      h(
        'ol',
        null,
        ...items.map((d) =>
          h(
            'li',
            null,
            here
              ? button(`“${context.text.slice(d.start, d.end).replace(/\s+/g, ' ').slice(0, 160)}”`, () => context.reveal(d.start, d.end), {
                  props: { className: 'link-button' },
                })
              : `${row.documentTitle}: characters ${d.start}–${d.end}`,
          ),
        ),
      ),
      here
        ? button('Compare this theme side by side…', () => context.compare(coder.value, row.themeId), {
            props: { id: 'agreement-compare' },
          })
        : null,
    ]);
  };

  const render = (result: AgreementTable): void => {
    const many = scope.value === 'all';
    const [a, b] = result.coders;
    const head = h(
      'thead',
      null,
      h(
        'tr',
        null,
        ...[
          many ? 'Document' : null,
          'Theme',
          'Units',
          'Both',
          `${a} only`,
          `${b} only`,
          'Neither',
          'Percent',
          'Kappa',
          'Alpha',
          'Coded %',
          'Coded κ',
        ]
          .filter((t): t is string => t !== null)
          .map((t) => h('th', { attrs: { scope: 'col' } }, t)),
      ),
    );
    const countButton = (row: AgreementRow, side: 'a' | 'b', n: number) =>
      n === 0
        ? num(0)
        : h(
            'td',
            'num',
            button(String(n), () => showDisagreements(row, side), {
              props: { className: 'link-button', title: `Show the ${n} ${result.unit}s coded by ${side === 'a' ? a : b} only` },
              data: { side, theme: row.themeId },
            }),
          );
    const body = h(
      'tbody',
      null,
      ...result.rows.map((r) =>
        h(
          'tr',
          { data: { theme: r.themeId } },
          many ? h('td', null, r.documentTitle) : null,
          h('th', { attrs: { scope: 'row' } }, r.themeLabel),
          num(r.all.units),
          num(r.all.both),
          countButton(r, 'a', r.all.aOnly),
          countButton(r, 'b', r.all.bOnly),
          num(r.all.neither),
          ...figureCells(r.all, r.codedOnly),
        ),
      ),
      h(
        'tr',
        { props: { className: 'total' } },
        many ? h('td', null, 'All') : null,
        h('th', { attrs: { scope: 'row' } }, 'All themes'),
        num(result.overall.all.units),
        num(result.overall.all.both),
        num(result.overall.all.aOnly),
        num(result.overall.all.bOnly),
        num(result.overall.all.neither),
        ...figureCells(result.overall.all, result.overall.codedOnly),
      ),
    );
    table.replaceChildren(head, body);
  };

  const refresh = async (): Promise<void> => {
    list.hidden = true;
    if (others.length === 0) {
      table.replaceChildren();
      status.textContent = 'There is no other coder’s layer yet: import a colleague’s coding in Tools → Coders… first.';
      return;
    }
    status.textContent = 'Counting…';
    try {
      render(await context.agreement(query()));
      status.textContent = '';
    } catch (error) {
      status.textContent = errorMessage(error);
    }
  };
  const save = (format: 'html' | 'csv') => async () => {
    try {
      const message = await context.save(await context.exportReport({ ...query(), format }));
      status.textContent = message;
      context.announce(message);
    } catch (error) {
      status.textContent = `The report failed: ${errorMessage(error)}`;
    }
  };
  coder.onchange = unit.onchange = scope.onchange = () => void refresh();
  byId<HTMLButtonElement>('agreement-export-html').onclick = save('html');
  byId<HTMLButtonElement>('agreement-export-csv').onclick = save('csv');
  void refresh();
  open(dialog);
}
