// The ProseMirror schema of an article: a title heading, then headings, paragraphs, list items and
// quotes, each one textblock of plain text (so a block is one run of the plain text, see ./positions).
import { Schema, type DOMOutputSpec, type TagParseRule } from 'prosemirror-model';

/** Elements that hold blocks: an element containing one is not itself read as a textblock. */
const BLOCK_SELECTOR =
  'p, h1, h2, h3, h4, h5, h6, li, blockquote, ul, ol, div, section, article, table, pre, dl, figure, header, footer, aside, nav, main';

/** Matches an element only when no block element is inside it (a list item or quote of paragraphs is read through its paragraphs). */
function leaf(dom: HTMLElement): boolean {
  return dom.querySelector(BLOCK_SELECTOR) === null;
}

/** The one place list markers are drawn from: a bullet, or the item's number in its run of numbered items. */
export function listMarker(ordered: boolean, number: number): string {
  return ordered ? `${number}.` : '•';
}

function headingRules(): TagParseRule[] {
  return [1, 2, 3, 4, 5, 6].map((level) => ({ tag: `h${level}`, attrs: { level } }));
}

function listItemAttrs(dom: HTMLElement): { ordered: boolean } {
  return { ordered: dom.closest('ol, ul')?.tagName === 'OL' };
}

/**
 * Only what the document model has: no marks, since highlights are decorations, not content.
 * The parse rules read pasted or imported HTML: anything they do not name (scripts, styles,
 * frames, images, every attribute, event handlers) never becomes part of the article. Paragraph
 * comes first among the blocks so that loose text is wrapped in a paragraph, not a heading.
 */
export const articleSchema = new Schema({
  nodes: {
    doc: { content: 'heading block*' },
    paragraph: {
      group: 'block',
      content: 'text*',
      toDOM: () => ['p', 0],
      parseDOM: [
        { tag: 'li p', priority: 60, node: 'list_item', getAttrs: (dom) => listItemAttrs(dom as HTMLElement) },
        { tag: 'blockquote p', priority: 60, node: 'blockquote' },
        { tag: 'p' },
        { tag: 'pre', preserveWhitespace: false },
      ],
    },
    heading: {
      group: 'block',
      attrs: { level: { default: 1 } },
      content: 'text*',
      defining: true,
      toDOM: (node): DOMOutputSpec => [`h${Math.min(6, Math.max(1, Number(node.attrs.level) || 1))}`, 0],
      parseDOM: headingRules(),
    },
    list_item: {
      group: 'block',
      attrs: { ordered: { default: false }, marker: { default: '•' } },
      content: 'text*',
      // A flat paragraph with its marker drawn by CSS: a real <li> would need a list around it and
      // so a node that is not a textblock, which would break the one-block-one-run offsets.
      toDOM: (node): DOMOutputSpec => [
        'p',
        { class: node.attrs.ordered ? 'list-item is-ordered' : 'list-item', 'data-marker': String(node.attrs.marker) },
        0,
      ],
      parseDOM: [{ tag: 'li', getAttrs: (dom) => (leaf(dom as HTMLElement) ? listItemAttrs(dom as HTMLElement) : false) }],
    },
    blockquote: {
      group: 'block',
      content: 'text*',
      toDOM: () => ['blockquote', ['p', 0]],
      parseDOM: [{ tag: 'blockquote', getAttrs: (dom) => (leaf(dom as HTMLElement) ? null : false) }],
    },
    text: {},
  },
  marks: {},
});
