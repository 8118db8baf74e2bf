// Commands that open documents: the one read last at start, one picked in the library, files the reader
// opened or dropped, and the library's list.
import type { DocumentSummary } from '../../annotations/contract';
import type { OpenedText } from '../../annotations/contract-open';
import { importFile } from '../document-import';
import type { Reader } from './context';
import { openReview } from './dialogs';
import { historyFlags } from './history';
import { bringAnnotations } from './placement';
import { attempt, refuseIfReadOnly, save } from './saving';
import { fileKind } from '../../annotations/corpus/file-kinds';
import { errorMessage } from '../../annotations/errors';

/** Remembers which document was read last, for the next start. */
const LAST_DOCUMENT_KEY = 'gloss:last-document';

/** Asks the host for a document's text, the codebook and the document's undo flags, without its annotations. */
export function fetchDocument(reader: Reader, documentId: string): Promise<OpenedText> {
  return reader.host.openDocumentText({ documentId });
}

/**
 * Shows a document (`fetched`: its text already asked for), then its highlights. The text is painted before
 * any annotation crosses the boundary; the annotations follow in stages (./placement.ts), the toolbar saying
 * "Loading highlights…" until all are in. Resolves once they are; `onTextShown` runs as soon as the text is.
 */
export async function loadDocument(
  reader: Reader,
  documentId: string,
  fetched: Promise<OpenedText> | null = null,
  onTextShown?: () => void,
): Promise<void> {
  await reader.flushNote();
  const opened = await (fetched ?? fetchDocument(reader, documentId));
  const doc = opened.document;
  reader.store.dispatch({
    type: 'document-opened',
    document: doc,
    codebook: opened.codebook,
    annotations: [],
    history: historyFlags(opened.history),
    arriving: opened.annotationCount,
  });
  document.title = `${doc.title} — Gloss`;
  localStorage.setItem(LAST_DOCUMENT_KEY, doc.id);
  onTextShown?.();
  await bringAnnotations(reader, doc, opened.annotationCount);
  // The text changed since its highlights were made: the reader reviews them.
  const state = reader.store.getState();
  if (state.document === doc && doc.review && state.entries.length > 0) openReview(reader);
}

/** Asks the host for the library's documents. */
export async function refreshLibrary(reader: Reader): Promise<void> {
  reader.store.dispatch({ type: 'library-loaded', documents: await reader.host.listDocuments({}) });
}

/**
 * Loads the library and shows the document read last (the bundled article the first time). The
 * independent questions go out together, each a round trip; the remembered document is asked for at
 * once too, and if it is gone from the library that answer is dropped. `onTextShown`: as in loadDocument.
 */
export async function startReader(reader: Reader, onTextShown?: () => void): Promise<void> {
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
  await loadDocument(reader, first.id, first.id === remembered ? early : null, onTextShown);
}

/** What bringing several files in did: how many opened, and why each other one did not. */
export interface ImportOutcome {
  opened: DocumentSummary[];
  failures: Array<{ name: string; reason: string }>;
  /** The reader pressed Cancel: the files after the one being read were left alone. */
  cancelled: boolean;
}

/** How many files of a batch opened, and why each other one did not (the page's import or the desktop shell's). */
export interface ImportCounts {
  opened: number;
  failures: ReadonlyArray<{ name: string; reason: string }>;
  cancelled: boolean;
}

/** The summary a reader gets after bringing several files in: what opened and, file by file, what did not and why. */
export function importSummary(outcome: ImportCounts, total: number): string {
  const lines = [
    `Opened ${outcome.opened} of ${total} file${total === 1 ? '' : 's'}${outcome.cancelled ? ' (cancelled: the rest were not read)' : ''}.`,
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
  reportImport(reader, { ...outcome, opened: outcome.opened.length }, files.length);
}

/** Shows the summary of several files brought in: an error banner when any failed or the rest were cancelled. */
export function reportImport(reader: Reader, counts: ImportCounts, total: number): void {
  const summary = importSummary(counts, total);
  if (counts.failures.length > 0 || counts.cancelled) reader.notices.banner.error(summary);
  else reader.notices.banner.info(summary);
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
