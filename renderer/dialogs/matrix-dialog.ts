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

/** Column widths in pixels: fixed, so the columns out of view can be left out and stood in for by one cell each side. */
const THEME_WIDTH = 192;
const DOCUMENT_WIDTH = 120;
const TOTAL_WIDTH = 136;
/** Columns drawn beyond each edge of the view. */
const OVERSCAN_COLUMNS = 3;

/** Which document columns are drawn: [first, end). */
interface ColumnWindow {
  first: number;
  end: number;
}

/** The filter of the passages behind a cell (row: a theme, or the totals; column: a document, or all). */
function filterOf(matrix: ThemeDocumentMatrix, row: number, col: number): PassageFilter {
  const theme = matrix.themes[row];
  const document = matrix.documents[col];
  return { ...(theme ? { themes: [theme.id] } : {}), ...(document ? { documents: [document.id] } : {}) };
}

/**
 * The table of the matrix, its cells showing `measure`, with the document columns of `columns` drawn and
 * the others stood in for by an empty cell each side as wide as they are (hundreds of documents cost what a
 * screenful does). The theme column stays in view as the table scrolls sideways; the totals come last.
 */
function matrixTable(matrix: ThemeDocumentMatrix, measure: Measure, columns: ColumnWindow): HTMLTableElement {
  const max = measure === 'count' ? matrix.maxCount : matrix.maxCoverage;
  const last = matrix.documents.length;
  const shown = matrix.documents.slice(columns.first, columns.end);
  const show = (count: number, coverage: number) => (measure === 'count' ? String(count) : percent(coverage));
  const cell = (row: number, col: number, text: string, label: string, shade?: [string, number]) => {
    const target = h(
      'td',
      {
        props: { className: 'corpus-cell', tabIndex: -1 },
        attrs: { role: 'gridcell', 'aria-label': label },
        data: { row: String(row), col: String(col) },
      },
      text,
    );
    if (shade) shadeCell(target, shade[0], shade[1], max);
    return target;
  };
  const pad = (count: number, header = false): HTMLTableCellElement | null => {
    if (count <= 0) return null;
    const filler = h(header ? 'th' : 'td', { props: { className: 'pad' }, attrs: { 'aria-hidden': 'true' } });
    filler.style.width = `${count * DOCUMENT_WIDTH}px`;
    return filler;
  };
  const sized = (element: HTMLTableCellElement, width: number): HTMLTableCellElement => {
    element.style.width = `${width}px`;
    return element;
  };
  const before = columns.first;
  const after = last - columns.end;
  const head = h(
    'tr',
    null,
    sized(h('th', { props: { scope: 'col', className: 'corner' } }, 'Theme'), THEME_WIDTH),
    pad(before, true),
    ...shown.map((d) =>
      sized(h('th', { props: { scope: 'col', className: 'doc', title: d.title } }, h('span', null, d.title)), DOCUMENT_WIDTH),
    ),
    pad(after, true),
    sized(h('th', { props: { scope: 'col', className: 'total' } }, 'All documents'), TOTAL_WIDTH),
  );
  const rows = matrix.themes.map((theme, t) => {
    const total = matrix.themeTotals[t]!;
    return h(
      'tr',
      null,
      themeHeader(theme),
      pad(before),
      ...shown.map((d, i) => {
        const c = matrix.cells[t]![columns.first + i]!;
        const label = `${theme.label} in ${d.title}: ${plural(c.count, 'highlight')}, ${percent(c.coverage)} of its text`;
        return cell(t, columns.first + i, show(c.count, c.coverage), label, [theme.colour, measure === 'count' ? c.count : c.coverage]);
      }),
      pad(after),
      cell(
        t,
        last,
        show(total.count, total.coverage),
        `${theme.label} in all documents: ${plural(total.count, 'highlight')}, ${percent(total.coverage)} of the text`,
      ),
    );
  });
  const totals = h(
    'tr',
    'totals',
    h('th', { props: { scope: 'row' } }, 'Highlights'),
    pad(before),
    ...shown.map((d, i) =>
      cell(
        matrix.themes.length,
        columns.first + i,
        String(matrix.documentTotals[columns.first + i]),
        `${d.title}: ${plural(matrix.documentTotals[columns.first + i]!, 'highlight')} in all`,
      ),
    ),
    pad(after),
    cell(matrix.themes.length, last, String(matrix.total), `All documents: ${plural(matrix.total, 'highlight')}`),
  );
  const table = h(
    'table',
    {
      props: { className: 'corpus-table matrix-table', id: 'matrix-table' },
      attrs: {
        role: 'grid',
        'aria-labelledby': 'matrix-dialog-title',
        'aria-rowcount': matrix.themes.length + 2,
        'aria-colcount': last + 2,
      },
    },
    h('thead', null, head),
    h('tbody', null, ...rows, totals),
  );
  table.style.width = `${THEME_WIDTH + last * DOCUMENT_WIDTH + TOTAL_WIDTH}px`;
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
  const count = matrix.documents.length;
  let measure: Measure = 'count';
  let columns: ColumnWindow = { first: -1, end: -1 };
  /** The cell that is the grid's tab stop, kept across redraws. */
  let current: [number, number] = [0, 0];
  const windowAt = (left: number, width: number): ColumnWindow => ({
    first: Math.max(0, Math.floor(left / DOCUMENT_WIDTH) - OVERSCAN_COLUMNS),
    end: Math.min(count, Math.ceil((left + Math.max(width, 1400)) / DOCUMENT_WIDTH) + OVERSCAN_COLUMNS),
  });
  const draw = (next: ColumnWindow, force = false): void => {
    if (!force && next.first === columns.first && next.end === columns.end) return;
    columns = next;
    const focused = place.contains(document.activeElement);
    place.replaceChildren(matrixTable(matrix, measure, columns));
    const stop = place.querySelector<HTMLElement>(`[data-row="${current[0]}"][data-col="${current[1]}"]`);
    if (stop) {
      stop.tabIndex = 0;
      if (focused) stop.focus({ preventScroll: true });
    }
  };
  let frame = 0;
  place.addEventListener('scroll', () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      draw(windowAt(place.scrollLeft, place.clientWidth));
    });
  });
  place.addEventListener('focusin', (event) => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-row][data-col]');
    if (cell) current = [Number(cell.dataset.row), Number(cell.dataset.col)];
  });
  gridKeys(place, {
    activate: (cell) => {
      dialog.close();
      context.openPassages(filterOf(matrix, Number(cell.dataset.row), Number(cell.dataset.col)));
    },
    size: () => [matrix.themes.length + 1, count + 1],
    reveal: (_row, col) => {
      if (col === count || (col >= columns.first && col < columns.end)) return;
      // The column's left edge just right of the theme column, which stays in view.
      place.scrollLeft = col * DOCUMENT_WIDTH;
      draw(windowAt(place.scrollLeft, place.clientWidth));
    },
  });
  switcher.addEventListener('change', (event) => {
    measure = (event.target as HTMLInputElement).value as Measure;
    draw(columns, true);
    status.textContent = measure === 'count' ? 'The cells show highlights.' : 'The cells show coverage (% of the text).';
  });
  draw(windowAt(0, 0));
  document.body.append(dialog);
  open(dialog, { removeOnClose: true, returnTo, focus: place.querySelector<HTMLElement>('[data-row="0"][data-col="0"]') });
  place.querySelector<HTMLElement>('[data-row="0"][data-col="0"]')!.tabIndex = 0;
}
