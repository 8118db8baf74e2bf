// Markdown import: markdown-it reads the article, and its tokens become blocks (headings with their levels,
// paragraphs, list items, quotes); inline markup (emphasis, links, code, images, HTML tags) is reduced to its text.
//
// Why markdown-it: it is a CommonMark parser whose output is a flat token stream, block tokens with nesting
// marks and inline tokens as their children, which maps onto ParsedBlock[] in one pass with no tree to build.
// It is plain ESM with no DOM and no Node built-ins, so it runs in the domain and bundles for the browser; it
// decodes every HTML5 entity; footnotes come from its own plugin. micromark gives HTML or low-level events (an
// AST needs mdast-util-from-markdown and its extensions on top); prosemirror-markdown builds ProseMirror nodes
// (with markdown-it underneath), and the domain may not import ProseMirror.
import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import type { Token } from 'markdown-it';
import { documentFromBlocks, type ParsedBlock } from './blocks';
import type { BlockType, ParsedText } from './document';
import { GlossError } from './errors';
import { MAX_DOCUMENT_CHARS } from './document';

/**
 * CommonMark with GitHub's tables and strikethrough (the default preset) and footnotes. HTML is
 * recognised so that its tags can be dropped; nothing is ever rendered. Linkify and typographer
 * stay off: the text is kept as written.
 */
const md = new MarkdownIt('default', { html: true }).use(footnote);

/** HTML blocks whose content is code, not prose (CommonMark's first kind of HTML block, less `pre`). */
const NOT_PROSE = /^\s*<(?:script|style|textarea)[\s>]/i;

/** The number a footnote is shown with (markdown-it-footnote numbers them from 0 in order of first use). */
function footnoteNumber(token: Token): string {
  const id = (token.meta as { id?: unknown } | null)?.id;
  return typeof id === 'number' ? `[${id + 1}]` : '';
}

/** The text a reader sees of inline tokens: markup and HTML tags go, images keep their alt text. */
function textOf(tokens: readonly Token[]): string {
  let text = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'softbreak':
      case 'hardbreak':
        text += ' ';
        break;
      case 'image':
        text += textOf(token.children ?? []);
        break;
      case 'footnote_ref':
        text += footnoteNumber(token);
        break;
      case 'html_inline':
      case 'footnote_anchor':
        break;
      default:
        // text, code_inline; the open and close marks of emphasis and links have no content.
        text += token.content;
    }
  }
  return text;
}

/** Reduces a line's inline Markdown to the text a reader sees. */
export function inlineText(source: string): string {
  return textOf(md.parseInline(source, {})[0]?.children ?? []);
}

/** Where the walk is: inside how many quotes, and whether the next block starts a list item (and of which list). */
interface Context {
  quotes: number;
  lists: boolean[];
  /** Set by a list item's opening, taken by its first block: later blocks of the item are paragraphs. */
  itemStart: { ordered: boolean } | null;
  /** A table row's cells, while one is read. */
  cells: string[] | null;
  /** What the next block starts with: a footnote's number. */
  prefix: string;
}

/** Parses Markdown into blocks (before normalisation): the form documentFromBlocks takes. */
export function markdownBlocks(raw: string): ParsedBlock[] {
  const tokens = md.parse(raw.replace(/^\uFEFF/, ''), {});
  const blocks: ParsedBlock[] = [];
  const at: Context = { quotes: 0, lists: [], itemStart: null, cells: null, prefix: '' };
  /** A quote holds whatever is inside it; a list item's first block is the item. */
  const push = (type: BlockType, inline: string, level?: number): void => {
    const text = at.prefix + inline;
    at.prefix = '';
    if (at.quotes > 0) blocks.push({ type: 'blockquote', text });
    else if (at.itemStart) blocks.push({ type: 'list_item', ordered: at.itemStart.ordered, text });
    else blocks.push(level === undefined ? { type, text } : { type, level, text });
    at.itemStart = null;
  };
  for (const [i, token] of tokens.entries()) {
    switch (token.type) {
      case 'blockquote_open':
        at.quotes += 1;
        break;
      case 'blockquote_close':
        at.quotes -= 1;
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        at.lists.push(token.type === 'ordered_list_open');
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        at.lists.pop();
        break;
      case 'list_item_open':
        at.itemStart = { ordered: at.lists[at.lists.length - 1] ?? false };
        break;
      case 'list_item_close':
        at.itemStart = null;
        break;
      case 'tr_open':
        at.cells = [];
        break;
      case 'tr_close':
        push('paragraph', (at.cells ?? []).join(' | '));
        at.cells = null;
        break;
      case 'footnote_open':
        // The note's text follows its number, as a reader sees it at the foot of the article.
        at.prefix = `${footnoteNumber(token)} `;
        break;
      case 'inline': {
        const text = textOf(token.children ?? []);
        const opener = tokens[i - 1];
        if (at.cells) at.cells.push(text);
        else if (opener?.type === 'heading_open') push('heading', text, Number(opener.tag.slice(1)));
        else push('paragraph', text);
        break;
      }
      case 'fence':
      case 'code_block':
        // Code keeps its lines: one block each, literal.
        for (const line of token.content.split('\n')) if (line.trim()) push('paragraph', line);
        break;
      case 'html_block':
        if (!NOT_PROSE.test(token.content)) push('paragraph', inlineText(token.content));
        break;
      default:
      // Rules, reference definitions and the open and close marks of paragraphs, headings and tables carry no text.
    }
  }
  return blocks;
}

/** Parses a Markdown article: the first block is the title. */
export function parseMarkdown(raw: string): ParsedText {
  if (raw.length > MAX_DOCUMENT_CHARS) {
    throw new GlossError('invalid-document', `The document is too large (over ${MAX_DOCUMENT_CHARS} characters).`);
  }
  return documentFromBlocks(markdownBlocks(raw));
}
