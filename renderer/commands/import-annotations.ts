// Importing a JSON-LD file of annotations: its progress step by step, a Cancel for as long as cancelling
// means something, and what came in, what was there already and what failed.
import type { ImportAnnotationsResult } from '../../annotations/contract';
import { errorMessage, isRefusal } from '../../annotations/errors';
import { IMPORT_STEP_LABEL } from '../../annotations/history';
import { fileToBase64 } from '../file-bytes';
import type { Reader } from './context';
import { loadDocument, refreshLibrary } from './documents';
import { refuseIfReadOnly, save } from './saving';

/** Megabytes with one decimal, as a progress line reads them. */
function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/**
 * Imports a file of annotations (with `asCoder`, as that coder's layer). Cancel stops the reading, or takes the import back out once the host
 * has made it (the host's import is one step that cannot be interrupted).
 */
export async function importAnnotations(reader: Reader, file: File, asCoder?: string): Promise<void> {
  if (refuseIfReadOnly(reader)) return;
  const { progress } = reader.notices;
  const reading = new AbortController();
  let cancelled = false;
  progress.start(`Importing ${file.name}`, () => {
    cancelled = true;
    reading.abort();
  });
  try {
    const result = await save(reader, async () => {
      progress.show({ label: 'Reading the file…', fraction: 0 });
      const dataBase64 = await fileToBase64(file, {
        signal: reading.signal,
        onProgress: ({ loaded, total }) =>
          progress.show({ label: `Reading the file… ${megabytes(loaded)} of ${megabytes(total)}`, fraction: total ? loaded / total : 0 }),
      });
      progress.show({ label: 'Checking and anchoring each annotation…' });
      return reader.host.importAnnotations({ fileName: file.name, dataBase64, ...(asCoder === undefined ? {} : { asCoder }) });
    });
    if (cancelled) {
      if (result.created > 0) return await takeBack(reader, result.created);
      return said(reader, 'Import cancelled: nothing was added.');
    }
    progress.uncancellable();
    progress.show({ label: `Showing ${result.created.toLocaleString()} new highlights…` });
    await refreshLibrary(reader);
    await loadDocument(reader, reader.store.getState().document!.id);
    report(reader, result);
  } catch (error) {
    if (cancelled) return said(reader, 'Import cancelled: nothing was added.');
    // A file the host refused changed nothing: say so, and offer no Retry of the same file.
    if (isRefusal(error)) return reader.notices.banner.error(`Nothing was imported. ${errorMessage(error)}`);
    throw error;
  } finally {
    progress.finish();
  }
}

/** Cancel pressed while the host was importing: its one undo step is taken back, if it is still the last. */
async function takeBack(reader: Reader, created: number): Promise<void> {
  const documentId = reader.store.getState().document!.id;
  const summary = await reader.host.getHistory({ documentId });
  if (summary.undoLabel !== IMPORT_STEP_LABEL) {
    await loadDocument(reader, documentId);
    reader.notices.banner.info(`The import of ${created} annotations finished before it could be cancelled. Undo takes it back.`);
    return;
  }
  await save(reader, () => reader.steps.run(() => reader.host.undo({ documentId })));
  await loadDocument(reader, documentId);
  said(reader, 'Import cancelled: nothing was added.');
}

function said(reader: Reader, message: string): void {
  reader.notices.banner.info(message);
  reader.notices.announce(message);
}

function report(reader: Reader, result: ImportAnnotationsResult): void {
  const parts = [`Imported ${result.created} annotation${result.created === 1 ? '' : 's'}`];
  if (result.skipped > 0) parts.push(`${result.skipped} already present`);
  const summary = `${parts.join('; ')}.`;
  if (result.failures.length > 0) {
    const listed = result.failures.slice(0, 10).map((f) => `• ${f.id ? `${f.id}: ` : ''}${f.reason}`);
    const more = result.failures.length > 10 ? [`… and ${result.failures.length - 10} more.`] : [];
    reader.notices.banner.error([`${summary} ${result.failures.length} could not be imported:`, ...listed, ...more].join('\n'));
  } else {
    reader.notices.banner.info(summary);
  }
  reader.notices.announce(summary);
}
