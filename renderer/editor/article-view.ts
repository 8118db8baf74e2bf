// The article's ProseMirror view: selectable and navigable with the caret, but never changed by the reader.
import { EditorState, Plugin, TextSelection, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { GlossDocument } from '../../annotations/document';
import { findPlugin } from './find-plugin';
import { highlightPlugin } from './highlight-plugin';
import { highlightWindowPlugin } from './highlight-window';
import { articleToDoc } from './positions';
import { suggestionPlugin } from './suggestion-plugin';

/** What the app handles on behalf of the view. */
export interface ArticleHandlers {
  /** A key pressed inside the article; true when handled. */
  onKey(view: EditorView, event: KeyboardEvent): boolean;
  /** A click on a highlight element (the innermost one under the pointer). */
  onHighlightClick(annotationId: string): void;
}

/**
 * The article stays pristine: every transaction that would change the document is dropped,
 * and the browser's own editing input is cancelled before it reaches the DOM. The view stays
 * contenteditable only so that the caret and Shift+arrows work for keyboard selection.
 */
const readOnly = new Plugin({
  filterTransaction: (tr) => !tr.docChanged,
  props: {
    handleDOMEvents: {
      beforeinput: (_view, event) => {
        event.preventDefault();
        return true;
      },
    },
    handlePaste: () => true,
    handleDrop: () => true,
    handleTextInput: () => true,
  },
});

/** Creates the view of a document in `place`. */
export function createArticleView(place: HTMLElement, doc: GlossDocument, handlers: ArticleHandlers): EditorView {
  return new EditorView(place, {
    state: EditorState.create({
      doc: articleToDoc(doc),
      plugins: [readOnly, highlightPlugin(), highlightWindowPlugin(liveTransaction), findPlugin(), suggestionPlugin()],
    }),
    attributes: {
      role: 'textbox',
      'aria-readonly': 'true',
      'aria-multiline': 'true',
      'aria-label': `Article: ${doc.title}`,
      'aria-describedby': 'article-help',
      // Contenteditable is focusable anyway; the explicit tabindex also tells checkers (axe's
      // scrollable-region-focusable) that the scrolling reader holds something the keyboard reaches.
      tabindex: '0',
      spellcheck: 'false',
      autocorrect: 'off',
      autocapitalize: 'off',
      translate: 'no',
      class: 'article',
    },
    handleKeyDown: (view, event) => handlers.onKey(view, event),
    handleClick: (_view, _pos, event) => {
      const target = event.target instanceof Element ? event.target.closest('[data-annotation-id]') : null;
      const id = target?.getAttribute('data-annotation-id');
      if (!id) return false;
      handlers.onHighlightClick(id);
      return false;
    },
  });
}

/** The DOM selection inside the view as ProseMirror positions, or null when the view lacks focus or a selection. */
function domSelection(view: EditorView): { anchor: number; head: number } | null {
  const dom = view.dom.ownerDocument.getSelection();
  if (!view.hasFocus() || !dom?.anchorNode || !dom.focusNode) return null;
  if (!view.dom.contains(dom.anchorNode) || !view.dom.contains(dom.focusNode)) return null;
  try {
    return { anchor: view.posAtDOM(dom.anchorNode, dom.anchorOffset), head: view.posAtDOM(dom.focusNode, dom.focusOffset) };
  } catch {
    return null;
  }
}

/**
 * The selection as the reader sees it now. ProseMirror learns of caret moves from the
 * asynchronous selectionchange event, so a key pressed right after an arrow key could act on
 * the old selection; while the view has focus the DOM selection is read directly.
 */
export function liveSelection(view: EditorView): { from: number; to: number; head: number } {
  const live = domSelection(view);
  if (!live) return { from: view.state.selection.from, to: view.state.selection.to, head: view.state.selection.head };
  return { from: Math.min(live.anchor, live.head), to: Math.max(live.anchor, live.head), head: live.head };
}

/**
 * A transaction that starts from the selection the reader sees. Dispatching one made from a
 * stale state selection would put the caret back where it was before the last arrow key.
 */
export function liveTransaction(view: EditorView): Transaction {
  const tr = view.state.tr;
  const live = domSelection(view);
  if (live && (live.anchor !== tr.selection.anchor || live.head !== tr.selection.head)) {
    tr.setSelection(TextSelection.create(tr.doc, live.anchor, live.head));
  }
  return tr;
}
