// The service's sync part: the shared project's settings (address and user name in the data folder's sync/
// folder; the password only in the credential store the host gives), the running engine, and the sync methods
// of the contract, to which the service delegates.
import { readFile, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Annotation } from '../annotation';
import type { CodebookProposal, ConnectSyncInput, ResolveConflictInput, SyncConflict, SyncHost, SyncStatus } from '../contract';
import type { GlossDocument } from '../document';
import { GlossError } from '../errors';
import { checkDatabaseAddress } from '../sync/address';
import type { CodebookDoc, TextDoc } from '../sync/remote-docs';
import type { DataDraft } from './data-file';
import { parseInput } from '../schemas';
import type { GlossService, ServiceOptions } from './service';
import type { Store } from './store';
import { applyIncoming, fetchTexts } from './sync-apply';
import { sessionCredentials, type CredentialStore } from './sync-credentials';
import { SyncEngine, type ApplyOutcome, type IncomingBatch, type OwnLibrary } from './sync-engine';
import { acceptedCodebook, proposalOf } from './sync-proposals';
import { isOwnAnnotation } from '../agreement/layers';
import { ALL } from './service-needs';

/** What the sync part needs of the service: its public methods, and the store's one entry point for changes. */
export interface SyncPartDeps extends SyncOptions {
  dataDir: string;
  service: Pick<GlossService, 'forEachDocumentData' | 'getStatus' | 'getCodebook' | 'updateCodebook'>;
  change<T>(apply: (draft: DataDraft) => T): Promise<T>;
  now(): string;
}

interface Settings {
  url: string;
  username: string | null;
  /** Codebook proposals dismissed, by coder: the codebook version dismissed. */
  dismissed: Record<string, string>;
}

const OFF: Omit<SyncStatus, 'url' | 'username'> = {
  state: 'off',
  queued: 0,
  lastSynced: null,
  error: null,
  conflicts: 0,
  proposals: 0,
  refused: [],
  applied: 0,
};

/** The shared project of one data folder. */
export class SyncPart {
  private engine: SyncEngine | null = null;
  private settings: Settings | null = null;
  private startError: string | null = null;
  private readonly codebooks = new Map<string, CodebookDoc>();
  private readonly credentials: CredentialStore;

  constructor(private readonly deps: SyncPartDeps) {
    this.credentials = deps.credentials ?? sessionCredentials();
  }

  private get settingsFile(): string {
    return join(this.deps.dataDir, 'sync', 'settings.json');
  }

  /** Reconnects to the project the data folder was sharing, in the background (an error shows in the status). */
  resume(): void {
    void (async () => {
      this.settings = await readFile(this.settingsFile, 'utf8')
        .then((text) => JSON.parse(text) as Settings)
        .catch(() => null);
      if (!this.settings) return;
      const saved = await this.credentials.load(this.settings.url).catch(() => null);
      await this.start(this.settings.url, saved ?? {}).catch((error: unknown) => {
        this.startError = error instanceof Error ? error.message : String(error);
      });
    })();
  }

  /** Tells the engine the data folder changed. */
  changed(): void {
    this.engine?.changed();
  }

  private async start(url: string, credentials: { username?: string; password?: string }): Promise<void> {
    const address = checkDatabaseAddress(url);
    await this.engine?.stop();
    this.engine = null;
    this.engine = await SyncEngine.start(
      {
        dataDir: this.deps.dataDir,
        now: this.deps.now,
        ownCoder: () => this.ownCoder(),
        readOwn: async () => this.readOwn(),
        apply: (batch, textOf) => this.apply(batch, textOf),
        codebooksArrived: (docs) => docs.forEach((d) => this.codebooks.set(d.coder, d)),
        ...(this.deps.maxRetryMs === undefined ? {} : { maxRetryMs: this.deps.maxRetryMs }),
      },
      address,
      credentials,
    );
    this.startError = null;
  }

  private async ownCoder(): Promise<string> {
    return (await this.deps.service.getStatus({})).coder.name;
  }

  private async readOwn(): Promise<OwnLibrary> {
    const coder = await this.ownCoder();
    const documents = new Map<string, GlossDocument>();
    const annotations: Annotation[] = [];
    await this.deps.service.forEachDocumentData((entry) => {
      documents.set(entry.document.id, entry.document);
      for (const a of entry.annotations) if (isOwnAnnotation(a, coder)) annotations.push(a);
    });
    return { coder, codebook: await this.deps.service.getCodebook({}), documents, annotations };
  }

  private async apply(batch: IncomingBatch, textOf: (hash: string) => Promise<TextDoc | null>): Promise<ApplyOutcome> {
    const own = await this.readOwn();
    const texts = await fetchTexts([...own.documents.values()], batch, textOf);
    return this.deps.change((draft) => applyIncoming(draft, batch, texts, own.coder, this.deps.now()));
  }

  private async saveSettings(settings: Settings | null): Promise<void> {
    this.settings = settings;
    if (!settings) return rm(this.settingsFile, { force: true });
    await mkdir(join(this.deps.dataDir, 'sync'), { recursive: true });
    const temp = `${this.settingsFile}.tmp`;
    await writeFile(temp, JSON.stringify(settings, null, 2));
    await rename(temp, this.settingsFile);
  }

  private async proposals(): Promise<CodebookProposal[]> {
    const own = await this.deps.service.getCodebook({});
    return [...this.codebooks.values()]
      .filter((doc) => this.settings?.dismissed[doc.coder] !== doc.version)
      .map((doc) => proposalOf(doc, own))
      .filter((p): p is CodebookProposal => p !== null);
  }

