// Checks a save request from the page before the main process acts on it. Imports nothing at runtime, so plain Node tests can load it.

/** The largest export accepted over IPC (a 20 MB document's report with room to spare). */
const MAX_EXPORT_CHARS = 200 * 1024 * 1024;

/** Checks what the page sent: a plain file name (no folders) and a string payload within limits. */
export function parseSaveRequest(input: unknown, payload: 'dataBase64' | 'html'): { defaultName: string; data: string } | null {
  if (typeof input !== 'object' || input === null) return null;
  const { defaultName, [payload]: data } = input as Record<string, unknown>;
  if (typeof defaultName !== 'string' || typeof data !== 'string') return null;
  if (defaultName.length === 0 || defaultName.length > 255 || /[\\/:\0]/.test(defaultName)) return null;
  if (data.length > MAX_EXPORT_CHARS) return null;
  return { defaultName, data };
}
