// The toolbar as a view of the store, one row: the document picker and the File menu, the theme
// buttons (with the theme styles and the help line's keys), Undo and Redo, the Tools menu, and the
// save status at the end. The menus list the page's commands; app.ts wires their items by id.
import { commandsOf, type CommandMenu } from '../../annotations/menu-commands';
import { themeKeysHelp } from '../dialogs/shortcuts-dialog';
import { ThemeStyles } from '../theme-styles';
import { ariaKeyShortcuts, keyLabels } from '../keymap/keymap';
import { themeBindings } from '../keymap/bindings';
import { selectSaveFailed, selectSaveText } from '../state/modules/saving';
import type { Action } from '../state/actions';
import type { ReaderState } from '../state/reader-state';
import type { Store } from '../state/store';
import { button, byId, h } from '../ui/dom';
import { menuButton, type MenuSpec } from './menu-button';
import { markScrollEdges } from './scroll-edges';

/** A toolbar menu of the page's commands (annotations/menu-commands.ts), the desktop app's menus' list too. */
function commandMenu(menu: CommandMenu, id: string): MenuSpec {
  return {
    id,
    label: menu,
    items: commandsOf(menu).map((command) => ({
      id: command.elementId,
      label: command.label,
      ...(command.title ? { title: command.title } : {}),
      // A command with keys is a keymap command of the same name: the keymap titles it.
      ...(command.keys ? { command: command.id } : {}),
    })),
  };
}

/** What the toolbar's controls run. */
export interface ToolbarCommands {
  applyTheme(themeId: string): void;
  showDocument(documentId: string): void;
}

/** Renders the toolbar from the state after each action that changes what it shows. */
export function mountToolbar(store: Store<ReaderState, Action>, commands: ToolbarCommands): void {
  byId('file-menu-place').replaceWith(menuButton(commandMenu('File', 'file-menu-button')).root);
  byId('tools-menu-place').replaceWith(menuButton(commandMenu('Tools', 'tools-menu-button')).root);
  const els = {
    picker: byId<HTMLSelectElement>('document-picker'),
    themes: byId('theme-buttons'),
    undo: byId<HTMLButtonElement>('undo-button'),
    redo: byId<HTMLButtonElement>('redo-button'),
    status: byId('save-state'),
    app: document.querySelector<HTMLElement>('.app')!,
    helpKeys: document.getElementById('article-help-keys'),
  };
  els.picker.addEventListener('change', () => commands.showDocument(els.picker.value));
  markScrollEdges(els.themes);
  const themeStyles = new ThemeStyles();

  const render = (state: ReaderState, previous: ReaderState | null): void => {
    if (!previous || state.codebook !== previous.codebook) {
      themeStyles.apply(state.codebook);
      renderThemeButtons(els.themes, state, commands);
      if (els.helpKeys) els.helpKeys.textContent = themeKeysHelp(state.codebook);
    }
    if (!previous || state.library !== previous.library) {
      els.picker.replaceChildren(...state.library.map((d) => h('option', { props: { value: d.id } }, d.title)));
    }
    if (state.document && els.picker.value !== state.document.id) els.picker.value = state.document.id;
    if (!previous || state.readOnly !== previous.readOnly) els.app.classList.toggle('is-read-only', state.readOnly !== null);
    const text = selectSaveText(state);
    if (els.status.textContent !== text) els.status.textContent = text;
    els.status.classList.toggle('is-error', selectSaveFailed(state));
    els.undo.disabled = !state.history.canUndo;
    els.redo.disabled = !state.history.canRedo;
  };
  render(store.getState(), null);
  store.subscribe((state, previous) => render(state, previous));
}

function renderThemeButtons(place: HTMLElement, state: ReaderState, commands: ToolbarCommands): void {
  const keys = new Map(themeBindings(state.codebook).map((b) => [b.command, b]));
  place.replaceChildren(
    ...state.codebook.map((theme) => {
      const binding = keys.get(`theme:${theme.id}`);
      const element = button('', () => commands.applyTheme(theme.id), {
        props: {
          className: `theme-button${theme.parent ? ' is-subtheme' : ''}`,
          title: binding ? `${theme.description} (key ${keyLabels(binding).join(', ')})` : theme.description,
        },
        attrs: { 'aria-keyshortcuts': binding ? ariaKeyShortcuts(binding) : null },
        data: { theme: theme.id },
        // Keep the article's selection: a mouse press on the button must not take focus from it.
        on: { mousedown: (event) => event.preventDefault() },
      });
      element.append(
        h('span', { props: { className: `swatch swatch-${theme.id} cue-${theme.cue}` }, attrs: { 'aria-hidden': 'true' } }),
        theme.label,
      );
      return element;
    }),
  );
}
