// The toolbar as a view of the store, one row: the document picker and the document menu, the theme
// buttons (with the theme styles and the help line's keys), Undo and Redo, the menu of the rest, and the
// save status at the end. The menus' items keep the ids the buttons had, and app.ts wires them by id.
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

/** The document menu: what brings documents and annotations in and out. */
const DOCUMENT_MENU: MenuSpec = {
  id: 'file-menu-button',
  label: 'File',
  items: [
    { id: 'open-button', label: 'Open…', title: 'Open documents (.txt, .md, .html, .docx), several at once (a folder: Library…)' },
    { id: 'library-button', label: 'Library…', title: 'Every document with its highlights per theme; update or remove one' },
    { id: 'import-annotations-button', label: 'Import annotations…', title: 'Import W3C Web Annotation JSON-LD' },
    { id: 'export-button', label: 'Export…', command: 'export' },
    { id: 'backups-button', label: 'Backups…', title: 'Restore an earlier version of your annotations' },
  ],
};

/** The menu of the rest: the codebook, the corpus views and the reading aids. */
const TOOLS_MENU: MenuSpec = {
  id: 'tools-menu-button',
  label: 'Tools',
  items: [
    { id: 'codebook-button', label: 'Codebook…', title: 'Add, rename, recolour, nest, reorder and delete themes' },
    { id: 'find-button', label: 'Find…', command: 'find' },
    { id: 'view-button', label: 'View…', title: 'Appearance, text size and reading width' },
    { id: 'passages-button', label: 'Passages…', command: 'passages' },
    { id: 'matrix-button', label: 'Themes by document…', command: 'matrix' },
    { id: 'cooccurrence-button', label: 'Co-occurrence…', command: 'cooccurrence' },
    { id: 'suggest-button', label: 'Suggestions…', command: 'suggestions' },
    { id: 'coders-button', label: 'Coders…', command: 'coders' },
    { id: 'agreement-button', label: 'Agreement…', command: 'agreement' },
    { id: 'compare-button', label: 'Compare coding…', command: 'compare' },
    { id: 'shortcuts-button', label: 'Shortcuts', command: 'shortcuts' },
  ],
};

/** What the toolbar's controls run. */
export interface ToolbarCommands {
  applyTheme(themeId: string): void;
  showDocument(documentId: string): void;
}

/** Renders the toolbar from the state after each action that changes what it shows. */
export function mountToolbar(store: Store<ReaderState, Action>, commands: ToolbarCommands): void {
  byId('file-menu-place').replaceWith(menuButton(DOCUMENT_MENU).root);
  byId('tools-menu-place').replaceWith(menuButton(TOOLS_MENU).root);
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
