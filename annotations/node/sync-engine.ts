// The sync engine: one shared project's replication. The own layer (read from the data folder, the source of truth)
// is written into a local PouchDB database in the data folder, `sync/`, which is the durable outbox: PouchDB's live
// replication pushes it to the CouchDB database and pulls other coders' documents in, resuming from its checkpoints
// after a restart or a lost connection. What comes in is handed to the host to check and apply like an import.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Annotation } from '../annotation';
import type { Codebook } from '../codebook';
import type { SyncConflict, SyncRefusal, SyncState, SyncStatus } from '../contract-sync';
import type { GlossDocument } from '../document';
import { GlossError, errorMessage } from '../errors';
import type { DatabaseAddress } from '../sync/address';
import { webAnnotationFingerprint } from '../sync/fingerprint';
import {
  annotationDocId,
  checkRemoteDoc,
  layerPrefix,
  textDocId,
  type AnnotationDoc,
  type CodebookDoc,
  type RemoteDoc,
  type TextDoc,
} from '../sync/remote-docs';
import { Outbox } from './sync-outbox';
export { codebookVersionOf } from './sync-outbox';
import { guardInfo, loadPouch, type PouchChangesFeed, type PouchDatabase, type PouchDoc, type PouchSync } from './sync-pouch';
import { describeSyncError } from './sync-errors';
import { conflictOf, resolutionWrites } from './sync-conflicts';

/** The own layer and what it needs, as the engine reads it from the data folder. */
export interface OwnLibrary {
  coder: string;
  codebook: Codebook;
  documents: ReadonlyMap<string, GlossDocument>;
  /** The own coder's annotations. */
  annotations: readonly Annotation[];
}

/** Incoming changes for the host to check and apply. */
export interface IncomingBatch {
  /** Annotations of any coder's layer (the own coder's from another machine too), to add or replace. */
  upserts: AnnotationDoc[];
  deletions: Array<{ coder: string; annotationId: string }>;
  /** Conflicts settled here: applied to the own layer whatever its times say. */
  forced: AnnotationDoc[];
}

/** What applying a batch did. */
export interface ApplyOutcome {
  applied: number;
  refused: SyncRefusal[];
  /** Documents that could not be applied yet (their text or a theme has not arrived): tried again later. */
  waiting: string[];
}

/** What the engine needs from the host. */
export interface SyncEngineDeps {
  dataDir: string;
  /** The own coder's name (cheap: asked on every round). */
  ownCoder(): Promise<string>;
  readOwn(): Promise<OwnLibrary>;
  apply(batch: IncomingBatch, textOf: (hash: string) => Promise<TextDoc | null>): Promise<ApplyOutcome>;
  /** Other coders' codebooks as they arrive (for proposals). */
  codebooksArrived?(docs: CodebookDoc[]): void;
  now(): string;
  /** The longest wait between attempts to reach the server (default 30 s; tests shorten it). */
  maxRetryMs?: number;
}

/** The most refusals the status keeps. */
const MAX_REFUSALS = 20;
const STATE_DOC = '_local/gloss-sync';
/** CouchDB's error names, as the HTTP status they come with. */
const REFUSAL_STATUS: Record<string, number> = { unauthorized: 401, forbidden: 403, not_found: 404 };

interface SavedState {
  appliedSeq: number | string;
  queue: string[];
}

/** A running shared project. */
export class SyncEngine {
  private replication: PouchSync | null = null;
  private feed: PouchChangesFeed | null = null;
  private readonly conflicts = new Set<string>();
  private readonly outbox: Outbox;
  private readonly waiting = new Set<string>();
  private refused: SyncRefusal[] = [];
  private appliedSeq: number | string = 0;
  private stateRev: string | undefined;
  private state: SyncState = 'connecting';
  private error: string | null = null;
  private lastSynced: string | null = null;
  private applied = 0;
  private dirty = true;
  private work: Promise<void> = Promise.resolve();
  private pending = false;
  private stopped = false;

