// Commands that open documents: the one read last at start, one picked in the library, files the reader
// opened or dropped, and the library's list.
import type { DocumentSummary, HistorySummary, OpenedDocument } from '../../annotations/contract';
import { importFile } from '../document-import';
import type { Reader } from './context';
import { openReview } from './dialogs';
import { historyFlags } from './history';
import { anchoredAll } from './placement';
import { attempt, refuseIfReadOnly, save } from './saving';
import { fileKind } from '../../annotations/corpus/file-kinds';
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

/** What bringing several files in did: how many opened, and why each other one did not. */
export interface ImportOutcome {
  opened: DocumentSummary[];
  failures: Array<{ name: string; reason: string }>;
  /** The reader pressed Cancel: the files after the one being read were left alone. */
  cancelled: boolean;
}

/** The summary a reader gets after bringing several files in: what opened and, file by file, what did not and why. */
export function importSummary(outcome: ImportOutcome, total: number): string {
  const lines = [
    `Opened ${outcome.opened.length} of ${total} file${total === 1 ? '' : 's'}${outcome.cancelled ? ' (cancelled: the rest were not read)' : ''}.`,
  ];
  if (outcome.failures.length > 0) {
    lines.push(`${outcome.failures.length} could not be opened:`, ...outcome.failures.map((f) => `${f.name}: ${f.reason}`));
  }
  return lines.join('\n');
}

/**
 * Imports files the reader picked, dropped or found in a folder they opened, one after another, then shows the
 * last one that opened. Several files get the progress panel (with Cancel, which stops after the file being
 * read) and a summary of what failed and why. A file that fails adds nothing; the others are kept.
 */
export async function importFiles(reader: Reader, files: readonly File[]): Promise<void> {
  if (refuseIfReadOnly(reader)) return;
  const { progress, banner } = reader.notices;
  const many = files.length > 1;
  const outcome: ImportOutcome = { opened: [], failures: [], cancelled: false };
  if (many) progress.start(`Opening ${files.length} files`, () => (outcome.cancelled = true));
  try {
    for (const [index, file] of files.entries()) {
      if (outcome.cancelled) break;
      const name = file.webkitRelativePath || file.name;
      if (many) progress.show({ label: `${index + 1} of ${files.length}: ${name}`, fraction: index / files.length });
      try {
        outcome.opened.push(await save(reader, () => importFile(reader.host, file)));
      } catch (error) {
        outcome.failures.push({ name, reason: errorMessage(error) });
      }
    }
  } finally {
    if (many) progress.finish();
  }
  const last = outcome.opened.at(-1);
  if (last) await showImported(reader, last);
  if (!many) {
    if (outcome.failures[0]) banner.error(outcome.failures[0].reason);
    return;
  }
  const summary = importSummary(outcome, files.length);
  if (outcome.failures.length > 0 || outcome.cancelled) banner.error(summary);
  else banner.info(summary);
  reader.notices.announce(summary.split('\n')[0]!);
}

/** The files of a folder the reader opened that are documents (hidden files left out), in path order. */
export function documentsOfFolder(files: readonly File[]): File[] {
  return files
    .filter((f) => !(f.webkitRelativePath || f.name).split('/').some((part) => part.startsWith('.')) && fileKind(f.name) === 'document')
    .sort((a, b) => (a.webkitRelativePath || a.name).localeCompare(b.webkitRelativePath || b.name));
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
