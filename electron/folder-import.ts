// File > Open Folder… in the desktop app: every document of a folder imported one after another, the page told
// how far it has come before each file and, at the end, what opened and why each other file did not, so that it
// shows the progress bar and the summary the browser edition shows for a folder. Pure: adding a file to the
// library and telling the page are passed in, so the unit tests drive it without Electron.
import { basename, dirname, relative } from 'node:path';
import type { MenuCommand } from '../annotations/contract';

/** What the folder import needs from its surroundings. */
export interface FolderImportDeps {
  /** Adds one file to the library without showing it; resolves to its document id, rejects with a readable reason. */
  add(path: string): Promise<string>;
  /** Sends the page a command (waiting for a page that listens). */
  tell(command: MenuCommand): Promise<void>;
  log(message: string): void;
}

/** What a folder's import did. */
export interface FolderImportOutcome {
  opened: string[];
  failures: Array<{ name: string; reason: string }>;
}

/** How a file is named to the reader: its path from the folder's parent ("articles/more/a.txt"), as a browser's folder picker names it. */
export function shownName(folder: string, path: string): string {
  return relative(dirname(folder), path).split(/[\\/]/).join('/') || basename(path);
}

/**
 * Imports `paths` (the documents found in `folder`): a progress command before each file, each failure kept with its
 * reason while the others go on, then the last document that opened shown and the summary sent. Never rejects for
 * a file; a page that cannot be told is logged.
 */
export async function importFolder(folder: string, paths: readonly string[], deps: FolderImportDeps): Promise<FolderImportOutcome> {
  const outcome: FolderImportOutcome = { opened: [], failures: [] };
  const total = paths.length;
  const tell = (command: MenuCommand): Promise<void> =>
    deps.tell(command).catch((error: unknown) => deps.log(`Gloss: the window was not told of ${command.kind}: ${String(error)}`));
  let last: string | undefined;
  for (const [index, path] of paths.entries()) {
    const name = shownName(folder, path);
    await tell({ kind: 'import-progress', done: index, total, name });
    try {
      last = await deps.add(path);
      // Not added to Open Recent one by one: a folder of hundreds would push out everything else there.
      outcome.opened.push(path);
      deps.log(`Gloss: opened ${path}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      deps.log(`Gloss: ${path} could not be opened: ${reason}`);
      outcome.failures.push({ name, reason });
    }
  }
  if (last !== undefined) await tell({ kind: 'show-document', documentId: last });
  await tell({ kind: 'import-finished', opened: outcome.opened.length, total, failures: outcome.failures });
  return outcome;
}
