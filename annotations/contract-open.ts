// The open-in-stages part of the host contract (contract.ts): a document's text first, then its annotations in a
// compact form (the screen's first, then the rest in pages), then their notes. The compact form is declared here
// with the one pair of functions that write and read it, so the host and the page cannot disagree on it.
import type { Annotation } from './annotation';
import { describeRange, type Anchored, type AnchorResult } from './anchoring/anchor';
import type { Codebook } from './codebook';
import type { HistorySummary } from './contract-history';
import type { GlossDocument } from './document';

/** The most annotations one openAnnotations answer holds, and the most notes one annotationNotes answer holds. */
export const MAX_ANNOTATION_PAGE = 5000;

/** What the reader needs to paint a document before any annotation crosses the boundary. */
export interface OpenedText {
  document: GlossDocument;
  codebook: Codebook;
  /** What undo and redo can do in this document, with their previews. */
  history: HistorySummary;
  /** How many annotations the document has (they come with openAnnotations). */
  annotationCount: number;
}

/**
 * One annotation in the compact form: its id, where the host found it (offsets into the document's text, end
 * exclusive), its themes and creator as indices into the page's tables (creator -1: the own coder), whether it
 * has a note, and its timestamps. Its quote, prefix and suffix are the text's own at those offsets (the host
 * sends the full annotation otherwise), and its note comes with annotationNotes.
 */
export type CompactRecord = [
  id: string,
  start: number,
  end: number,
  themes: number[],
  hasNote: 0 | 1,
  creator: number,
  created: string,
  modified: string,
];

/** An annotation the compact form cannot stand for (moved, found approximately, orphaned), with where the host found it. */
export interface PlacedFull {
  annotation: Annotation;
  anchor: AnchorResult;
}

/**
 * Where a page ends in document order: the last annotation's start (ORPHAN_START for one not found), creation
 * time and id. The next page starts after it, so an annotation added or deleted meanwhile shifts nothing.
 */
export interface PageCursor {
  start: number;
  created: string;
  id: string;
}

/** The start an orphan sorts by (after every annotation found in the text). */
export const ORPHAN_START = Number.MAX_SAFE_INTEGER;

/** Input of openAnnotations: a range of the text (the screen's), or a page of all of them in document order. */
export interface AnnotationPageInput {
  documentId: string;
  /** Only the annotations that overlap [start, end) of the text, orphans left out (at most `limit`). */
  range?: { start: number; end: number };
  /** The page after this one's end (absent: the first page; ignored with `range`). */
  after?: PageCursor;
  /** How many (default and at most MAX_ANNOTATION_PAGE). */
  limit?: number;
}

/** A page of a document's annotations. */
export interface AnnotationPage {
  /** How many annotations the document has in all. */
  total: number;
  /** Where the next page starts, or null when this page reached the end (always null for a range). */
  next: PageCursor | null;
  /** Theme ids and creator names the records refer to by index. */
  themes: string[];
  creators: string[];
  records: CompactRecord[];
  /** Those not in `records`, in full. */
  full: PlacedFull[];
}

/** Input of annotationNotes. */
export interface NotesInput {
  documentId: string;
  /** At most MAX_ANNOTATION_PAGE ids. */
  ids: string[];
}

/** The contract's open-in-stages methods (GlossHost extends it). */
export interface OpenHost {
  /** A document's text, the codebook and the document's undo flags, without its annotations. */
  openDocumentText(input: { documentId: string }): Promise<OpenedText>;
  /** A document's annotations as the host anchored them, compact: those of a range of the text, or a page of all. */
  openAnnotations(input: AnnotationPageInput): Promise<AnnotationPage>;
  /** The notes of some of a document's annotations, by id (an id that is not the document's is left out). */
  annotationNotes(input: NotesInput): Promise<Record<string, string>>;
}

/** The open-in-stages methods' names, as a value (contract.ts spreads it into METHOD_SET). */
export const OPEN_METHOD_SET: Record<keyof OpenHost, true> = {
  openDocumentText: true,
  openAnnotations: true,
  annotationNotes: true,
};

/**
 * Whether the compact form stands for an annotation exactly: it was found where it was made, and its stored
 * quote and context are what describeRange makes of the text there, so the page can make them again.
 */
export function isCompact(text: string, annotation: Annotation, anchor: AnchorResult): anchor is Anchored {
  if (anchor.status !== 'anchored' || anchor.method !== 'exact') return false;
  const [position, quote] = annotation.target.selector;
  if (position.start !== anchor.start || position.end !== anchor.end) return false;
  const [, made] = describeRange(text, anchor.start, anchor.end);
  return quote.exact === made.exact && quote.prefix === made.prefix && quote.suffix === made.suffix;
}

/** Builds the records of a page, with its tables of themes and creators. */
export class RecordWriter {
  readonly themes: string[] = [];
  readonly creators: string[] = [];
  readonly records: CompactRecord[] = [];
  private readonly themeIndex = new Map<string, number>();
  private readonly creatorIndex = new Map<string, number>();

  /** Adds an annotation that isCompact said the form stands for. */
  add(annotation: Annotation, anchor: Anchored): void {
    const themes = annotation.themes.map((id) => indexIn(this.themes, this.themeIndex, id));
    const creator = annotation.creator === undefined ? -1 : indexIn(this.creators, this.creatorIndex, annotation.creator);
    const hasNote = annotation.note.trim() === '' ? 0 : 1;
    this.records.push([annotation.id, anchor.start, anchor.end, themes, hasNote, creator, annotation.created, annotation.modified]);
  }
}

function indexIn(table: string[], index: Map<string, number>, value: string): number {
  let at = index.get(value);
  if (at === undefined) {
    at = table.push(value) - 1;
    index.set(value, at);
  }
  return at;
}

/** An annotation read back from a record: whole but for its note, which `hasNote` says is still to come. */
export interface ReadRecord {
  annotation: Annotation;
  anchor: Anchored;
  hasNote: boolean;
}

/** Reads a page's record back into an annotation of `doc` (its note empty: notes come with annotationNotes). */
export function readRecord(
  doc: Pick<GlossDocument, 'id' | 'text'>,
  page: Pick<AnnotationPage, 'themes' | 'creators'>,
  record: CompactRecord,
): ReadRecord {
  const [id, start, end, themes, hasNote, creator, created, modified] = record;
  const annotation: Annotation = {
    id,
    documentId: doc.id,
    target: { source: doc.id, selector: describeRange(doc.text, start, end) },
    themes: themes.map((i) => page.themes[i]!),
    note: '',
    created,
    modified,
  };
  if (creator >= 0) annotation.creator = page.creators[creator]!;
  return { annotation, anchor: { status: 'anchored', method: 'exact', start, end, confidence: 1 }, hasNote: hasNote === 1 };
}
