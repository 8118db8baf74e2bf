// The Codebook dialog's tree of themes, after the WAI-ARIA treeview pattern: role=tree of treeitems with
// aria-level, aria-expanded and one tab stop that moves with the selection (roving tabindex). Arrow
// keys, Home and End move; Alt (or Ctrl) with Up and Down moves a theme among its siblings, with Right
// nests it under the theme above and with Left lifts it out; F2 or Enter renames it in place (Enter
// keeps, Escape cancels); Delete asks to delete it. The mouse drags themes (codebook-tree-drag.ts).
// The rules of what may go where are annotations/codebook-tree.ts's.
import { CUES, shortcutFor, type ThemeCue } from '../../annotations/codebook';
import {
  dropAt,
  hasChildren,
  liftOut,
  moveAmongSiblings,
  nestUnderPrevious,
  type DropPlace,
  type TreeEdit,
} from '../../annotations/codebook-tree';
import { MAX_LABEL_CHARS } from '../../annotations/schemas';
import { h } from '../ui/dom';
import { enableTreeDrag } from './codebook-tree-drag';

/** One theme being edited. `key` names the row while a new theme has no id yet. */
export interface ThemeRow {
  key: number;
  id?: string;
  label: string;
  colour: string;
  description: string;
  cue: ThemeCue;
  /** The parent's row key. */
  parent?: number;
}

/** A row's name as the dialog shows it (a label being typed may be empty for a moment). */
export function nameOf(row: ThemeRow): string {
  return row.label.trim() || 'New theme';
}

/** What the tree tells the dialog. */
export interface ThemeTreeEvents {
  /** Another theme is selected, or the selected one moved: the details pane shows it. */
  selected(row: ThemeRow): void;
  /** Says what happened, in the dialog's status line. */
  say(message: string, error?: boolean): void;
  /** Delete pressed on a theme. */
  remove(row: ThemeRow): void;
}

/** The tree of the themes being edited, with the selected one and the collapsed parents. */
export class ThemeTree {
  readonly element: HTMLUListElement;
  private rows: ThemeRow[];
  private selectedKey: number;
  private readonly collapsed = new Set<number>();
  /** The key being renamed in place, if any. */
  private renaming: number | null = null;

  constructor(
    rows: ThemeRow[],
    private readonly events: ThemeTreeEvents,
  ) {
    this.rows = rows;
    this.selectedKey = rows[0]!.key;
    this.element = h('ul', { props: { className: 'codebook-tree', id: 'codebook-tree' }, attrs: { role: 'tree', 'aria-label': 'Themes' } });
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    // Focus and selection go together: an item focused some other way (a screen reader's cursor) is selected.
    this.element.addEventListener('focusin', (event) => {
      const item = event.target instanceof HTMLElement && event.target.getAttribute('role') === 'treeitem' ? event.target : null;
      if (item && Number(item.dataset.key) !== this.selectedKey) this.select(Number(item.dataset.key), false);
    });
    this.element.addEventListener('click', (event) => {
      const item = this.itemOf(event.target);
      if (!item || (event.target as HTMLElement).closest('input')) return;
      const key = Number(item.dataset.key);
      if ((event.target as HTMLElement).closest('.codebook-twisty')) this.toggle(key);
      this.select(key, true);
    });
    enableTreeDrag(this.element, {
      keyOf: (item) => Number(item.dataset.key),
      allowed: (key, target, place) => dropAt(this.rows, key, target, place).ok,
      drop: (key, target, place) => this.drop(key, target, place),
    });
  }

  /** Every row, in the order the tree shows and saves them. */
  get all(): readonly ThemeRow[] {
    return this.rows;
  }

  /** The selected row. */
  get selected(): ThemeRow {
    return this.rows.find((r) => r.key === this.selectedKey) ?? this.rows[0]!;
  }

  /** Puts new rows in (a theme added or deleted) and selects `select`, or the first. */
  replace(rows: ThemeRow[], select?: number): void {
    this.rows = rows;
    this.selectedKey = select ?? rows[0]!.key;
    this.render(false);
    this.events.selected(this.selected);
  }

  /** Draws the tree; `focus` puts focus on the selected item. */
  render(focus: boolean): void {
    const top = this.rows.filter((r) => r.parent === undefined);
    this.element.replaceChildren(...top.map((row) => this.item(row)));
    if (focus) this.focusSelected();
  }

