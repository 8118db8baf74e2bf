// Opening the user's documents in the desktop app: every way a file reaches Gloss (command line,
// second launch, macOS open-file, File > Open, Open Recent, drag and drop) ends in
// openDocumentFiles, which hands the files to the document opener (./document-opener) with
// Electron's message boxes and recent-documents list.
import { app, BrowserWindow, dialog, type MessageBoxOptions } from 'electron';
import { readdir } from 'node:fs/promises';
import { createDocumentOpener, documentsInFolder, type ImportDocument, type Notice } from './document-opener';
import { OPEN_DIALOG_FILTERS } from './documents';

/** Called with each file that opened, after the OS's recent list has it (main.ts keeps File > Open Recent). */
let recentListener: ((path: string) => void) | null = null;

async function showNotice(notice: Notice): Promise<void> {
  const options: MessageBoxOptions = { type: notice.type, message: notice.message, detail: notice.detail, buttons: ['OK'], noLink: true };
  const parent = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  await (parent && !parent.isDestroyed() ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
}

const opener = createDocumentOpener({
  notify: showNotice,
  addRecentDocument(path) {
    // The OS's list: macOS's File > Open Recent and Dock menu, Windows' jump list. Linux has none
    // (Electron defines the call on macOS and Windows only); Gloss's own menu list covers it.
    if (process.platform === 'darwin' || process.platform === 'win32') app.addRecentDocument(path);
    recentListener?.(path);
  },
  log: (message) => console.info(message),
});

/** Opens `paths` in Gloss (see ./document-opener for the order of events). Never rejects. */
export function openDocumentFiles(paths: string[]): Promise<void> {
  return opener.open(paths);
}

/** Called when the page says it listens (the service is up by then): requests that arrived earlier are opened now. */
export function documentsReady(): Promise<void> {
  return opener.ready();
}

/** The one-line hookup for the document library: how one file is imported and shown. */
export function setDocumentImporter(importDocument: ImportDocument | null): void {
  opener.setImporter(importDocument);
}

/** Registers who hears about files that opened (for Windows' and Linux's File > Open Recent). */
export function onRecentDocument(listener: (path: string) => void): void {
  recentListener = listener;
}

/** File > Open...: the native Open dialog, filtered to the kinds Gloss opens, several files at once. */
export async function showOpenDialog(): Promise<void> {
  const parent = BrowserWindow.getFocusedWindow();
  const options: Electron.OpenDialogOptions = {
    title: 'Open Article',
    buttonLabel: 'Open',
    properties: ['openFile', 'multiSelections'],
    filters: OPEN_DIALOG_FILTERS,
  };
  const result = await (parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options));
  if (!result.canceled) await openDocumentFiles(result.filePaths);
}

/** File > Open Folder...: the native folder dialog; every document in the folder and its sub-folders is opened. */
export async function showOpenFolderDialog(): Promise<void> {
  const parent = BrowserWindow.getFocusedWindow();
  const options: Electron.OpenDialogOptions = { title: 'Open Folder of Articles', buttonLabel: 'Open', properties: ['openDirectory'] };
  const result = await (parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options));
  const folder = result.filePaths[0];
  if (result.canceled || !folder) return;
  const paths = await documentsInFolder(folder, (path) => readdir(path, { withFileTypes: true }));
  if (paths.length === 0) {
    await showNotice({
      type: 'warning',
      message: 'That folder holds no article',
      detail: `Gloss opens plain text (.txt), Markdown (.md), HTML (.html) and Word (.docx) articles; ${folder} and its sub-folders hold none.`,
    });
    return;
  }
  await openDocumentFiles(paths);
}
