// Reading a Word (.docx) file through mammoth: its own document tree (not its HTML) gives the
// blocks, so nothing of the file's markup is ever parsed as HTML. Images, comments and notes are dropped.
import mammoth from 'mammoth';
import { documentFromBlocks, type ParsedBlock } from '../blocks';
import type { ParsedText } from '../document';
import { GlossError } from '../errors';

/** The part of mammoth's document tree Gloss reads (see mammoth/lib/documents.js). */
interface MammothElement {
  type: string;
  children?: MammothElement[];
  value?: string;
  styleId?: string | null;
  styleName?: string | null;
  numbering?: { isOrdered?: boolean; level?: string } | null;
}

/** The text of a paragraph's runs, links and tabs; notes and comments are not part of the article. */
function textOf(element: MammothElement): string {
  switch (element.type) {
    case 'text':
      return element.value ?? '';
    case 'tab':
    case 'break':
      return ' ';
    case 'noteReference':
    case 'commentReference':
    case 'image':
    case 'checkbox':
      return '';
    default:
      return (element.children ?? []).map(textOf).join('');
  }
}

function headingLevel(paragraph: MammothElement): number | null {
  for (const name of [paragraph.styleName, paragraph.styleId]) {
    if (!name) continue;
    if (/^title$/i.test(name)) return 1;
    const match = /^heading\s*([1-9])$/i.exec(name);
    if (match) return Math.min(6, Number(match[1]));
  }
  return null;
}

function isQuote(paragraph: MammothElement): boolean {
  return [paragraph.styleName, paragraph.styleId].some((name) => !!name && /^(intense\s*)?quote$/i.test(name));
}

/** The blocks of mammoth's document tree, in reading order (table cells row by row). */
export function blocksOfDocxTree(root: MammothElement): ParsedBlock[] {
  const blocks: ParsedBlock[] = [];
  const visit = (element: MammothElement, depth: number): void => {
    if (depth > 64) return;
    if (element.type === 'paragraph') {
      const text = textOf(element);
      const level = headingLevel(element);
      if (level !== null) blocks.push({ type: 'heading', level, text });
      else if (isQuote(element)) blocks.push({ type: 'blockquote', text });
      else if (element.numbering) blocks.push({ type: 'list_item', ordered: element.numbering.isOrdered === true, text });
      else blocks.push({ type: 'paragraph', text });
      return;
    }
    for (const child of element.children ?? []) visit(child, depth + 1);
  };
  visit(root, 0);
  return blocks;
}

/** Parses a .docx file's bytes; says in words why it cannot. */
export async function parseDocx(fileName: string, bytes: Uint8Array): Promise<ParsedText> {
  let tree: MammothElement | null = null;
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      {
        externalFileAccess: false,
        // Keep the tree, and hand mammoth an empty body so it builds no HTML (nor data: images) for nothing.
        transformDocument: (document: MammothElement) => {
          tree = document;
          return { ...document, children: [] };
        },
      },
    );
  } catch {
    throw new GlossError('invalid-document', `"${fileName}" is not a Word document Gloss can read (it may be damaged, or an older .doc).`);
  }
  if (!tree) throw new GlossError('invalid-document', `"${fileName}" holds no document.`);
  try {
    return documentFromBlocks(blocksOfDocxTree(tree));
  } catch (error) {
    if (error instanceof GlossError) throw new GlossError(error.code, `"${fileName}": ${error.message}`);
    throw error;
  }
}
