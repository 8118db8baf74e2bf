// The codebook: the themes a reader codes passages with, and the defaults of a new data folder.

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
  /** The key that applies the theme to the selection. */
  shortcut: string;
}

/** The ordered list of themes. */
export type Codebook = Theme[];

/** Trade, Security and Diplomacy: the codebook of a new data folder. */
export const DEFAULT_CODEBOOK: Codebook = [
  {
    id: 'trade',
    label: 'Trade',
    colour: '#f4b400',
    cue: 'solid',
    description: 'Tariffs, exports, markets and economic ties.',
    shortcut: '1',
  },
  {
    id: 'security',
    label: 'Security',
    colour: '#e8554e',
    cue: 'dashed',
    description: 'Defence, espionage, detentions and strategic risk.',
    shortcut: '2',
  },
  {
    id: 'diplomacy',
    label: 'Diplomacy',
    colour: '#4a90e2',
    cue: 'dotted',
    description: 'Visits, dialogue, trust-building and official relations.',
    shortcut: '3',
  },
];

/** Looks a theme up by id. */
export function themeById(codebook: readonly Theme[], id: string): Theme | undefined {
  return codebook.find((theme) => theme.id === id);
}
