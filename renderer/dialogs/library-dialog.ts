// The Library dialog: a table of every document (title, source, date added, highlights, per theme) that a
// search narrows and a column header sorts; open one, update one from a new version of its file, or remove
// one and its annotations after the reader confirms.
import { errorMessage } from '../../annotations/errors';
import type { Codebook } from '../../annotations/codebook';
import type { DocumentSummary, GlossHost } from '../../annotations/contract';
import { updateFromFile } from '../document-import';
import { append, button, h } from '../ui/dom';
import { build, closer, confirm, focusedElement, kept, open } from './dialog';
import { LIBRARY_COLUMNS, libraryRows, nextSort, type LibrarySort } from './library-table';

/** What the dialog needs from the window. */
export interface LibraryContext {
  host: GlossHost;
  codebook: Codebook;
  currentId: string;
  readOnly: boolean;
  /** Shows a document. */
  open(documentId: string): Promise<void>;
  /** Opens every document of a folder the reader picks (the folder picker). */
  openFolder(): void;
  /** A document was removed: the window reloads its library (and shows another document if it showed that one). */
  removed(documentId: string): Promise<void>;
  /** A document has a new text: the window shows it and, when its annotations need it, the review. */
  updated(summary: DocumentSummary): Promise<void>;
  announce(message: string): void;
  onError(message: string): void;
}

/** The accept list of the Open and Update inputs: every kind Gloss reads. */
export const DOCUMENT_ACCEPT =
  '.txt,.text,.md,.markdown,.html,.htm,.docx,text/plain,text/markdown,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The dialog, made once and kept in the page: a removal redraws its list while it stays open. */
function libraryDialog(): HTMLDialogElement {
  return kept(
    'library-dialog',
    () =>
      build({
        id: 'library-dialog',
        className: 'library-dialog',
        title: 'Library',
        body: [
          h(
            'div',
            'library-search',
            h('label', { props: { htmlFor: 'library-search' } }, 'Search the library'),
            h('input', { props: { type: 'search', id: 'library-search', placeholder: 'Title or file name', autocomplete: 'off' } }),
            h('span', { props: { id: 'library-shown', className: 'library-shown' }, attrs: { 'aria-live': 'polite' } }),
          ),
          h(
            'div',
            'library-scroll',
            h(
              'table',
              { props: { className: 'library-table' }, attrs: { 'aria-describedby': 'library-shown' } },
              h('thead', null, h('tr', { props: { id: 'library-head' } })),
              h('tbody', { props: { id: 'library-list' } }),
            ),
          ),
          h('input', { props: { type: 'file', id: 'update-input', accept: DOCUMENT_ACCEPT, hidden: true } }),
        ],
        actions: [
          // Wired at each opening, as the update input is: the dialog is kept, its context is not.
          h(
            'button',
            {
              props: {
                type: 'button',
                id: 'library-open-folder',
                title: 'Add every document (.txt, .md, .html, .docx) of a folder and its sub-folders',
              },
            },
            'Open a folder…',
          ),
          closer(),
        ],
      }).dialog,
  );
}

/** When a document was added, as the reader's locale writes a date. */
const ADDED = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** The "Trade: 2" list of one document, in codebook order; themes without highlights are left out. */
function countsOf(summary: DocumentSummary, codebook: Codebook): HTMLElement {
  const items = codebook
    .filter((theme) => (summary.themeCounts[theme.id] ?? 0) > 0)
    .map((theme) =>
      h(
        'li',
        { data: { theme: theme.id } },
        h('span', { props: { className: `swatch swatch-${theme.id}` }, attrs: { 'aria-hidden': 'true' } }),
        `${theme.label}: ${summary.themeCounts[theme.id]}`,
      ),
    );
  return h(
    'ul',
    { props: { className: 'library-counts' }, attrs: { 'aria-label': `Highlights per theme in ${summary.title}` } },
    ...(items.length > 0 ? items : [h('li', null, 'No highlights')]),
  );
}

