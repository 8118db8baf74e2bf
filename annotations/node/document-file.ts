// Turning a file's bytes into a document: checks size, emptiness, binary content and UTF-8 before
// parsing; plain text line by line, Markdown through ../markdown, Word through mammoth (./docx).
import { extname } from 'node:path';
import { parsePlainText, type ParsedText } from '../document';
import { GlossError } from '../errors';
import { parseMarkdown } from '../markdown';
import { MAX_DOCUMENT_BYTES } from '../schemas';
import { parseDocx } from './docx';

/** The file kinds read as plain text: one paragraph per line, the first line the title. */
export const TEXT_EXTENSIONS = ['.txt', '.text'];
/** The file kinds read as Markdown: headings, paragraphs, lists and quotes. */
export const MARKDOWN_EXTENSIONS = ['.md', '.markdown'];
/** Word documents, read through mammoth. */
export const WORD_EXTENSIONS = ['.docx'];
/** HTML is parsed by the page, through the article's ProseMirror schema (importParsedDocument). */
export const HTML_EXTENSIONS = ['.html', '.htm'];

const READABLE = [...TEXT_EXTENSIONS, ...MARKDOWN_EXTENSIONS, ...WORD_EXTENSIONS];

function tooLarge(fileName: string, bytes: Uint8Array): GlossError {
  return new GlossError(
    'invalid-document',
    `"${fileName}" is too large (${(bytes.length / 1024 / 1024).toFixed(1)} MB; at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB).`,
  );
}

/**
 * Parses a document file, or says in words a reader understands why it cannot: too large,
 * empty, not text (binary), not UTF-8, or a kind Gloss does not read.
 */
export async function parseDocumentFile(fileName: string, bytes: Uint8Array): Promise<ParsedText> {
  const extension = extname(fileName).toLowerCase();
  if (HTML_EXTENSIONS.includes(extension)) {
    throw new GlossError('invalid-document', `"${fileName}" is HTML, which Gloss reads in its window: open it with Open… there.`);
  }
  if (!READABLE.includes(extension)) {
    throw new GlossError(
      'invalid-document',
      `"${fileName}" is not a text file Gloss can open (it reads ${[...READABLE, ...HTML_EXTENSIONS].join(', ')}).`,
    );
  }
  if (bytes.length > MAX_DOCUMENT_BYTES) throw tooLarge(fileName, bytes);
  if (bytes.length === 0) throw new GlossError('invalid-document', `"${fileName}" is empty.`);
  if (WORD_EXTENSIONS.includes(extension)) return parseDocx(fileName, bytes);
  // A NUL byte never occurs in text (in UTF-8 or in UTF-16 read as UTF-8 it does): the file is binary.
  if (bytes.includes(0)) throw new GlossError('invalid-document', `"${fileName}" is not a text file (it holds binary data).`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new GlossError('invalid-document', `"${fileName}" is not UTF-8 text. Save it as UTF-8 and open it again.`);
  }
  try {
    return MARKDOWN_EXTENSIONS.includes(extension) ? parseMarkdown(text) : parsePlainText(text);
  } catch (error) {
    if (error instanceof GlossError) throw new GlossError(error.code, `"${fileName}": ${error.message}`);
    throw error;
  }
}
