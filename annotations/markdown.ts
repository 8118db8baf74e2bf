// A small Markdown reader for articles: headings, paragraphs, lists and quotes become blocks;
// inline markup (emphasis, links, code, images, HTML tags) is reduced to its text. Pure: no DOM.
import { documentFromBlocks, type ParsedBlock } from './blocks';
import type { ParsedText } from './document';
import { GlossError } from './errors';
import { MAX_DOCUMENT_CHARS } from './document';

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”' };

/** Decodes the few named entities articles use and every numeric one; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z]{2,8});/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/** Reduces a line's inline Markdown to the text a reader sees. */
export function inlineText(source: string): string {
  let text = source;
  // Code spans first: their content is literal.
  const codes: string[] = [];
  text = text.replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (_m, _ticks, code: string) => {
    codes.push(code.trim());
    return `\u0000${codes.length - 1}\u0000`;
  });
  // Backslash escapes are literal too: kept aside so emphasis does not take their characters.
  text = text.replace(/\\([!-/:-@[-`{-~])/g, (_m, char: string) => {
    codes.push(char);
    return `\u0000${codes.length - 1}\u0000`;
  });
  text = text
    // Images keep their alt text, links their text; reference links and footnote marks likewise.
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/!\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/\[\^[^\]]+\]/g, '')
    // Autolinks keep their address; other inline HTML tags go.
    .replace(/<((?:https?|mailto):[^>\s]+)>/gi, '$1')
    .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    // Emphasis: asterisks anywhere, underscores only at word edges (snake_case stays), strikethrough.
    .replace(/(\*{1,3})(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w])(_{1,3})(?=\S)([\s\S]*?\S)\2(?!\w)/g, '$1$3')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1');
  text = decodeEntities(text);
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => codes[Number(i)] ?? '');
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const LIST_ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const QUOTE = /^ {0,3}>[ ]?(.*)$/;
const REFERENCE = /^ {0,3}\[[^\]]+\]:\s*\S+/;

/** Parses Markdown into blocks (before normalisation): the form documentFromBlocks takes. */
export function markdownBlocks(raw: string): ParsedBlock[] {
  const lines = raw.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const blocks: ParsedBlock[] = [];
  // The block being filled by consecutive lines (a paragraph, a list item, a quote), or null.
  let open: ParsedBlock | null = null;
  let fence: string | null = null;
  const close = (): void => {
    if (open) blocks.push({ ...open, text: inlineText(open.text) });
    open = null;
  };
  for (const line of lines) {
    if (fence !== null) {
      if (line.trimStart().startsWith(fence)) fence = null;
      else if (line.trim()) blocks.push({ type: 'paragraph', text: line });
      continue;
    }
    const fenced = FENCE.exec(line);
    if (fenced) {
      close();
      fence = fenced[1]!;
      continue;
    }
    if (line.trim() === '') {
      close();
      continue;
    }
    const quote = QUOTE.exec(line);
    if (quote) {
      const inner = quote[1]!.replace(/^(?: {0,3}>[ ]?)+/, '');
      if (inner.trim() === '') {
        close();
        continue;
      }
      const heading = ATX.exec(inner);
      const body = heading ? (heading[2] ?? '') : inner.replace(LIST_ITEM, (_m, _i, _marker, rest: string | undefined) => rest ?? '');
      if (open?.type === 'blockquote' && !heading) open.text += ` ${body}`;
      else {
        close();
        open = { type: 'blockquote', text: body };
      }
      continue;
    }
    const setext = SETEXT.exec(line);
    if (setext && open?.type === 'paragraph') {
      const level = setext[1]![0] === '=' ? 1 : 2;
      open = { type: 'heading', level, text: open.text };
      close();
      continue;
    }
    if (THEMATIC.test(line)) {
      close();
      continue;
    }
    const heading = ATX.exec(line);
    if (heading) {
      close();
      blocks.push({ type: 'heading', level: heading[1]!.length, text: inlineText(heading[2] ?? '') });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item && (open === null || open.type !== 'paragraph' || item[3] !== undefined)) {
      close();
      open = { type: 'list_item', ordered: /\d/.test(item[2]!), text: item[3] ?? '' };
      continue;
    }
    if (REFERENCE.test(line) && open === null) continue;
    // A continuation: of the open paragraph, list item or quote (lazily), or a new paragraph.
    if (open) open.text += ` ${line.trim()}`;
    else open = { type: 'paragraph', text: line.trim() };
  }
  close();
  return blocks;
}

/** Parses a Markdown article: the first block is the title. */
export function parseMarkdown(raw: string): ParsedText {
  if (raw.length > MAX_DOCUMENT_CHARS) {
    throw new GlossError('invalid-document', `The document is too large (over ${MAX_DOCUMENT_CHARS} characters).`);
  }
  return documentFromBlocks(markdownBlocks(raw));
}
