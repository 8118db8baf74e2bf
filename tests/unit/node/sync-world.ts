// The sync tests' world: a pouchdb-server on a free loopback port (scripts/couch-server.ts) with one database, and
// data folders that share through it, each a Gloss service holding the bundled sample. Registers its own
// beforeEach/afterEach: every service is closed, the server stopped and the folders removed after each test.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'node:test';
import { describeRange } from '../../../annotations/anchoring/anchor';
import type { Annotation } from '../../../annotations/annotation';
import { GlossService, type ServiceOptions } from '../../../annotations/node/service';
import { startCouchServer, type CouchServer } from '../../../scripts/couch-server';
import { SAMPLE_FILE, SAMPLE_ID, SAMPLE_PLAIN_TEXT } from '../../fixtures/temp-service';

export { SAMPLE_ID, SAMPLE_PLAIN_TEXT };

/** What a sync test gets. */
export interface SyncWorld {
  server(): CouchServer;
  /** The shared database's address. */
  url(): string;
  root(): string;
  /** Opens (or reopens) the data folder `name` with `coder` as its own coder. */
  open(name: string, coder: string, overrides?: Partial<ServiceOptions>): Promise<GlossService>;
  /** Closes a service, as quitting Gloss would. */
  close(service: GlossService): Promise<void>;
}

/** Call once at the top of a test file. */
export function syncWorld(prefix: string): SyncWorld {
  let root = '';
  let server: CouchServer | null = null;
  let url = '';
  const opened: GlossService[] = [];
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), prefix));
    server = await startCouchServer(join(root, 'server'));
    url = await server.createDatabase('project');
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close().catch(() => undefined);
    await server?.stop();
    server = null;
    await rm(root, { recursive: true, force: true });
  });
  return {
    server: () => server!,
    url: () => url,
    root: () => root,
    async open(name, coder, overrides = {}) {
      const service = await GlossService.open({
        dataDir: join(root, name),
        edition: 'browser',
        version: 'test',
        samples: [{ id: SAMPLE_ID, source: 'sample', text: SAMPLE_FILE }],
        osUser: coder,
        sync: { maxRetryMs: 300 },
        ...overrides,
      });
      opened.push(service);
      return service;
    },
    async close(service) {
      opened.splice(opened.indexOf(service), 1);
      await service.close();
    },
  };
}

/** Waits until `check` answers true (polling), failing with `what` after `ms`. */
export async function until(what: string, check: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting until ${what}`);
}

/** Codes a passage of the sample in a service's own layer. */
export function code(service: GlossService, quote: string, themes: string[] = ['trade'], note = ''): Promise<Annotation> {
  const start = SAMPLE_PLAIN_TEXT.indexOf(quote);
  assert.ok(start >= 0, `"${quote}" is in the sample`);
  return service.createAnnotation({
    documentId: SAMPLE_ID,
    target: { source: SAMPLE_ID, selector: describeRange(SAMPLE_PLAIN_TEXT, start, start + quote.length) },
    themes,
    note,
  });
}

/** A coder's annotations of the sample as a service holds them. */
export async function layer(service: GlossService, coder: string): Promise<Annotation[]> {
  const own = (await service.getStatus({})).coder.name;
  return (await service.listAnnotations({ documentId: SAMPLE_ID })).filter((a) => (a.creator ?? own) === coder);
}
