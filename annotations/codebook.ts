// The codebook: the themes a reader codes passages with, and the defaults of a new data folder.
import { slugOf } from './slug';

/** How a theme is marked besides its colour, so that colour is never the only cue. */
export type ThemeCue = 'solid' | 'dashed' | 'dotted' | 'double' | 'wavy';

/** One theme of the codebook. */
export interface Theme {
  /** Stable id, lower-case letters, digits and dashes (stored on annotations). */
  id: string;
  label: string;
  /** Highlight colour as #rrggbb. */
  colour: string;
  /** Underline style drawn under every passage of the theme. */
  cue: ThemeCue;
  description: string;
  /** The key that applies the theme to the selection: its position (1–9) in the codebook, '' after the ninth. */
  shortcut: string;
  /** The id of the theme this one is a sub-theme of (one level deep: a parent has no parent). */
  parent?: string;
}

/** The ordered list of themes. */
export type Codebook = Theme[];

/**
 * Highlight colours offered by the codebook editor. Every one keeps the article text at least
 * 4.5:1 on its highlight and draws an underline of at least 3:1 against the page, in the light and
 * the dark appearance (tests/unit/domain/codebook.test.ts). Purple and Magenta were lightened to pass in dark.
 */
export const PALETTE: ReadonlyArray<{ name: string; colour: string }> = [
  { name: 'Amber', colour: '#b35c00' },
  { name: 'Brick red', colour: '#c0392b' },
  { name: 'Blue', colour: '#1f6fb2' },
  { name: 'Green', colour: '#2e7d32' },
  { name: 'Purple', colour: '#8e4ec6' },
  { name: 'Teal', colour: '#00838f' },
  { name: 'Magenta', colour: '#c4306e' },
  { name: 'Olive', colour: '#827717' },
  { name: 'Slate', colour: '#5d6d7e' },
  { name: 'Sienna', colour: '#a0522d' },
];

/** The palette colour of that name; throws for a name the palette lacks (a typo in the defaults). */
export function paletteColour(name: string): string {
  const entry = PALETTE.find((p) => p.name === name);
  if (!entry) throw new Error(`No palette colour named ${name}`);
  return entry.colour;
}

/** The palette's name for a colour (any case), or undefined for a colour outside it. */
export function paletteName(colour: string): string | undefined {
  return PALETTE.find((p) => p.colour === colour.toLowerCase())?.name;
}

/**
 * Trade, Security and Diplomacy: the codebook of a new data folder, in palette colours that pass the
 * contrast checks in light and dark. A data folder keeps the codebook it was made with: changing these
 * changes new folders only, never a reader's stored colours.
 */
export const DEFAULT_CODEBOOK: Codebook = [
  {
    id: 'trade',
    label: 'Trade',
    colour: paletteColour('Amber'),
    cue: 'solid',
    description: 'Tariffs, exports, markets and economic ties.',
    shortcut: '1',
  },
  {
    id: 'security',
    label: 'Security',
    colour: paletteColour('Brick red'),
    cue: 'dashed',
    description: 'Defence, espionage, detentions and strategic risk.',
    shortcut: '2',
  },
  {
    id: 'diplomacy',
    label: 'Diplomacy',
    colour: paletteColour('Blue'),
    cue: 'dotted',
    description: 'Visits, dialogue, trust-building and official relations.',
    shortcut: '3',
  },
];

/** Looks a theme up by id. */
export function themeById(codebook: readonly Theme[], id: string): Theme | undefined {
  return codebook.find((theme) => theme.id === id);
}

/** The most themes a codebook holds. */
export const MAX_THEMES = 100;

/** The cues given to new themes in turn. */
export const CUES: readonly ThemeCue[] = ['solid', 'dashed', 'dotted', 'double', 'wavy'];

/** The shortcut of the theme at `index`: keys 1–9 follow the codebook's order, later themes have none. */
export function shortcutFor(index: number): string {
  return index < 9 ? String(index + 1) : '';
}

/** A theme id from a label: lower-case letters, digits and dashes, unique among `taken`. */
export function themeIdFor(label: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const slug = slugOf(label, { maxLength: 32 }) || 'theme';
  if (!used.has(slug)) return slug;
  for (let n = 2; ; n += 1) {
    const candidate = `${slug}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** A theme and its sub-themes: what a filter or report by that theme covers. Empty for an unknown id. */
export function themeAndChildren(codebook: readonly Theme[], id: string): Set<string> {
  const ids = new Set<string>();
  if (!codebook.some((theme) => theme.id === id)) return ids;
  ids.add(id);
  for (const theme of codebook) if (theme.parent === id) ids.add(theme.id);
  return ids;
}

/**
 * True when a highlight carrying `themes` belongs to the theme `id`: it has that theme or one of its
 * sub-themes. The one rule that counts, filters and lists by theme all follow, so they agree.
 */
export function belongsToTheme(codebook: readonly Theme[], themes: readonly string[], id: string): boolean {
  const covered = themeAndChildren(codebook, id);
  return themes.some((t) => covered.has(t));
}

/**
 * How many highlights belong to each theme of the codebook (see `belongsToTheme`): a highlight with a
 * sub-theme counts toward its parent too, and once however many of the family's themes it carries.
 */
export function countByTheme(codebook: readonly Theme[], highlights: Iterable<{ themes: readonly string[] }>): Map<string, number> {
  return countByThemeSets(
    codebook,
    (function* () {
      for (const { themes } of highlights) yield { themes, count: 1 };
    })(),
  );
}

/** The same counts from sets of themes and how many highlights carry each (the reader keeps such a tally). */
export function countByThemeSets(
  codebook: readonly Theme[],
  sets: Iterable<{ themes: readonly string[]; count: number }>,
): Map<string, number> {
  const counts = new Map(codebook.map((t) => [t.id, 0]));
  const families = codebook.map((t) => [t.id, themeAndChildren(codebook, t.id)] as const);
  for (const { themes, count } of sets) {
    for (const [id, covered] of families) if (themes.some((t) => covered.has(t))) counts.set(id, counts.get(id)! + count);
  }
  return counts;
}

/** Every theme id a filter by `ids` covers, sub-themes included. */
export function expandThemes(codebook: readonly Theme[], ids: readonly string[]): string[] {
  const all = new Set<string>();
  for (const id of ids) for (const covered of themeAndChildren(codebook, id)) all.add(covered);
  return [...all];
}
