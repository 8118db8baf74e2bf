// The ProseMirror schema of an article: a title heading and paragraphs of plain text.
import { Schema } from 'prosemirror-model';

/** Only what the document model has: no marks, since highlights are decorations, not content. */
export const articleSchema = new Schema({
  nodes: {
    doc: { content: 'heading paragraph*' },
    heading: { content: 'text*', defining: true, toDOM: () => ['h1', 0], parseDOM: [{ tag: 'h1' }] },
    paragraph: { content: 'text*', toDOM: () => ['p', 0], parseDOM: [{ tag: 'p' }] },
    text: {},
  },
  marks: {},
});