  /** Shows a row's new label, colour or cue in its item without redrawing the tree (focus stays in the details). */
  refresh(row: ThemeRow): void {
    const item = this.element.querySelector<HTMLElement>(`[data-key="${row.key}"]`);
    if (!item) return;
    const label = item.querySelector<HTMLElement>('.codebook-node-label')!;
    label.textContent = nameOf(row);
    paint(item.querySelector<HTMLElement>('.codebook-node .swatch')!, label, row);
  }

  /** Selects a row (and shows it in the details pane); `focus` moves focus to its item. */
  select(key: number, focus: boolean): void {
    const changed = key !== this.selectedKey;
    this.selectedKey = key;
    for (const item of this.element.querySelectorAll<HTMLElement>('[role="treeitem"]')) {
      const on = Number(item.dataset.key) === key;
      item.setAttribute('aria-selected', String(on));
      item.tabIndex = on ? 0 : -1;
    }
    if (focus) this.focusSelected();
    if (changed) this.events.selected(this.selected);
  }

  /** Moves the selected theme among its siblings. */
  move(by: -1 | 1): void {
    this.apply(moveAmongSiblings(this.rows, this.selectedKey, by), 'moved');
  }

  /** Nests the selected theme under the theme above it. */
  nest(): void {
    this.apply(nestUnderPrevious(this.rows, this.selectedKey), 'nested');
  }

  /** Lifts the selected sub-theme to the top level. */
  lift(): void {
    this.apply(liftOut(this.rows, this.selectedKey), 'lifted');
  }

  /** Starts renaming a theme in place: its label becomes a field; Enter or leaving it keeps, Escape cancels. */
  rename(key: number): void {
    const row = this.rows.find((r) => r.key === key);
    const item = this.element.querySelector<HTMLElement>(`[data-key="${key}"]`);
    if (!row || !item) return;
    this.select(key, false);
    this.renaming = key;
    const label = item.querySelector<HTMLElement>('.codebook-node-label')!;
    const input = h('input', {
      props: { type: 'text', value: row.label, maxLength: MAX_LABEL_CHARS, className: 'codebook-rename', id: 'codebook-rename' },
      attrs: { 'aria-label': `Rename ${nameOf(row)}` },
    });
    let done = false;
    const finish = (keep: boolean, refocus: boolean): void => {
      if (done) return;
      done = true;
      this.renaming = null;
      const value = input.value.trim();
      if (keep && value === '') this.events.say('A theme needs a label: the old one is kept.', true);
      else if (keep && value !== row.label) {
        row.label = value;
        this.events.say(`Renamed to ${value}.`);
      }
      this.render(refocus);
      this.events.selected(row);
    };
    input.addEventListener('keydown', (event) => {
      // The field's keys are its own: not the tree's, and Escape must not close the dialog.
      event.stopPropagation();
      if (event.key === 'Enter' || event.key === 'Escape') {
        event.preventDefault();
        finish(event.key === 'Enter', true);
      }
    });
    input.addEventListener('blur', () => finish(true, false));
    label.replaceWith(input);
    input.focus();
    input.select();
  }

  private apply(edit: TreeEdit<ThemeRow>, verb: string): void {
    const row = this.selected;
    if (!edit.ok) return this.events.say(`${nameOf(row)} cannot be ${verb}: ${lowerFirst(edit.reason)}`, true);
    this.rows = edit.rows;
    const moved = this.rows.find((r) => r.key === row.key)!;
    if (moved.parent !== undefined) this.collapsed.delete(moved.parent);
    this.render(true);
    this.events.selected(moved);
    this.events.say(this.placeOf(moved));
  }

  private drop(key: number, target: number, place: DropPlace): void {
    this.selectedKey = key;
    this.apply(dropAt(this.rows, key, target, place), 'moved there');
  }

  /** Where a row now is, as the status line says it. */
  private placeOf(row: ThemeRow): string {
    const index = this.rows.indexOf(row);
    const key = shortcutFor(index);
    const parent = this.rows.find((r) => r.key === row.parent);
    const where = parent ? `a sub-theme of ${nameOf(parent)}` : 'a top-level theme';
    return `${nameOf(row)} is now ${where}, number ${index + 1} in the list${key ? ` (key ${key})` : ''}.`;
  }

