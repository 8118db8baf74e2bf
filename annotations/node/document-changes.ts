// The service's changes to the library: adding documents (the bundled samples among them), replacing a
// document's text (and opening a review of its highlights when the text changed), and removing one.
import { createHash, randomUUID } from 'node:crypto';
import type { DocumentSummary, RemovedDocument } from '../contract';
import { parsePlainText, type GlossDocument, type ParsedText } from '../document';
import { GlossError } from '../errors';
import { slugOf } from '../slug';
import type { DataDraft } from './data-file';
import { documentOrThrow, isSample, shared, summaryOf, type SampleDocument } from './data-lookups';

/** SHA-256 of a document's text, in hex: how Gloss tells that a document changed. */
export function contentHashOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function withHash(doc: GlossDocument): GlossDocument {
  return { ...doc, contentHash: contentHashOf(doc.text) };
}

/** A document id from its title: readable, and unique with a short random tail. */
function documentIdFor(title: string): string {
  const slug = slugOf(title, { maxLength: 48 });
  return `${slug || 'document'}-${randomUUID().slice(0, 8)}`;
}

/** Adds the bundled samples the library lacks. */
export function addSamples(draft: DataDraft, samples: readonly SampleDocument[], now: string): void {
  const missing = samples.filter((s) => !draft.documents.some((d) => d.id === s.id));
  const added = missing.map((sample) => withHash({ id: sample.id, source: sample.source, added: now, ...parsePlainText(sample.text) }));
  draft.documents = [...draft.documents, ...added];
}

/** Adds a parsed document under a new id. */
export function addDocument(
  draft: DataDraft,
  fileName: string,
  parsed: ParsedText,
  now: string,
  samples: readonly SampleDocument[],
): DocumentSummary {
  const doc = withHash({ id: documentIdFor(parsed.title), source: fileName, added: now, ...parsed });
  draft.documents = [...draft.documents, doc];
  return summaryOf(draft, doc, samples);
}

/** Removes a document and its highlights; the bundled samples stay. */
export function removeDocument(draft: DataDraft, documentId: string, samples: readonly SampleDocument[]): RemovedDocument {
  const doc = documentOrThrow(draft, documentId);
  if (isSample(samples, doc.id)) {
    throw new GlossError('invalid-input', `"${doc.title}" is the article bundled with Gloss; it is always there and cannot be removed.`);
  }
  const kept = draft.annotations.filter((a) => a.documentId !== documentId);
  const annotationsRemoved = draft.annotations.length - kept.length;
  draft.documents = draft.documents.filter((d) => d.id !== documentId);
  draft.annotations = kept;
  return { id: documentId, annotationsRemoved };
}

/** Replaces one stored document. */
function replaceDocument(draft: DataDraft, next: GlossDocument): void {
  draft.documents = draft.documents.map((d) => (d.id === next.id ? next : d));
}

/** Gives a document a new text; a changed text under highlights opens (or continues) a review of them. */
export function updateDocument(
  draft: DataDraft,
  input: { documentId: string; fileName: string },
  parsed: ParsedText,
  now: string,
  samples: readonly SampleDocument[],
): DocumentSummary {
  const current = shared<GlossDocument>(documentOrThrow(draft, input.documentId));
  const oldHash = current.contentHash ?? contentHashOf(current.text);
  const newHash = contentHashOf(parsed.text);
  const annotated = draft.annotations.some((a) => a.documentId === current.id);
  const next: GlossDocument = { ...current, ...parsed, source: input.fileName, contentHash: newHash };
  // A review already under way keeps the hash the annotations were made on; an unchanged text needs none.
  if (newHash !== oldHash && annotated) next.review = current.review ?? { previousHash: oldHash, changed: now };
  else if (newHash === (current.review?.previousHash ?? oldHash) || !annotated) delete next.review;
  replaceDocument(draft, next);
  return summaryOf(draft, next, samples);
}

/** Ends a document's review: its text as it is now is the one its highlights belong to. */
export function finishReview(draft: DataDraft, documentId: string, samples: readonly SampleDocument[]): DocumentSummary {
  const current = shared<GlossDocument>(documentOrThrow(draft, documentId));
  const next: GlossDocument = { ...current, contentHash: current.contentHash ?? contentHashOf(current.text) };
  delete next.review;
  replaceDocument(draft, next);
  return summaryOf(draft, next, samples);
}
