// The reader's state: one value, split into modules (see ./modules/), read by views through selectors.
import type { Annotation } from '../../annotations/annotation';
import type { AnchorResult } from '../../annotations/anchoring/anchor';
import type { Codebook } from '../../annotations/codebook';
import type { DocumentSummary } from '../../annotations/contract';
import type { GlossDocument } from '../../annotations/document';
import { Map as PersistentMap, Set as PersistentSet } from 'immutable';
import type { AnchoredAnnotation, Entry, HistoryFlags, ListFilters } from './actions';
import type { ThemeTally } from './theme-tally';

/** An annotation with edits under way: the version the host acknowledged last (null: none), and how many edits wait. */
export interface Unsaved {
  readonly acknowledged: AnchoredAnnotation | null;
  readonly inFlight: number;
}

/** Everything the reader shows. */
export interface ReaderState {
  /** The document shown, or null before the first one opens. */
  readonly document: GlossDocument | null;
  readonly codebook: Codebook;
  readonly library: readonly DocumentSummary[];
  /** Why the host refuses changes (a data file from a newer Gloss), or null. */
  readonly readOnly: string | null;
  /**
   * The shown document's annotations by id. Persistent maps (immutable.js): an edit makes a new map that
   * shares all but the changed entry with the old one, so it costs the same at 10 and 10,000 highlights.
   */
  readonly annotations: PersistentMap<string, Annotation>;
  /** Where each was found in the text. */
  readonly anchors: PersistentMap<string, AnchorResult>;
  /** The same annotations in document order (derived by the reducer on each change to them). */
  readonly entries: readonly Entry[];
  /** How many of them carry each set of themes (counts and descriptions derive from it). */
  readonly themeSets: ThemeTally;
  /**
   * Annotations shown with a note the host has not sent yet (opening in stages sends notes last): their
   * `note` is empty until it comes, so views say it is loading and the note cannot be edited before then.
   */
  readonly notesToCome: PersistentSet<string>;
  /** The shown document's annotations are still arriving: how many have come of how many. */
  readonly loading: { readonly loaded: number; readonly total: number } | null;
  /** Annotations shown with edits the host has not acknowledged yet: what the host has, and how many are under way. */
  readonly unsaved: ReadonlyMap<string, Unsaved>;
  /** The highlight open in the editor. */
  readonly activeId: string | null;
  /** The highlight flashed after it was scrolled to. */
  readonly flashId: string | null;
  /** The highlight n / p reached last. */
  readonly reachedId: string | null;
  readonly filters: ListFilters;
  /** Host calls under way. */
  readonly pending: number;
  /** The last call that ended failed to save. */
  readonly failed: boolean;
  readonly history: HistoryFlags;
}

/** The state before anything is loaded. */
export const INITIAL_STATE: ReaderState = {
  document: null,
  codebook: [],
  library: [],
  readOnly: null,
  annotations: PersistentMap(),
  anchors: PersistentMap(),
  entries: [],
  themeSets: new Map(),
  notesToCome: PersistentSet(),
  loading: null,
  unsaved: new Map(),
  activeId: null,
  flashId: null,
  reachedId: null,
  filters: { theme: '', query: '', withNote: false, orphaned: false },
  pending: 0,
  failed: false,
  history: { canUndo: false, canRedo: false },
};
