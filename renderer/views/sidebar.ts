// The Annotations panel's list as a view of the store: counts, filters and entries redrawn from state;
// a click or Enter on an entry opens its highlight, and the arrow keys walk the whole list.
import { scopeHandler } from '../keymap/keymap';
import { BINDINGS } from '../keymap/bindings';
import { SidebarList } from '../sidebar';
import type { Action, ListFilters } from '../state/actions';
import type { ReaderState } from '../state/reader-state';
import type { Store } from '../state/store';
import { byId } from '../ui/dom';
import type { EditorView } from 'prosemirror-view';

/** What the panel's controls run. */
export interface SidebarCommands {
  open(id: string): void;
  filter(filters: Partial<ListFilters>): void;
  /** The article's view, which the keymap's handlers are called with. */
  view(): EditorView;
}

/** Draws the list from the state after each action that changes what it shows. */
export function mountSidebar(store: Store<ReaderState, Action>, commands: SidebarCommands): void {
  const scroller = byId('sidebar');
  const filter = byId<HTMLSelectElement>('theme-filter');
  const entries = byId<HTMLOListElement>('entries');
  const list = new SidebarList({
    scroller,
    counts: byId('theme-counts'),
    filter,
    entries,
    empty: byId('empty-list'),
    header: byId('sidebar-summary'),
  });

  filter.addEventListener('change', () => commands.filter({ theme: filter.value }));
  // A theme's count filters by it (as choosing it in the select does); pressed again, it shows all.
  byId('theme-counts').addEventListener('click', (event) => {
    const toggle = event.target instanceof Element ? event.target.closest<HTMLElement>('button[data-theme]') : null;
    if (!toggle) return;
    commands.filter({ theme: toggle.getAttribute('aria-pressed') === 'true' ? '' : toggle.dataset.theme! });
  });
  byId('list-filters').addEventListener('input', () =>
    commands.filter({
      query: byId<HTMLInputElement>('annotation-search').value,
      withNote: byId<HTMLInputElement>('filter-with-note').checked,
      orphaned: byId<HTMLInputElement>('filter-orphaned').checked,
    }),
  );
  entries.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[data-entry-id]') : null;
    if (!link) return;
    event.preventDefault();
    commands.open(link.dataset.entryId!);
  });

  // Only the rows in view exist, so the arrow keys (not only Tab) walk the whole list.
  const move = (to: (index: number, count: number) => number) => () => {
    const current = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.entryId : undefined;
    const shown = list.visibleEntries;
    if (!current || shown.length === 0) return false;
    const target =
      shown[
        Math.max(
          0,
          Math.min(
            shown.length - 1,
            to(
              shown.findIndex((e) => e.annotation.id === current),
              shown.length,
            ),
          ),
        )
      ];
    list.reveal(target!.annotation.id)?.focus();
    return true;
  };
  const keys = scopeHandler(BINDINGS, 'list', {
    'list-previous': move((i) => i - 1),
    'list-next': move((i) => i + 1),
    'list-first': move(() => 0),
    'list-last': move((_, n) => n - 1),
  });
  entries.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLElement && event.target.dataset.entryId && keys(commands.view(), event)) event.preventDefault();
  });

  const render = (state: ReaderState, previous: ReaderState | null): void => {
    if (previous && state.document !== previous.document) scroller.scrollTop = 0;
    if (
      previous &&
      state.entries === previous.entries &&
      state.codebook === previous.codebook &&
      state.filters === previous.filters &&
      state.activeId === previous.activeId &&
      state.unsaved === previous.unsaved &&
      state.notesToCome === previous.notesToCome
    ) {
      return;
    }
    const { theme, query, withNote, orphaned } = state.filters;
    list.update({
      entries: state.entries,
      themeSets: state.themeSets,
      codebook: state.codebook,
      filter: theme,
      activeId: state.activeId,
      query,
      withNote,
      orphaned,
      unsaved: state.unsaved,
      notesToCome: state.notesToCome,
    });
  };
  render(store.getState(), null);
  store.subscribe((state, previous) => render(state, previous));
}
