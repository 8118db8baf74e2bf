// Keyboard movement in a table of cells after the WAI-ARIA APG grid pattern: the grid is one tab stop (the
// cell last moved to), the arrow keys move between cells, Home and End to the row's ends, Ctrl+Home and
// Ctrl+End to the first and last cell. The matrix and the co-occurrence table both use it.

/**
 * Makes the cells of `grid` (elements with data-row and data-col, numbered from 0) reachable by the keys, and
 * runs `activate` on a cell clicked or given Enter or Space (one listener for the grid, however many cells).
 * Cells are found as they are when a key is pressed, so the grid may be redrawn.
 */
export function gridKeys(grid: HTMLElement, activate: (cell: HTMLElement) => void): void {
  const cells = (): HTMLElement[] => [...grid.querySelectorAll<HTMLElement>('[data-row][data-col]')];
  const place = (cell: HTMLElement): [number, number] => [Number(cell.dataset.row), Number(cell.dataset.col)];
  const at = (row: number, col: number): HTMLElement | null => grid.querySelector<HTMLElement>(`[data-row="${row}"][data-col="${col}"]`);
  const focus = (cell: HTMLElement | null): void => {
    if (!cell) return;
    for (const other of cells()) other.tabIndex = -1;
    cell.tabIndex = 0;
    cell.focus();
  };
  const all = cells();
  all.forEach((cell, i) => (cell.tabIndex = i === 0 ? 0 : -1));
  grid.addEventListener('click', (event) => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-row][data-col]');
    if (cell) activate(cell);
  });
  grid.addEventListener('keydown', (event) => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-row][data-col]');
    if (!cell) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      activate(cell);
      return;
    }
    const [row, col] = place(cell);
    const list = cells();
    const rows = Math.max(...list.map((c) => place(c)[0]));
    const cols = Math.max(...list.map((c) => place(c)[1]));
    const ctrl = event.ctrlKey || event.metaKey;
    const target: Record<string, [number, number]> = {
      ArrowRight: [row, Math.min(cols, col + 1)],
      ArrowLeft: [row, Math.max(0, col - 1)],
      ArrowDown: [Math.min(rows, row + 1), col],
      ArrowUp: [Math.max(0, row - 1), col],
      Home: ctrl ? [0, 0] : [row, 0],
      End: ctrl ? [rows, cols] : [row, cols],
    };
    const next = target[event.key];
    if (!next) return;
    event.preventDefault();
    focus(at(next[0], next[1]));
  });
}
