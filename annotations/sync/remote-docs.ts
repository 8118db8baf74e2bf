// What Gloss keeps in a shared CouchDB database, one document per thing: each annotation of a coder's layer (its
// W3C form with its creator, its document's id and content hash, the codebook version it was coded with), each
// document's text once by content hash, and each coder's codebook. Built here from the own data; what the server
// sends back is checked here before anything of it is used, since the server may hold anything.
import * as v from 'valibot';
import type { Annotation } from '../annotation';
import type { Codebook, Theme } from '../codebook';
import { BLOCK_TYPES, MAX_DOCUMENT_CHARS, type GlossDocument, type TextBlock } from '../document';
import { toWebAnnotation, type WebAnnotation } from '../reports/jsonld';
import { CoderName, Id } from '../schema-parts';
import { ThemeSchema, findForbiddenKey } from '../schemas';

/** The largest annotation or codebook document accepted from the server (characters of its JSON). */
export const MAX_REMOTE_DOC_CHARS = 256 * 1024;
/** The largest text document accepted: a document of the largest size, with room for its blocks. */
export const MAX_REMOTE_TEXT_CHARS = MAX_DOCUMENT_CHARS + 4 * 1024 * 1024;

/** One annotation of a coder's layer. */
export interface AnnotationDoc {
  _id: string;
  type: 'annotation';
  coder: string;
  annotation: WebAnnotation;
  /** The id the document has in the coder's own library (ids differ between libraries; the hash does not). */
  documentId: string;
  documentHash: string;
  codebookVersion: string;
}

/** A document's text, kept once per content hash. */
export interface TextDoc {
  _id: string;
  type: 'text';
  hash: string;
  title: string;
  source: string;
  text: string;
  blocks: TextBlock[];
}

/** A coder's codebook. */
export interface CodebookDoc {
  _id: string;
  type: 'codebook';
  coder: string;
  version: string;
  themes: Codebook;
}

/** Any document Gloss keeps in the database. */
export type RemoteDoc = AnnotationDoc | TextDoc | CodebookDoc;

/** The database id of a coder's annotation. Coder names are encoded, since ids must not start with "_". */
export function annotationDocId(coder: string, annotationId: string): string {
  return `ann:${encodeURIComponent(coder)}:${annotationId}`;
}

/** The database id of a document's text. */
export function textDocId(hash: string): string {
  return `text:${hash}`;
}

/** The database id of a coder's codebook. */
export function codebookDocId(coder: string): string {
  return `codebook:${encodeURIComponent(coder)}`;
}

/** The prefix of every annotation id of one coder's layer. */
export function layerPrefix(coder: string): string {
  return `ann:${encodeURIComponent(coder)}:`;
}

/** An annotation of the own layer as its database document (without revision). */
export function toAnnotationDoc(
  annotation: Annotation,
  coder: string,
  document: Pick<GlossDocument, 'id' | 'contentHash'> & { contentHash: string },
  codebook: readonly Theme[],
  codebookVersion: string,
): AnnotationDoc {
  const [position, quote] = annotation.target.selector;
  const themes = codebook.filter((t) => annotation.themes.includes(t.id));
  const web = toWebAnnotation({ ...annotation, creator: coder }, themes, { ...quote, start: position.start, end: position.end });
  return {
    _id: annotationDocId(coder, annotation.id),
    type: 'annotation',
    coder,
    annotation: web,
    documentId: document.id,
    documentHash: document.contentHash,
    codebookVersion,
  };
}

/** A document's text as its database document. */
export function toTextDoc(document: GlossDocument & { contentHash: string }): TextDoc {
  return {
    _id: textDocId(document.contentHash),
    type: 'text',
    hash: document.contentHash,
    title: document.title,
    source: document.source,
    text: document.text,
    blocks: document.blocks,
  };
}

/** The own codebook as its database document. */
export function toCodebookDoc(coder: string, codebook: Codebook, version: string): CodebookDoc {
  return { _id: codebookDocId(coder), type: 'codebook', coder, version, themes: codebook };
}

const Hash = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex'));
const Meta = { _id: v.string(), _rev: v.optional(v.string()), _conflicts: v.optional(v.array(v.string())) };

