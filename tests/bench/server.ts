// Starts the built browser edition (dist/web/cli.mjs) on a data folder, as a user would, and reads its process's memory;
// also serves the plain ProseMirror peer's page from memory (no host behind it).
import { startBrowserEdition, type RunningGloss } from '../fixtures/browser-edition';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running browser-edition server (the same fixture the end-to-end tests start). */
export type BenchServer = RunningGloss;

/** Starts the built browser edition on a free port; a large data folder may take a while to load. */
export function startServer(dataDir: string, timeoutMs = 120_000): Promise<BenchServer> {
  return startBrowserEdition(dataDir, { args: ['--port', '0'], timeoutMs });
}

/** A process's resident set size in MB, from /proc (Linux only; null elsewhere). */
export async function residentMB(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** A file the page server answers with. */
export interface PageFile {
  type: string;
  body: string;
}

/** A running page server. */
export interface PageServer {
  /** Its address, ending in a slash. */
  url: string;
  stop(): Promise<void>;
}

/** Serves fixed files from memory on 127.0.0.1, by path (the query is ignored; the page reads it). */
export async function startPageServer(files: ReadonlyMap<string, PageFile>): Promise<PageServer> {
  const server = createServer((request, response) => {
    const file = files.get(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, { 'content-type': `${file.type}; charset=utf-8`, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
