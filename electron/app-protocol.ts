// Answers requests on app://gloss/ with the renderer's files, under a strict Content-Security-Policy.
// Free of 'electron' at runtime: main.ts hands it to protocol.handle, the unit tests call it directly.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { resolveAppPath } from './security';

/** The policy every app:// response carries: our own scripts and styles, no network, no frames, no plugins. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/** The Content-Type of a served file, by its extension; unknown kinds are opaque bytes (and nosniff keeps them so). */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

function headers(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: headers('text/plain; charset=utf-8') });
}

/** Reads a file; injectable so tests can fail reads on purpose. */
export type FileReader = (path: string) => Promise<Uint8Array<ArrayBuffer>>;

// A Buffer read from disk is backed by a plain ArrayBuffer, never a SharedArrayBuffer.
const readFromDisk: FileReader = (path) => readFile(path) as Promise<Uint8Array<ArrayBuffer>>;

/**
 * Serves one request from the files under `root`. GET and HEAD only (405 otherwise); paths that
 * resolveAppPath refuses get its 403/404; a missing file or a folder is 404; any other read error 500.
 */
export async function serveAppRequest(
  root: string,
  request: { method: string; url: string },
  read: FileReader = readFromDisk,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed.');
  const resolved = resolveAppPath(root, request.url);
  if (!resolved.ok) return plain(resolved.status, resolved.reason);
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await read(resolved.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return plain(404, 'Not found.');
    return plain(500, 'The file could not be read.');
  }
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: headers(contentTypeOf(resolved.path)) });
}
