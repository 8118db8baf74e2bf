// The Passages view: every highlight across the library that matches the filters (theme with its sub-themes,
// document, words in the quote or note, having a note, or where two themes meet), grouped by document, in a
// virtualised list. Activating a passage opens it in its document with its highlight selected.
import type { Codebook } from '../../annotations/codebook';
import type { DocumentSummary, GlossHost } from '../../annotations/contract';
import type { CodedPassage } from '../../annotations/corpus/coded-passage';
import type { PassageFilter } from '../../annotations/corpus/passages';
import { errorMessage } from '../../annotations/errors';
import { button, h } from '../ui/dom';
import { plural } from '../ui/plural';
import { field } from '../ui/fields';
import { PassageList } from '../views/passage-list';
import { build, closer, kept, open } from './dialog';

/** What the view needs from the window. */
export interface PassagesContext {
  host: GlossHost;
  codebook: Codebook;
  library: readonly DocumentSummary[];
  /** The filter to start with (a matrix or co-occurrence cell's); none, every passage. */
  filter?: PassageFilter;
  /** Shows a passage in its document, its highlight open. */
  open(passage: CodedPassage): Promise<void>;
}

/** How long typing in the search waits before the list is asked again. */
const SEARCH_DELAY_MS = 200;

let list: PassageList | null = null;
/** The context of the latest opening (the list, made once, reports to it). */
let current: PassagesContext | null = null;

function passagesDialog(): HTMLDialogElement {
  return kept('passages-dialog', () => {
    const theme = h('select', { props: { id: 'passages-theme' } });
    const documentPick = h('select', { props: { id: 'passages-document' } });
    const search = h('input', {
      props: { type: 'search', id: 'passages-search', placeholder: 'Words in the quote or note', autocomplete: 'off', spellcheck: false },
      attrs: { 'aria-label': 'Search quotes and notes' },
    });
    const note = h(
      'select',
      { props: { id: 'passages-note' } },
      h('option', { props: { value: '' } }, 'With or without a note'),
      h('option', { props: { value: 'with' } }, 'With a note'),
      h('option', { props: { value: 'without' } }, 'Without a note'),
    );
    const pair = h('p', { props: { className: 'passages-pair', id: 'passages-pair', hidden: true } });
    return build({
      id: 'passages-dialog',
      className: 'corpus-dialog passages-dialog',
      title: 'Passages',
      description: 'Every highlight across the library that matches the filters, grouped by document. Enter opens one in its document.',
      body: [
        h(
          'div',
          { props: { className: 'corpus-filters' }, attrs: { role: 'search', 'aria-label': 'Filter passages' } },
          field('Theme', theme, 'corpus-field'),
          field('Document', documentPick, 'corpus-field'),
          field('Search', search, 'corpus-field'),
          field('Note', note, 'corpus-field'),
        ),
        pair,
        h('p', { props: { className: 'corpus-status', id: 'passages-status' }, attrs: { role: 'status', 'aria-live': 'polite' } }),
        h('div', { props: { id: 'passages-list' }, attrs: { 'aria-label': 'Passages' } }),
      ],
      actions: [closer()],
    }).dialog;
  });
}

/** Opens the Passages view, with the filter given (or the one chosen last). */
export function showPassagesDialog(context: PassagesContext): void {
  const dialog = passagesDialog();
  const theme = dialog.querySelector<HTMLSelectElement>('#passages-theme')!;
  const documentPick = dialog.querySelector<HTMLSelectElement>('#passages-document')!;
  const search = dialog.querySelector<HTMLInputElement>('#passages-search')!;
  const note = dialog.querySelector<HTMLSelectElement>('#passages-note')!;
  const pair = dialog.querySelector<HTMLElement>('#passages-pair')!;
  const status = dialog.querySelector<HTMLElement>('#passages-status')!;
  const scroller = dialog.querySelector<HTMLElement>('#passages-list')!;
  const { codebook } = context;

  theme.replaceChildren(
    h('option', { props: { value: '' } }, 'All themes'),
    ...codebook.map((t) => h('option', { props: { value: t.id } }, t.parent ? `— ${t.label}` : t.label)),
  );
  documentPick.replaceChildren(
    h('option', { props: { value: '' } }, 'All documents'),
    ...context.library.map((d) => h('option', { props: { value: d.id } }, d.title)),
  );
  let cooccurring = context.filter?.cooccurring;
  if (context.filter) {
    theme.value = context.filter.themes?.[0] ?? '';
    documentPick.value = context.filter.documents?.[0] ?? '';
    search.value = context.filter.text ?? '';
    note.value = context.filter.hasNote === undefined ? '' : context.filter.hasNote ? 'with' : 'without';
  }

  const filter = (): PassageFilter => ({
    ...(theme.value ? { themes: [theme.value] } : {}),
    ...(documentPick.value ? { documents: [documentPick.value] } : {}),
    ...(search.value.trim() ? { text: search.value } : {}),
    ...(note.value ? { hasNote: note.value === 'with' } : {}),
    ...(cooccurring ? { cooccurring } : {}),
  });

  const showPair = (): void => {
    pair.hidden = !cooccurring;
    if (!cooccurring) return pair.replaceChildren();
    const [a, b] = cooccurring.map((id) => codebook.find((t) => t.id === id)?.label ?? id);
    pair.replaceChildren(
      `Where ${a} and ${b} meet (a passage with both, or passages of the two that share text). `,
      button('Show all passages again', () => {
        cooccurring = undefined;
        showPair();
        void reload();
      }),
    );
  };

  current = context;
  list ??= new PassageList(scroller, codebook, {
    open: (passage) => {
      dialog.close();
      void current?.open(passage);
    },
    error: (message) => {
      status.textContent = `Passages could not be loaded: ${message}`;
    },
  });
  const view = list;

  const reload = async (): Promise<void> => {
    const asked = filter();
    status.textContent = 'Finding passages…';
    try {
      const first = await view.load((offset, limit) => context.host.listPassages({ filter: asked, offset, limit }), codebook);
      // A later change of the filters took this one's place: its answer says nothing any more.
      if (!first) return;
      const text =
        first.total === 0 ? 'No passages match.' : `${plural(first.total, 'passage')} in ${plural(first.groups.length, 'document')}.`;
      // The status is a live region inside the dialog (the window's own is inert while a modal dialog is open).
      status.textContent = text;
    } catch (error) {
      status.textContent = `Passages could not be loaded: ${errorMessage(error)}`;
    }
  };

  let typing = 0;
  // A choice reloads with every filter as it stands, the search words too: a search still waiting out its
  // typing delay is part of it, and reloading for it again later would move the reader back to the top.
  theme.onchange =
    documentPick.onchange =
    note.onchange =
      () => {
        clearTimeout(typing);
        void reload();
      };
  search.oninput = () => {
    clearTimeout(typing);
    typing = window.setTimeout(() => void reload(), SEARCH_DELAY_MS);
  };
  showPair();
  open(dialog, { focus: scroller });
  void reload();
}
