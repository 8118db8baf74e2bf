// Applying what other machines sent to the data folder, checked like an import: each annotation goes through the
// JSON-LD import (its document found by content hash, its themes by id, its passage anchored again in the text),
// into its coder's layer, replacing the version held before. A coder's layer on the server never touches another
// coder's annotations here, and the own layer takes a version from another machine only when it is the newer one.
import type { Annotation } from '../annotation';
import type { Codebook } from '../codebook';
import { coderOf } from '../agreement/layers';
import { parsePlainText, type GlossDocument } from '../document';
import { DOCUMENT_IRI_PREFIX } from '../reports/jsonld';
import { importJsonLd } from '../reports/jsonld-import';
import { DocumentSchema } from '../schemas';
import type { AnnotationDoc, TextDoc } from '../sync/remote-docs';
import * as v from 'valibot';
import type { DataDraft } from './data-file';
import { shared } from './data-lookups';
import { contentHashOf } from './document-changes';
import type { ApplyOutcome, IncomingBatch } from './sync-engine';

/** Texts fetched for documents the library lacks, by content hash (checked: the hash is the text's). */
export type IncomingTexts = ReadonlyMap<string, TextDoc>;

function hashOf(document: Pick<GlossDocument, 'text' | 'contentHash'>): string {
  return document.contentHash ?? contentHashOf(document.text);
}

/** Fetches the texts of documents the batch needs and the library lacks; a text whose hash is wrong is left out. */
export async function fetchTexts(
  documents: readonly Pick<GlossDocument, 'text' | 'contentHash'>[],
  batch: IncomingBatch,
  textOf: (hash: string) => Promise<TextDoc | null>,
): Promise<IncomingTexts> {
  const known = new Set(documents.map(hashOf));
  const texts = new Map<string, TextDoc>();
  for (const doc of [...batch.upserts, ...batch.forced]) {
    if (known.has(doc.documentHash) || texts.has(doc.documentHash)) continue;
    const text = await textOf(doc.documentHash);
    if (text && contentHashOf(text.text) === text.hash) texts.set(text.hash, text);
  }
  return texts;
}

function addDocument(draft: DataDraft, text: TextDoc, wantedId: string, now: string): GlossDocument | string {
  const taken = draft.documents.some((d) => d.id === wantedId);
  const id = taken ? `${wantedId.slice(0, 100)}-${text.hash.slice(0, 8)}` : wantedId;
  const candidate: GlossDocument = {
    id,
    title: text.title,
    source: text.source,
    text: text.text,
    blocks: text.blocks,
    added: now,
    contentHash: text.hash,
  };
  const checked = v.safeParse(
    DocumentSchema,
    candidate.blocks.length === 0 ? { ...candidate, blocks: parsePlainText(text.text).blocks } : candidate,
  );
  if (!checked.success) return `its document's text is malformed (${checked.issues[0]?.message ?? 'unknown'})`;
  draft.documents = [...draft.documents, checked.output as GlossDocument];
  return checked.output as GlossDocument;
}

/** Whether a failure may pass once more arrives (the document's text, or a theme once its proposal is accepted). */
function mayPass(reason: string): boolean {
  return /^Unknown theme|text has not arrived/.test(reason);
}

/**
 * Applies a batch in one change: upserts (each validated by the JSON-LD import), deletions and settled conflicts.
 * Nothing here is an undo step: another coder's layer is not the reader's to undo, and a version from the own
 * coder's other machine is not an edit made here.
 */
export function applyIncoming(draft: DataDraft, batch: IncomingBatch, texts: IncomingTexts, ownCoder: string, now: string): ApplyOutcome {
  const outcome: ApplyOutcome = { applied: 0, refused: [], waiting: [] };
  const byHash = new Map<string, GlossDocument>();
  for (const document of shared<GlossDocument[]>(draft.documents)) byHash.set(hashOf(document), document);
  let annotations = shared<Annotation[]>(draft.annotations);
  const index = new Map(annotations.map((a, i) => [a.id, i]));
  const replaced = new Map<string, Annotation | null>();

  const current = (id: string): Annotation | undefined =>
    replaced.has(id) ? (replaced.get(id) ?? undefined) : annotations[index.get(id) ?? -1];
  const refuse = (doc: AnnotationDoc, reason: string): void => {
    outcome.refused.push({ id: doc._id, reason });
    if (mayPass(reason)) outcome.waiting.push(doc._id);
  };

  const upsert = (doc: AnnotationDoc, forced: boolean): void => {
    let document = byHash.get(doc.documentHash);
    if (!document) {
      const text = texts.get(doc.documentHash);
      if (!text) return refuse(doc, "its document's text has not arrived yet");
      const added = addDocument(draft, text, doc.documentId, now);
      if (typeof added === 'string') return refuse(doc, added);
      byHash.set(doc.documentHash, (document = added));
    }
    const own = doc.coder === ownCoder;
    const item = {
      ...doc.annotation,
      target: { ...doc.annotation.target, source: `${DOCUMENT_IRI_PREFIX}${encodeURIComponent(document.id)}` },
    };
    const found = importJsonLd(
      { type: 'AnnotationPage', items: [item] },
      {
        documents: shared<GlossDocument[]>(draft.documents),
        codebook: shared<Codebook>(draft.codebook),
        existing: [],
        now,
        ownCoder,
        asCoder: doc.coder,
      },
    );
    const failure = found.failures[0];
    if (failure) return refuse(doc, failure.reason);
    const annotation: Annotation = { ...found.annotations[0]!, creator: doc.coder };
    const before = current(annotation.id);
    if (before && coderOf(before, ownCoder) !== doc.coder) {
      return refuse(doc, `its id is that of ${coderOf(before, ownCoder)}'s annotation, which ${doc.coder}'s layer cannot replace`);
    }
    if (own && !forced && before && before.modified > annotation.modified) return; // The version here is newer: it goes out.
    replaced.set(annotation.id, annotation);
    outcome.applied += 1;
  };

  for (const doc of batch.upserts) upsert(doc, false);
  for (const doc of batch.forced) upsert(doc, true);
  for (const { coder, annotationId } of batch.deletions) {
    const before = current(annotationId);
    if (before && coderOf(before, ownCoder) === coder) {
      replaced.set(annotationId, null);
      outcome.applied += 1;
    }
  }
  if (replaced.size === 0) return outcome;
  annotations = annotations.map((a) => (replaced.has(a.id) ? replaced.get(a.id)! : a)).filter((a): a is Annotation => a !== null);
  for (const [id, annotation] of replaced) if (annotation && !index.has(id)) annotations.push(annotation);
  draft.annotations = annotations;
  return outcome;
}
