// Starts the built browser edition (dist/web/cli.mjs) on a data folder, as a user would, and reads its process's memory;
// also serves the plain ProseMirror peer's page from memory (no host behind it).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running browser-edition server. */
export interface BenchServer {
  url: string;
  token: string;
  port: number;
  pid: number;
  /** Stops it with SIGTERM and waits for it to exit. */
  stop(): Promise<void>;
}

/** Spawns the CLI and waits for the line with its address (the data file is loaded by then). */
export async function startServer(dataDir: string, timeoutMs = 120_000): Promise<BenchServer> {
  const child: ChildProcess = spawn(process.execPath, ['dist/web/cli.mjs', '--data-dir', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not print its address in ${timeoutMs} ms: ${stdout}${stderr}`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /Gloss browser edition: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`The server exited before it was ready: ${stderr}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    token: parsed.searchParams.get('token') ?? '',
    port: Number(parsed.port),
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
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
