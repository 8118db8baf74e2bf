// Shading a table cell by its value in a theme's colour, for the matrix and the co-occurrence table: the more,
// the deeper, never so deep that the text on it loses contrast (at most half the colour over the page).
import { rgba } from '../theme-styles';

/** The strongest tint a cell gets: the page shows through at least half, so its text keeps 4.5:1 light and dark. */
export const MAX_SHADE = 0.5;

/** Tints `cell` by `value` of `max` in `colour` (no tint for nothing); through the CSSOM, which the page's CSP allows. */
export function shadeCell(cell: HTMLElement, colour: string, value: number, max: number): void {
  cell.style.backgroundColor = value > 0 && max > 0 ? rgba(colour, 0.08 + (MAX_SHADE - 0.08) * (value / max)) : '';
}
