// Files dropped onto the window: the preload catches drops that carry files and reports their paths
// to the main process, which opens them like any other document request. Drops of text (a passage
// dragged within the article) are left to the page. Imports nothing at runtime, so the sandboxed
// preload can bundle it; the DOM and Electron's webUtils are passed in.

/** The channel the preload reports dropped files on. Not a contract method's channel (those are camelCase). */
export const OPEN_FILES_CHANNEL = 'gloss:open-files';

/** The slice of a DragEvent the handler reads. */
export interface FileDragEvent {
  readonly dataTransfer: { readonly types: readonly string[]; readonly files: ArrayLike<File>; dropEffect: string } | null;
  preventDefault(): void;
}

/** The slice of window the handler listens on. */
export interface DropTarget {
  addEventListener(type: 'dragover' | 'drop', listener: (event: FileDragEvent) => void): void;
}

function carriesFiles(event: FileDragEvent): boolean {
  return event.dataTransfer !== null && Array.from(event.dataTransfer.types).includes('Files');
}

/**
 * Listens for file drops on `target`. `pathOf` is webUtils.getPathForFile (File.path is gone since
 * Electron 32); it answers '' for a File that is not on disk, which is skipped. `send` receives
 * the non-empty list of paths of one drop.
 */
export function installFileDropHandler(target: DropTarget, pathOf: (file: File) => string, send: (paths: string[]) => void): void {
  target.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    // Without this the drop is refused, and the cursor says so.
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  });
  target.addEventListener('drop', (event) => {
    if (!carriesFiles(event) || !event.dataTransfer) return;
    event.preventDefault();
    const paths: string[] = [];
    for (const file of Array.from(event.dataTransfer.files)) {
      const path = pathOf(file);
      if (path) paths.push(path);
    }
    if (paths.length > 0) send(paths);
  });
}