// The annotation itself is checked again by the JSON-LD import (anchoring, themes): this checks its envelope.
const AnnotationDocSchema = v.strictObject({
  ...Meta,
  type: v.literal('annotation'),
  coder: CoderName,
  annotation: v.looseObject({ id: v.string(), type: v.literal('Annotation'), creator: v.looseObject({ name: CoderName }) }),
  documentId: Id,
  documentHash: Hash,
  codebookVersion: v.pipe(v.string(), v.maxLength(100)),
});
const TextDocSchema = v.strictObject({
  ...Meta,
  type: v.literal('text'),
  hash: Hash,
  title: v.pipe(v.string(), v.maxLength(10_000)),
  source: v.pipe(v.string(), v.maxLength(1_000)),
  text: v.pipe(v.string(), v.maxLength(MAX_DOCUMENT_CHARS)),
  blocks: v.array(
    v.strictObject({
      type: v.picklist(BLOCK_TYPES),
      start: v.pipe(v.number(), v.integer(), v.minValue(0)),
      end: v.pipe(v.number(), v.integer(), v.minValue(0)),
      level: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(6))),
      ordered: v.optional(v.boolean()),
    }),
  ),
});
const CodebookDocSchema = v.strictObject({
  ...Meta,
  type: v.literal('codebook'),
  coder: CoderName,
  version: v.pipe(v.string(), v.maxLength(100)),
  themes: v.pipe(v.array(ThemeSchema), v.maxLength(500)),
});

function firstIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
  return path ? `${path}: ${issue!.message}` : (issue?.message ?? 'it is malformed');
}

/** A checked document from the server, or why it is refused. */
export type CheckedDoc = { doc: RemoteDoc } | { refused: string };

/**
 * Checks a document the server sent: its size, its kind, every field's type and size, and that its id says what
 * its content says (an annotation filed under one coder's id but naming another is a forgery). A text's blocks must
 * partition it; its hash is checked by the host, which has SHA-256.
 */
export function checkRemoteDoc(raw: unknown, size: number): CheckedDoc {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { refused: 'it is not a JSON object' };
  const type = (raw as { type?: unknown }).type;
  const limit = type === 'text' ? MAX_REMOTE_TEXT_CHARS : MAX_REMOTE_DOC_CHARS;
  if (size > limit) return { refused: `it is too large (${size} characters; at most ${limit})` };
  const forbidden = findForbiddenKey(raw);
  if (forbidden) return { refused: `it holds the key "${forbidden}", which Gloss never accepts` };
  if (type === 'annotation') {
    const parsed = v.safeParse(AnnotationDocSchema, raw);
    if (!parsed.success) return { refused: `malformed annotation: ${firstIssue(parsed.issues)}` };
    const doc = parsed.output as unknown as AnnotationDoc;
    if (doc.annotation.creator?.name !== doc.coder) return { refused: `its creator is not ${doc.coder}, whose layer it claims to be in` };
    const local = /^(?:urn:uuid:|urn:gloss:annotation:)(.+)$/.exec(doc.annotation.id)?.[1];
    // UUIDs travel in lower case in their IRI (annotationIri), so the comparison ignores case.
    if (local === undefined || doc._id.toLowerCase() !== annotationDocId(doc.coder, local).toLowerCase()) {
      return { refused: 'its id does not match its coder and annotation' };
    }
    return { doc };
  }
  if (type === 'text') {
    const parsed = v.safeParse(TextDocSchema, raw);
    if (!parsed.success) return { refused: `malformed text: ${firstIssue(parsed.issues)}` };
    const doc = parsed.output as TextDoc;
    if (doc._id !== textDocId(doc.hash)) return { refused: 'its id does not match its hash' };
    const ordered = doc.blocks.every(
      (b, i) => b.start <= b.end && b.end <= doc.text.length && (i === 0 || b.start > doc.blocks[i - 1]!.end),
    );
    if (!ordered) return { refused: 'its blocks lie outside its text or out of order' };
    return { doc };
  }
  if (type === 'codebook') {
    const parsed = v.safeParse(CodebookDocSchema, raw);
    if (!parsed.success) return { refused: `malformed codebook: ${firstIssue(parsed.issues)}` };
    const doc = parsed.output as CodebookDoc;
    if (doc._id !== codebookDocId(doc.coder)) return { refused: 'its id does not match its coder' };
    return { doc };
  }
  return { refused: 'it is not a document Gloss keeps (no known type)' };
}
