// The article's ProseMirror view: selectable and navigable with the caret, but never changed by the reader.
import { EditorState, Plugin } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { GlossDocument } from '../../annotations/document';
import { highlightPlugin } from './highlight-plugin';
import { articleToDoc } from './positions';

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
    state: EditorState.create({ doc: articleToDoc(doc), plugins: [readOnly, highlightPlugin()] }),
    attributes: {
      role: 'textbox',
      'aria-readonly': 'true',
      'aria-multiline': 'true',
      'aria-label': `Article: ${doc.title}`,
      'aria-describedby': 'article-help',
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
