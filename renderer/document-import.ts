// Reading a document file the reader picked: HTML is parsed here, through the article's ProseMirror
// schema (the only parser, so scripts, styles, frames and attributes never reach the article); every
// other kind goes to the host as bytes, which checks and parses them.
import { DOMParser as PMDOMParser } from 'prosemirror-model';
import type { DocumentSummary, GlossHost, ParsedBlockInput } from '../annotations/contract';
import { GlossError } from '../annotations/errors';
import { articleSchema } from './editor/schema';
import { fileToBase64 } from './file-bytes';

/** The largest HTML file read (as the host's limit for other files). */
const MAX_HTML_BYTES = 20 * 1024 * 1024;

/** Whether a file name is HTML, which the page parses. */
export function isHtmlName(fileName: string): boolean {
  return /\.html?$/i.test(fileName);
}

/** The blocks of an HTML text, as the article schema reads them. */
export function htmlToBlocks(html: string): ParsedBlockInput[] {
  // An inert document: DOMParser's documents run no scripts and load nothing (no images, no frames).
  const dom = new DOMParser().parseFromString(html, 'text/html');
  // A line break separates words; the schema has no node for it and would run them together.
  for (const br of dom.body.querySelectorAll('br')) br.replaceWith(' ');
  const doc = PMDOMParser.fromSchema(articleSchema).parse(dom.body);
  const blocks: ParsedBlockInput[] = [];
  doc.forEach((node) => {
    // Controls are not text; the host refuses them, so they are dropped here.

    const text = node.textContent.replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g, '');
    if (text.trim() === '') return;
    const block: ParsedBlockInput = { type: node.type.name as ParsedBlockInput['type'], text };
    if (node.type.name === 'heading') block.level = Number(node.attrs.level) || 1;
    if (node.type.name === 'list_item' && node.attrs.ordered) block.ordered = true;
    blocks.push(block);
  });
  return blocks;
}

/** An HTML file's blocks, or a reason a reader understands. */
export async function readHtmlFile(fileName: string, bytes: Uint8Array): Promise<ParsedBlockInput[]> {
  if (bytes.length > MAX_HTML_BYTES)
    throw new GlossError('invalid-document', `"${fileName}" is too large (at most ${MAX_HTML_BYTES / 1024 / 1024} MB).`);
  if (bytes.length === 0) throw new GlossError('invalid-document', `"${fileName}" is empty.`);
  let html: string;
  try {
    html = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new GlossError('invalid-document', `"${fileName}" is not UTF-8 text. Save it as UTF-8 and open it again.`);
  }
  const blocks = htmlToBlocks(html);
  if (blocks.length === 0) throw new GlossError('invalid-document', `"${fileName}" holds no text.`);
  return blocks;
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** What a file's new version is sent as: parsed blocks for HTML, bytes for the rest. */
async function contentOf(file: File): Promise<{ blocks: ParsedBlockInput[] } | { dataBase64: string }> {
  if (isHtmlName(file.name)) return { blocks: await readHtmlFile(file.name, new Uint8Array(await file.arrayBuffer())) };
  return { dataBase64: await fileToBase64(file) };
}

/** Adds a file to the library. */
export async function importFile(host: GlossHost, file: File): Promise<DocumentSummary> {
  const content = await contentOf(file);
  return 'blocks' in content
    ? host.importParsedDocument({ fileName: file.name, blocks: content.blocks })
    : host.importDocument({ fileName: file.name, dataBase64: content.dataBase64 });
}

/** Adds a file the desktop shell read and handed over as base64 (HTML, which only the page parses). */
export async function importBytes(host: GlossHost, fileName: string, dataBase64: string): Promise<DocumentSummary> {
  if (!isHtmlName(fileName)) return host.importDocument({ fileName, dataBase64 });
  return host.importParsedDocument({ fileName, blocks: await readHtmlFile(fileName, base64ToBytes(dataBase64)) });
}

/** Replaces a document's text with a new version of its file. */
export async function updateFromFile(host: GlossHost, documentId: string, file: File): Promise<DocumentSummary> {
  return host.updateDocument({ documentId, fileName: file.name, ...(await contentOf(file)) });
}
