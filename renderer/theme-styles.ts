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

/** The rules for every theme: fill and underline for the first theme, border and stripes for a second. */
export function themeCss(codebook: Codebook): string {
  const rules: string[] = [];
  for (const theme of codebook) {
    const id = safeId(theme);
    if (!id) continue;
    const colour = rgba(theme.colour, 1);
    rules.push(
      `.${themeClass('primary', id)} { background-color: ${rgba(theme.colour, HIGHLIGHT_ALPHA)}; text-decoration: underline ${theme.cue} ${colour}; text-decoration-thickness: 2px; text-underline-offset: 3px; }`,
      `.${themeClass('secondary', id)} { border-bottom: 2px ${theme.cue === 'wavy' ? 'solid' : theme.cue} ${colour}; }`,
      `.hl-multi.${themeClass('secondary', id)} { background-image: repeating-linear-gradient(135deg, transparent 0 6px, ${rgba(theme.colour, 0.35)} 6px 10px); }`,
      `.chip-${id} { background-color: ${rgba(theme.colour, 0.22)}; border-bottom: 2px ${theme.cue === 'wavy' ? 'solid' : theme.cue} ${colour}; }`,
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