  private item(row: ThemeRow): HTMLLIElement {
    const index = this.rows.indexOf(row);
    const key = shortcutFor(index);
    const parent = hasChildren(this.rows, row.key);
    const open = !this.collapsed.has(row.key);
    const labelId = `codebook-node-${row.key}`;
    const keyId = `codebook-node-key-${row.key}`;
    const swatch = h('span', { props: { className: 'swatch' }, attrs: { 'aria-hidden': 'true' } });
    const label = h('span', { props: { className: 'codebook-node-label', id: labelId } }, nameOf(row));
    paint(swatch, label, row);
    const node = h(
      'div',
      'codebook-node',
      h('span', { props: { className: 'codebook-twisty' }, attrs: { 'aria-hidden': 'true' } }, parent ? (open ? '▾' : '▸') : ''),
      swatch,
      label,
      h('span', { props: { className: 'codebook-node-key', id: keyId } }, key ? `key ${key}` : 'no key'),
    );
    const selected = row.key === this.selectedKey;
    const item = h(
      'li',
      {
        props: { className: `codebook-item${row.parent === undefined ? '' : ' is-subtheme'}`, tabIndex: selected ? 0 : -1 },
        attrs: {
          role: 'treeitem',
          'aria-level': row.parent === undefined ? 1 : 2,
          'aria-selected': String(selected),
          'aria-labelledby': labelId,
          'aria-describedby': keyId,
          'aria-expanded': parent ? String(open) : null,
        },
        data: { key: String(row.key) },
      },
      node,
    );
    if (parent) {
      const children = this.rows.filter((r) => r.parent === row.key);
      item.append(h('ul', { props: { hidden: !open }, attrs: { role: 'group' } }, ...children.map((child) => this.item(child))));
    }
    return item;
  }

  /** The items a reader can reach with the arrow keys: every top-level theme, and the sub-themes of open ones. */
  private visible(): HTMLElement[] {
    return [...this.element.querySelectorAll<HTMLElement>('[role="treeitem"]')].filter((item) => !item.closest('ul[hidden]'));
  }

  private itemOf(target: EventTarget | null): HTMLElement | null {
    return target instanceof Element ? target.closest<HTMLElement>('[role="treeitem"]') : null;
  }

  private focusSelected(): void {
    this.element.querySelector<HTMLElement>(`[data-key="${this.selectedKey}"]`)?.focus();
  }

  private toggle(key: number): void {
    if (!hasChildren(this.rows, key)) return;
    if (this.collapsed.has(key)) this.collapsed.delete(key);
    else this.collapsed.add(key);
    this.render(true);
  }

  private onKey(event: KeyboardEvent): void {
    if (this.renaming !== null || !this.itemOf(event.target)) return;
    const row = this.selected;
    const moving = event.altKey || event.ctrlKey || event.metaKey;
    const items = this.visible();
    const at = items.findIndex((item) => Number(item.dataset.key) === row.key);
    const go = (index: number): void => {
      const item = items[Math.max(0, Math.min(items.length - 1, index))];
      if (item) this.select(Number(item.dataset.key), true);
    };
    const expandable = hasChildren(this.rows, row.key);
    const open = expandable && !this.collapsed.has(row.key);
    const actions: Record<string, () => void> = moving
      ? { ArrowUp: () => this.move(-1), ArrowDown: () => this.move(1), ArrowRight: () => this.nest(), ArrowLeft: () => this.lift() }
      : {
          ArrowDown: () => go(at + 1),
          ArrowUp: () => go(at - 1),
          Home: () => go(0),
          End: () => go(items.length - 1),
          ArrowRight: () => (open ? go(at + 1) : this.toggle(row.key)),
          ArrowLeft: () => (open ? this.toggle(row.key) : row.parent !== undefined && this.select(row.parent, true)),
          F2: () => this.rename(row.key),
          Enter: () => this.rename(row.key),
          Delete: () => this.events.remove(row),
        };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    action();
  }
}

/** The swatch in the theme's colour, and its label underlined in its style, as its highlights are (colour is never the only cue). */
function paint(swatch: HTMLElement, label: HTMLElement, row: ThemeRow): void {
  swatch.style.backgroundColor = row.colour;
  label.style.textDecorationStyle = row.cue;
  label.style.textDecorationColor = row.colour;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The underline styles a theme can have, named for the details pane. */
export const CUE_NAMES: ReadonlyArray<{ cue: ThemeCue; name: string }> = CUES.map((cue) => ({
  cue,
  name: cue.charAt(0).toUpperCase() + cue.slice(1),
}));
