// What each call of the service works on, said to the store so that the split layout loads exactly those documents
// first (see Needs): one document, an annotation's document, or the whole library.
import type { Needs } from './store';

/** Every document of the library. */
export const ALL: Needs = () => 'all';
/** One document. */
export const ONE =
  (documentId: string): Needs =>
  () => [documentId];
/** The document of an annotation: found among those loaded, or else by loading the library. */
export const OF_ANNOTATION =
  (id: string): Needs =>
  (data) => {
    const found = data.annotations.find((a) => a.id === id);
    return found ? [found.documentId] : 'all';
  };
