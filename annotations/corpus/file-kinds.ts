// Which files bringing a corpus in reads, by name: documents (text, Markdown, HTML, Word) and annotation
// sets (W3C Web Annotation JSON-LD). Both the Open… of the window and `npm run import` pick files by it.

/** Document files: every kind Gloss opens. */
export const DOCUMENT_EXTENSIONS = ['.txt', '.text', '.md', '.markdown', '.html', '.htm', '.docx'] as const;

/** Annotation sets Gloss imports (JSON-LD, as Export… writes it). */
export const ANNOTATION_EXTENSIONS = ['.jsonld'] as const;

/** What a file is to an import, by its name's extension (any case); null for a kind Gloss does not read. */
export function fileKind(fileName: string): 'document' | 'annotations' | null {
  const dot = fileName.lastIndexOf('.');
  const extension = dot === -1 ? '' : fileName.slice(dot).toLowerCase();
  if ((DOCUMENT_EXTENSIONS as readonly string[]).includes(extension)) return 'document';
  if ((ANNOTATION_EXTENSIONS as readonly string[]).includes(extension) || extension === '.json') return 'annotations';
  return null;
}

/** Whether a file found in a folder is taken: a document or a .jsonld set, never a hidden file. */
export function takenFromFolder(fileName: string): boolean {
  if (fileName.startsWith('.')) return false;
  const kind = fileKind(fileName);
  return kind === 'document' || (kind === 'annotations' && fileName.toLowerCase().endsWith('.jsonld'));
}
