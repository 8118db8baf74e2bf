// The Backups dialog: lists the host's rolling backups and restores one after the reader confirms.
import { errorMessage } from '../../annotations/errors';
import type { BackupSummary, GlossHost } from '../../annotations/contract';
import { button, h } from '../ui/dom';
import { build, closer, confirm, focusedElement, open } from './dialog';

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
  const returnTo = focusedElement();
  let backups: BackupSummary[];
  try {
    backups = await host.listBackups({});
  } catch (error) {
    onError(`The backups cannot be listed: ${errorMessage(error)}`);
    return;
  }
  const restore = async (backup: BackupSummary, item: HTMLElement): Promise<void> => {
    const yes = await confirm({
      title: 'Restore backup',
      message: `Replace all your current annotations with the backup of ${describe(backup)}? What you have now is kept as a backup.`,
      confirmLabel: 'Restore',
      within: item,
    });
    if (!yes) return;
    try {
      await host.restoreBackup({ name: backup.name });
      dialog.close();
      await onRestored(backup);
    } catch (error) {
      onError(`The backup was not restored: ${errorMessage(error)}`);
    }
  };
  const items = backups.map((backup) => {
    const item = h('li', null, h('span', null, describe(backup)));
    item.append(
      button('Restore', () => void restore(backup, item), { attrs: { 'aria-label': `Restore the backup of ${describe(backup)}` } }),
    );
    return item;
  });
  const { dialog } = build({
    id: 'backups-dialog',
    className: 'backups-dialog',
    title: 'Backups',
    body: [
      h(
        'p',
        null,
        'Gloss keeps the last five versions of your annotations and one for each of the last seven days. Restoring one replaces everything; what you have now is kept as a backup first.',
      ),
      backups.length === 0 ? h('p', 'backups-empty', 'No backups yet: they are made as you work.') : null,
      h('ul', { props: { className: 'backups-list', id: 'backups-list' } }, ...items),
    ],
    actions: [closer('Close', 'backups-close')],
  });
  document.body.append(dialog);
  open(dialog, { removeOnClose: true, returnTo });
}
