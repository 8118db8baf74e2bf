// The Theme x document matrix (MAXQDA's Code Matrix Browser): a row per theme, a column per document, each cell
// the theme's highlights in the document or the share of its text they cover (a switch), shaded by value. A cell
// opens its passages in the Passages view. The cells are a grid for the keyboard (views/grid-keys.ts).
import type { Codebook, Theme } from '../../annotations/codebook';
import type { GlossHost } from '../../annotations/contract';
import type { ThemeDocumentMatrix } from '../../annotations/corpus/matrix';
import type { PassageFilter } from '../../annotations/corpus/passages';
import { errorMessage } from '../../annotations/errors';
import { h } from '../ui/dom';
import { plural } from '../ui/plural';
import { choice, fieldset } from '../ui/fields';
import { gridKeys } from '../views/grid-keys';
import { shadeCell } from '../views/shade';
import { build, closer, focusedElement, open } from './dialog';

/** What the matrix needs from the window. */
export interface MatrixContext {
  host: GlossHost;
  codebook: Codebook;
  /** Opens the Passages view on a cell's passages. */
  openPassages(filter: PassageFilter): void;
  onError(message: string): void;
}

type Measure = 'count' | 'coverage';

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function themeHeader(theme: Theme): HTMLTableCellElement {
  return h(
    'th',
    { props: { scope: 'row', className: theme.parent ? 'is-subtheme' : '' } },
    h('span', { props: { className: `swatch swatch-${theme.id}` }, attrs: { 'aria-hidden': 'true' } }),
    theme.label,
  );
}

/** The table of the matrix, its cells showing `measure`. */
function matrixTable(matrix: ThemeDocumentMatrix, measure: Measure, openPassages: (filter: PassageFilter) => void): HTMLTableElement {
  const max = measure === 'count' ? matrix.maxCount : matrix.maxCoverage;
  const last = matrix.documents.length;
  // One listener for the grid (views/grid-keys.ts): a cell is a plain gridcell, its passages' filter kept here.
  const filters = new Map<string, PassageFilter>();
  const cell = (row: number, col: number, text: string, label: string, filter: PassageFilter, shade?: [string, number]) => {
    filters.set(`${row},${col}`, filter);
    const target = h(
      'td',
      {
        props: { className: 'corpus-cell' },
        attrs: { role: 'gridcell', 'aria-label': label },
        data: { row: String(row), col: String(col) },
      },
      text,
    );
    if (shade) shadeCell(target, shade[0], shade[1], max);
    return target;
  };
  const head = h(
    'tr',
    null,
    h('th', { props: { scope: 'col', className: 'corner' } }, 'Theme'),
    ...matrix.documents.map((d) => h('th', { props: { scope: 'col', className: 'doc', title: d.title } }, h('span', null, d.title))),
    h('th', { props: { scope: 'col', className: 'total' } }, 'All documents'),
  );
  const rows = matrix.themes.map((theme, t) => {
    const show = (count: number, coverage: number) => (measure === 'count' ? String(count) : percent(coverage));
    const cells = matrix.cells[t]!.map((c, d) =>
      cell(
        t,
        d,
        show(c.count, c.coverage),
        `${theme.label} in ${matrix.documents[d]!.title}: ${plural(c.count, 'highlight')}, ${percent(c.coverage)} of its text`,
        { themes: [theme.id], documents: [matrix.documents[d]!.id] },
        [theme.colour, measure === 'count' ? c.count : c.coverage],
      ),
    );
    const total = matrix.themeTotals[t]!;
    return h(
      'tr',
      null,
      themeHeader(theme),
      ...cells,
      cell(
        t,
        last,
        show(total.count, total.coverage),
        `${theme.label} in all documents: ${plural(total.count, 'highlight')}, ${percent(total.coverage)} of the text`,
        { themes: [theme.id] },
      ),
    );
  });
  const totals = h(
    'tr',
    'totals',
    h('th', { props: { scope: 'row' } }, 'Highlights'),
    ...matrix.documentTotals.map((n, d) =>
      cell(matrix.themes.length, d, String(n), `${matrix.documents[d]!.title}: ${plural(n, 'highlight')} in all`, {
        documents: [matrix.documents[d]!.id],
      }),
    ),
    cell(matrix.themes.length, last, String(matrix.total), `All documents: ${plural(matrix.total, 'highlight')}`, {}),
  );
  const table = h(
    'table',
    {
      props: { className: 'corpus-table matrix-table', id: 'matrix-table' },
      attrs: { role: 'grid', 'aria-labelledby': 'matrix-dialog-title' },
    },
    h('thead', null, head),
    h('tbody', null, ...rows, totals),
  );
  gridKeys(table, (target) => {
    const filter = filters.get(`${target.dataset.row},${target.dataset.col}`);
    if (filter) openPassages(filter);
  });
  return table;
}

/** Opens the matrix of the whole library. */
export async function showMatrixDialog(context: MatrixContext): Promise<void> {
  const returnTo = focusedElement();
  let matrix: ThemeDocumentMatrix;
  try {
    matrix = await context.host.corpusMatrix({});
  } catch (error) {
    context.onError(`The matrix could not be made: ${errorMessage(error)}`);
    return;
  }
  const place = h('div', { props: { className: 'corpus-table-wrap', id: 'matrix-place' } });
  // A live region inside the dialog: the window's own is inert while a modal dialog is open.
  const status = h('p', { props: { className: 'corpus-status visually-hidden' }, attrs: { role: 'status', 'aria-live': 'polite' } });
  const switcher = fieldset(
    'Cells show',
    [
      choice('radio', 'matrix-measure', 'count', 'Highlights', true),
      choice('radio', 'matrix-measure', 'coverage', 'Coverage (% of the text)'),
    ],
    'corpus-switch',
  );
  const { dialog } = build({
    id: 'matrix-dialog',
    className: 'corpus-dialog matrix-dialog',
    title: 'Themes by document',
    description: `${plural(matrix.themes.length, 'theme')} in ${plural(matrix.documents.length, 'document')}. A cell opens its passages; the arrow keys move between cells.`,
    body: [switcher, status, place],
    actions: [closer()],
  });
  const openPassages = (filter: PassageFilter): void => {
    dialog.close();
    context.openPassages(filter);
  };
  const draw = (measure: Measure): void => place.replaceChildren(matrixTable(matrix, measure, openPassages));
  switcher.addEventListener('change', (event) => {
    const measure = (event.target as HTMLInputElement).value as Measure;
    draw(measure);
    status.textContent = measure === 'count' ? 'The cells show highlights.' : 'The cells show coverage (% of the text).';
  });
  draw('count');
  document.body.append(dialog);
  open(dialog, { removeOnClose: true, returnTo, focus: place.querySelector<HTMLElement>('[data-row="0"][data-col="0"]') });
}
