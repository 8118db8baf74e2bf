// The sync part of the host contract (contract.ts): sharing a team's coding through a CouchDB database. The own
// layer goes out, other coders' layers come in; the host runs the replication, the page asks and shows.
import type { Theme } from './codebook';

/** What the replication is doing, as the status area words it. */
export type SyncState = 'off' | 'connecting' | 'connected' | 'offline' | 'error';

/** A document the server sent that Gloss refused, and why. */
export interface SyncRefusal {
  /** The database document's id (cut to a readable length). */
  id: string;
  reason: string;
}

/** The shared project as getSyncStatus answers it. */
export interface SyncStatus {
  state: SyncState;
  /** The database address without credentials, or null when no project is set up. */
  url: string | null;
  /** The user name it connects as (never the password). */
  username: string | null;
  /** Own changes kept locally that the server has not confirmed yet. */
  queued: number;
  /** When a change last went out or came in (ISO 8601), or null. */
  lastSynced: string | null;
  /** Why the state is 'error' or 'offline', in words. */
  error: string | null;
  /** Own annotations edited differently on two machines, waiting for a choice. */
  conflicts: number;
  /** Codebook changes from other coders waiting to be accepted or dismissed. */
  proposals: number;
  /** The most recent refused documents, newest first. */
  refused: SyncRefusal[];
  /** Grows whenever incoming changes were written to the data folder, so the page knows to reload. */
  applied: number;
}

/** Input of connectSync. A password is kept by the host for the session (the desktop keeps it encrypted). */
export interface ConnectSyncInput {
  /** The database's address, e.g. https://couch.example.org/project (http only on this machine). */
  url: string;
  username?: string;
  password?: string;
}

/** One side of a conflict: a version of the same annotation saved on another machine. */
export interface ConflictVersion {
  /** The database revision that holds this version. */
  rev: string;
  themes: string[];
  note: string;
  modified: string;
  /** False when this version deletes the highlight. */
  exists: boolean;
}

/** An own annotation edited two ways: every version, to pick one. */
export interface SyncConflict {
  annotationId: string;
  documentId: string | null;
  /** The passage, for recognising it. */
  quote: string;
  versions: ConflictVersion[];
}

/** Input of resolveSyncConflict: the revision whose version is kept. */
export interface ResolveConflictInput {
  annotationId: string;
  rev: string;
}

/** A codebook change another coder made, proposed to the own codebook. */
export interface CodebookProposal {
  coder: string;
  /** Themes the coder has that the own codebook lacks (matched by id). */
  added: Theme[];
  /** Themes both have, as the coder changed them (label, colour, description). */
  changed: Theme[];
}

/** The contract's sync methods (GlossHost extends it). */
export interface SyncHost {
  /** Where the shared project stands: connected, offline with queued changes, last synced, errors, conflicts. */
  getSyncStatus(input: Record<string, never>): Promise<SyncStatus>;
  /** Starts sharing through a CouchDB database; TLS is required unless the server is on this machine. */
  connectSync(input: ConnectSyncInput): Promise<SyncStatus>;
  /** Stops sharing; what is queued stays queued for the next connection. */
  disconnectSync(input: Record<string, never>): Promise<SyncStatus>;
  /** Own annotations that were edited differently on two machines. */
  listSyncConflicts(input: Record<string, never>): Promise<SyncConflict[]>;
  /** Keeps one version of a conflicted annotation, here and (through the server) on every machine. */
  resolveSyncConflict(input: ResolveConflictInput): Promise<SyncStatus>;
  /** Other coders' codebook changes, waiting to be accepted. */
  listCodebookProposals(input: Record<string, never>): Promise<CodebookProposal[]>;
  /** Takes a coder's proposed themes into the own codebook (one undo-able codebook change), or dismisses them. */
  answerCodebookProposal(input: { coder: string; accept: boolean }): Promise<CodebookProposal[]>;
}

/** The sync methods' names, as a value (contract.ts spreads it into METHOD_SET, so each transport loops over them too). */
export const SYNC_METHOD_SET: Record<keyof SyncHost, true> = {
  getSyncStatus: true,
  connectSync: true,
  disconnectSync: true,
  listSyncConflicts: true,
  resolveSyncConflict: true,
  listCodebookProposals: true,
  answerCodebookProposal: true,
};
