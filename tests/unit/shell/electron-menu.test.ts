// The application menu: standard roles per platform, no developer tools in packaged builds, File >
// Open and Open Recent, the zoom keys, Help > About, and the Annotate menu whose items send
// commands without taking their keys from the page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../../annotations/contract';
import {
  ANNOTATE_MENU_LABEL,
  AUTOMATIC_UPDATES_ID,
  CHECK_FOR_UPDATES_ID,
  OPEN_RECENT_LABEL,
  TOOLS_MENU_LABEL,
  buildMenuTemplate,
  type MenuOptions,
} from '../../../electron/menu';

function build(overrides: Partial<MenuOptions> = {}) {
  const sent: MenuCommand[] = [];
  const edits: string[] = [];
  const calls: string[] = [];
  const template = buildMenuTemplate({
    platform: 'linux',
    isPackaged: true,
    send: (command) => void sent.push(command),
    nativeEdit: (action) => void edits.push(action),
    openDocument: () => void calls.push('open'),
    openRecentDocument: (path) => void calls.push(`recent ${path}`),
    clearRecentDocuments: () => void calls.push('clear'),
    showAbout: () => void calls.push('about'),
    ...overrides,
  });
  return { template, sent, edits, calls };
}

function menu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const found = template.find((item) => item.label === label);
  assert.ok(found && Array.isArray(found.submenu), `no ${label} menu`);
  return found.submenu;
}

function allItems(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? allItems(item.submenu) : [])]);
}

function annotateItems(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  const menu = template.find((item) => item.label === ANNOTATE_MENU_LABEL);
  assert.ok(menu && Array.isArray(menu.submenu));
  return menu.submenu.filter((item) => item.type !== 'separator');
}

function click(item: MenuItemConstructorOptions, triggeredByAccelerator = false): void {
  (item.click as (item: unknown, window: unknown, event: { triggeredByAccelerator: boolean }) => void)(undefined, undefined, {
    triggeredByAccelerator,
  });
}

