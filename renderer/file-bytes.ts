// Reading a file the reader picked or dropped as base64, the form the host takes (so the host checks the bytes).

/** How far a read has come, in bytes. */
export interface ReadProgress {
  loaded: number;
  total: number;
}

/** What a read may be given: progress reports, and a signal that stops it. */
export interface ReadOptions {
  onProgress?(progress: ReadProgress): void;
  signal?: AbortSignal;
}

/**
 * The file's bytes as base64. The browser's own FileReader encodes it off the page's thread (a data: URL),
 * so a file of tens of megabytes neither freezes the page nor holds a second copy as a JavaScript string
 * of char codes. Rejects with an AbortError when `signal` aborts.
 */
export function fileToBase64(file: Blob, options: ReadOptions = {}): Promise<string> {
  const { onProgress, signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('The read was cancelled.', 'AbortError'));
    const reader = new FileReader();
    const onAbort = (): void => reader.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    reader.onprogress = (event) => onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    reader.onabort = () => reject(new DOMException('The read was cancelled.', 'AbortError'));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.onload = () => {
      signal?.removeEventListener('abort', onAbort);
      const url = String(reader.result);
      // "data:<type>;base64,<data>": the data follows the first comma (a type cannot contain one).
      const comma = url.indexOf(',');
      resolve(comma === -1 ? '' : url.slice(comma + 1));
    };
    reader.readAsDataURL(file);
  });
}
