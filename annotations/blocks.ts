// Building a document from parsed blocks (Markdown, HTML, Word): whitespace and control characters
// normalised, empty blocks dropped, the first block made the title, offsets laid out over one text.
import { BLOCK_SEPARATOR, MAX_DOCUMENT_CHARS, type BlockType, type ParsedText, type TextBlock } from './document';
import { GlossError } from './errors';

/** A block as an importer finds it: its kind and its text (not yet normalised). */
export interface ParsedBlock {
  type: BlockType;
  text: string;
  level?: number;
  ordered?: boolean;
}

/** The most blocks one document may have (a paragraph a line of a 20 MB file is far below this). */
export const MAX_BLOCKS = 500_000;

// C0 and C1 controls other than whitespace, and lone surrogates' neighbours stay; whitespace collapses below.

const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;

/** One block's text as it is stored: controls removed, every run of whitespace one space, trimmed. */
export function normaliseBlockText(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(/[\s\u00A0\u2028\u2029]+/g, ' ')
    .trim();
}

/**
 * Lays blocks out over one plain text (joined by BLOCK_SEPARATOR). Empty blocks are dropped;
 * the first block is the title and becomes a level-1 heading whatever it was, as a plain-text
 * file's first line does; heading levels are clamped to 1-6.
 */
export function documentFromBlocks(parsed: readonly ParsedBlock[]): ParsedText {
  if (parsed.length > MAX_BLOCKS) throw new GlossError('invalid-document', `The document has too many blocks (over ${MAX_BLOCKS}).`);
  const blocks: TextBlock[] = [];
  const texts: string[] = [];
  let offset = 0;
  for (const block of parsed) {
    const text = normaliseBlockText(block.text);
    if (text.length === 0) continue;
    if (texts.length > 0) offset += BLOCK_SEPARATOR.length;
    const stored: TextBlock = { type: block.type, start: offset, end: offset + text.length };
    if (texts.length === 0) stored.type = 'heading';
    else if (block.type === 'heading' && block.level !== undefined && block.level !== 1) {
      stored.level = Math.min(6, Math.max(1, Math.trunc(block.level) || 1));
      if (stored.level === 1) delete stored.level;
    } else if (block.type === 'list_item' && block.ordered) stored.ordered = true;
    blocks.push(stored);
    texts.push(text);
    offset += text.length;
    if (offset > MAX_DOCUMENT_CHARS) {
      throw new GlossError('invalid-document', `The document is too large (over ${MAX_DOCUMENT_CHARS} characters).`);
    }
  }
  if (blocks.length === 0) throw new GlossError('invalid-document', 'The document is empty.');
  return { title: texts[0]!, text: texts.join(BLOCK_SEPARATOR), blocks };
}
