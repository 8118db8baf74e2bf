// A menu button after the WAI-ARIA APG pattern: a button (aria-haspopup="menu", aria-expanded) that
// opens a role="menu" list of role="menuitem" buttons. Arrow keys, Home and End move among the items,
// Enter and Space choose one, Escape (or a press outside) closes the menu and gives focus back to the
// button. The toolbar's document menu and its other menu are both built here.
import { button, h } from '../ui/dom';

/** One command in a menu. Its element keeps `id`, so code and tests can find and wire it by id. */
export interface MenuItem {
  id: string;
  label: string;
  title?: string;
  /** A keymap command: `labelCommandButtons` gives the item its key's title and aria-keyshortcuts. */
  command?: string;
}

/** What a menu button is named and lists. */
export interface MenuSpec {
  /** The button's id; the menu's is `${id}-menu`. */
  id: string;
  label: string;
  title?: string;
  items: readonly MenuItem[];
}

/** A mounted menu button: its parts, and a way to close it from outside. */
export interface MenuButton {
  root: HTMLElement;
  button: HTMLButtonElement;
  menu: HTMLElement;
  items: HTMLButtonElement[];
  close(focusButton: boolean): void;
}

/**
 * Builds a menu button. Choosing an item closes the menu and focuses the button first, so whatever the
 * item opens (a dialog) gives focus back to the button when it closes; then the item's click
 * listeners (added by whoever wires it, by id) run.
 */
export function menuButton(spec: MenuSpec): MenuButton {
  const menuId = `${spec.id}-menu`;
  const items = spec.items.map((item) =>
    button(item.label, () => close(true), {
      props: { id: item.id, tabIndex: -1, ...(item.title ? { title: item.title } : {}) },
      attrs: { role: 'menuitem' },
      data: item.command ? { command: item.command } : {},
    }),
  );
  const menu = h(
    'div',
    { props: { className: 'menu', id: menuId, hidden: true }, attrs: { role: 'menu', 'aria-labelledby': spec.id } },
    ...items,
  );
  const opener = button(spec.label, () => (menu.hidden ? open(0) : close(true)), {
    props: { id: spec.id, className: 'menu-button', ...(spec.title ? { title: spec.title } : {}) },
    attrs: { 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': menuId },
  });
  // The arrow is a picture of "opens a menu", which aria-haspopup already says: kept out of the name.
  opener.append(h('span', { props: { className: 'menu-arrow' }, attrs: { 'aria-hidden': 'true' } }, '▾'));
  const root = h('div', 'menu-root', opener, menu);

  function focusItem(index: number): void {
    const count = items.length;
    items[((index % count) + count) % count]!.focus();
  }
  function open(index: number): void {
    menu.hidden = false;
    opener.setAttribute('aria-expanded', 'true');
    focusItem(index);
  }
  function close(focusButton: boolean): void {
    if (menu.hidden) return;
    menu.hidden = true;
    opener.setAttribute('aria-expanded', 'false');
    if (focusButton) opener.focus();
  }

  opener.addEventListener('keydown', (event) => {
    // Enter and Space act at the key press, not at the button's own activation (Space's comes at key
    // release, which can land after focus has moved on); a click by mouse still toggles the menu.
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (menu.hidden) open(0);
      else close(true);
      return;
    }
    const at = { ArrowDown: 0, ArrowUp: -1 }[event.key];
    if (at === undefined) return;
    event.preventDefault();
    open(at);
  });
  menu.addEventListener('keydown', (event) => {
    const current = items.indexOf(document.activeElement as HTMLButtonElement);
    const to: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: items.length - 1 };
    if (event.key in to) focusItem(to[event.key]!);
    else if (event.key === 'Escape') close(true);
    else if (event.key === 'Tab') return close(false);
    else if (event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // Typing a letter moves to the next item that starts with it, as menus do.
      const key = event.key.toLowerCase();
      const next = [...items.slice(current + 1), ...items.slice(0, current + 1)].find((i) => i.textContent?.toLowerCase().startsWith(key));
      next?.focus();
    } else return;
    event.preventDefault();
    event.stopPropagation();
  });
  // A press or focus outside the menu closes it, leaving focus where it went.
  document.addEventListener('pointerdown', (event) => {
    if (!root.contains(event.target as Node)) close(false);
  });
  root.addEventListener('focusout', (event) => {
    if (event.relatedTarget instanceof Node && !root.contains(event.relatedTarget)) close(false);
  });
  return { root, button: opener, menu, items, close };
}