/** Opens the Library dialog. */
export async function showLibraryDialog(context: LibraryContext): Promise<void> {
  const returnTo = focusedElement();
  const dialog = libraryDialog();
  const list = dialog.querySelector<HTMLTableSectionElement>('#library-list')!;
  const head = dialog.querySelector<HTMLTableRowElement>('#library-head')!;
  const search = dialog.querySelector<HTMLInputElement>('#library-search')!;
  const shown = dialog.querySelector<HTMLElement>('#library-shown')!;
  let documents: DocumentSummary[] = [];
  let sort: LibrarySort | null = null;
  const input = dialog.querySelector<HTMLInputElement>('#update-input')!;
  dialog.querySelector<HTMLButtonElement>('#library-open-folder')!.onclick = () => {
    dialog.close();
    context.openFolder();
  };
  let updating: string | null = null;
  input.onchange = () => {
    const file = input.files?.[0];
    const documentId = updating;
    input.value = '';
    if (!file || !documentId) return;
    void (async () => {
      try {
        const summary = await updateFromFile(context.host, documentId, file);
        dialog.close();
        await context.updated(summary);
      } catch (error) {
        context.onError(`"${file.name}" did not update the document: ${errorMessage(error)}`);
      }
    })();
  };

  /** Asks first (the question sits in the document's row); Keep keeps it. */
  const removeDocument = async (summary: DocumentSummary, cell: HTMLElement): Promise<void> => {
    const yes = await confirm({
      title: 'Remove document',
      message: `Remove “${summary.title}” and its ${plural(summary.annotationCount, 'highlight')}? This cannot be undone.`,
      confirmLabel: 'Remove document',
      cancelLabel: 'Keep',
      danger: true,
      within: cell,
    });
    if (!yes) return;
    try {
      const removed = await context.host.removeDocument({ documentId: summary.id });
      context.announce(`Removed ${summary.title} and ${plural(removed.annotationsRemoved, 'highlight')}.`);
      await context.removed(summary.id);
      await load();
      dialog.querySelector<HTMLButtonElement>('.library-actions button')?.focus();
    } catch (error) {
      context.onError(`"${summary.title}" was not removed: ${errorMessage(error)}`);
    }
  };

  /** The header row: each column a button that sorts by it, its cell saying how it sorts now. */
  const drawHead = (): void => {
    head.replaceChildren(
      ...LIBRARY_COLUMNS.map(({ column, header }) => {
        const sorted = sort?.column === column ? sort.direction : null;
        const cell = h('th', { attrs: { scope: 'col', 'aria-sort': sorted ?? 'none' } });
        cell.append(
          button(
            `${header}${sorted === 'ascending' ? ' ▲' : sorted === 'descending' ? ' ▼' : ''}`,
            () => {
              sort = nextSort(sort, column);
              draw();
              head
                .querySelector<HTMLButtonElement>(`th:nth-child(${LIBRARY_COLUMNS.findIndex((c) => c.column === column) + 1}) button`)
                ?.focus();
            },
            { props: { className: 'library-sort', title: `Sort by ${header.toLowerCase()}` } },
          ),
        );
        return cell;
      }),
      h('th', { attrs: { scope: 'col' } }, 'Themes'),
      h('th', { attrs: { scope: 'col' } }, h('span', 'visually-hidden', 'Actions')),
    );
  };

  const row = (summary: DocumentSummary): HTMLTableRowElement => {
    const item = h('tr', {
      props: { className: 'library-item' },
      data: { documentId: summary.id },
      attrs: { 'aria-label': summary.title },
    });
    const actions = h('div', 'library-actions');
    const show = button(
      'Open',
      () => {
        dialog.close();
        void context.open(summary.id);
      },
      { attrs: { 'aria-label': `Open ${summary.title}` } },
    );
    const update = button(
      'Update…',
      () => {
        updating = summary.id;
        input.click();
      },
      {
        props: { disabled: context.readOnly, title: 'Update from a new version of its file' },
        attrs: { 'aria-label': `Update ${summary.title} from a new version of its file` },
      },
    );
    const remove = button('Remove…', () => void removeDocument(summary, actions), {
      props: {
        className: 'danger',
        disabled: context.readOnly || !summary.removable,
        ...(summary.removable ? {} : { title: 'The bundled article is always there.' }),
      },
      attrs: { 'aria-label': `Remove ${summary.title}` },
    });
    append(actions, [show, update, remove]);
    const added = new Date(summary.added);
    append(item, [
      h(
        'th',
        { attrs: { scope: 'row' } },
        h('span', 'library-title', summary.title),
        summary.id === context.currentId ? h('span', 'library-open-now', ' · open now') : null,
        summary.needsReview ? h('p', 'library-review', 'The text changed: its highlights await review.') : null,
      ),
      h('td', 'library-source', summary.source),
      h(
        'td',
        'library-added',
        Number.isNaN(added.getTime()) ? '—' : h('time', { attrs: { datetime: summary.added } }, ADDED.format(added)),
      ),
      h('td', 'library-count', plural(summary.annotationCount, 'highlight')),
      h('td', null, countsOf(summary, context.codebook)),
      h('td', null, actions),
    ]);
    return item;
  };

  /** Draws the rows the search keeps, in the chosen order. */
  const draw = (): void => {
    drawHead();
    const rows = libraryRows(documents, search.value, sort);
    list.replaceChildren(
      ...(rows.length > 0
        ? rows.map(row)
        : [h('tr', null, h('td', { attrs: { colspan: String(LIBRARY_COLUMNS.length + 2) } }, 'No document matches the search.'))]),
    );
    shown.textContent =
      rows.length === documents.length ? plural(documents.length, 'document') : `${rows.length} of ${plural(documents.length, 'document')}`;
  };
  search.oninput = draw;
  // Each opening starts from the whole library; the sort chosen stays.
  search.value = '';

  const load = async (): Promise<void> => {
    documents = await context.host.listDocuments({});
    draw();
  };
  try {
    await load();
  } catch (error) {
    context.onError(`The library cannot be listed: ${errorMessage(error)}`);
    return;
  }
  open(dialog, { returnTo });
}
