// Reading every document of the library in turn, with its highlights, without holding the library in memory: a
// document the store has not loaded is read from its files, one at a time (the corpus views, the reports).
import type { Annotation } from '../annotation';
import type { GlossDocument } from '../document';
import { annotationsByDocument, byStart, shared } from './data-lookups';
import type { Store } from './store';

/** One document and its annotations in reading order, as forEachDocumentData hands them out. */
export interface DocumentData {
  document: GlossDocument;
  annotations: Annotation[];
}

/**
 * Hands each document of the library with its annotations in reading order to `visit`, in library order, from
 * one consistent version of the library (changes saved while it runs are not seen), awaiting each visit.
 */
export async function forEachDocumentData(store: Store, visit: (entry: DocumentData) => void | Promise<void>): Promise<void> {
  const data = store.data;
  const grouped = annotationsByDocument(data);
  for (const listed of data.documents) {
    // A document not loaded is read from its files, not loaded: the library is never held in memory whole.
    const file = await store.documentFile(listed.id);
    const document = file?.documents[0] ?? listed;
    const annotations = file ? [...file.annotations].sort(byStart) : [...(grouped.get(listed.id) ?? [])];
    await visit(shared<DocumentData>({ document, annotations }));
  }
}
