// Colour contrast after WCAG 2.2: relative luminance, contrast ratio, and the checks a theme colour must pass.

/** The article's text colour and page colour in the light appearance (renderer/styles.css). */
export const TEXT_COLOUR = '#1d1c1a';
export const PAGE_COLOUR = '#fbfaf7';
/** The same in the dark appearance (renderer/styles.css, `--text` and `--bg` under `theme-dark`). */
export const DARK_TEXT_COLOUR = '#ecebe8';
export const DARK_PAGE_COLOUR = '#1b1c1e';

/** The appearances a highlight is drawn in; a theme colour must pass the checks in each. */
export type ColourScheme = 'light' | 'dark';

/** Text and page colour of each appearance. */
export const SCHEMES: Readonly<Record<ColourScheme, { text: string; page: string }>> = {
  light: { text: TEXT_COLOUR, page: PAGE_COLOUR },
  dark: { text: DARK_TEXT_COLOUR, page: DARK_PAGE_COLOUR },
};
/** How strongly a highlight's fill is laid over the page (renderer/theme-styles.ts). */
export const HIGHLIGHT_ALPHA = 0.3;
/** WCAG 1.4.3 (AA): normal text needs 4.5:1 against its background. */
export const MIN_TEXT_CONTRAST = 4.5;
/** WCAG 1.4.11 (AA): graphical cues such as the underline need 3:1 against what is next to them. */
export const MIN_CUE_CONTRAST = 3;

function channels(colour: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!match) throw new Error(`Not a colour as #rrggbb: ${colour}`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

/** WCAG relative luminance of an sRGB colour as #rrggbb (0 for black, 1 for white). */
export function relativeLuminance(colour: string): number {
  const [r, g, b] = channels(colour).map((c) => {
    const s = c / 255;
    // The sRGB transfer curve: linear below the knee at 0.04045, a 2.4 power above it.
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two colours, from 1 (none) to 21 (black on white); symmetric. */
export function contrastRatio(fg: string, bg: string): number {
  const a = relativeLuminance(fg);
  const b = relativeLuminance(bg);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** `colour` laid over `under` with opacity `alpha`, as #rrggbb. */
export function blend(colour: string, alpha: number, under: string): string {
  const top = channels(colour);
  const bottom = channels(under);
  return `#${top
    .map((c, i) =>
      Math.round(c * alpha + bottom[i]! * (1 - alpha))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** How a theme colour fares: the article text on its highlight fill, and its underline against the page. */
export interface ColourCheck {
  textContrast: number;
  cueContrast: number;
  textOk: boolean;
  cueOk: boolean;
}

/** Checks a highlight colour against the article's text and page colours of one appearance (light unless told). */
export function checkThemeColour(colour: string, scheme: ColourScheme = 'light'): ColourCheck {
  const { text, page } = SCHEMES[scheme];
  const textContrast = contrastRatio(text, blend(colour, HIGHLIGHT_ALPHA, page));
  const cueContrast = contrastRatio(colour, page);
  return { textContrast, cueContrast, textOk: textContrast >= MIN_TEXT_CONTRAST, cueOk: cueContrast >= MIN_CUE_CONTRAST };
}

/** True when a highlight colour passes both checks in the light and the dark appearance. */
export function passesEverywhere(colour: string): boolean {
  return (Object.keys(SCHEMES) as ColourScheme[]).every((scheme) => {
    const check = checkThemeColour(colour, scheme);
    return check.textOk && check.cueOk;
  });
}

/**
 * The contrast of the article text on highlight fills laid one over another (a highlight inside
 * another paints its fill on the outer one's), outermost first, in one appearance.
 */
export function textContrastOnFills(colours: readonly string[], scheme: ColourScheme): number {
  const { text, page } = SCHEMES[scheme];
  const under = colours.reduce((below, colour) => blend(colour, HIGHLIGHT_ALPHA, below), page);
  return contrastRatio(text, under);
}