  private constructor(
    private readonly deps: SyncEngineDeps,
    readonly address: DatabaseAddress,
    readonly username: string | null,
    private readonly local: PouchDatabase,
    private readonly remote: PouchDatabase,
    private readonly remoteInfo: PouchDatabase['info'],
  ) {
    this.outbox = new Outbox(local, this.conflicts);
  }

  /** Opens the local database for this address and starts replicating. A server that does not answer is not an error: changes queue. */
  static async start(
    deps: SyncEngineDeps,
    address: DatabaseAddress,
    credentials: { username?: string; password?: string },
  ): Promise<SyncEngine> {
    const PouchDB = await loadPouch().catch((error: unknown) => {
      throw new GlossError('internal', `Sharing is not available in this build: PouchDB could not be loaded (${errorMessage(error)}).`);
    });
    const folder = join(deps.dataDir, 'sync');
    await mkdir(folder, { recursive: true });
    const key = createHash('sha256').update(address.url).digest('hex').slice(0, 16);
    const local = new PouchDB(join(folder, key), { adapter: 'leveldb' });
    const auth = credentials.username ? { auth: { username: credentials.username, password: credentials.password ?? '' } } : {};
    // skip_setup: the database is the team's, made by its administrator; Gloss never creates one.
    const remote = new PouchDB(address.url, { adapter: 'http', skip_setup: true, ...auth });
    const remoteInfo = guardInfo(remote);
    const engine = new SyncEngine(deps, address, credentials.username ?? null, local, remote, remoteInfo);
    try {
      await engine.probe();
      await engine.load();
    } catch (error) {
      await local.close().catch(() => undefined);
      await remote.close().catch(() => undefined);
      throw error;
    }
    engine.run();
    return engine;
  }

  /** Refuses wrong credentials or a missing database at once; a server that does not answer only means offline. */
  private async probe(): Promise<void> {
    try {
      // PouchDB's info() reads the body of any answer, a refusal too (with skip_setup nothing checks the status).
      const answer = (await this.remoteInfo()) as { error?: string; reason?: string };
      if (typeof answer.error === 'string') throw { status: REFUSAL_STATUS[answer.error] ?? 400, message: answer.reason ?? answer.error };
      this.state = 'connected';
    } catch (error) {
      const described = describeSyncError(error);
      if (!described.offline) throw new GlossError('invalid-input', described.message);
      this.state = 'offline';
      this.error = described.message;
    }
  }

  private async load(): Promise<void> {
    try {
      const saved = (await this.local.get(STATE_DOC)) as unknown as PouchDoc & SavedState;
      this.stateRev = saved._rev;
      this.appliedSeq = saved.appliedSeq;
      for (const id of saved.queue) this.outbox.queue.add(id);
    } catch {
      // A new local database: nothing applied or queued yet.
    }
  }

  private run(): void {
    this.schedule();
    this.feed = this.local.changes({ since: 'now', live: true });
    this.feed.on('change', () => this.schedule());
    this.feed.on('error', () => undefined);
    const max = this.deps.maxRetryMs ?? 30_000;
    this.replication = this.local.sync(this.remote, {
      live: true,
      retry: true,
      batch_size: 500,
      back_off_function: (delay) => (delay === 0 ? Math.min(1_000, max) : Math.min(delay * 2, max)),
    });
    this.replication
      .on('change', (info) => {
        if (info.direction === 'push') for (const doc of info.change.docs) this.outbox.queue.delete(doc._id);
        this.lastSynced = this.deps.now();
        this.setState('connected', null);
        this.schedule();
      })
      .on('denied', (error) => this.refuse('(sent)', `the server refused a change: ${describeSyncError(error).message}`))
      .on('error', (error) => this.setState('error', describeSyncError(error).message));
    // Each direction says what it does (the sync object pauses when both have, whether caught up or failing): a
    // failed request (tried again after a growing wait), or a pause without error, which means caught up.
    const { push, pull } = this.replication;
    for (const direction of [push, pull]) {
      direction.on('requestError', (error) => {
        const described = describeSyncError(error);
        this.setState(described.offline ? 'offline' : 'error', described.message);
      });
      direction.on('paused', (error) => {
        if (error) return;
        if (direction === push) void this.outbox.confirm(this.remote);
        this.setState('connected', null);
        this.lastSynced ??= this.deps.now();
      });
    }
  }

