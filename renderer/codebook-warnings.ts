// What the Codebook dialog warns about a theme's colour: too little contrast in the light or dark
// appearance, or the same colour as another theme. Plain strings, no DOM, so tested in Node.
import { checkThemeColour, MIN_CUE_CONTRAST, MIN_TEXT_CONTRAST, SCHEMES, type ColourScheme } from '../annotations/contrast';

/** Says when a colour is hard to read on or to see as an underline, in either appearance; empty when it is fine. */
export function colourWarning(colour: string): string {
  const problems: string[] = [];
  for (const scheme of Object.keys(SCHEMES) as ColourScheme[]) {
    const check = checkThemeColour(colour, scheme);
    const where = scheme === 'light' ? 'on the light page' : 'on the dark page';
    if (!check.textOk) {
      problems.push(`${where}, text on this highlight has a contrast of ${check.textContrast.toFixed(1)}:1, below ${MIN_TEXT_CONTRAST}:1`);
    }
    if (!check.cueOk) {
      problems.push(`${where}, its underline has a contrast of ${check.cueContrast.toFixed(1)}:1, below ${MIN_CUE_CONTRAST}:1`);
    }
  }
  return problems.length === 0 ? '' : `Hard to see: ${problems.join('; ')}. A palette colour passes both.`;
}

/**
 * Says which other themes have the same colour as the theme at `index` (colours compared in any case),
 * so that two themes are not told apart by their underline alone without the reader knowing; empty if none.
 */
export function sameColourWarning(themes: ReadonlyArray<{ name: string; colour: string }>, index: number): string {
  const colour = themes[index]!.colour.toLowerCase();
  const others = themes.filter((t, i) => i !== index && t.colour.toLowerCase() === colour).map((t) => `“${t.name}”`);
  if (others.length === 0) return '';
  const names = others.length === 1 ? others[0]! : `${others.slice(0, -1).join(', ')} and ${others[others.length - 1]!}`;
  return `Same colour as ${names}: pick another so their highlights can be told apart.`;
}
