// Reading the split layout's document files from outside the file set's writing: one document as its files hold
// it (its journal replayed, nothing written), and the documents whose files are there but the library does not list.
import { join } from 'node:path';
import type { SchemaInfo } from './data-file';
import { readIfThere, type FileOps } from './file-ops';
import { planFileOpening } from './open-plan';
import {
  documentFileBase,
  documentFileKind,
  entryOf,
  NO_DOCUMENT_FILE,
  type StoredDocumentFile,
  type StoredEntry,
  type StoredLibrary,
} from './split-layout';

/** A document's data as its file and journal hold it, without writing anything (no recovery, no compaction); null when there is none or it cannot be read. */
export async function readDocumentFile(
  fs: FileOps,
  schema: SchemaInfo,
  file: string,
  journal: string,
  /** The library's last committed batch (see BatchLine); none: every line counts. */
  committed?: number,
): Promise<StoredDocumentFile | null> {
  const read = { dataFile: await readIfThere(fs, file), journal: await readIfThere(fs, journal) };
  if (read.dataFile === null) return null;
  const plan = planFileOpening(
    read,
    documentFileKind(schema, () => NO_DOCUMENT_FILE),
    { dataFile: file, journal },
    committed,
  );
  return plan.data === NO_DOCUMENT_FILE ? null : plan.data;
}

/**
 * The entries of the documents whose files are in `folder` (readable, under their own names: not set aside
 * or kept copies) and that `library` does not list, in file-name order.
 */
export async function unlistedDocuments(fs: FileOps, schema: SchemaInfo, folder: string, library: StoredLibrary): Promise<StoredEntry[]> {
  const listed = new Set(library.documents.map((d) => documentFileBase(d.id)));
  const found: StoredEntry[] = [];
  for (const name of (await fs.readdir(folder)).sort()) {
    const base = name.slice(0, -'.json'.length);
    if (!name.endsWith('.json') || name.startsWith('.') || base.includes('.unreadable-') || listed.has(base)) continue;
    const file = await readDocumentFile(fs, schema, join(folder, name), join(folder, `${base}.journal`)).catch(() => null);
    const doc = file?.documents[0];
    if (file && doc && documentFileBase(doc.id) === base) found.push(entryOf(doc, file.annotations));
  }
  return found;
}
