// The document model: an article as a title and paragraphs over one plain text with offsets.
import { GlossError } from './errors';

/** The kinds of block an article is made of. Each is one run of text (one ProseMirror textblock). */
export type BlockType = 'heading' | 'paragraph' | 'list_item' | 'blockquote';

/** Every block type, as a value. */
export const BLOCK_TYPES: readonly BlockType[] = ['heading', 'paragraph', 'list_item', 'blockquote'];

/** One block of the article: its kind and the half-open range [start, end) it covers in the plain text. */
export interface TextBlock {
  type: BlockType;
  start: number;
  end: number;
  /** A heading's level, 1-6; absent means 1 (the title is the first block, a heading). */
  level?: number;
  /** A list item's list is numbered; absent means bulleted. */
  ordered?: boolean;
}

/** A document as stored: its plain text and the blocks that partition it. */
export interface GlossDocument {
  id: string;
  title: string;
  /** Where the text came from (a file name or "bundled sample"). */
  source: string;
  text: string;
  blocks: TextBlock[];
  added: string;
  /** SHA-256 (hex) of `text`; absent in data written before Gloss kept it. */
  contentHash?: string;
  /**
   * Present while the text has changed since its annotations were made and the reader has not
   * finished reviewing them: the hash of the text they were made on, and when it changed.
   */
  review?: { previousHash: string; changed: string };
}

/**
 * Blocks are joined by one newline in the plain text, so a selection that crosses a block
 * boundary reads naturally and every offset maps to exactly one place.
 */
export const BLOCK_SEPARATOR = '\n';

/** The largest document accepted, in UTF-16 code units (about 20 MB of text). */
export const MAX_DOCUMENT_CHARS = 20 * 1024 * 1024;

/** The parts of a parsed plain-text article. */
export interface ParsedText {
  title: string;
  text: string;
  blocks: TextBlock[];
}

/**
 * Parses a plain-text article: the first non-empty line is the title, every further
 * non-empty line is a paragraph. Line endings, a byte-order mark, runs of spaces and tabs
 * and leading/trailing whitespace are normalised; blank lines separate nothing more.
 */
export function parsePlainText(raw: string): ParsedText {
  if (raw.length > MAX_DOCUMENT_CHARS) {
    throw new GlossError('invalid-document', `The document is too large (over ${MAX_DOCUMENT_CHARS} characters).`);
  }
  const lines = raw
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[ \t\f\v\u00A0]+/g, ' ').trim())
    .filter((line) => line.length > 0);
  if (lines.length === 0) throw new GlossError('invalid-document', 'The document is empty.');
  const blocks: TextBlock[] = [];
  let offset = 0;
  lines.forEach((line, index) => {
    if (index > 0) offset += BLOCK_SEPARATOR.length;
    blocks.push({ type: index === 0 ? 'heading' : 'paragraph', start: offset, end: offset + line.length });
    offset += line.length;
  });
  return { title: lines[0]!, text: lines.join(BLOCK_SEPARATOR), blocks };
}

/** The text of each block, in order. */
export function blockTexts(doc: Pick<GlossDocument, 'text' | 'blocks'>): string[] {
  return doc.blocks.map((block) => doc.text.slice(block.start, block.end));
}

/** Index of the block that contains offset (a separator belongs to the block before it), or -1. */
export function blockIndexAt(blocks: readonly TextBlock[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const block = blocks[mid]!;
    if (offset < block.start) hi = mid - 1;
    else if (mid + 1 < blocks.length && offset >= blocks[mid + 1]!.start) lo = mid + 1;
    else return mid;
  }
  return -1;
}
