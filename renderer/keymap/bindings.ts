// The one table of key bindings: the handlers, the Shortcuts sheet and every aria-keyshortcuts derive from it.
import type { Codebook } from '../../annotations/codebook';

/** Where a binding is listened for. */
export type Scope =
  /** The article (a ProseMirror keymap). */
  | 'article'
  /** Anywhere in the window outside text fields and dialogs, unless the binding says otherwise. */
  | 'window'
  /** The find bar's field. */
  | 'find'
  /** The Annotations list. */
  | 'list'
  /** The bar beside a selection (views/selection-popover.ts). */
  | 'popover'
  /** The suggestions panel (suggestion-queue.ts). */
  | 'suggestions';

/** The commands keys can run; `theme:<id>` applies a theme. */
export type CommandName =
  | 'undo'
  | 'redo'
  | 'export'
  | 'find'
  | 'shortcuts'
  | 'passages'
  | 'matrix'
  | 'cooccurrence'
  | 'close-highlight'
  | 'open-at-caret'
  | 'next-highlight'
  | 'previous-highlight'
  | 'text-larger'
  | 'text-smaller'
  | 'text-default'
  | 'find-next'
  | 'find-previous'
  | 'find-close'
  | 'list-previous'
  | 'list-next'
  | 'list-first'
  | 'list-last'
  | 'selection-bar'
  | 'selection-bar-close'
  | 'suggestions'
  | 'suggestion-accept'
  | 'suggestion-reject'
  | 'suggestion-skip'
  | 'suggestion-close'
  | 'coders'
  | 'agreement'
  | 'compare'
  | `theme:${string}`;

/** One binding: keys in prosemirror-keymap's notation ("Mod-z", "Shift-Mod-z", "?", "ArrowDown"). */
export interface Binding {
  command: CommandName | null;
  keys: readonly string[];
  scope: Scope;
  /** The Shortcuts sheet's group. */
  group: 'In the article' | 'Find' | 'Suggestions' | 'Annotations panel' | 'Across documents' | 'Anywhere';
  /** What it does, as the Shortcuts sheet says it. */
  description: string;
  /** Also while typing in a text field (the window scope skips text fields otherwise). */
  inTextFields?: boolean;
  /** Only where the shell does not do it itself (the desktop app zooms through its View menu). */
  browserOnly?: boolean;
  /** Only in the desktop app, whose shell answers the keys (a row of the sheet, not a binding here). */
  desktopOnly?: boolean;
}

