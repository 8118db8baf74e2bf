// Commands of the corpus views: the Passages view (with a filter from a matrix or co-occurrence cell), the
// Theme x document matrix and the co-occurrence table, and showing a passage in its document.
import type { CodedPassage } from '../../annotations/corpus/coded-passage';
import type { PassageFilter } from '../../annotations/corpus/passages';
import { showCooccurrenceDialog } from '../dialogs/cooccurrence-dialog';
import { showMatrixDialog } from '../dialogs/matrix-dialog';
import { showPassagesDialog } from '../dialogs/passages-dialog';
import type { Reader } from './context';
import { loadDocument } from './documents';
import { openHighlight } from './navigation';
import { attempt } from './saving';

/** Opens a passage's document (if another is shown) and its highlight, scrolled to and flashed. */
export function showPassage(reader: Reader, passage: CodedPassage): Promise<void> {
  return attempt(reader, async () => {
    if (reader.store.getState().document?.id !== passage.documentId) await loadDocument(reader, passage.documentId);
    openHighlight(reader, passage.id, { scroll: true });
  });
}

/** The Passages view, on `filter` when given. */
export function openPassages(reader: Reader, filter?: PassageFilter): void {
  void reader.flushNote();
  const state = reader.store.getState();
  showPassagesDialog({
    host: reader.host,
    codebook: state.codebook,
    library: state.library,
    filter,
    open: (passage) => showPassage(reader, passage),
  });
}

/** The Theme x document matrix of the library. */
export function openMatrix(reader: Reader): void {
  void reader.flushNote();
  void showMatrixDialog({
    host: reader.host,
    codebook: reader.store.getState().codebook,
    openPassages: (filter) => openPassages(reader, filter),
    onError: (message) => reader.notices.banner.error(message),
  });
}

/** The co-occurrence table of the library. */
export function openCooccurrence(reader: Reader): void {
  void reader.flushNote();
  void showCooccurrenceDialog({
    host: reader.host,
    openPassages: (filter) => openPassages(reader, filter),
    onError: (message) => reader.notices.banner.error(message),
  });
}
