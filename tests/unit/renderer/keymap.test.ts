// Covers renderer/keymap/: the one table of bindings, how keys are run and how they are told to people.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EditorView } from 'prosemirror-view';
import { DEFAULT_CODEBOOK } from '../../../annotations/codebook';
import { allBindings, BINDINGS, bindingOf } from '../../../renderer/keymap/bindings';
import { ariaKeyShortcuts, keyLabel, keyLabels, scopeHandler } from '../../../renderer/keymap/keymap';

/** A key press as prosemirror-keymap reads one. */
function press(key: string, mods: { ctrl?: boolean; shift?: boolean; meta?: boolean; alt?: boolean } = {}): KeyboardEvent {
  return { key, ctrlKey: !!mods.ctrl, shiftKey: !!mods.shift, metaKey: !!mods.meta, altKey: !!mods.alt, keyCode: 0 } as KeyboardEvent;
}

const NO_VIEW = {} as EditorView;

test('runs the command bound to a key in its scope, and nothing for a key of another scope', () => {
  const ran: string[] = [];
  const commands = { undo: () => (ran.push('undo'), true), 'next-highlight': () => (ran.push('next'), true) };
  const window = scopeHandler(BINDINGS, 'window', commands);
  const article = scopeHandler(BINDINGS, 'article', commands);
  assert.equal(window(NO_VIEW, press('z', { ctrl: true })), true);
  assert.equal(window(NO_VIEW, press('n')), false, 'n moves between highlights only in the article');
  assert.equal(article(NO_VIEW, press('n')), true);
  assert.deepEqual(ran, ['undo', 'next']);
});

test('while typing in a field, runs only the bindings that say they work there', () => {
  const ran: string[] = [];
  const commands = { undo: () => (ran.push('undo'), true), export: () => (ran.push('export'), true) };
  const field = scopeHandler(BINDINGS, 'window', commands, true);
  assert.equal(field(NO_VIEW, press('z', { ctrl: true })), false, "Ctrl+Z in the note is the field's own undo");
  assert.equal(field(NO_VIEW, press('e', { ctrl: true })), true);
  assert.deepEqual(ran, ['export']);
});

test('binds each theme key of the codebook, and the shifted ? to the shortcuts sheet', () => {
  const ran: string[] = [];
  const bindings = allBindings(DEFAULT_CODEBOOK, false);
  const handler = scopeHandler(bindings, 'window', {
    'theme:security': () => (ran.push('security'), true),
    shortcuts: () => (ran.push('shortcuts'), true),
  });
  assert.equal(handler(NO_VIEW, press(DEFAULT_CODEBOOK[1]!.shortcut)), true);
  assert.equal(handler(NO_VIEW, press('?', { shift: true })), true);
  assert.deepEqual(ran, ['security', 'shortcuts']);
});

test('leaves text size to the desktop shell, which zooms through its View menu', () => {
  assert.ok(allBindings(DEFAULT_CODEBOOK, false).some((b) => b.command === 'text-larger'));
  assert.ok(!allBindings(DEFAULT_CODEBOOK, true).some((b) => b.command === 'text-larger'));
});

test('says keys the way people read them, Cmd on a Mac', () => {
  assert.equal(keyLabel('Mod-z', false), 'Ctrl+Z');
  assert.equal(keyLabel('Shift-Mod-z', false), 'Ctrl+Shift+Z');
  assert.equal(keyLabel('Mod-z', true), 'Cmd+Z');
  assert.equal(keyLabel('?', false), '?');
  assert.equal(keyLabel('n', false), 'n');
  assert.equal(keyLabel('Shift-F3', false), 'Shift+F3');
  assert.equal(keyLabel('ArrowDown', false), 'Arrow Down');
  assert.deepEqual(keyLabels(bindingOf('text-larger'), false), ['Ctrl+Plus']);
  assert.deepEqual(keyLabels(bindingOf('redo'), true), ['Cmd+Shift+Z'], 'Ctrl+Y is not a Mac key');
});

test('gives aria-keyshortcuts in the ARIA form, both Control and Meta for Mod', () => {
  assert.equal(ariaKeyShortcuts(bindingOf('undo')), 'Control+Z Meta+Z');
  assert.equal(ariaKeyShortcuts(bindingOf('redo')), 'Shift+Control+Z Shift+Meta+Z Control+Y');
  assert.equal(ariaKeyShortcuts(bindingOf('shortcuts')), 'Shift+?');
  assert.equal(ariaKeyShortcuts(bindingOf('find-next')), 'Enter F3');
});

test('binds no key twice in one scope', () => {
  const bindings = allBindings(DEFAULT_CODEBOOK, false);
  for (const scope of ['article', 'window', 'find', 'list', 'popover'] as const) {
    const keys = bindings.filter((b) => b.scope === scope && b.command).flatMap((b) => b.keys);
    assert.equal(new Set(keys).size, keys.length, `${scope}: ${keys.join(' ')}`);
  }
});

test('lists in the Shortcuts sheet every key of the table, each under its group', async () => {
  const { shortcutGroups } = await import('../../../renderer/dialogs/shortcuts-dialog');
  for (const desktop of [false, true]) {
    const sheet = shortcutGroups(DEFAULT_CODEBOOK, false, desktop);
    for (const binding of allBindings(DEFAULT_CODEBOOK, desktop)) {
      const row = sheet.find((g) => g.title === binding.group)?.shortcuts.find((s) => s.action === binding.description);
      assert.ok(row, `${binding.description} is in the sheet`);
      for (const label of keyLabels(binding, false)) assert.ok(row.keys.includes(label), `${label} for ${binding.description}`);
    }
  }
  const anywhere = shortcutGroups(DEFAULT_CODEBOOK, false, true).find((g) => g.title === 'Anywhere')!;
  assert.ok(
    anywhere.shortcuts.some((s) => s.action === 'Zoom in, zoom out, actual size'),
    'the desktop sheet names the View menu zoom',
  );
});
