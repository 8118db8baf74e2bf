// Turning a file's bytes into a document: checks size, emptiness, binary content and UTF-8 before parsing.
import { extname } from 'node:path';
import { parsePlainText, type ParsedText } from '../document';
import { GlossError } from '../errors';
import { MAX_DOCUMENT_BYTES } from '../schemas';

/** The file kinds read as plain text: one paragraph per line, the first line the title. */
export const TEXT_EXTENSIONS = ['.txt', '.md', '.markdown', '.text'];

/**
 * Parses a document file, or says in words a reader understands why it cannot: too large,
 * empty, not text (binary), not UTF-8, or a kind Gloss does not read.
 */
export function parseDocumentFile(fileName: string, bytes: Uint8Array): ParsedText {
  const extension = extname(fileName).toLowerCase();
  if (!TEXT_EXTENSIONS.includes(extension)) {
    throw new GlossError('invalid-document', `"${fileName}" is not a text file Gloss can open (it reads ${TEXT_EXTENSIONS.join(', ')}).`);
  }
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw new GlossError('invalid-document', `"${fileName}" is too large (${(bytes.length / 1024 / 1024).toFixed(1)} MB; at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB).`);
  }
  if (bytes.length === 0) throw new GlossError('invalid-document', `"${fileName}" is empty.`);
  // A NUL byte never occurs in text (in UTF-8 or in UTF-16 read as UTF-8 it does): the file is binary.
  if (bytes.includes(0)) throw new GlossError('invalid-document', `"${fileName}" is not a text file (it holds binary data).`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new GlossError('invalid-document', `"${fileName}" is not UTF-8 text. Save it as UTF-8 and open it again.`);
  }
  try {
    return parsePlainText(text);
  } catch (error) {
    if (error instanceof GlossError) throw new GlossError(error.code, `"${fileName}": ${error.message}`);
    throw error;
  }
}
