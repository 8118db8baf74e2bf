// Moving a data folder from the single data file to the split layout: every document's file written first, then
// the library file, whose rename into place is the commit point; only then is the data file (and its journal)
// renamed to a kept copy. A crash before the commit leaves the data file as the folder's data (the split is
// done again at the next opening); after it, the next opening finds the library and finishes the renaming.
import { basename, join } from 'node:path';
import type { StoreData } from './data-file';
import { DATA_FILE_NAME } from './data-file';
import { DurableJSONFile } from './durable-json-file';
import { exists, syncFolder, type FileOps } from './file-ops';
import { freeName, stampOf } from './folder-names';
import { JOURNAL_FILE_NAME } from './journal-format';
import { DOCUMENTS_DIR, documentFilePaths, LIBRARY_FILE_NAME, LIBRARY_JOURNAL_NAME, splitData } from './split-layout';

/** Writes the split layout of `data` into `dataDir`, the library file last; then keeps the data file aside (see keepSingleFile). */
export async function splitFolder(fs: FileOps, dataDir: string, data: StoreData, now: Date): Promise<string> {
  const { library, documents } = splitData(data);
  await fs.mkdir(join(dataDir, DOCUMENTS_DIR), { recursive: true });
  for (const file of documents) {
    const paths = documentFilePaths(dataDir, file.documents[0]!.id);
    // A journal left by an earlier attempt that crashed belongs to no snapshot of this split.
    await fs.rm(paths.journal, { force: true });
    await new DurableJSONFile(paths.file, fs).write(file);
  }
  await fs.rm(join(dataDir, LIBRARY_JOURNAL_NAME), { force: true });
  // The commit point: once the library file is in place, the folder is split.
  await new DurableJSONFile(join(dataDir, LIBRARY_FILE_NAME), fs).write(library);
  return keepSingleFile(fs, dataDir, now);
}

/**
 * Renames the data file of a folder already split (and its journal, when it holds anything) to kept copies,
 * so that nothing reads them as the folder's data again; answers the notice to show, or '' when there was
 * nothing to keep.
 */
export async function keepSingleFile(fs: FileOps, dataDir: string, now: Date): Promise<string> {
  const dataFile = join(dataDir, DATA_FILE_NAME);
  const journal = join(dataDir, JOURNAL_FILE_NAME);
  const stamp = stampOf(now);
  let kept = '';
  if (await exists(fs, dataFile)) {
    kept = await freeName(fs, dataDir, `gloss-data.before-split-${stamp}`, '.json');
    await fs.rename(dataFile, kept);
  }
  let keptJournal = '';
  if (await exists(fs, journal)) {
    const size = (await fs.readFile(journal)).length;
    if (size > 0) {
      keptJournal = await freeName(fs, dataDir, `gloss-data.before-split-${stamp}`, '.journal');
      await fs.rename(journal, keptJournal);
    } else await fs.rm(journal, { force: true });
  }
  await syncFolder(fs, dataDir);
  if (!kept && !keptJournal) return '';
  const copies = [kept, keptJournal].filter(Boolean).map((p) => basename(p));
  return (
    `The data folder now keeps a library file and one file per document (faster with many documents); ` +
    `the data file as it was is kept as ${copies.join(' and ')} in ${dataDir}.`
  );
}