  async status(): Promise<SyncStatus> {
    if (this.engine) return this.engine.status((await this.proposals()).length);
    const url = this.settings?.url ?? null;
    return { ...OFF, state: this.startError ? 'error' : 'off', error: this.startError, url, username: this.settings?.username ?? null };
  }

  async connect(input: ConnectSyncInput): Promise<SyncStatus> {
    const address = checkDatabaseAddress(input.url);
    const credentials = { ...(input.username ? { username: input.username, password: input.password ?? '' } : {}) };
    await this.start(address.url, credentials);
    if (credentials.username)
      await this.credentials.save(address.url, { username: credentials.username, password: credentials.password ?? '' });
    await this.saveSettings({ url: address.url, username: input.username ?? null, dismissed: this.settings?.dismissed ?? {} });
    return this.status();
  }

  async disconnect(): Promise<SyncStatus> {
    const url = this.settings?.url;
    await this.engine?.stop();
    this.engine = null;
    this.startError = null;
    if (url) await this.credentials.forget(url).catch(() => undefined);
    await this.saveSettings(null);
    return this.status();
  }

  private running(): SyncEngine {
    if (!this.engine) throw new GlossError('invalid-input', 'No shared project is connected.');
    return this.engine;
  }

  listConflicts(): Promise<SyncConflict[]> {
    return this.engine ? this.engine.listConflicts() : Promise.resolve([]);
  }

  async resolve(input: ResolveConflictInput): Promise<SyncStatus> {
    await this.running().resolve(input.annotationId, input.rev);
    return this.status();
  }

  listProposals(): Promise<CodebookProposal[]> {
    return this.proposals();
  }

  async answerProposal(coder: string, accept: boolean): Promise<CodebookProposal[]> {
    const doc = this.codebooks.get(coder);
    const proposal = (await this.proposals()).find((p) => p.coder === coder);
    if (!doc || !proposal) throw new GlossError('not-found', `There is no codebook proposal from ${coder}.`);
    if (accept) await this.deps.service.updateCodebook({ codebook: acceptedCodebook(await this.deps.service.getCodebook({}), proposal) });
    if (this.settings) await this.saveSettings({ ...this.settings, dismissed: { ...this.settings.dismissed, [coder]: doc.version } });
    this.engine?.changed();
    return this.proposals();
  }

  /** Resolves once the engine has nothing left to do locally (tests and the bench wait on it). */
  async settled(): Promise<void> {
    await this.engine?.settled();
  }

  /** Stops replicating (before the data folder closes). */
  async close(): Promise<void> {
    await this.engine?.stop();
    this.engine = null;
  }
}

/** The sync options a host gives the service. */
export interface SyncOptions {
  /** Where the password is kept (default: for the session only). */
  credentials?: CredentialStore;
  /** The longest wait between attempts to reach the server (default 30 s; tests shorten it). */
  maxRetryMs?: number;
}

/** The sync methods and the wait for sharing to settle, which attachSync gives the service. */
export interface SyncedService extends SyncHost {
  /** Resolves once sharing has nothing left to do locally (tests and the bench wait on it). */
  syncSettled(): Promise<void>;
}

declare module './service' {
  // The service's sync methods are this part's, delegated by attachSync.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlossService extends SyncedService {}
}

type StoreLike = Pick<Store, 'change' | 'close'>;

/**
 * Gives a service its sync part: the sync methods delegated to it (each checking its input), the store's changes
 * watched so the own layer is compared with what was sent after each one, whichever method made it (an edit, an undo,
 * an import), sharing stopped before the store closes, and the project the folder shared reconnected.
 */
export function attachSync(service: GlossService, store: StoreLike, options: ServiceOptions): GlossService {
  const change = store.change.bind(store);
  const close = store.close.bind(store);
  const part = new SyncPart({
    ...options.sync,
    dataDir: options.dataDir,
    service,
    // An incoming batch may touch any document: all are loaded first, so that it sees what each already holds.
    change: (apply) => change(apply, { needs: ALL }),
    now: () => (options.now?.() ?? new Date()).toISOString(),
  });
  store.change = <T>(apply: Parameters<Store['change']>[0], changeOptions?: Parameters<Store['change']>[1]): Promise<T> => {
    const done = change(apply as Parameters<Store['change']>[0], changeOptions) as Promise<T>;
    done.then(
      () => part.changed(),
      () => undefined,
    );
    return done;
  };
  store.close = async () => {
    await part.close();
    await close();
  };
  const methods: SyncedService = {
    getSyncStatus: async (input) => (parseInput('getSyncStatus', input), part.status()),
    connectSync: async (input) => part.connect(parseInput('connectSync', input)),
    disconnectSync: async (input) => (parseInput('disconnectSync', input), part.disconnect()),
    listSyncConflicts: async (input) => (parseInput('listSyncConflicts', input), part.listConflicts()),
    resolveSyncConflict: async (input) => part.resolve(parseInput('resolveSyncConflict', input)),
    listCodebookProposals: async (input) => (parseInput('listCodebookProposals', input), part.listProposals()),
    answerCodebookProposal: async (input) => {
      const { coder, accept } = parseInput('answerCodebookProposal', input);
      return part.answerProposal(coder, accept);
    },
    syncSettled: () => part.settled(),
  };
  Object.assign(service, methods);
  part.resume();
  return service;
}