/** Every binding but the theme keys, which come from the codebook (see `themeBindings`). */
export const BINDINGS: readonly Binding[] = [
  {
    command: null,
    keys: ['Shift-ArrowLeft', 'Shift-ArrowRight'],
    scope: 'article',
    group: 'In the article',
    description: 'Select a passage',
  },
  {
    command: 'selection-bar',
    keys: ['Tab'],
    scope: 'article',
    group: 'In the article',
    description: 'Move from a selection to the bar beside it (themes, Add note, Copy)',
  },
  {
    command: 'selection-bar-close',
    keys: ['Escape'],
    scope: 'article',
    group: 'In the article',
    description: 'Close the bar beside the selection',
  },
  {
    command: 'selection-bar-close',
    keys: ['Escape'],
    scope: 'popover',
    group: 'In the article',
    description: 'Close the bar beside the selection and return to it',
  },
  { command: 'next-highlight', keys: ['n'], scope: 'article', group: 'In the article', description: 'Move to the next highlight' },
  { command: 'previous-highlight', keys: ['p'], scope: 'article', group: 'In the article', description: 'Move to the previous highlight' },
  { command: 'open-at-caret', keys: ['Enter'], scope: 'article', group: 'In the article', description: 'Open the highlight at the caret' },
  {
    command: 'close-highlight',
    keys: ['Escape'],
    scope: 'window',
    group: 'In the article',
    description: 'Close the open highlight and return to the article',
    inTextFields: true,
  },
  { command: 'find', keys: ['Mod-f'], scope: 'window', group: 'Find', description: 'Find in the article', inTextFields: true },
  { command: 'find-next', keys: ['Enter'], scope: 'find', group: 'Find', description: 'Next match' },
  { command: 'find-next', keys: ['F3'], scope: 'window', group: 'Find', description: 'Next match', inTextFields: true },
  { command: 'find-previous', keys: ['Shift-Enter'], scope: 'find', group: 'Find', description: 'Previous match' },
  { command: 'find-previous', keys: ['Shift-F3'], scope: 'window', group: 'Find', description: 'Previous match', inTextFields: true },
  { command: 'find-close', keys: ['Escape'], scope: 'find', group: 'Find', description: 'Close the find bar, keeping the match selected' },
  {
    command: 'suggestions',
    keys: ['Shift-Mod-s'],
    scope: 'window',
    group: 'Suggestions',
    description: 'Suggest passages like those coded with a theme',
    inTextFields: true,
  },
  {
    command: 'suggestion-accept',
    keys: ['a'],
    scope: 'suggestions',
    group: 'Suggestions',
    description: 'Accept: code the passage with the theme',
  },
  {
    command: 'suggestion-reject',
    keys: ['r'],
    scope: 'suggestions',
    group: 'Suggestions',
    description: 'Reject: never suggest it again for the theme',
  },
  { command: 'suggestion-skip', keys: ['s'], scope: 'suggestions', group: 'Suggestions', description: 'Skip to the next suggestion' },
  { command: 'suggestion-close', keys: ['Escape'], scope: 'suggestions', group: 'Suggestions', description: 'Close the suggestions' },
  { command: 'list-previous', keys: ['ArrowUp'], scope: 'list', group: 'Annotations panel', description: 'Previous entry' },
  { command: 'list-next', keys: ['ArrowDown'], scope: 'list', group: 'Annotations panel', description: 'Next entry' },
  { command: 'list-first', keys: ['Home'], scope: 'list', group: 'Annotations panel', description: 'First entry' },
  { command: 'list-last', keys: ['End'], scope: 'list', group: 'Annotations panel', description: 'Last entry' },
  { command: null, keys: ['Enter'], scope: 'list', group: 'Annotations panel', description: 'Open the entry' },
  {
    command: 'passages',
    keys: ['Alt-Shift-p'],
    scope: 'window',
    group: 'Across documents',
    description: 'Passages: every highlight of the library, filtered by theme, document, words or note',
  },
  { command: 'matrix', keys: ['Alt-Shift-m'], scope: 'window', group: 'Across documents', description: 'Themes by document (the matrix)' },
  { command: 'cooccurrence', keys: ['Alt-Shift-c'], scope: 'window', group: 'Across documents', description: 'Co-occurrence of themes' },
  {
    command: null,
    keys: ['ArrowUp', 'ArrowDown', 'Home', 'End'],
    scope: 'list',
    group: 'Across documents',
    description: 'Move between passages, or between cells of a table',
  },
  {
    command: null,
    keys: ['Enter'],
    scope: 'list',
    group: 'Across documents',
    description: 'Open the passage in its document, or the cell’s passages',
  },
  { command: 'undo', keys: ['Mod-z'], scope: 'window', group: 'Anywhere', description: 'Undo the last annotation change' },
  { command: 'redo', keys: ['Shift-Mod-z', 'Ctrl-y'], scope: 'window', group: 'Anywhere', description: 'Redo' },
  { command: 'export', keys: ['Mod-e'], scope: 'window', group: 'Anywhere', description: 'Export a report', inTextFields: true },
  {
    command: 'text-larger',
    keys: ['Mod-=', 'Mod-+'],
    scope: 'window',
    group: 'Anywhere',
    description: 'Larger text',
    inTextFields: true,
    browserOnly: true,
  },
  {
    command: 'text-smaller',
    keys: ['Mod--'],
    scope: 'window',
    group: 'Anywhere',
    description: 'Smaller text',
    inTextFields: true,
    browserOnly: true,
  },
  {
    command: 'text-default',
    keys: ['Mod-0'],
    scope: 'window',
    group: 'Anywhere',
    description: 'Default text size',
    inTextFields: true,
    browserOnly: true,
  },
  {
    command: null,
    keys: ['Mod-=', 'Mod--', 'Mod-0'],
    scope: 'window',
    group: 'Anywhere',
    description: 'Zoom in, zoom out, actual size',
    desktopOnly: true,
  },
  {
    command: 'coders',
    keys: ['Alt-Shift-l'],
    scope: 'window',
    group: 'Anywhere',
    description: 'Coders and their layers (show, hide, import)',
  },
  { command: 'agreement', keys: ['Alt-Shift-a'], scope: 'window', group: 'Anywhere', description: 'Agreement with another coder' },
  {
    command: 'compare',
    keys: ['Alt-Shift-k'],
    scope: 'window',
    group: 'Anywhere',
    description: 'Compare coding with another coder, side by side',
  },
  { command: 'shortcuts', keys: ['?'], scope: 'window', group: 'Anywhere', description: 'Show this list of shortcuts' },
];

/** The codebook's theme keys: in the article, and anywhere outside text fields (toolbar, sidebar). */
export function themeBindings(codebook: Codebook): Binding[] {
  return codebook
    .filter((theme) => theme.shortcut !== '')
    .map((theme) => ({
      command: `theme:${theme.id}` as const,
      keys: [theme.shortcut],
      scope: 'window' as const,
      group: 'In the article' as const,
      description: `Apply the theme ${theme.label} to the selection (or the open highlight)`,
    }));
}

/** Every binding for this codebook, the theme keys after the passage selection row. */
export function allBindings(codebook: Codebook, desktop: boolean): Binding[] {
  const [select, ...rest] = BINDINGS;
  return [select!, ...themeBindings(codebook), ...rest].filter((b) => (desktop ? !b.browserOnly : !b.desktopOnly));
}

/** Every key of one command, in every scope, as one binding (for aria-keyshortcuts and titles). */
export function bindingOf(command: CommandName): Binding {
  const all = BINDINGS.filter((b) => b.command === command);
  if (all.length === 0) throw new Error(`No binding runs ${command}.`);
  return { ...all[0]!, keys: all.flatMap((b) => b.keys) };
}
