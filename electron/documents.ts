// Which files the desktop shell offers to open, and how it finds them in what the OS hands it: a
// command line (first or second launch, file associations), a dropped file, an Open dialog, the
// recent list. Pure: no 'electron' at runtime, so the unit tests can import it.
import { extname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The extensions Gloss opens, lower-case and with their dot. */
export const DOCUMENT_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.docx'] as const;

/** The Open dialog's filters (extensions without dots, as Electron wants them). */
export const OPEN_DIALOG_FILTERS: { name: string; extensions: string[] }[] = [
  { name: 'Articles', extensions: DOCUMENT_EXTENSIONS.map((ext) => ext.slice(1)) },
  { name: 'Plain text', extensions: ['txt'] },
  { name: 'Markdown', extensions: ['md', 'markdown'] },
  { name: 'HTML', extensions: ['html', 'htm'] },
  { name: 'Word', extensions: ['docx'] },
];

/** At most this many files are taken from one drop or one command line; more is a mistake, not a request. */
export const MAX_FILES_PER_REQUEST = 50;

/** Longer than any real path on the three platforms (Windows' long-path limit is 32,767 UTF-16 units). */
const MAX_PATH_LENGTH = 32_767;

/** Whether `path` names a kind of document Gloss opens (by extension, case-insensitively). */
export function isDocumentPath(path: string): boolean {
  return (DOCUMENT_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

/** Where documentPathsFromArgv reads its arguments. */
export interface ArgvOptions {
  /**
   * A packaged app's argv is [executable, ...arguments]; in development it is
   * [electron, ...switches, main script, ...arguments], so the first non-switch argument is the
   * app, not a document.
   */
  isPackaged: boolean;
  /** What relative paths are resolved against: the launching shell's folder (second-instance passes it). */
  cwd?: string;
}

/** Switches whose value is the next argument: Node's preload switch, which Playwright uses to start Electron. */
const SWITCHES_WITH_VALUE: readonly string[] = ['-r', '--require'];

/**
 * The files a command line asks Gloss to open, as absolute paths, in order and without duplicates.
 * Switches (`--foo`, `-psn_0_123` from old macOS Finder launches, the switches Chromium inserts
 * into a second instance's argv, wherever they land) are skipped, and everything after a bare `--`
 * is a path. A `file:` URL, which Linux desktop entries pass for `%U`, becomes its path; other URLs
 * are skipped. Kinds Gloss does not open are kept: the caller tells the user rather than ignoring them.
 */
export function documentPathsFromArgv(argv: readonly string[], options: ArgvOptions): string[] {
  const cwd = options.cwd ?? process.cwd();
  const paths: string[] = [];
  let appSkipped = options.isPackaged;
  let switchesEnded = false;
  let skipValue = false;
  for (const arg of argv.slice(1)) {
    if (!switchesEnded && arg === '--') {
      switchesEnded = true;
      continue;
    }
    if (!switchesEnded && arg.startsWith('-')) {
      if (SWITCHES_WITH_VALUE.includes(arg)) skipValue = true;
      continue;
    }
    if (skipValue) {
      skipValue = false;
      continue;
    }
    if (!appSkipped) {
      appSkipped = true;
      continue;
    }
    const path = argumentToPath(arg, cwd);
    if (path !== null && !paths.includes(path)) paths.push(path);
    if (paths.length === MAX_FILES_PER_REQUEST) break;
  }
  return paths;
}

function argumentToPath(arg: string, cwd: string): string | null {
  if (arg === '' || arg.length > MAX_PATH_LENGTH || arg.includes('\0')) return null;
  if (/^file:/i.test(arg)) {
    try {
      return fileURLToPath(arg);
    } catch {
      return null;
    }
  }
  // Any other scheme (https:, gloss:, ...) is not a file. Two letters at least, so that a Windows
  // drive letter ("C:\...") still reads as a path.
  if (/^[a-z][a-z0-9+.-]+:/i.test(arg)) return null;
  return isAbsolute(arg) ? resolve(arg) : resolve(cwd, arg);
}

/**
 * Checks the payload of an OPEN_FILES_CHANNEL message (see ./drop-files), which comes from a renderer process and so
 * is untrusted: an array of absolute paths, at most MAX_FILES_PER_REQUEST, or null.
 */
export function parseOpenFilesMessage(payload: unknown): string[] | null {
  if (!Array.isArray(payload) || payload.length === 0 || payload.length > MAX_FILES_PER_REQUEST) return null;
  const paths: string[] = [];
  for (const item of payload) {
    if (typeof item !== 'string' || item.length === 0 || item.length > MAX_PATH_LENGTH || item.includes('\0')) return null;
    if (!isAbsolute(item)) return null;
    if (!paths.includes(item)) paths.push(item);
  }
  return paths;
}

/** Splits requested paths into those Gloss opens and those it does not. */
export function partitionDocumentPaths(paths: readonly string[]): { documents: string[]; unsupported: string[] } {
  const documents: string[] = [];
  const unsupported: string[] = [];
  for (const path of paths) (isDocumentPath(path) ? documents : unsupported).push(path);
  return { documents, unsupported };
}

/** How many files File > Open Recent lists. */
export const MAX_RECENT_DOCUMENTS = 10;

/** The recent list after opening `path`: it moves to the front, once, and the oldest falls off. */
export function withRecentDocument(list: readonly string[], path: string, max = MAX_RECENT_DOCUMENTS): string[] {
  return [path, ...list.filter((item) => item !== path)].slice(0, max);
}

/** Reads a stored recent list, keeping only absolute paths of documents; anything else reads as empty. */
export function parseRecentDocuments(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const list = (value as { recent?: unknown }).recent;
  if (!Array.isArray(list)) return [];
  const paths = list.filter((item): item is string => typeof item === 'string' && isAbsolute(item) && isDocumentPath(item));
  return [...new Set(paths)].slice(0, MAX_RECENT_DOCUMENTS);
}

/** What a second launch passes to the running one (app.requestSingleInstanceLock's additionalData). */
export interface SecondInstanceData {
  documents: string[];
}

/**
 * Reads a second launch's additionalData: the documents it resolved against its own folder, or
 * null when the data is missing or malformed (the caller then falls back to its argv).
 */
export function parseSecondInstanceData(data: unknown): string[] | null {
  if (typeof data !== 'object' || data === null) return null;
  const documents = (data as { documents?: unknown }).documents;
  if (Array.isArray(documents) && documents.length === 0) return [];
  return parseOpenFilesMessage(documents);
}
