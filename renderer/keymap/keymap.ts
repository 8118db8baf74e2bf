// Turns the bindings table into handlers (through prosemirror-keymap, for the article and the window alike)
// and into the words and attributes that tell people the keys.
import { keydownHandler } from 'prosemirror-keymap';
import type { Command } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Binding, CommandName, Scope } from './bindings';

/** What a key runs: true when it handled the key (its default is then prevented). */
export type KeyCommand = () => boolean;

/** The commands behind the bindings; a binding whose command is absent here is not listened for. */
export type KeyCommands = Partial<Record<CommandName, KeyCommand>>;

/** A key handler as ProseMirror's handleKeyDown takes it. */
export type KeyHandler = (view: EditorView, event: KeyboardEvent) => boolean;

/**
 * The handler of one scope's bindings, through prosemirror-keymap (which normalises Mod, Shift and
 * the character a key makes). `inTextField`: only the bindings that also work while typing.
 */
export function scopeHandler(bindings: readonly Binding[], scope: Scope, commands: KeyCommands, inTextField = false): KeyHandler {
  const map: Record<string, Command> = {};
  for (const binding of bindings) {
    if (binding.scope !== scope || !binding.command || (inTextField && !binding.inTextFields)) continue;
    const run = commands[binding.command];
    if (!run) continue;
    for (const key of binding.keys) {
      const previous = map[key];
      // One key may serve two bindings of a scope: the first that handles it wins.
      map[key] = previous ? (state, dispatch, view) => previous(state, dispatch, view) || run() : () => run();
    }
  }
  return keydownHandler(map);
}

const MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const NAMES: Record<string, string> = {
  ArrowLeft: 'Arrow Left',
  ArrowRight: 'Arrow Right',
  ArrowUp: 'Arrow Up',
  ArrowDown: 'Arrow Down',
  '=': 'Plus',
  '+': 'Plus',
  '-': 'Minus',
};

/** A key as the Shortcuts sheet and titles show it: "Mod-z" is "Ctrl+Z" (Cmd+Z on a Mac). */
export function keyLabel(key: string, mac = MAC): string {
  const parts = key.split(/-(?!$)/);
  const base = parts.pop()!;
  const modifiers = parts.map((m) => (m === 'Mod' ? (mac ? 'Cmd' : 'Ctrl') : m));
  // Ctrl before Shift, as people say them.
  modifiers.sort((a, b) => (a === 'Shift' ? 1 : 0) - (b === 'Shift' ? 1 : 0));
  const name = NAMES[base] ?? (base.length === 1 ? base.toUpperCase() : base);
  return [...modifiers, modifiers.length === 0 && base.length === 1 ? base : name].join('+');
}

/** The distinct labels of a binding's keys ("Mod-=" and "Mod-+" both read "Ctrl+Plus"). */
export function keyLabels(binding: Binding, mac = MAC): string[] {
  return [...new Set(binding.keys.filter((k) => !(mac && k.startsWith('Ctrl-'))).map((k) => keyLabel(k, mac)))];
}

/** A binding's keys as aria-keyshortcuts wants them: "Mod-z" is "Control+Z Meta+Z". */
export function ariaKeyShortcuts(binding: Binding): string {
  const out: string[] = [];
  for (const key of binding.keys) {
    const parts = key.split(/-(?!$)/);
    const base = parts.pop()!;
    const name = base.length === 1 ? base.toUpperCase() : base;
    const variants = parts.includes('Mod') ? ['Control', 'Meta'] : [null];
    for (const variant of variants) {
      const modifiers = parts.map((m) => (m === 'Mod' ? variant! : m === 'Ctrl' ? 'Control' : m));
      out.push([...modifiers, base === '?' ? 'Shift+?' : name].join('+').replace('Shift+Shift+', 'Shift+'));
    }
  }
  return [...new Set(out)].join(' ');
}

/**
 * Tells people the keys of every element marked `data-command` (the page's buttons): aria-keyshortcuts
 * for assistive technology, and a title that names the command and its keys.
 */
export function labelCommandButtons(root: ParentNode, bindingOf: (command: CommandName) => Binding): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-command]')) {
    const binding = bindingOf(element.dataset.command as CommandName);
    element.setAttribute('aria-keyshortcuts', ariaKeyShortcuts(binding));
    element.title = `${binding.description} (${keyLabels(binding).join(' or ')})`;
  }
}
