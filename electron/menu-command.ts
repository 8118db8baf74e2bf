// Checks what arrives from the main process (menu commands, files to import) before the page sees it. Its one runtime import
// is the dependency-free command list, so the sandboxed preload's bundle stays self-contained.
import type { HtmlFile, MenuCommand } from '../annotations/contract';
import { isPageCommandId } from '../annotations/menu-commands';

/** More themes than any codebook shows in a menu; an index past this is not a command we send. */
const MAX_THEME_INDEX = 99;
/** A 20 MB file in base64 (the host's limit for documents). */
const MAX_IMPORT_BASE64 = Math.ceil((20 * 1024 * 1024) / 3) * 4;

/**
 * Rebuilds a menu command from untrusted data: a fresh object holding only the fields of its
 * kind, or null when the data is not a command (unknown kind, missing or fractional index, ...).
 */
export function parseMenuCommand(value: unknown): MenuCommand | null {
  if (typeof value !== 'object' || value === null) return null;
  const { kind, index, documentId, id, done, total, name, opened, failures } = value as Record<string, unknown>;
  switch (kind) {
    case 'undo':
    case 'redo':
    case 'focus-article':
    case 'focus-sidebar':
      return { kind };
    case 'command':
      return isPageCommandId(id) ? { kind, id } : null;
    case 'apply-theme':
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > MAX_THEME_INDEX) return null;
      return { kind, index };
    case 'show-document':
      if (typeof documentId !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(documentId)) return null;
      return { kind, documentId };
    case 'import-progress':
      if (!isCount(done) || !isCount(total) || !isLine(name)) return null;
      return { kind, done, total, name };
    case 'import-finished': {
      if (!isCount(opened) || !isCount(total) || !Array.isArray(failures) || failures.length > MAX_COUNT) return null;
      const lines = failures.map((f: unknown) => {
        const { name: file, reason } = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
        return isLine(file) && isLine(reason) ? { name: file, reason } : null;
      });
      if (lines.some((line) => line === null)) return null;
      return { kind, opened, total, failures: lines as Array<{ name: string; reason: string }> };
    }
    default:
      return null;
  }
}

/** More files than a folder import counts; a larger number is not one we send. */
const MAX_COUNT = 1_000_000;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_COUNT;
}

/** A file name or a reason: a string of reasonable length. */
function isLine(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 4096;
}

/** Rebuilds a file main hands the page to import from untrusted data, or null when it is not one. */
export function parseHtmlFile(value: unknown): HtmlFile | null {
  if (typeof value !== 'object' || value === null) return null;
  const { fileName, dataBase64 } = value as { fileName?: unknown; dataBase64?: unknown };
  // The host checks the bytes again; here only the shape (the size limit is the host's too).
  if (typeof fileName !== 'string' || fileName.length === 0 || fileName.length > 255) return null;
  if (typeof dataBase64 !== 'string' || dataBase64.length > MAX_IMPORT_BASE64 || !/^[A-Za-z0-9+/]*={0,2}$/.test(dataBase64)) return null;
  return { fileName, dataBase64 };
}
