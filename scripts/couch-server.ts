// A CouchDB-compatible server for the tests and the bench: pouchdb-server on a free loopback port, its databases in
// a folder of its own (so a killed server restarted on the same folder and port still holds what it had), run as a
// child process so that a test can kill it mid-push. Every start is paired with a stop; stop leaves no process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server');

/** A running test server. */
export interface CouchServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  dir: string;
  /** Kills the server at once (SIGKILL), as a crash or a pulled cable would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder. */
  restart(): Promise<void>;
  /** Stops it for good. */
  stop(): Promise<void>;
  /** Creates a database and answers its address. */
  createDatabase(name: string): Promise<string>;
  /** Adds a user (CouchDB's _users database), so that a test can connect with a name and password. */
  createUser(name: string, password: string): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilUp(origin: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited with ${child.exitCode}`);
    try {
      const response = await fetch(origin);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('pouchdb-server did not start within 20 s');
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

/** Starts pouchdb-server with its databases in `dir`. */
export async function startCouchServer(dir: string): Promise<CouchServer> {
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const launch = async (): Promise<void> => {
    const started = spawn(process.execPath, [BIN, '--port', String(port), '--host', '127.0.0.1', '--dir', dir, '--no-stdout-logs'], {
      cwd: dir,
      stdio: 'ignore',
    });
    child = started;
    await waitUntilUp(origin, started);
  };
  const kill = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running) return;
    running.kill('SIGKILL');
    await exited(running);
  };
  await launch();
  return {
    origin,
    port,
    dir,
    kill,
    restart: launch,
    stop: kill,
    async createDatabase(name) {
      const response = await fetch(`${origin}/${name}`, { method: 'PUT' });
      if (!response.ok && response.status !== 412) throw new Error(`could not create ${name}: ${response.status}`);
      return `${origin}/${name}`;
    },
    async createUser(name, password) {
      const response = await fetch(`${origin}/_users/org.couchdb.user:${encodeURIComponent(name)}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name, password, roles: [], type: 'user' }),
      });
      if (!response.ok) throw new Error(`could not create the user ${name}: ${response.status}`);
    },
  };
}
