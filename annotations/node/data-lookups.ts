// Reading the stored data for the service: finding a document or an annotation (or saying clearly that there is
// none), checking what a change refers to, and handing stored values to the domain's functions and to callers.
import type { Annotation } from '../annotation';
import { countByTheme, countByThemeSets, type Theme } from '../codebook';
import type { DocumentSummary } from '../contract';
import { GlossError } from '../errors';
import type { DeepReadonly, StoreData, StoredAnnotation, StoredDocument } from './data-file';

/** A document bundled with the app, added to every data folder that lacks it. */
export interface SampleDocument {
  id: string;
  source: string;
  text: string;
}

/**
 * A stored value as the domain's functions and the contract's answers type it. Those types predate
 * readonly, but nothing downstream changes what it is given: the domain's functions build new values,
 * and the transports serialise answers. Tests deep-freeze the data (StoreOptions.freeze), so code that
 * broke this would throw there.
 */
export function shared<T>(value: DeepReadonly<T>): T {
  return value as unknown as T;
}

/** Annotations in reading order: by start, then by end. */
export function byStart(a: StoredAnnotation, b: StoredAnnotation): number {
  return a.target.selector[0].start - b.target.selector[0].start || a.target.selector[0].end - b.target.selector[0].end;
}

/** Each document's annotations in reading order, for one version of the stored annotations. */
const byDocumentCache = new WeakMap<readonly StoredAnnotation[], ReadonlyMap<string, readonly StoredAnnotation[]>>();

/**
 * The annotations of each document, in reading order, by document id. The stored list is immutable and replaced
 * by every change, so its grouping is computed once per version of it: listing a library of 500 documents and
 * 100,000 annotations reads the list once, not once per document.
 */
export function annotationsByDocument(data: Pick<StoreData, 'annotations'>): ReadonlyMap<string, readonly StoredAnnotation[]> {
  let grouped = byDocumentCache.get(data.annotations);
  if (!grouped) {
    const groups = new Map<string, StoredAnnotation[]>();
    for (const a of data.annotations) {
      const group = groups.get(a.documentId);
      if (group) group.push(a);
      else groups.set(a.documentId, [a]);
    }
    for (const group of groups.values()) group.sort(byStart);
    grouped = groups;
    byDocumentCache.set(data.annotations, grouped);
  }
  return grouped;
}

/** One document's annotations in reading order (none for a document without any). */
export function annotationsOfDocument(data: Pick<StoreData, 'annotations'>, documentId: string): readonly StoredAnnotation[] {
  return annotationsByDocument(data).get(documentId) ?? [];
}

/** The document with this id; a not-found error when there is none. */
export function documentOrThrow(data: StoreData, id: string): StoredDocument {
  const doc = data.documents.find((d) => d.id === id);
  if (!doc) throw new GlossError('not-found', `No document with id "${id}".`);
  return doc;
}

/** The index of the annotation with this id; a not-found error when there is none. */
export function annotationIndexOrThrow(data: StoreData, id: string): number {
  const index = data.annotations.findIndex((a) => a.id === id);
  if (index === -1) throw new GlossError('not-found', `No annotation with id "${id}".`);
  return index;
}

/** Throws unless every theme id is in the codebook. */
export function checkThemes(data: StoreData, themes: readonly string[]): void {
  for (const theme of themes) {
    if (!data.codebook.some((t) => t.id === theme)) {
      throw new GlossError('invalid-input', `Unknown theme "${theme}".`);
    }
  }
}

/** Throws unless the target names the annotation's document and its quote is the text at its position. */
export function checkTarget(data: StoreData, annotation: DeepReadonly<Pick<Annotation, 'documentId' | 'target'>>): void {
  const doc = documentOrThrow(data, annotation.documentId);
  const [position, quote] = annotation.target.selector;
  if (annotation.target.source !== doc.id) {
    throw new GlossError('invalid-input', 'The target names another document than the annotation.');
  }
  if (position.end > doc.text.length) {
    throw new GlossError('invalid-input', `The passage ends at ${position.end}, past the end of the document (${doc.text.length}).`);
  }
  if (doc.text.slice(position.start, position.end) !== quote.exact) {
    throw new GlossError('invalid-input', 'The quote does not match the document text at the given position.');
  }
}

/** Whether a document is one bundled with the app (it cannot be removed). */
export function isSample(samples: readonly SampleDocument[], id: string): boolean {
  return samples.some((s) => s.id === id);
}

/**
 * A document as the library lists it: its counts of highlights, in all and per theme; from `counts` (how many
 * highlights carry each set of themes, as the library file keeps them) for a document not loaded.
 */
export function summaryOf(
  data: StoreData,
  doc: StoredDocument,
  samples: readonly SampleDocument[],
  counts?: DeepReadonly<Array<{ themes: string[]; count: number }>>,
): DocumentSummary {
  const mine = counts ? [] : annotationsOfDocument(data, doc.id);
  const codebook = shared<Theme[]>(data.codebook);
  // Counted as the sidebar counts (a sub-theme toward its parent), so the two agree.
  const byTheme = counts ? countByThemeSets(codebook, counts) : countByTheme(codebook, mine);
  const themeCounts = Object.fromEntries([...byTheme].filter(([, n]) => n > 0));
  return {
    id: doc.id,
    title: doc.title,
    source: doc.source,
    added: doc.added,
    annotationCount: counts ? counts.reduce((n, set) => n + set.count, 0) : mine.length,
    themeCounts,
    needsReview: doc.review !== undefined,
    removable: !isSample(samples, doc.id),
  };
}
