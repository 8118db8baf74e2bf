// Per-theme CSS built from the codebook at run time, through a constructed stylesheet (allowed by the CSP, unlike inline styles).
import type { Codebook, Theme } from '../annotations/codebook';
import { HIGHLIGHT_ALPHA } from '../annotations/contrast';
import { themeClass } from './editor/highlight-plugin';

/** #rrggbb to rgba() with the given opacity; anything else falls back to grey. */
export function rgba(colour: string, alpha: number): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!match) return `rgba(128, 128, 128, ${alpha})`;
  const [r, g, b] = match.slice(1).map((hex) => parseInt(hex, 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

function safeId(theme: Theme): string | null {
  return /^[a-z0-9-]+$/.test(theme.id) ? theme.id : null;
}

/** The border style that draws a cue on a box edge (CSS borders have no wavy line). */
function borderCue(theme: Theme): string {
  return theme.cue === 'wavy' ? 'solid' : theme.cue;
}

/**
 * The rules for every theme. A highlight's first theme gives its fill (`--hl-fill`, laid on by
 * styles.css) and its underline in the theme's cue; a second theme gives the lower band of the fill
 * (`--hl-fill-2`) and a second line under the first, so both themes show. Coding stripes
 * (views/stripes.ts) draw each theme as a bar in its colour and cue; chips and swatches serve the
 * sidebar and the toolbar.
 */
export function themeCss(codebook: Codebook): string {
  const rules: string[] = [];
  for (const theme of codebook) {
    const id = safeId(theme);
    if (!id) continue;
    const colour = rgba(theme.colour, 1);
    const fill = rgba(theme.colour, HIGHLIGHT_ALPHA);
    rules.push(
      `.${themeClass('primary', id)} { --hl-fill: ${fill}; text-decoration-line: underline; text-decoration-style: ${theme.cue}; text-decoration-color: ${colour}; }`,
      `.${themeClass('secondary', id)} { --hl-fill-2: ${fill}; border-bottom: 2px ${borderCue(theme)} ${colour}; }`,
      `.stripe-${id} { border-left: 3px ${borderCue(theme)} ${colour}; }`,
      `.chip-${id} { background-color: ${rgba(theme.colour, 0.22)}; border-bottom: 2px ${borderCue(theme)} ${colour}; }`,
      `.swatch-${id} { background-color: ${colour}; }`,
    );
  }
  return rules.join('\n');
}

/** The page's theme rules: one constructed stylesheet, replaced whenever the codebook changes. */
export class ThemeStyles {
  private readonly sheet = new CSSStyleSheet();

  /** Installs (or replaces) the theme rules for the codebook. */
  apply(codebook: Codebook): void {
    this.sheet.replaceSync(themeCss(codebook));
    if (!document.adoptedStyleSheets.includes(this.sheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
  }
}
