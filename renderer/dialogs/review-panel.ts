// The review after a document's text changed: every annotation with how it was found again (exact,
// moved, approximate with a confidence) or not at all; the reader accepts the new place, re-targets
// (selects the new passage, then "Use selection") or deletes each one. A non-modal panel, so the
// article stays selectable while it is open.
import { errorMessage } from '../../annotations/errors';
import type { Annotation } from '../../annotations/annotation';
import { describeRange, type AnchorResult } from '../../annotations/anchoring/anchor';
import type { GlossHost } from '../../annotations/contract';
import type { GlossDocument } from '../../annotations/document';
import { button as domButton, h } from '../ui/dom';
import { build, closer, kept, open } from './dialog';

/** What the panel needs from the window. */
export interface ReviewContext {
  host: GlossHost;
  /** The document as it is now (its new text). */
  document: GlossDocument;
  annotations(): Annotation[];
  anchorOf(id: string): AnchorResult | undefined;
  /** The passage selected in the article, as plain-text offsets, or null. */
  selectedRange(): { start: number; end: number } | null;
  /** An annotation moved: the window shows it at its new place. */
  changed(annotation: Annotation): void;
  /** An annotation was deleted: the window takes it away. */
  deleted(id: string): void;
  /** Scrolls the article to a highlight. */
  reveal(id: string): void;
  announce(message: string): void;
  onError(message: string): void;
  /** Every annotation was handled and the host ended the review. */
  finished(): Promise<void>;
}

/** How an annotation was found, in words (and the confidence, when it is not certain). */
export function describeAnchor(anchor: AnchorResult | undefined): string {
  if (!anchor || anchor.status === 'orphan') return 'Not found in the new text';
  const confidence = `confidence ${Math.round(anchor.confidence * 100)}%`;
  if (anchor.method === 'exact') return 'Found exactly';
  if (anchor.method === 'moved') return `Moved (${confidence})`;
  return `Found approximately (${confidence})`;
}

/** A button named `label` that leaves the article's selection alone when pressed, so "Use selection" can read it. */
function button(text: string, label: string, onClick: () => void, className = ''): HTMLButtonElement {
  return domButton(text, onClick, {
    props: { className },
    attrs: { 'aria-label': label },
    on: { mousedown: (event) => event.preventDefault() },
  });
}

function shorten(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The panel, made once: it redraws itself while open as annotations are handled. */
function reviewPanel(): HTMLDialogElement {
  return kept(
    'review-panel',
    () =>
      build({
        id: 'review-panel',
        className: 'review-panel',
        title: 'Review highlights',
        body: [
          h('p', { props: { id: 'review-intro', className: 'review-intro' } }),
          h('ol', { props: { id: 'review-list', className: 'review-list' } }),
        ],
        actions: [closer('Close (review later)', 'review-close')],
      }).dialog,
  );
}

/** Opens the review of the window's current document. */
export function showReviewPanel(context: ReviewContext): void {
  const panel = reviewPanel();
  const list = panel.querySelector<HTMLOListElement>('#review-list')!;
  const intro = panel.querySelector<HTMLElement>('#review-intro')!;
  const handled = new Set<string>();

  const act = async (id: string, action: () => Promise<string>): Promise<void> => {
    try {
      const message = await action();
      handled.add(id);
      context.announce(message);
      await render();
    } catch (error) {
      context.onError(errorMessage(error));
    }
  };

  const retarget = async (annotation: Annotation, start: number, end: number): Promise<Annotation> => {
    const updated = await context.host.retargetAnnotation({
      id: annotation.id,
      target: { source: context.document.id, selector: describeRange(context.document.text, start, end) },
    });
    context.changed(updated);
    return updated;
  };

  const render = async (): Promise<void> => {
    const waiting = context.annotations().filter((a) => !handled.has(a.id));
    if (waiting.length === 0) {
      await context.host.finishReview({ documentId: context.document.id });
      panel.close();
      context.announce('Review finished: every highlight belongs to the new text.');
      await context.finished();
      return;
    }
    const start = (a: Annotation): number => {
      const anchor = context.anchorOf(a.id);
      return anchor?.status === 'anchored' ? anchor.start : Number.MAX_SAFE_INTEGER;
    };
    waiting.sort((a, b) => start(a) - start(b));
    const orphans = waiting.filter((a) => context.anchorOf(a.id)?.status !== 'anchored').length;
    intro.textContent = `“${context.document.title}” changed. ${waiting.length} highlight${waiting.length === 1 ? '' : 's'} to review${orphans > 0 ? `, ${orphans} not found` : ''}.`;
    list.replaceChildren(
      ...waiting.map((annotation) => {
        const anchor = context.anchorOf(annotation.id);
        const quote = annotation.target.selector[1].exact;
        const now = anchor?.status === 'anchored' ? context.document.text.slice(anchor.start, anchor.end) : quote;
        const item = h(
          'li',
          {
            props: { className: 'review-item' },
            data: { annotationId: annotation.id, method: anchor?.status === 'anchored' ? anchor.method : 'orphan' },
          },
          h('blockquote', 'review-quote', shorten(quote)),
          h('p', 'review-status', describeAnchor(anchor)),
        );
        if (now !== quote) item.append(h('p', 'review-now', `Now reads: “${shorten(now)}”`));
        const actions = h('div', 'review-actions');
        const short = shorten(quote, 40);
        if (anchor?.status === 'anchored') {
          actions.append(
            button(
              'Accept',
              `Accept the new place of “${short}”`,
              () =>
                void act(annotation.id, async () => {
                  await retarget(annotation, anchor.start, anchor.end);
                  return `Accepted “${short}”.`;
                }),
            ),
            button('Show', `Show “${short}” in the article`, () => context.reveal(annotation.id)),
          );
        }
        actions.append(
          button('Use selection', `Use selection: re-target “${short}” to the passage selected in the article`, () => {
            const range = context.selectedRange();
            if (!range) {
              context.announce('Select the new passage in the article first, then press Use selection.');
              return;
            }
            void act(annotation.id, async () => {
              await retarget(annotation, range.start, range.end);
              return `Re-targeted “${short}”.`;
            });
          }),
          button(
            'Delete',
            `Delete the highlight “${short}”`,
            () =>
              void act(annotation.id, async () => {
                await context.host.deleteAnnotation({ id: annotation.id });
                context.deleted(annotation.id);
                return `Deleted “${short}”.`;
              }),
            'danger',
          ),
        );
        item.append(actions);
        return item;
      }),
    );
  };

  void render().then(
    () => {
      if (context.annotations().some((a) => !handled.has(a.id))) open(panel, { modal: false });
    },
    (error: unknown) => context.onError(errorMessage(error)),
  );
}
