// Commands of the corpus views: the Passages view (with a filter from a matrix or co-occurrence cell), the
// Theme x document matrix and the co-occurrence table, and showing a passage in its document.
import type { CodedPassage } from '../../annotations/corpus/coded-passage';
import type { PassageFilter } from '../../annotations/corpus/passages';
import { showCooccurrenceDialog } from '../dialogs/cooccurrence-dialog';
import { showMatrixDialog, warmMatrix } from '../dialogs/matrix-dialog';
import { showPassagesDialog } from '../dialogs/passages-dialog';
import type { Reader } from './context';
import { loadDocument } from './documents';
import { openHighlight } from './navigation';
import { attempt } from './saving';
import type { ReaderState } from '../state/reader-state';

/** How long the page rests (no change to the library, codebook or highlights) before it has the matrix counted again. */
const WARM_AFTER_MS = 3000;

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

/** What the matrix is counted from, as the page holds it: the library's list, the codebook and the shown highlights. */
function matrixVersion(state: ReaderState): readonly unknown[] {
  return [state.library, state.codebook, state.annotations];
}

/**
 * Keeps the matrix counted ahead of being opened: once the page has rested WARM_AFTER_MS after a change (and
 * nothing waits to be saved), the host is asked for it when the page is idle, so the count never delays an edit.
 */
export function keepMatrixWarm(reader: Reader): void {
  let timer = 0;
  let version: readonly unknown[] = [];
  const schedule = (state: ReaderState): void => {
    const next = matrixVersion(state);
    if (next.every((part, i) => part === version[i])) return;
    version = next;
    clearTimeout(timer);
    timer = window.setTimeout(() => {
      const now = reader.store.getState();
      // Edits under way: their acknowledgement changes the highlights, which schedules this again.
      if (now.unsaved.size > 0 || now.document === null) return;
      const ask = (): void => void warmMatrix(reader.host, matrixVersion(reader.store.getState())).catch(() => undefined);
      if ('requestIdleCallback' in window) window.requestIdleCallback(ask, { timeout: 2000 });
      else ask();
    }, WARM_AFTER_MS);
  };
  reader.store.subscribe((state) => schedule(state));
  schedule(reader.store.getState());
}

/** The Theme x document matrix of the library. */
export function openMatrix(reader: Reader): void {
  void reader.flushNote();
  void showMatrixDialog({
    host: reader.host,
    codebook: reader.store.getState().codebook,
    version: matrixVersion(reader.store.getState()),
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
