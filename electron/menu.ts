// The application menu as a template: the platform's standard menus (File with Open and Open Recent,
// Edit, View with zoom, Window, Help with Check for Updates and About; on macOS the updates sit in
// the app menu, where Mac apps keep them) plus Gloss's Annotate menu, whose items send MenuCommands
// to the page. Only types come from 'electron'; main.ts builds it.
//
// Keys and the page. Gloss's own items carry `registerAccelerator: false`, so on Windows and Linux
// the keys (Ctrl+Z, Ctrl+Shift+Z, 1, 2, 3) reach the page, which handles them itself and lets a
// focused note keep its native text undo; the menu only shows them. macOS ignores
// `registerAccelerator` (an NSMenuItem cannot show a key without claiming it), and there a key the
// page leaves unhandled is passed on to the menu. Hence:
//  - on macOS the theme items carry no accelerator: a bare "1" would be claimed from every text
//    field, so typing "1" in a note would apply Trade;
//  - Undo/Redo Annotation Change tell a click from a key: a click sends the annotation command, a
//    key can only have reached the menu because the page did not take it (the page takes Cmd+Z
//    everywhere except in text fields), so it gets the text field's native undo/redo instead.
import { basename } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../annotations/contract';
import { DEFAULT_CODEBOOK, type Theme } from '../annotations/codebook';
import type { UpdateMenuState } from './update-controller';

/** The update items' state and actions (see update-controller.ts). */
export interface UpdateMenuOptions {
  state: UpdateMenuState;
  check(): void;
  setAutomaticChecks(on: boolean): void;
}

/** What the template depends on. */
export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Packaged builds get no reload and no developer tools. */
  isPackaged: boolean;
  /** Delivers a command to the focused window's page. */
  send(command: MenuCommand): void;
  /** Runs the focused page's native undo or redo (what Edit > Undo does in any Electron app). */
  nativeEdit(action: 'undo' | 'redo'): void;
  /** The themes listed under Annotate, in codebook order; the default codebook unless given. */
  themes?: readonly Pick<Theme, 'label' | 'shortcut'>[];
  /** File > Open...: shows the Open dialog. */
  openDocument(): void;
  /** File > Open Folder...: shows the folder dialog. */
  openFolder?(): void;
  /** Windows and Linux: File > Open Recent's files, newest first (macOS keeps its own list). */
  recentDocuments?: readonly string[];
  /** Opens one file from Open Recent. */
  openRecentDocument(path: string): void;
  /** Empties Open Recent. */
  clearRecentDocuments(): void;
  /** Windows and Linux: Help > About Gloss (macOS has the app menu's About item). */
  showAbout(): void;
  /** Check for Updates and its automatic checkbox; without it the menu has no update items. */
  updates?: UpdateMenuOptions;
}

/** The ids of the update items, for Menu.getMenuItemById. */
export const CHECK_FOR_UPDATES_ID = 'check-for-updates';
export const AUTOMATIC_UPDATES_ID = 'automatic-update-checks';

function updateItems(updates: UpdateMenuOptions | undefined): MenuItemConstructorOptions[] {
  if (!updates) return [];
  const { state } = updates;
  return [
    { id: CHECK_FOR_UPDATES_ID, label: state.label, enabled: state.enabled, click: () => updates.check() },
    ...(state.automaticChecks === null
      ? []
      : [
          {
            id: AUTOMATIC_UPDATES_ID,
            label: 'Check for Updates Automatically',
            type: 'checkbox',
            checked: state.automaticChecks,
            click: (item) => updates.setAutomaticChecks(item.checked),
          } satisfies MenuItemConstructorOptions,
        ]),
  ];
}

/** The label of File > Open Recent. */
export const OPEN_RECENT_LABEL = 'Open Recent';

/**
 * Zoom keys beyond the roles' own: Ctrl+= so zooming in needs no Shift on layouts where + is a
 * shifted key, and the numeric keypad. Hidden items, because a menu item shows only one key.
 */
