// Every change the reader's state can undergo, as one typed union: the reducer's only input.
import type { Annotation } from '../../annotations/annotation';
import type { AnchorResult } from '../../annotations/anchoring/anchor';
import type { Codebook } from '../../annotations/codebook';
import type { DocumentSummary, StepPreview } from '../../annotations/contract';
import type { GlossDocument } from '../../annotations/document';

/** An annotation with where anchoring found it in the shown text (also one entry of the Annotations list). */
export interface AnchoredAnnotation {
  annotation: Annotation;
  anchor: AnchorResult;
}

/** One highlight as the list shows it. */
export type Entry = AnchoredAnnotation;

/** The Annotations panel's filters. */
export interface ListFilters {
  /** A theme id, or '' for every theme. */
  theme: string;
  query: string;
  withNote: boolean;
  orphaned: boolean;
}

/** What undo and redo can do now. */
export interface HistoryFlags {
  canUndo: boolean;
  canRedo: boolean;
  /** What undo and redo will do, as the host last said (absent or null: not known, so they wait for the host). */
  undoPreview?: StepPreview | null;
  redoPreview?: StepPreview | null;
}

/** The reader's actions. */
export type Action =
  | { type: 'status-loaded'; readOnly: string | null }
  | { type: 'library-loaded'; documents: DocumentSummary[] }
  /** A document shown; `arriving`: how many of its annotations are still to come (openAnnotations, in stages). */
  | {
      type: 'document-opened';
      document: GlossDocument;
      codebook: Codebook;
      annotations: AnchoredAnnotation[];
      history: HistoryFlags;
      arriving?: number;
    }
  /**
   * A stage of the shown document's annotations came from the host: those not shown yet are added (one the
   * reader made or edited meanwhile is kept as it is); `notesToCome` have a note the host sends later, and
   * `loaded` of them have come (all, and none is still to come, when `done`).
   */
  | { type: 'annotations-arrived'; arrived: AnchoredAnnotation[]; notesToCome: string[]; loaded: number; done: boolean }
  /** Notes of annotations whose note was still to come, by id. */
  | { type: 'notes-arrived'; notes: Record<string, string> }
  | { type: 'codebook-loaded'; codebook: Codebook; annotations: AnchoredAnnotation[] }
  /**
   * Annotations stored, changed or gone (new, edited, undone, reviewed): one action, one redraw.
   * A new highlight also opens (`open`) with the caret after it (`caret`, a text offset).
   */
  | { type: 'annotations-changed'; upserted: AnchoredAnnotation[]; removed: string[]; open?: string; caret?: number }
  /** Opens a highlight in the editor (null closes it). */
  | { type: 'highlight-opened'; id: string | null }
  | { type: 'highlight-flashed'; id: string | null }
  /** n / p moved to this highlight (so highlights starting at one place are each visited). */
  | { type: 'highlight-reached'; id: string }
  | { type: 'filters-changed'; filters: Partial<ListFilters> }
  /**
   * An edit shown at input, before the host has it (see ./modules/annotations.ts): the annotation
   * `id` is unsaved until its edits are acknowledged.
   */
  | { type: 'edit-applied'; id: string; upserted: AnchoredAnnotation[]; removed: string[]; open?: string; caret?: number }
  /** The host stored an edit of `id`: what it stored (null: it deleted it). */
  | { type: 'edit-acknowledged'; id: string; stored: AnchoredAnnotation | null }
  /** The host did not store an edit of `id`: it goes back to what the host has. */
  | { type: 'edit-failed'; id: string }
  | { type: 'save-started' }
  /** A host call ended: saved, failed to save, or refused its input (which saved nothing and lost nothing). */
  | { type: 'save-finished'; outcome: 'saved' | 'failed' | 'refused' }
  | { type: 'history-changed'; history: HistoryFlags }
  /** The host recorded one more undo step (every change through the contract does). */
  | { type: 'step-recorded' };
