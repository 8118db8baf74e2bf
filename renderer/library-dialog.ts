// The Library dialog: every document with its highlights per theme; open one, update one from a new
// version of its file, or remove one and its annotations after the reader confirms.
import { button, closeRow, labelledDialog } from './dialog-parts';
import type { Codebook } from '../annotations/codebook';
import type { DocumentSummary, GlossHost } from '../annotations/contract';
import { updateFromFile } from './document-import';

/** What the dialog needs from the window. */
export interface LibraryContext {
  host: GlossHost;
  codebook: Codebook;
  currentId: string;
  readOnly: boolean;
  /** Shows a document. */
  open(documentId: string): Promise<void>;
  /** A document was removed: the window reloads its library (and shows another document if it showed that one). */
  removed(documentId: string): Promise<void>;
  /** A document has a new text: the window shows it and, when its annotations need it, the review. */
  updated(summary: DocumentSummary): Promise<void>;
  announce(message: string): void;
  onError(message: string): void;
}

/** The accept list of the Open and Update inputs: every kind Gloss reads. */
export const DOCUMENT_ACCEPT = '.txt,.text,.md,.markdown,.html,.htm,.docx,text/plain,text/markdown,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The dialog, made once and kept in the page. */
function dialogElement(): HTMLDialogElement {
  const existing = document.getElementById('library-dialog');
  if (existing) return existing as HTMLDialogElement;
  const { dialog, title } = labelledDialog('library-dialog', 'library-dialog', 'Library');
  const list = document.createElement('ul');
  list.className = 'library-list';
  list.id = 'library-list';
  const input = document.createElement('input');
  input.type = 'file';
  input.id = 'update-input';
  input.accept = DOCUMENT_ACCEPT;
  input.hidden = true;
  dialog.append(title, list, input, closeRow(dialog));
  document.body.append(dialog);
  return dialog;
}

/** The "Trade: 2" list of one document, in codebook order; themes without highlights are left out. */
function countsOf(summary: DocumentSummary, codebook: Codebook): HTMLElement {
  const list = document.createElement('ul');
  list.className = 'library-counts';
  list.setAttribute('aria-label', `Highlights per theme in ${summary.title}`);
  for (const theme of codebook) {
    const count = summary.themeCounts[theme.id] ?? 0;
    if (count === 0) continue;
    const item = document.createElement('li');
    item.dataset.theme = theme.id;
    const swatch = document.createElement('span');
    swatch.className = `swatch swatch-${theme.id}`;
    swatch.setAttribute('aria-hidden', 'true');
    item.append(swatch, `${theme.label}: ${count}`);
    list.append(item);
  }
  if (list.childElementCount === 0) {
    const item = document.createElement('li');
    item.textContent = 'No highlights';
    list.append(item);
  }
  return list;
}

/** Opens the Library dialog. */
export async function showLibraryDialog(context: LibraryContext): Promise<void> {
  const dialog = dialogElement();
  const list = dialog.querySelector<HTMLUListElement>('#library-list')!;
  const input = dialog.querySelector<HTMLInputElement>('#update-input')!;
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
        context.onError(`"${file.name}" did not update the document: ${(error as Error).message}`);
      }
    })();
  };

  const render = async (): Promise<void> => {
    const documents = await context.host.listDocuments({});
    list.replaceChildren(
      ...documents.map((summary) => {
        const item = document.createElement('li');
        item.className = 'library-item';
        item.dataset.documentId = summary.id;
        item.setAttribute('aria-label', summary.title);
        const heading = document.createElement('h3');
        heading.className = 'library-title';
        heading.textContent = summary.title;
        const meta = document.createElement('p');
        meta.className = 'library-meta';
        meta.textContent = `${summary.source} · ${plural(summary.annotationCount, 'highlight')}${summary.id === context.currentId ? ' · open now' : ''}`;
        item.append(heading, meta, countsOf(summary, context.codebook));
        if (summary.needsReview) {
          const review = document.createElement('p');
          review.className = 'library-review';
          review.textContent = 'The text changed: its highlights await review.';
          item.append(review);
        }
        const actions = document.createElement('div');
        actions.className = 'library-actions';
        const confirm = document.createElement('div');
        confirm.className = 'library-confirm';
        confirm.hidden = true;
        const open = button('Open', () => {
          dialog.close();
          void context.open(summary.id);
        });
        open.setAttribute('aria-label', `Open ${summary.title}`);
        const update = button('Update from file…', () => {
          updating = summary.id;
          input.click();
        });
        update.setAttribute('aria-label', `Update ${summary.title} from a new version of its file`);
        const remove = button('Remove…', () => {
          confirm.hidden = false;
          actions.hidden = true;
          confirm.querySelector<HTMLButtonElement>('button')?.focus();
        }, { className: 'danger' });
        remove.setAttribute('aria-label', `Remove ${summary.title}`);
        if (!summary.removable) {
          remove.disabled = true;
          remove.title = 'The bundled article is always there.';
        }
        if (context.readOnly) update.disabled = remove.disabled = true;
        actions.append(open, update, remove);

        const question = document.createElement('p');
        question.textContent = `Remove “${summary.title}” and its ${plural(summary.annotationCount, 'highlight')}? This cannot be undone.`;
        const yes = button('Remove document', () => {
          void (async () => {
            try {
              const removed = await context.host.removeDocument({ documentId: summary.id });
              context.announce(`Removed ${summary.title} and ${plural(removed.annotationsRemoved, 'highlight')}.`);
              await context.removed(summary.id);
              await render();
              dialog.querySelector<HTMLButtonElement>('.library-actions button')?.focus();
            } catch (error) {
              context.onError(`"${summary.title}" was not removed: ${(error as Error).message}`);
            }
          })();
        }, { className: 'danger' });
        const no = button('Keep', () => {
          confirm.hidden = true;
          actions.hidden = false;
          remove.focus();
        });
        confirm.append(question, yes, no);
        item.append(actions, confirm);
        return item;
      }),
    );
  };
  try {
    await render();
  } catch (error) {
    context.onError(`The library cannot be listed: ${(error as Error).message}`);
    return;
  }
  if (!dialog.open) dialog.showModal();
}
