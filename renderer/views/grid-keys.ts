// Keyboard movement in a table of cells after the WAI-ARIA APG grid pattern: the grid is one tab stop (the
// cell last moved to), the arrow keys move between cells, Home and End to the row's ends, Ctrl+Home and
// Ctrl+End to the first and last cell. The matrix and the co-occurrence table both use it.

/** What a grid does besides moving. */
export interface GridOptions {
  /** A cell was clicked or given Enter or Space. */
  activate(cell: HTMLElement): void;
  /** The grid's size in cells, when not every cell is drawn (the matrix draws the columns in view); else counted. */
  size?(): [rows: number, cols: number];
  /** Draws the cell at (row, col) if it is not drawn yet (scrolls it into view), before focus moves there. */
  reveal?(row: number, col: number): void;
}

/**
 * Makes the cells of `grid` (elements with data-row and data-col, numbered from 0) reachable by the keys, and
 * activates a cell clicked or given Enter or Space (one listener for the grid, however many cells). Cells are
 * found as they are when a key is pressed, so what is inside `grid` may be redrawn.
 */
export function gridKeys(grid: HTMLElement, options: GridOptions): void {
  const cells = (): HTMLElement[] => [...grid.querySelectorAll<HTMLElement>('[data-row][data-col]')];
  const place = (cell: HTMLElement): [number, number] => [Number(cell.dataset.row), Number(cell.dataset.col)];
  const at = (row: number, col: number): HTMLElement | null => grid.querySelector<HTMLElement>(`[data-row="${row}"][data-col="${col}"]`);
  const size = (): [number, number] => {
    if (options.size) return options.size();
    const list = cells().map(place);
    return [Math.max(...list.map((p) => p[0])) + 1, Math.max(...list.map((p) => p[1])) + 1];
  };
  const focus = (row: number, col: number): void => {
    options.reveal?.(row, col);
    const cell = at(row, col);
    if (!cell) return;
    for (const other of cells()) other.tabIndex = -1;
    cell.tabIndex = 0;
    cell.focus();
  };
  cells().forEach((cell, i) => (cell.tabIndex = i === 0 ? 0 : -1));
  grid.addEventListener('click', (event) => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-row][data-col]');
    if (cell) options.activate(cell);
  });
  grid.addEventListener('keydown', (event) => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-row][data-col]');
    if (!cell) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      options.activate(cell);
      return;
    }
    const [row, col] = place(cell);
    const [rows, cols] = size();
    const ctrl = event.ctrlKey || event.metaKey;
    const target: Record<string, [number, number]> = {
      ArrowRight: [row, Math.min(cols - 1, col + 1)],
      ArrowLeft: [row, Math.max(0, col - 1)],
      ArrowDown: [Math.min(rows - 1, row + 1), col],
      ArrowUp: [Math.max(0, row - 1), col],
      Home: ctrl ? [0, 0] : [row, 0],
      End: ctrl ? [rows - 1, cols - 1] : [row, cols - 1],
    };
    const next = target[event.key];
    if (!next) return;
    event.preventDefault();
    focus(next[0], next[1]);
  });
}