  private setState(state: SyncState, error: string | null): void {
    if (this.stopped) return;
    this.state = state;
    this.error = error;
  }

  private refuse(id: string, reason: string): void {
    this.refused = [{ id: id.slice(0, 120), reason }, ...this.refused.filter((r) => r.id !== id)].slice(0, MAX_REFUSALS);
  }

  /** Tells the engine the data folder changed, so the own layer is compared with what was sent. */
  changed(): void {
    this.dirty = true;
    this.schedule();
  }

  /** Runs one round soon (rounds never overlap; requests during a round make one more). */
  private schedule(): void {
    if (this.stopped || this.pending) return;
    this.pending = true;
    this.work = this.work.then(async () => {
      this.pending = false;
      if (this.stopped) return;
      try {
        await this.applyIncoming();
        if (this.dirty) {
          this.dirty = false;
          await this.outbox.send(await this.deps.readOwn());
        }
        await this.saveState();
      } catch (error) {
        if (!this.stopped) this.setState('error', describeSyncError(error).message);
      }
    });
  }

  /** Resolves once the engine has nothing left to do locally (what the server has not confirmed stays queued). */
  async settled(): Promise<void> {
    let before: Promise<void>;
    do {
      before = this.work;
      await before;
    } while (before !== this.work || this.pending);
  }

  /** Takes in what the replication wrote into the local database since the last round. */
  private async applyIncoming(): Promise<void> {
    for (;;) {
      const page = await this.local.changes({ since: this.appliedSeq, include_docs: true, conflicts: true, limit: 500 });
      const retry = [...this.waiting];
      if (page.results.length === 0 && retry.length === 0) return;
      const own = await this.deps.ownCoder();
      const batch: IncomingBatch = { upserts: [], deletions: [], forced: [] };
      const codebooks: CodebookDoc[] = [];
      for (const change of page.results) {
        const doc = change.doc;
        if (!doc || change.id.startsWith('_local/')) continue;
        const mine = this.outbox.mirror.get(change.id);
        // Another coder's conflicts are theirs to settle; the winning version stands for their layer here.
        const conflicted = (doc._conflicts?.length ?? 0) > 0 && change.id.startsWith(layerPrefix(own));
        if (conflicted) this.conflicts.add(change.id);
        else this.conflicts.delete(change.id);
        if (mine?.rev === doc._rev || conflicted) continue;
        if (doc._deleted) {
          const parsed = /^ann:([^:]+):(.+)$/.exec(change.id);
          if (parsed) batch.deletions.push({ coder: decodeURIComponent(parsed[1]!), annotationId: parsed[2]! });
          if (change.id.startsWith(layerPrefix(own))) this.outbox.hold(change.id, { rev: doc._rev, fingerprint: '' });
          continue;
        }
        const checked = checkRemoteDoc(doc, JSON.stringify(doc).length);
        if ('refused' in checked) {
          this.refuse(change.id, checked.refused);
          continue;
        }
        this.refused = this.refused.filter((r) => r.id !== change.id.slice(0, 120));
        this.take(checked.doc, own, batch, codebooks);
      }
      for (const id of retry) {
        if (page.results.some((c) => c.id === id)) continue;
        const doc = await this.local.get(id).catch(() => null);
        const checked = doc && checkRemoteDoc(doc, JSON.stringify(doc).length);
        if (checked && 'doc' in checked && checked.doc.type === 'annotation') batch.upserts.push(checked.doc);
      }
      if (codebooks.length > 0) this.deps.codebooksArrived?.(codebooks);
      if (batch.upserts.length + batch.deletions.length > 0) {
        const outcome = await this.deps.apply(batch, (hash) => this.textOf(hash));
        this.applied += outcome.applied;
        for (const refusal of outcome.refused) this.refuse(refusal.id, refusal.reason);
        this.waiting.clear();
        for (const id of outcome.waiting) this.waiting.add(id);
      } else if (retry.length > 0 && page.results.length === 0) {
        return;
      }
      this.appliedSeq = page.last_seq;
      if (page.results.length < 500) return;
    }
  }

