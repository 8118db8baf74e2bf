// The Library dialog: every document with its highlights per theme; open one, update one from a new
// version of its file, or remove one and its annotations after the reader confirms.
import { errorMessage } from '../../annotations/errors';
import type { Codebook } from '../../annotations/codebook';
import type { DocumentSummary, GlossHost } from '../../annotations/contract';
import { updateFromFile } from '../document-import';
import { append, button, h } from '../ui/dom';
import { build, closer, confirm, focusedElement, kept, open } from './dialog';

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
          h('ul', { props: { className: 'library-list', id: 'library-list' } }),
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
  const list = dialog.querySelector<HTMLUListElement>('#library-list')!;
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
  const removeDocument = async (summary: DocumentSummary, item: HTMLElement): Promise<void> => {
    const yes = await confirm({
      title: 'Remove document',
      message: `Remove “${summary.title}” and its ${plural(summary.annotationCount, 'highlight')}? This cannot be undone.`,
      confirmLabel: 'Remove document',
      cancelLabel: 'Keep',
      danger: true,
      within: item,
    });
    if (!yes) return;
    try {
      const removed = await context.host.removeDocument({ documentId: summary.id });
      context.announce(`Removed ${summary.title} and ${plural(removed.annotationsRemoved, 'highlight')}.`);
      await context.removed(summary.id);
      await render();
      dialog.querySelector<HTMLButtonElement>('.library-actions button')?.focus();
    } catch (error) {
      context.onError(`"${summary.title}" was not removed: ${errorMessage(error)}`);
    }
  };

  const render = async (): Promise<void> => {
    const documents = await context.host.listDocuments({});
    list.replaceChildren(
      ...documents.map((summary) => {
        const item = h('li', {
          props: { className: 'library-item' },
          data: { documentId: summary.id },
          attrs: { 'aria-label': summary.title },
        });
        const show = button(
          'Open',
          () => {
            dialog.close();
            void context.open(summary.id);
          },
          { attrs: { 'aria-label': `Open ${summary.title}` } },
        );
        const update = button(
          'Update from file…',
          () => {
            updating = summary.id;
            input.click();
          },
          { props: { disabled: context.readOnly }, attrs: { 'aria-label': `Update ${summary.title} from a new version of its file` } },
        );
        const remove = button('Remove…', () => void removeDocument(summary, item), {
          props: {
            className: 'danger',
            disabled: context.readOnly || !summary.removable,
            ...(summary.removable ? {} : { title: 'The bundled article is always there.' }),
          },
          attrs: { 'aria-label': `Remove ${summary.title}` },
        });
        append(item, [
          h('h3', 'library-title', summary.title),
          h(
            'p',
            'library-meta',
            `${summary.source} · ${plural(summary.annotationCount, 'highlight')}${summary.id === context.currentId ? ' · open now' : ''}`,
          ),
          countsOf(summary, context.codebook),
          summary.needsReview ? h('p', 'library-review', 'The text changed: its highlights await review.') : null,
          h('div', 'library-actions', show, update, remove),
        ]);
        return item;
      }),
    );
  };
  try {
    await render();
  } catch (error) {
    context.onError(`The library cannot be listed: ${errorMessage(error)}`);
    return;
  }
  open(dialog, { returnTo });
}
