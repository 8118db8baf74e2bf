// PouchDB as Gloss uses it, put together in one place: the core with the HTTP adapter (the remote CouchDB), the
// LevelDB adapter (the local database in the data folder: the durable outbox and the replication's checkpoints)
// and replication, loaded on first use (sync-pouch-load.ts), so a host that never shares a project never loads
// LevelDB's native module.
// The types are the part of PouchDB's API Gloss calls, written here because @types/pouchdb-core pulls the DOM's
// types into every Node program that includes it.

import { loadPouchModules } from './sync-pouch-load';

/** A document as PouchDB hands it out. */
export interface PouchDoc {
  _id: string;
  _rev: string;
  _deleted?: boolean;
  _conflicts?: string[];
  [field: string]: unknown;
}

/** One entry of a changes feed. */
export interface PouchChange {
  id: string;
  seq: number | string;
  deleted?: boolean;
  changes: Array<{ rev: string }>;
  doc?: PouchDoc;
}

/** A write's outcome in bulkDocs. */
export type PouchWriteResult =
  { ok: true; id: string; rev: string } | { error: true | string; id: string; status?: number; message?: string };

/** The replication's event emitter (PouchDB.sync with live: true). */
export interface PouchSync {
  on(
    event: 'change',
    listener: (info: { direction: 'push' | 'pull'; change: { docs: PouchDoc[]; last_seq?: number | string } }) => void,
  ): PouchSync;
  on(event: 'denied' | 'error', listener: (error: unknown) => void): PouchSync;
  on(event: 'complete', listener: (info: unknown) => void): PouchSync;
  cancel(): void;
  /** The two one-way replications: each reports every failed request (the sync object only when both pause). */
  push: PouchReplication;
  pull: PouchReplication;
}

/** One direction of a sync. */
export interface PouchReplication {
  on(event: 'requestError', listener: (error: unknown) => void): PouchReplication;
  on(event: 'paused', listener: (error?: unknown) => void): PouchReplication;
}

/** A live changes feed. */
export interface PouchChangesFeed {
  on(event: 'change', listener: (change: PouchChange) => void): PouchChangesFeed;
  on(event: 'error', listener: (error: unknown) => void): PouchChangesFeed;
  cancel(): void;
}

/** The database methods Gloss calls. */
export interface PouchDatabase {
  info(): Promise<{ doc_count: number; update_seq: number | string; db_name: string }>;
  get(id: string, options?: { rev?: string; revs?: boolean; open_revs?: 'all' | string[]; conflicts?: boolean }): Promise<PouchDoc>;
  getOpenRevs(id: string): Promise<Array<{ ok?: PouchDoc; missing?: string }>>;
  put(doc: Record<string, unknown>): Promise<{ ok: boolean; id: string; rev: string }>;
  bulkDocs(docs: Array<Record<string, unknown>>): Promise<PouchWriteResult[]>;
  allDocs(options: {
    include_docs?: boolean;
    conflicts?: boolean;
    startkey?: string;
    endkey?: string;
    keys?: string[];
  }): Promise<{ rows: Array<{ id: string; value: { rev: string; deleted?: boolean }; doc?: PouchDoc | null }> }>;
  changes(options: {
    since: number | string;
    include_docs?: boolean;
    conflicts?: boolean;
    limit?: number;
    live?: false;
  }): Promise<{ results: PouchChange[]; last_seq: number | string }>;
  changes(options: { since: number | string | 'now'; live: true }): PouchChangesFeed;
  sync(
    remote: PouchDatabase,
    options: { live: true; retry: true; back_off_function?: (delay: number) => number; batch_size?: number },
  ): PouchSync;
  close(): Promise<void>;
  destroy(): Promise<void>;
}

/** What opening a database takes: an HTTP address with credentials, or a folder for LevelDB. */
export interface PouchOptions {
  adapter?: 'leveldb' | 'http';
  auth?: { username: string; password: string };
  skip_setup?: boolean;
}

/** The PouchDB constructor with the plugins Gloss needs. */
export type PouchConstructor = new (name: string, options?: PouchOptions) => PouchDatabase;

let loaded: Promise<PouchConstructor> | null = null;

/** PouchDB with the HTTP and LevelDB adapters and replication (loaded once). */
export function loadPouch(): Promise<PouchConstructor> {
  loaded ??= loadPouchModules() as Promise<PouchConstructor>;
  return loaded;
}

/**
 * Makes a remote database's info() never reject, for the replication only: pouchdb-replication 9.0.0 calls
 * `src.info().then(...)` after each batch to update its task list, with no catch (lib/index.js, writeDocs), so a
 * server that dies between a batch and that call would crash the host with an unhandled rejection. The replication
 * only reads counts from it for its task list; a failed call answers zeros and the replication's own requests
 * report the lost connection as usual. Answers the original info() for the host's own checks.
 */
export function guardInfo(db: PouchDatabase): PouchDatabase['info'] {
  const info = db.info.bind(db);
  db.info = () => info().catch(() => ({ doc_count: 0, update_seq: 0, db_name: '' }));
  return info;
}
