// The Backups dialog's two calls over the store: the backups it can offer (each read and counted, a damaged one left
// out) and restoring one, which first makes the state before it a backup, so that restoring never loses anything.
import type { BackupSummary } from '../contract';
import type { DataDraft } from './data-file';
import { ALL } from './service-needs';
import type { Store } from './store';

/** The backups, newest first, each with its counts; one that cannot be read is not offered. */
export async function backupSummaries(store: Store): Promise<BackupSummary[]> {
  const summaries: BackupSummary[] = [];
  for (const backup of await store.listBackups()) {
    try {
      const data = await store.readBackup(backup.name);
      summaries.push({ ...backup, documentCount: data.documents.length, annotationCount: data.annotations.length });
    } catch {
      // A damaged backup is not offered.
    }
  }
  return summaries;
}

/** Restores the backup `name` (checked first): the library becomes what it holds, written as new snapshots. */
export async function restoreBackup(store: Store, name: string): Promise<BackupSummary> {
  const restored = await store.readBackup(name);
  const created = (await store.listBackups()).find((b) => b.name === name)?.created ?? '';
  // The files first take in their journals, so that the restore below keeps exactly the state before it as a
  // backup.
  await store.checkpoint();
  const change = (draft: DataDraft): BackupSummary => {
    draft.documents = restored.documents;
    draft.codebook = restored.codebook;
    draft.annotations = restored.annotations;
    return { name, created, documentCount: restored.documents.length, annotationCount: restored.annotations.length };
  };
  return store.change(change, { compact: true, needs: ALL });
}
