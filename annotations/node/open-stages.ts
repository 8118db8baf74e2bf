// The host side of opening in stages (../contract-open.ts): the text without annotations, then the annotations
// anchored here once per text and sent compact, a range or a page at a time, then their notes. It reads through
// the contract's own methods (openDocument, getHistory), so it does not depend on how the store keeps the data.
import type { Annotation, AnnotationTarget } from '../annotation';
import { anchorTarget, type AnchorResult } from '../anchoring/anchor';
import type { GlossHost, HistoryInput, HistorySummary, OpenedDocument } from '../contract';
import {
  isCompact,
  MAX_ANNOTATION_PAGE,
  RecordWriter,
  type AnnotationPage,
  type AnnotationPageInput,
  type NotesInput,
  type OpenedText,
  type PageCursor,
  type PlacedFull,
  ORPHAN_START,
} from '../contract-open';
import type { GlossDocument } from '../document';
import { parseInput } from '../schemas';

/** What the stages read: the service's public methods. */
export type OpenSource = Pick<GlossHost, 'openDocument' | 'getHistory'>;

/** An annotation with where it was found, and whether the compact form stands for it. */
interface Placed extends PlacedFull {
  compact: boolean;
}

/** One document's annotations as last placed: the stored annotations they were made from, in document order. */
interface PlacedDocument {
  document: GlossDocument;
  from: readonly Annotation[];
  placed: readonly Placed[];
  byId: ReadonlyMap<string, Annotation>;
}

/** Where an annotation stands in document order: by where it starts (orphans last), then by creation, then by id. */
function cursorOf(p: Placed): PageCursor {
  return { start: p.anchor.status === 'anchored' ? p.anchor.start : ORPHAN_START, created: p.annotation.created, id: p.annotation.id };
}

function compareCursors(a: PageCursor, b: PageCursor): number {
  return a.start - b.start || (a.created < b.created ? -1 : a.created > b.created ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The index of the first placed annotation after `cursor` (bisecting the ordered list). */
function indexAfter(placed: readonly Placed[], cursor: PageCursor): number {
  let low = 0;
  let high = placed.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compareCursors(cursorOf(placed[mid]!), cursor) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The open-in-stages methods over a service. */
export class OpenStages {
  /**
   * Anchors by the text they were found in (its SHA-256, or the text itself for data written before Gloss kept
   * the hash), each by the stored target object: stored values are replaced, never changed, so an edit
   * re-anchors only the annotation it made, and opening a document again anchors nothing. Nothing here needs
   * Node, so the bench's in-page host runs it too.
   */
  private readonly anchors = new Map<string, WeakMap<AnnotationTarget, AnchorResult>>();
  private last: PlacedDocument | null = null;

  constructor(private readonly source: OpenSource) {}

  /** A document's text, the codebook and the undo flags, without its annotations. */
  async openDocumentText(input: { documentId: string }): Promise<OpenedText> {
    const [opened, history] = await Promise.all([
      this.source.openDocument(input),
      this.source.getHistory({ documentId: input.documentId, withPreviews: true }),
    ]);
    return { document: opened.document, codebook: opened.codebook, history, annotationCount: opened.annotations.length };
  }

  /** A document's annotations anchored in its text, compact where the form stands for them: a range, or a page. */
  async openAnnotations(input: AnnotationPageInput): Promise<AnnotationPage> {
    const { placed } = await this.placedOf(input.documentId);
    const limit = input.limit ?? MAX_ANNOTATION_PAGE;
    let chosen: readonly Placed[];
    let next: PageCursor | null = null;
    if (input.range) {
      const { start, end } = input.range;
      chosen = placed.filter((p) => p.anchor.status === 'anchored' && p.anchor.start < end && p.anchor.end > start).slice(0, limit);
    } else {
      const from = input.after ? indexAfter(placed, input.after) : 0;
      chosen = placed.slice(from, from + limit);
      if (from + limit < placed.length) next = cursorOf(chosen[chosen.length - 1]!);
    }
    const writer = new RecordWriter();
    const full: PlacedFull[] = [];
    for (const p of chosen) {
      if (p.compact && p.anchor.status === 'anchored') writer.add(p.annotation, p.anchor);
      else full.push({ annotation: p.annotation, anchor: p.anchor });
    }
    return { total: placed.length, next, themes: writer.themes, creators: writer.creators, records: writer.records, full };
  }

  /** The notes of these annotations of the document (ids of other documents' annotations are left out). */
  async annotationNotes(input: NotesInput): Promise<Record<string, string>> {
    const { byId } = await this.placedOf(input.documentId);
    const notes: Record<string, string> = {};
    for (const id of input.ids) {
      const annotation = byId.get(id);
      if (annotation) notes[id] = annotation.note;
    }
    return notes;
  }

  private async placedOf(documentId: string): Promise<PlacedDocument> {
    const { document, annotations } = await this.source.openDocument({ documentId });
    const last = this.last;
    if (last && last.document === document && sameList(last.from, annotations)) return last;
    const anchors = this.anchorsOf(document);
    const placed: Placed[] = annotations.map((annotation) => {
      let anchor = anchors.get(annotation.target);
      if (!anchor) {
        anchor = anchorTarget(document.text, annotation.target);
        anchors.set(annotation.target, anchor);
      }
      return { annotation, anchor, compact: isCompact(document.text, annotation, anchor) };
    });
    placed.sort((a, b) => compareCursors(cursorOf(a), cursorOf(b)));
    const byId = new Map(annotations.map((a) => [a.id, a]));
    this.last = { document, from: annotations, placed, byId };
    return this.last;
  }

  private anchorsOf(document: GlossDocument): WeakMap<AnnotationTarget, AnchorResult> {
    const hash = document.contentHash ?? document.text;
    let anchors = this.anchors.get(hash);
    if (!anchors) {
      anchors = new WeakMap();
      this.anchors.set(hash, anchors);
    }
    return anchors;
  }
}

/** Whether two lists hold the same stored annotations in the same order (stored values are replaced on change). */
function sameList(a: readonly Annotation[], b: readonly Annotation[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The open-in-stages methods of the contract for a host that has openDocument and getHistory (the service
 * extends it): each checks its input, then asks the stages, which read through those two methods.
 */
export abstract class OpenStagesHost {
  private readonly stages = new OpenStages(this);

  abstract openDocument(input: { documentId: string }): Promise<OpenedDocument>;
  abstract getHistory(input: HistoryInput): Promise<HistorySummary>;

  async openDocumentText(input: { documentId: string }): Promise<OpenedText> {
    return this.stages.openDocumentText(parseInput('openDocumentText', input));
  }

  async openAnnotations(input: AnnotationPageInput): Promise<AnnotationPage> {
    return this.stages.openAnnotations(parseInput('openAnnotations', input));
  }

  async annotationNotes(input: NotesInput): Promise<Record<string, string>> {
    return this.stages.annotationNotes(parseInput('annotationNotes', input));
  }
}
