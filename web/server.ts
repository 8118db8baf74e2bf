// The browser edition's host: a loopback HTTP server that serves the renderer bundle and carries
// the host contract, behind a per-launch token and a Host/Origin check.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import type { GlossHost } from '../annotations/contract';
import { dispatch } from '../annotations/dispatch';
import { errorMessage, type Envelope, type ErrorCode } from '../annotations/errors';

/** The largest request body accepted: a 20 MB document plus room for its JSON quoting. */
export const MAX_BODY_BYTES = 48 * 1024 * 1024;

/** The header that carries the per-launch token on every API call. */
export const TOKEN_HEADER = 'x-gloss-token';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
};

/** The page may talk to its own origin only; nothing remote, no inline script. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  // The printed PDF report: the HTML report (no scripts, its own CSP) in a frame made from a blob.
  'frame-src blob:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** How the server is started. */
export interface WebServerOptions {
  host: GlossHost;
  /** The folder holding the built renderer (index.html, main.js, styles.css). */
  rendererDir: string;
  /** 0 or absent: any free port. */
  port?: number;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
}

/** A running browser-edition server. */
export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether a Host header names this server on loopback (DNS rebinding sends a foreign name). */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

/** Whether an Origin header, when a browser sends one, is this server's own. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function sendJson(res: ServerResponse, status: number, body: Envelope<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the server on 127.0.0.1; resolves once it listens. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  // Only the files that were in the bundle at start are served: no path from a URL ever reaches the file system.
  const files = new Map<string, Buffer>();
  for (const name of await readdir(options.rendererDir)) {
    if (CONTENT_TYPES[extname(name)]) files.set(`/${name}`, await readFile(join(options.rendererDir, name)));
  }
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!isAllowedHost(req.headers.host, port)) {
      return refuse(res, 403, 'invalid-input', 'This server answers only on 127.0.0.1.');
    }
    if (!isAllowedOrigin(req.headers.origin, port)) {
      return refuse(res, 403, 'invalid-input', 'Requests from other origins are refused.');
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'invalid-input', 'API calls use POST.');
      const given = req.headers[TOKEN_HEADER];
      if (typeof given !== 'string' || !sameSecret(given, token)) {
        return refuse(res, 401, 'invalid-input', 'Missing or wrong token: open Gloss with the address it printed.');
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return refuse(res, 415, 'invalid-input', 'API calls send JSON.');
      }
      const body = await readBody(req);
      if (body === null) return refuse(res, 413, 'invalid-input', `The request is larger than ${MAX_BODY_BYTES} bytes.`);
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body);
      } catch {
        return refuse(res, 400, 'invalid-input', 'The request body is not valid JSON.');
      }
      return sendJson(res, 200, await dispatch(options.host, url.pathname.slice('/api/'.length), input));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'invalid-input', 'Method not allowed.');
    const path = url.pathname === '/' ? '/index.html' : url.pathname;
    const file = files.get(path);
    if (!file) return refuse(res, 404, 'not-found', 'Not found.');
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(path)]!,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : file);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) refuse(res, 500, 'internal', `Unexpected error: ${errorMessage(error)}`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
