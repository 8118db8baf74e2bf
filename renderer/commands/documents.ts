// Commands that open documents: the one read last at start, one picked in the library, files the reader
// opened or dropped, and the library's list.
import type { DocumentSummary, HistorySummary, OpenedDocument } from '../../annotations/contract';
import { importFile } from '../document-import';
import type { Reader } from './context';
import { openReview } from './dialogs';
import { historyFlags } from './history';
import { anchoredAll } from './placement';
import { attempt, refuseIfReadOnly, save } from './saving';
import { errorMessage } from '../../annotations/errors';

/** Remembers which document was read last, for the next start. */
const LAST_DOCUMENT_KEY = 'gloss:last-document';

/** A document and its undo history, asked for together. */
export interface FetchedDocument {
  opened: OpenedDocument;
  history: HistorySummary;
}

/** Asks the host for a document and what its undo history can do. */
export async function fetchDocument(reader: Reader, documentId: string): Promise<FetchedDocument> {
  const [opened, history] = await Promise.all([
    reader.host.openDocument({ documentId }),
    reader.host.getHistory({ documentId, withPreviews: true }),
  ]);
  return { opened, history };
}

/** Shows a document with its highlights (`fetched`: already asked for). */
export async function loadDocument(reader: Reader, documentId: string, fetched: Promise<FetchedDocument> | null = null): Promise<void> {
  await reader.flushNote();
  const { opened, history } = await (fetched ?? fetchDocument(reader, documentId));
  reader.store.dispatch({
    type: 'document-opened',
    document: opened.document,
    codebook: opened.codebook,
    annotations: anchoredAll(opened.document, opened.annotations),
    history: historyFlags(history),
  });
  document.title = `${opened.document.title} — Gloss`;
  localStorage.setItem(LAST_DOCUMENT_KEY, opened.document.id);
  // The text changed since its highlights were made: the reader reviews them.
  if (opened.document.review && opened.annotations.length > 0) openReview(reader);
}

/** Asks the host for the library's documents. */
export async function refreshLibrary(reader: Reader): Promise<void> {
  reader.store.dispatch({ type: 'library-loaded', documents: await reader.host.listDocuments({}) });
}

/**
 * Loads the library and shows the document read last (the bundled article the first time). The
 * independent questions go out together, each a round trip; the remembered document is asked for at
 * once too, and if it is gone from the library that answer is dropped.
 */
export async function startReader(reader: Reader): Promise<void> {
  const remembered = localStorage.getItem(LAST_DOCUMENT_KEY);
  const early = remembered ? fetchDocument(reader, remembered) : null;
  early?.catch(() => undefined);
  const [status, codebook] = await Promise.all([reader.host.getStatus({}), reader.host.getCodebook({}), refreshLibrary(reader)]);
  reader.store.dispatch({ type: 'status-loaded', readOnly: status.readOnly });
  reader.store.dispatch({ type: 'codebook-loaded', codebook, annotations: [] });
  if (status.notices.length > 0) reader.notices.banner.info(status.notices.join('\n'));
  const { library } = reader.store.getState();
  const first = library.find((d) => d.id === remembered) ?? library[0];
  if (!first) throw new Error('The library holds no document.');
  await loadDocument(reader, first.id, first.id === remembered ? early : null);
}

/** Imports files the reader picked or dropped, then shows the last one that opened. */
export async function importFiles(reader: Reader, files: readonly File[]): Promise<void> {
  if (refuseIfReadOnly(reader)) return;
  let last: DocumentSummary | null = null;
  const problems: string[] = [];
  for (const file of files) {
    try {
      last = await save(reader, () => importFile(reader.host, file));
    } catch (error) {
      problems.push(errorMessage(error));
    }
  }
  if (problems.length > 0) reader.notices.banner.error(problems.join('\n'));
  if (last) await showImported(reader, last);
}

/** Shows a document the shell has already added to the library. */
export function showDocument(reader: Reader, documentId: string): Promise<void> {
  return attempt(reader, async () => {
    await refreshLibrary(reader);
    await loadDocument(reader, documentId);
  });
}

async function showImported(reader: Reader, summary: DocumentSummary): Promise<void> {
  await refreshLibrary(reader);
  await loadDocument(reader, summary.id);
  reader.notices.announce(`Opened ${summary.title}.`);
}