describe('buildMenuTemplate', () => {
  it('sends undo, redo, each theme and focus moves from the Annotate menu', () => {
    const { template, sent } = build();
    const items = annotateItems(template);
    assert.deepEqual(
      items.map((item) => item.label),
      ['Undo Annotation Change', 'Redo Annotation Change', 'Trade', 'Security', 'Diplomacy', 'Go to Article', 'Go to Annotations'],
    );
    for (const item of items) click(item);
    assert.deepEqual(sent, [
      { kind: 'undo' },
      { kind: 'redo' },
      { kind: 'apply-theme', index: 0 },
      { kind: 'apply-theme', index: 1 },
      { kind: 'apply-theme', index: 2 },
      { kind: 'focus-article' },
      { kind: 'focus-sidebar' },
    ]);
  });

  it('gives a focused text field its own undo when Cmd+Z reaches the menu as a key, as on macOS', () => {
    const { template, sent, edits } = build({ platform: 'darwin' });
    const [undo, redo] = annotateItems(template);
    click(undo!, true);
    click(redo!, true);
    assert.deepEqual(edits, ['undo', 'redo']);
    assert.deepEqual(sent, []);
  });

  it('shows the keys on Windows and Linux without registering them, so they still reach the page', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const items = annotateItems(build({ platform }).template);
      const keyed = items.filter((item) => item.accelerator);
      assert.deepEqual(
        keyed.map((item) => item.accelerator),
        ['CmdOrCtrl+Z', 'CmdOrCtrl+Shift+Z', '1', '2', '3'],
      );
      for (const item of keyed) assert.equal(item.registerAccelerator, false, item.label);
    }
  });

  it('gives the theme items no bare-key accelerator on macOS, where it would swallow typing', () => {
    const items = annotateItems(build({ platform: 'darwin' }).template);
    for (const label of ['Trade', 'Security', 'Diplomacy']) {
      assert.equal(items.find((item) => item.label === label)?.accelerator, undefined, label);
    }
  });

  it('leaves reload and developer tools out of packaged builds', () => {
    const packaged = allItems(build({ isPackaged: true }).template).map((item) => item.role);
    assert.ok(!packaged.includes('toggleDevTools'));
    assert.ok(!packaged.includes('reload'));
    assert.ok(!packaged.includes('forceReload'));
    const development = allItems(build({ isPackaged: false }).template).map((item) => item.role);
    assert.ok(development.includes('toggleDevTools'));
    assert.ok(development.includes('reload'));
  });

  it('has the standard edit, zoom, window and quit roles', () => {
    const roles = allItems(build().template).map((item) => item.role);
    for (const role of [
      'cut',
      'copy',
      'paste',
      'selectAll',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
      'windowMenu',
      'close',
      'quit',
    ] as const)
      assert.ok(roles.includes(role), role);
  });

  it('puts the app menu first on macOS only', () => {
    assert.equal(build({ platform: 'darwin' }).template[0]?.role, 'appMenu');
    assert.ok(!allItems(build({ platform: 'win32' }).template).some((item) => item.role === 'appMenu'));
  });

  it('does not register an Edit > Undo that would take Ctrl+Z from the annotation undo', () => {
    const roles = allItems(build().template).map((item) => item.role);
    assert.ok(!roles.includes('undo'));
    assert.ok(!roles.includes('redo'));
  });

  it('opens documents from File > Open... with Ctrl/Cmd+O', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const { template, calls } = build({ platform });
      const open = menu(template, 'File').find((item) => item.label === 'Open\u2026');
      assert.equal(open?.accelerator, 'CmdOrCtrl+O', platform);
      click(open!);
      assert.deepEqual(calls, ['open'], platform);
    }
  });

  it('lists recent files by name under File > Open Recent on Windows and Linux, newest first, with Clear Menu', () => {
    const { template, calls } = build({ platform: 'win32', recentDocuments: ['/docs/b.md', '/docs/a.txt'] });
    const recent = menu(template, 'File').find((item) => item.label === OPEN_RECENT_LABEL);
    assert.ok(recent && Array.isArray(recent.submenu));
    const items = recent.submenu.filter((item) => item.type !== 'separator');
    assert.deepEqual(
      items.map((item) => item.label),
      ['b.md', 'a.txt', 'Clear Menu'],
    );
    assert.equal(items[0]?.toolTip, '/docs/b.md');
    for (const item of items) click(item);
    assert.deepEqual(calls, ['recent /docs/b.md', 'recent /docs/a.txt', 'clear']);
  });

  it('disables Clear Menu while Open Recent is empty', () => {
    const recent = menu(build({ platform: 'linux' }).template, 'File').find((item) => item.label === OPEN_RECENT_LABEL);
    assert.ok(recent && Array.isArray(recent.submenu));
    assert.deepEqual(
      recent.submenu.map((item) => [item.label, item.enabled]),
      [['Clear Menu', false]],
    );
  });

  it("leaves Open Recent to macOS's own list there", () => {
    const recent = menu(build({ platform: 'darwin' }).template, 'File').find((item) => item.label === OPEN_RECENT_LABEL);
    assert.equal(recent?.role, 'recentDocuments');
    assert.deepEqual(
      (recent?.submenu as MenuItemConstructorOptions[]).map((item) => item.role),
      ['clearRecentDocuments'],
    );
  });

  it('zooms with Ctrl/Cmd+= and the keypad as well as the roles own keys', () => {
    const view = menu(build().template, 'View');
    const hidden = view.filter((item) => item.visible === false).map((item) => `${item.role} ${item.accelerator}`);
    assert.deepEqual(hidden, ['zoomIn CmdOrCtrl+=', 'zoomIn CmdOrCtrl+numadd', 'zoomOut CmdOrCtrl+numsub', 'resetZoom CmdOrCtrl+num0']);
    const shown = view.filter((item) => item.visible !== false).map((item) => item.role);
    assert.deepEqual(
      shown.filter((role) => role && /zoom/i.test(role)),
      ['resetZoom', 'zoomIn', 'zoomOut'],
    );
  });

  it('shows About Gloss under Help on Windows and Linux, and leaves it to the app menu on macOS', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const { template, calls } = build({ platform });
      const help = template.find((item) => item.role === 'help');
      assert.ok(help && Array.isArray(help.submenu), platform);
      const about = help.submenu.find((item) => item.label === 'About Gloss');
      click(about!);
      assert.deepEqual(calls, ['about'], platform);
    }
    const mac = build({ platform: 'darwin' }).template;
    assert.ok(!mac.some((item) => item.role === 'help'));
  });

  it('puts the menus in the usual order', () => {
    const labels = (platform: NodeJS.Platform) => build({ platform }).template.map((item) => item.label ?? item.role);
    assert.deepEqual(labels('linux'), ['File', 'Edit', 'View', ANNOTATE_MENU_LABEL, TOOLS_MENU_LABEL, 'windowMenu', 'help']);
    assert.deepEqual(labels('darwin'), ['appMenu', 'File', 'Edit', 'View', ANNOTATE_MENU_LABEL, TOOLS_MENU_LABEL, 'windowMenu']);
  });

  it('offers Check for Updates and the automatic checkbox under Help, and in the app menu on macOS', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const calls: string[] = [];
      const { template } = build({
        platform,
        updates: {
          state: { label: 'Check for Updates\u2026', enabled: true, automaticChecks: true },
          check: () => void calls.push('check'),
          setAutomaticChecks: (on) => void calls.push(`automatic ${on}`),
        },
      });
      const holder = template.find((item) => item.role === (platform === 'darwin' ? 'appMenu' : 'help'));
      assert.ok(holder && Array.isArray(holder.submenu), platform);
      const check = holder.submenu.find((item) => item.id === CHECK_FOR_UPDATES_ID)!;
      const automatic = holder.submenu.find((item) => item.id === AUTOMATIC_UPDATES_ID)!;
      assert.equal(check.label, 'Check for Updates\u2026');
      assert.equal(automatic.type, 'checkbox');
      assert.equal(automatic.checked, true);
      click(check);
      (automatic.click as (item: { checked: boolean }) => void)({ checked: false });
      assert.deepEqual(calls, ['check', 'automatic false'], platform);
    }
    const mac = build({
      platform: 'darwin',
      updates: { state: { label: 'x', enabled: true, automaticChecks: true }, check: () => undefined, setAutomaticChecks: () => undefined },
    });
    const appMenu = mac.template[0]!.submenu as MenuItemConstructorOptions[];
    assert.deepEqual(
      appMenu.filter((item) => item.role).map((item) => item.role),
      ['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit'],
    );
  });

  it('shows where an update stands in the item, and no automatic checkbox where Gloss does not update itself', () => {
    const { template } = build({
      updates: {
        state: { label: 'Downloading Update (42%)\u2026', enabled: true, automaticChecks: null },
        check: () => undefined,
        setAutomaticChecks: () => undefined,
      },
    });
    const help = template.find((item) => item.role === 'help')!.submenu as MenuItemConstructorOptions[];
    assert.deepEqual(
      help.map((item) => item.label ?? item.type),
      ['Downloading Update (42%)\u2026', 'separator', 'About Gloss'],
    );
  });
});
