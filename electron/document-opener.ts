// The one path every request to open files takes (command line, second launch, macOS open-file,
// File > Open, Open Recent, drag and drop): requests wait until the app is ready, run one at a time,
// kinds Gloss does not open are reported, each opened file joins the recent list, and failures are
// shown, never dropped. Pure: the dialogs, the recent list and the import itself are passed in.
import { basename, join } from 'node:path';
import { isDocumentPath, partitionDocumentPaths } from './documents';

/** One entry of a folder, as fs.readdir with withFileTypes gives it. */
export interface FolderEntry {
  name: string;
  isDirectory(): boolean;
  isFile(): boolean;
}

/**
 * Every document in a folder and its sub-folders (File > Open Folder…), in path order; hidden files and
 * folders are left out, as a folder picker in the browser edition leaves them.
 */
export async function documentsInFolder(folder: string, readdir: (path: string) => Promise<FolderEntry[]>): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = [...(await readdir(dir))].sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && isDocumentPath(path)) found.push(path);
    }
  };
  await walk(folder);
  return found;
}

/** Imports one file into the library and shows it; rejects with a message a user can read. */
export type ImportDocument = (path: string) => Promise<void>;

/** A notice for the user: a message box in the desktop app. */
export interface Notice {
  type: 'info' | 'warning' | 'error';
  message: string;
  detail: string;
}

/** What the opener needs from its surroundings. */
export interface DocumentOpenerDeps {
  /** Shows a notice; resolves when it is dismissed. */
  notify(notice: Notice): Promise<void>;
  /** Records a file that opened (the OS's recent list, File > Open Recent). */
  addRecentDocument(path: string): void;
  /** Logs what happened, for bug reports. */
  log(message: string): void;
}

/** The opener main.ts holds. */
export interface DocumentOpener {
  /** Asks for `paths` to be opened; before ready() they are kept, in order, and opened then. */
  open(paths: readonly string[]): Promise<void>;
  /** The library and a listening page are there: opens what was asked for so far, and from now on at once. */
  ready(): Promise<void>;
  /** Installs the import; until there is one, a request is answered with NOT_YET_NOTICE. */
  setImporter(importDocument: ImportDocument | null): void;
}

/** What a request gets while the document library (the contract's importDocument) does not exist yet. */
export function notYetNotice(paths: readonly string[]): Notice {
  return {
    type: 'info',
    message: 'Opening documents arrives with the document library',
    detail: `Gloss cannot open files of your own yet; the next version adds them to its library.\n\nAsked to open:\n${paths.map((path) => `\u2022 ${basename(path)}`).join('\n')}`,
  };
}

function unsupportedNotice(paths: readonly string[]): Notice {
  return {
    type: 'warning',
    message:
      paths.length === 1 ? `Gloss cannot open \u201c${basename(paths[0]!)}\u201d` : `Gloss cannot open ${paths.length} of these files`,
    detail: `Gloss opens plain text (.txt), Markdown (.md), HTML (.html) and Word (.docx) articles.\n\n${paths.map((path) => `\u2022 ${basename(path)}`).join('\n')}`,
  };
}

function failedNotice(failures: readonly { path: string; reason: string }[]): Notice {
  return {
    type: 'error',
    message:
      failures.length === 1
        ? `\u201c${basename(failures[0]!.path)}\u201d could not be opened`
        : `${failures.length} files could not be opened`,
    detail: failures.map(({ path, reason }) => `${path}\n${reason}`).join('\n\n'),
  };
}

/** Builds the opener. */
export function createDocumentOpener(deps: DocumentOpenerDeps): DocumentOpener {
  let isReady = false;
  let importer: ImportDocument | null = null;
  const waiting: string[] = [];
  // Requests run one after another, so two drops never interleave their imports or their dialogs.
  let queue: Promise<void> = Promise.resolve();

  async function run(paths: readonly string[]): Promise<void> {
    const { documents, unsupported } = partitionDocumentPaths(paths);
    if (unsupported.length > 0) {
      deps.log(`Gloss: not a kind of document Gloss opens: ${unsupported.join(', ')}`);
      await deps.notify(unsupportedNotice(unsupported));
    }
    if (documents.length === 0) return;
    const importDocument = importer;
    if (!importDocument) {
      deps.log(`Gloss: asked to open ${documents.join(', ')}, but there is no document library yet.`);
      await deps.notify(notYetNotice(documents));
      return;
    }
    const failures: { path: string; reason: string }[] = [];
    for (const path of documents) {
      try {
        await importDocument(path);
        deps.addRecentDocument(path);
        deps.log(`Gloss: opened ${path}`);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        deps.log(`Gloss: ${path} could not be opened: ${reason}`);
        failures.push({ path, reason });
      }
    }
    if (failures.length > 0) await deps.notify(failedNotice(failures));
  }

  function enqueue(paths: readonly string[]): Promise<void> {
    // A failure to show a notice is logged and does not stop later requests; the queue never rejects.
    queue = queue.then(() => run(paths)).catch((error: unknown) => deps.log(`Gloss: opening ${paths.join(', ')} failed: ${String(error)}`));
    return queue;
  }

  return {
    open(paths) {
      if (paths.length === 0) return queue;
      if (!isReady) {
        for (const path of paths) if (!waiting.includes(path)) waiting.push(path);
        return Promise.resolve();
      }
      return enqueue(paths);
    },
    ready() {
      isReady = true;
      const held = waiting.splice(0);
      return held.length > 0 ? enqueue(held) : queue;
    },
    setImporter(importDocument) {
      importer = importDocument;
    },
  };
}