const EXTRA_ZOOM_KEYS: MenuItemConstructorOptions[] = [
  { role: 'zoomIn', accelerator: 'CmdOrCtrl+=', visible: false, acceleratorWorksWhenHidden: true },
  { role: 'zoomIn', accelerator: 'CmdOrCtrl+numadd', visible: false, acceleratorWorksWhenHidden: true },
  { role: 'zoomOut', accelerator: 'CmdOrCtrl+numsub', visible: false, acceleratorWorksWhenHidden: true },
  { role: 'resetZoom', accelerator: 'CmdOrCtrl+num0', visible: false, acceleratorWorksWhenHidden: true },
];

/** The label of Gloss's own menu. */
export const ANNOTATE_MENU_LABEL = 'Annotate';

/** The application menu's template. */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const send = (command: MenuCommand) => () => options.send(command);
  const history =
    (action: 'undo' | 'redo'): NonNullable<MenuItemConstructorOptions['click']> =>
    (_item, _window, event) => {
      if (event.triggeredByAccelerator) options.nativeEdit(action);
      else options.send({ kind: action });
    };
  const themes = options.themes ?? DEFAULT_CODEBOOK;

  const annotate: MenuItemConstructorOptions = {
    label: ANNOTATE_MENU_LABEL,
    submenu: [
      { label: 'Undo Annotation Change', accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: history('undo') },
      { label: 'Redo Annotation Change', accelerator: 'CmdOrCtrl+Shift+Z', registerAccelerator: false, click: history('redo') },
      { type: 'separator' },
      ...themes.map((theme, index): MenuItemConstructorOptions => ({
        label: theme.label,
        ...(mac || !/^[0-9]$/.test(theme.shortcut) ? {} : { accelerator: theme.shortcut }),
        registerAccelerator: false,
        click: send({ kind: 'apply-theme', index }),
      })),
      { type: 'separator' },
      { label: 'Go to Article', click: send({ kind: 'focus-article' }) },
      { label: 'Go to Annotations', click: send({ kind: 'focus-sidebar' }) },
    ],
  };

  const developer: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];

  const recent = options.recentDocuments ?? [];
  const openRecent: MenuItemConstructorOptions = mac
    ? // macOS fills this from app.addRecentDocument and clears it itself.
      { label: OPEN_RECENT_LABEL, role: 'recentDocuments', submenu: [{ role: 'clearRecentDocuments' }] }
    : {
        label: OPEN_RECENT_LABEL,
        submenu: [
          ...recent.map((path): MenuItemConstructorOptions => ({
            label: basename(path),
            toolTip: path,
            click: () => options.openRecentDocument(path),
          })),
          ...(recent.length > 0 ? [{ type: 'separator' } as MenuItemConstructorOptions] : []),
          { label: 'Clear Menu', enabled: recent.length > 0, click: () => options.clearRecentDocuments() },
        ],
      };
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open\u2026', accelerator: 'CmdOrCtrl+O', click: () => options.openDocument() },
      ...(options.openFolder ? [{ label: 'Open Folder\u2026', click: () => options.openFolder!() }] : []),
      openRecent,
      { type: 'separator' },
      // The page handles Ctrl/Cmd+E itself too, so the key works while the page has focus either way.
      { label: 'Export\u2026', accelerator: 'CmdOrCtrl+E', registerAccelerator: false, click: () => options.send({ kind: 'export' }) },
      { type: 'separator' },
      { role: 'close' },
      ...(mac ? [] : [{ type: 'separator' } as MenuItemConstructorOptions, { role: 'quit' } as MenuItemConstructorOptions]),
    ],
  };

  const updates = updateItems(options.updates);
  // macOS: the app menu's standard items, with the update items after About, as Mac apps have them.
  const appMenu: MenuItemConstructorOptions =
    updates.length === 0
      ? { role: 'appMenu' }
      : {
          role: 'appMenu',
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            ...updates,
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      ...updates,
      ...(updates.length > 0 ? [{ type: 'separator' } as MenuItemConstructorOptions] : []),
      { label: 'About Gloss', click: () => options.showAbout() },
    ],
  };

  return [
    ...(mac ? [appMenu] : []),
    file,
    {
      label: 'Edit',
      submenu: [{ role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { type: 'separator' }, { role: 'selectAll' }],
    },
    {
      label: 'View',
      submenu: [
        ...developer,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        ...EXTRA_ZOOM_KEYS,
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    annotate,
    { role: 'windowMenu' },
    ...(mac ? [] : [help]),
  ];
}