  private take(doc: RemoteDoc, own: string, batch: IncomingBatch, codebooks: CodebookDoc[]): void {
    if (doc.type === 'annotation') {
      batch.upserts.push(doc);
      if (doc.coder === own)
        this.outbox.hold(doc._id, { rev: (doc as unknown as PouchDoc)._rev, fingerprint: webAnnotationFingerprint(doc.annotation) });
    } else if (doc.type === 'codebook' && doc.coder !== own) {
      codebooks.push(doc);
    }
  }

  private async textOf(hash: string): Promise<TextDoc | null> {
    const doc = await this.local.get(textDocId(hash)).catch(() => null);
    if (!doc) return null;
    const checked = checkRemoteDoc(doc, JSON.stringify(doc).length);
    return 'doc' in checked && checked.doc.type === 'text' ? checked.doc : null;
  }

  private async saveState(): Promise<void> {
    const state: SavedState = { appliedSeq: this.appliedSeq, queue: [...this.outbox.queue] };
    const saved = await this.local.put({ _id: STATE_DOC, ...(this.stateRev ? { _rev: this.stateRev } : {}), ...state });
    this.stateRev = saved.rev;
  }

  /** The status for the page. */
  status(proposals: number): SyncStatus {
    return {
      state: this.state,
      url: this.address.url,
      username: this.username,
      queued: this.outbox.queue.size,
      lastSynced: this.lastSynced,
      error: this.error,
      conflicts: this.conflicts.size,
      proposals,
      refused: [...this.refused],
      applied: this.applied,
    };
  }

  /** Every conflicted own annotation with all its versions. */
  async listConflicts(): Promise<SyncConflict[]> {
    await this.settled();
    const found: SyncConflict[] = [];
    for (const id of this.conflicts) {
      const conflict = await conflictOf(this.local, id);
      if (conflict) found.push(conflict);
      else this.conflicts.delete(id);
    }
    return found;
  }

  /** Keeps one version of a conflicted own annotation: written over the others here, and sent to every machine. */
  async resolve(annotationId: string, rev: string): Promise<void> {
    await this.settled();
    const own = { coder: await this.deps.ownCoder() };
    const id = annotationDocId(own.coder, annotationId);
    const { writes, chosen } = await resolutionWrites(this.local, id, rev, this.deps.now());
    const results = await this.local.bulkDocs(writes);
    const first = results[0];
    if (!first || !('ok' in first))
      throw new GlossError('storage', 'The choice could not be written to the local sync database; try again.');
    this.conflicts.delete(id);
    this.outbox.hold(id, { rev: first.rev, fingerprint: chosen ? webAnnotationFingerprint(chosen.annotation) : '' });
    for (const result of results) if ('ok' in result) this.outbox.queue.add(result.id);
    const batch: IncomingBatch = chosen
      ? { upserts: [], deletions: [], forced: [{ ...chosen, _id: id }] }
      : { upserts: [], deletions: [{ coder: own.coder, annotationId }], forced: [] };
    await this.deps.apply(batch, (hash) => this.textOf(hash));
    await this.saveState();
  }

  /** Stops replicating and closes the local database; what is queued stays in it for the next connection. */
  async stop(): Promise<void> {
    this.replication?.cancel();
    this.feed?.cancel();
    await this.settled();
    this.stopped = true;
    await this.saveState().catch(() => undefined);
    await this.local.close().catch(() => undefined);
    await this.remote.close().catch(() => undefined);
  }
}
