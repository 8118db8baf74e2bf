// The Backups dialog: lists the host's rolling backups and restores one after the reader confirms.
import type { BackupSummary, GlossHost } from '../annotations/contract';

function describe(backup: BackupSummary): string {
  const when = new Date(backup.created).toLocaleString();
  const annotations = `${backup.annotationCount} highlight${backup.annotationCount === 1 ? '' : 's'}`;
  const documents = `${backup.documentCount} document${backup.documentCount === 1 ? '' : 's'}`;
  return `${when}: ${annotations} in ${documents}`;
}

/** Opens the dialog; `onRestored` runs after a restore so the window can reload what it shows. */
export async function showBackupsDialog(
  host: GlossHost,
  onRestored: (backup: BackupSummary) => Promise<void>,
  onError: (message: string) => void,
): Promise<void> {
  const dialog = document.getElementById('backups-dialog') as HTMLDialogElement;
  const list = document.getElementById('backups-list')!;
  const empty = document.getElementById('backups-empty')!;
  const close = document.getElementById('backups-close') as HTMLButtonElement;
  let backups: BackupSummary[];
  try {
    backups = await host.listBackups({});
  } catch (error) {
    onError(`The backups cannot be listed: ${(error as Error).message}`);
    return;
  }
  empty.hidden = backups.length > 0;
  list.replaceChildren(
    ...backups.map((backup) => {
      const item = document.createElement('li');
      const label = document.createElement('span');
      label.textContent = describe(backup);
      const restore = document.createElement('button');
      restore.type = 'button';
      restore.textContent = 'Restore';
      restore.setAttribute('aria-label', `Restore the backup of ${describe(backup)}`);
      restore.addEventListener('click', async () => {
        if (!window.confirm(`Replace all your current annotations with the backup of ${describe(backup)}? What you have now is kept as a backup.`)) return;
        try {
          await host.restoreBackup({ name: backup.name });
          dialog.close();
          await onRestored(backup);
        } catch (error) {
          onError(`The backup was not restored: ${(error as Error).message}`);
        }
      });
      item.append(label, restore);
      return item;
    }),
  );
  close.onclick = () => dialog.close();
  dialog.showModal();
}
