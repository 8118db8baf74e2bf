// The sheet of keyboard shortcuts (opened with ?): every key Gloss answers to, grouped by where it works.
import type { Codebook } from '../../annotations/codebook';
import { allBindings } from '../keymap/bindings';
import { keyLabels } from '../keymap/keymap';
import { h } from '../ui/dom';
import { build, closer, open } from './dialog';

/** One row of the sheet: the keys (each a combination like "Ctrl+F") and what they do. */
export interface Shortcut {
  keys: string[];
  action: string;
}

/** One group of rows. */
export interface ShortcutGroup {
  title: string;
  shortcuts: Shortcut[];
}

/**
 * Every shortcut, from the keymap's one table: grouped as the table groups them, rows with the same
 * words (one command in two scopes, Enter and F3) as one row; theme keys from the codebook; Ctrl
 * reads Cmd on a Mac.
 */
export function shortcutGroups(codebook: Codebook, mac: boolean, desktop: boolean): ShortcutGroup[] {
  const groups = new Map<string, Map<string, string[]>>();
  for (const binding of allBindings(codebook, desktop)) {
    const rows = groups.get(binding.group) ?? new Map<string, string[]>();
    groups.set(binding.group, rows);
    const keys = rows.get(binding.description) ?? [];
    rows.set(binding.description, [...new Set([...keys, ...keyLabels(binding, mac)])]);
  }
  return [...groups].map(([title, rows]) => ({ title, shortcuts: [...rows].map(([action, keys]) => ({ keys, action })) }));
}

/**
 * The theme keys as a sentence says them, from the codebook's shortcuts: "1", "1 or 2", "1, 2 or 3",
 * "1 to 5" when there are more than three in a run; '' when no theme has a key.
 */
export function themeKeysPhrase(codebook: Codebook): string {
  const keys = codebook.map((t) => t.shortcut).filter(Boolean);
  if (keys.length === 0) return '';
  if (keys.length === 1) return keys[0]!;
  const numbers = keys.map(Number);
  const run = numbers.every((n, i) => Number.isInteger(n) && (i === 0 || n === numbers[i - 1]! + 1));
  if (keys.length > 3 && run) return `${keys[0]} to ${keys[keys.length - 1]}`;
  return `${keys.slice(0, -1).join(', ')} or ${keys[keys.length - 1]}`;
}

/** The help line's words about applying a theme, for the codebook as it stands. */
export function themeKeysHelp(codebook: Codebook): string {
  const phrase = themeKeysPhrase(codebook);
  return phrase ? `then press ${phrase} (or a theme button).` : 'then press a theme button.';
}

/** Writes the theme keys into the article's help line (index.html, #article-help-keys); call whenever the codebook changes. */
export function showThemeKeysHelp(codebook: Codebook): void {
  const target = document.getElementById('article-help-keys');
  if (target) target.textContent = themeKeysHelp(codebook);
}

/** The keys of one row: each combination a <kbd> of <kbd>s (the HTML way to write "Ctrl+F"), joined by "or". */
function renderKeys(keys: readonly string[]): HTMLElement {
  return h(
    'td',
    null,
    ...keys.flatMap((combo, i) => [
      i > 0 ? ' or ' : null,
      h('kbd', null, ...combo.split('+').flatMap((key, j) => [j > 0 ? '+' : null, h('kbd', null, key)])),
    ]),
  );
}

/** One group of the sheet: its heading, and a table of keys and actions named by it. */
function renderGroup(group: ShortcutGroup, index: number): HTMLElement {
  const heading = h('h3', { props: { id: `shortcuts-group-${index}` } }, group.title);
  return h(
    'section',
    null,
    heading,
    h(
      'table',
      { props: { className: 'shortcuts-table' }, attrs: { 'aria-labelledby': heading.id } },
      h('thead', null, h('tr', null, ...['Keys', 'Action'].map((text) => h('th', { props: { scope: 'col' } }, text)))),
      h('tbody', null, ...group.shortcuts.map((shortcut) => h('tr', null, renderKeys(shortcut.keys), h('td', null, shortcut.action)))),
    ),
  );
}

/** The dialog, made once and filled each time it opens (the codebook may have changed). */
export class ShortcutsDialog {
  private readonly body = h('div');
  // The sheet has no field, so open() focuses its heading, not Close at the foot: it opens at its top (Tab reaches Close).
  private readonly dialog = build({
    id: 'shortcuts-dialog',
    className: 'shortcuts-dialog',
    title: 'Keyboard shortcuts',
    body: [this.body],
    actions: [closer('Close', 'shortcuts-close')],
  }).dialog;

  constructor(private readonly getCodebook: () => Codebook) {
    document.body.append(this.dialog);
  }

  get isOpen(): boolean {
    return this.dialog.open;
  }

  open(): void {
    if (this.dialog.open) return;
    const mac = /Mac|iPhone|iPad/.test(navigator.platform);
    const desktop = 'gloss' in window;
    this.body.replaceChildren(...shortcutGroups(this.getCodebook(), mac, desktop).map(renderGroup));
    open(this.dialog);
  }
}
