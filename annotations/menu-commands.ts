// The one list of the commands in the page's File and Tools menus. The toolbar's menus
// (renderer/views/toolbar.ts), the page's handling of a desktop menu command (renderer/app.ts), the
// keymap's keys for them (renderer/keymap/bindings.ts) and the desktop app's native menus
// (electron/menu.ts) are all built from it, so a command added here appears in every one of them.
// It lives in the domain folder because both the renderer and the shell may import it.

/** The page's menus, named as the toolbar shows them. */
export type CommandMenu = 'File' | 'Tools';

/** One command of the page's menus. */
export interface PageCommand<Id extends string = PageCommandId> {
  /** Stable id: what a desktop menu command carries; for a command with keys, the keymap's command name too. */
  readonly id: Id;
  readonly label: string;
  readonly menu: CommandMenu;
  /** The id of its item in the page, which tests and code find it by. */
  readonly elementId: string;
  /** Its tooltip when it has no keys (a command with keys takes its title from the keymap's description). */
  readonly title?: string;
  /** Its keys in prosemirror-keymap's notation ("Mod-e", "Alt-Shift-p"); the native menu shows the first. */
  readonly keys?: readonly string[];
}

const TABLE = [
  {
    id: 'open',
    label: 'Open…',
    menu: 'File',
    elementId: 'open-button',
    title: 'Open documents (.txt, .md, .html, .docx), several at once (a folder: Library…)',
  },
  {
    id: 'library',
    label: 'Library…',
    menu: 'File',
    elementId: 'library-button',
    title: 'Every document with its highlights per theme; update or remove one',
  },
  {
    id: 'import-annotations',
    label: 'Import annotations…',
    menu: 'File',
    elementId: 'import-annotations-button',
    title: 'Import W3C Web Annotation JSON-LD or a REFI-QDA project (.qdpx)',
  },
  { id: 'export', label: 'Export…', menu: 'File', elementId: 'export-button', keys: ['Mod-e'] },
  {
    id: 'backups',
    label: 'Backups…',
    menu: 'File',
    elementId: 'backups-button',
    title: 'Restore an earlier version of your annotations',
  },
  {
    id: 'codebook',
    label: 'Codebook…',
    menu: 'Tools',
    elementId: 'codebook-button',
    title: 'Add, rename, recolour, nest, reorder and delete themes',
  },
  { id: 'find', label: 'Find…', menu: 'Tools', elementId: 'find-button', keys: ['Mod-f'] },
  { id: 'view', label: 'View…', menu: 'Tools', elementId: 'view-button', title: 'Appearance, text size and reading width' },
  { id: 'passages', label: 'Passages…', menu: 'Tools', elementId: 'passages-button', keys: ['Alt-Shift-p'] },
  { id: 'matrix', label: 'Themes by document…', menu: 'Tools', elementId: 'matrix-button', keys: ['Alt-Shift-m'] },
  { id: 'cooccurrence', label: 'Co-occurrence…', menu: 'Tools', elementId: 'cooccurrence-button', keys: ['Alt-Shift-c'] },
  { id: 'suggestions', label: 'Suggestions…', menu: 'Tools', elementId: 'suggest-button', keys: ['Shift-Mod-s'] },
  { id: 'coders', label: 'Coders…', menu: 'Tools', elementId: 'coders-button', keys: ['Alt-Shift-l'] },
  { id: 'agreement', label: 'Agreement…', menu: 'Tools', elementId: 'agreement-button', keys: ['Alt-Shift-a'] },
  { id: 'compare', label: 'Compare coding…', menu: 'Tools', elementId: 'compare-button', keys: ['Alt-Shift-k'] },
  // Commands of shared work go here, before Shortcuts, which stays last.
  {
    id: 'shared-project',
    label: 'Shared project…',
    menu: 'Tools',
    elementId: 'sync-button',
    title: 'Share your coding with your team through a CouchDB database',
  },
  { id: 'shortcuts', label: 'Shortcuts', menu: 'Tools', elementId: 'shortcuts-button', keys: ['?'] },
] as const satisfies readonly PageCommand<string>[];

/** The id of a command of the page's menus. */
export type PageCommandId = (typeof TABLE)[number]['id'];

/** Every command of the page's menus, in menu order. */
export const PAGE_COMMANDS: readonly PageCommand[] = TABLE;

const BY_ID = new Map<string, PageCommand>(PAGE_COMMANDS.map((command) => [command.id, command]));

/** Whether a string is the id of a page command (for checking what crosses from the shell). */
export function isPageCommandId(id: unknown): id is PageCommandId {
  return typeof id === 'string' && BY_ID.has(id);
}

/** The page commands of one menu, in order. */
export function commandsOf(menu: CommandMenu): PageCommand[] {
  return PAGE_COMMANDS.filter((command) => command.menu === menu);
}

/** The keys of a page command; throws for a command that has none (a slip in the keymap's table). */
export function commandKeys(id: PageCommandId): readonly string[] {
  const keys = BY_ID.get(id)?.keys;
  if (!keys) throw new Error(`The page command ${id} has no keys.`);
  return keys;
}
