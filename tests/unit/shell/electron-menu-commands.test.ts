// The native menus carry every command of the page's File and Tools menus (one list, annotations/menu-commands.ts),
// each showing the key the page's keymap answers to, and sending the command's id to the page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../../annotations/contract';
import { PAGE_COMMANDS } from '../../../annotations/menu-commands';
import { parseMenuCommand } from '../../../electron/menu-command';
import { acceleratorOf, buildMenuTemplate } from '../../../electron/menu';
import { bindingOf, type CommandName } from '../../../renderer/keymap/bindings';

function build(platform: NodeJS.Platform) {
  const sent: MenuCommand[] = [];
  const opened: string[] = [];
  const template = buildMenuTemplate({
    platform,
    isPackaged: true,
    send: (command) => void sent.push(command),
    nativeEdit: () => undefined,
    openDocument: () => void opened.push('open'),
    openRecentDocument: () => undefined,
    clearRecentDocuments: () => undefined,
    showAbout: () => undefined,
  });
  return { template, sent, opened };
}

function itemsOf(template: MenuItemConstructorOptions[], menu: string): MenuItemConstructorOptions[] {
  const found = template.find((item) => item.label === menu);
  assert.ok(found && Array.isArray(found.submenu), `no ${menu} menu`);
  return found.submenu;
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as (item: unknown, window: unknown, event: { triggeredByAccelerator: boolean }) => void)(undefined, undefined, {
    triggeredByAccelerator: false,
  });
}

describe('the native menus and the page commands', () => {
  it('lists every command of the page’s File and Tools menus in the native menu of the same name, in the same order', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const { template } = build(platform);
      for (const menu of ['File', 'Tools'] as const) {
        const native = itemsOf(template, menu).map((item) => item.label);
        const page = PAGE_COMMANDS.filter((c) => c.menu === menu).map((c) => c.label);
        assert.deepEqual(
          native.filter((label) => label !== undefined && page.includes(label)),
          page,
          `${platform} ${menu}`,
        );
      }
    }
  });

  it('shows, on Windows and Linux, the very key the page’s keymap binds to each command, without registering it', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const { template } = build(platform);
      for (const command of PAGE_COMMANDS.filter((c) => c.keys)) {
        const item = itemsOf(template, command.menu).find((i) => i.label === command.label)!;
        assert.equal(item.accelerator, acceleratorOf(bindingOf(command.id as CommandName).keys[0]!), command.label);
        assert.equal(item.registerAccelerator, false, command.label);
      }
    }
  });

  it('writes the keymap’s keys as Electron accelerators', () => {
    assert.equal(acceleratorOf('Mod-e'), 'CmdOrCtrl+E');
    assert.equal(acceleratorOf('Shift-Mod-s'), 'CmdOrCtrl+Shift+S');
    assert.equal(acceleratorOf('Alt-Shift-p'), 'Alt+Shift+P');
    assert.equal(acceleratorOf('?'), '?');
    assert.equal(acceleratorOf('Mod--'), 'CmdOrCtrl+-');
  });

  it('shows on macOS only the keys with Cmd, since macOS lets a shown key take typing from text fields', () => {
    const { template } = build('darwin');
    const tools = itemsOf(template, 'Tools');
    assert.equal(tools.find((i) => i.label === 'Find…')?.accelerator, 'CmdOrCtrl+F');
    assert.equal(tools.find((i) => i.label === 'Suggestions…')?.accelerator, 'CmdOrCtrl+Shift+S');
    for (const label of ['Passages…', 'Shortcuts', 'Coders…'])
      assert.equal(tools.find((i) => i.label === label)?.accelerator, undefined, label);
    assert.equal(itemsOf(template, 'File').find((i) => i.label === 'Export…')?.accelerator, 'CmdOrCtrl+E');
  });

  it('sends each page command’s id when its item is chosen, and opens the native Open dialog for Open…', () => {
    const { template, sent, opened } = build('linux');
    for (const command of PAGE_COMMANDS) click(itemsOf(template, command.menu).find((i) => i.label === command.label)!);
    assert.deepEqual(opened, ['open']);
    assert.deepEqual(
      sent,
      PAGE_COMMANDS.filter((c) => c.id !== 'open').map((c) => ({ kind: 'command', id: c.id })),
    );
  });

  it('lets through the page commands the page knows, and nothing else', () => {
    for (const command of PAGE_COMMANDS)
      assert.deepEqual(parseMenuCommand({ kind: 'command', id: command.id, extra: 1 }), { kind: 'command', id: command.id });
    for (const bad of [
      { kind: 'command' },
      { kind: 'command', id: 'rm-rf' },
      { kind: 'command', id: 'toString' },
      { kind: 'command', id: 3 },
    ])
      assert.equal(parseMenuCommand(bad), null, JSON.stringify(bad));
  });
});
