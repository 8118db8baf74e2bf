// A folder the desktop shell imports (File > Open Folder…): its progress and its summary, told by the shell file by
// file, shown as the page shows its own folder import (the progress panel, then the same summary banner).
import type { MenuCommand } from '../../annotations/contract';
import type { Reader } from './context';
import { reportImport } from './documents';

/** Moves the progress panel to the file the shell is importing. */
export function showShellImportProgress(reader: Reader, command: Extract<MenuCommand, { kind: 'import-progress' }>): void {
  const { done, total, name } = command;
  reader.notices.progress.follow(`Opening ${total} file${total === 1 ? '' : 's'}`, {
    label: `${done + 1} of ${total}: ${name}`,
    fraction: total === 0 ? 0 : done / total,
  });
}

/** Closes the progress panel and shows what opened and, file by file, what did not and why. */
export function showShellImportSummary(reader: Reader, command: Extract<MenuCommand, { kind: 'import-finished' }>): void {
  reader.notices.progress.finish();
  reportImport(reader, { opened: command.opened, failures: command.failures, cancelled: false }, command.total);
}
