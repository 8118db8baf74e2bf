// The service's imports of annotation files, each one change of the store: a W3C Web Annotation JSON-LD set
// (reports/jsonld-import.ts), or a REFI-QDA project (.qdpx), read and checked whole first (reports/qdpx-read.ts),
// whose change adds its documents, joins its codes to the codebook and adds its codings (reports/qdpx-import.ts),
// so a project that fails anywhere leaves nothing of itself behind.
import type { Annotation } from '../annotation';
import type { Codebook } from '../codebook';
import type { ImportAnnotationsResult } from '../contract';
import type { GlossDocument } from '../document';
import { GlossError } from '../errors';
import { importJsonLd } from '../reports/jsonld-import';
import { annotationsOfSource, planQdpxImport } from '../reports/qdpx-import';
import { readQdpx } from '../reports/qdpx-read';
import { addImported } from './annotation-changes';
import type { DataDraft } from './data-file';
import { shared, type SampleDocument } from './data-lookups';
import { addDocument } from './document-changes';

/** Whether a file is imported as a REFI-QDA project (by its name, as the other kinds are told). */
export function isProjectFile(fileName: string): boolean {
  return fileName.toLowerCase().endsWith('.qdpx');
}

/** What the change needs besides the draft. */
export interface AnnotationImportOptions {
  fileName: string;
  now: string;
  ownCoder: string;
  asCoder?: string;
  samples: readonly SampleDocument[];
}

/** The library an import is checked against. */
function contextOf(draft: DataDraft, options: AnnotationImportOptions) {
  return {
    documents: shared<GlossDocument[]>(draft.documents),
    codebook: shared<Codebook>(draft.codebook),
    existing: shared<Annotation[]>(draft.annotations),
    now: options.now,
    ownCoder: options.ownCoder,
    ...(options.asCoder === undefined ? {} : { asCoder: options.asCoder }),
  };
}

/** Decodes a JSON-LD set and answers the change that adds what of it anchors; throws when it is not UTF-8 JSON. */
function jsonLdImport(bytes: Uint8Array, options: AnnotationImportOptions): (draft: DataDraft) => ImportAnnotationsResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new GlossError('invalid-input', `"${options.fileName}" is not UTF-8 text.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new GlossError('invalid-input', `"${options.fileName}" is not JSON: Gloss imports W3C Web Annotation JSON-LD.`);
  }
  return (draft) => addImported(draft, importJsonLd(json, contextOf(draft, options)));
}

/**
 * The store change that imports an annotation file: a .qdpx project (by its name) or a JSON-LD set. Throws, before
 * any change, a GlossError naming the problem when the file as a whole cannot be imported.
 */
export function annotationImport(bytes: Uint8Array, options: AnnotationImportOptions): (draft: DataDraft) => ImportAnnotationsResult {
  return isProjectFile(options.fileName) ? projectImport(bytes, options) : jsonLdImport(bytes, options);
}

/**
 * Reads a .qdpx and answers the store change that imports it: documents added (or the library's own found), new
 * themes added to the codebook, the codings as annotations, one import step per document. Throws (before any
 * change) a GlossError naming the problem when the file cannot be imported whole.
 */
function projectImport(bytes: Uint8Array, options: AnnotationImportOptions): (draft: DataDraft) => ImportAnnotationsResult {
  const project = readQdpx(bytes, options.fileName);
  return (draft) => {
    const context = contextOf(draft, options);
    const plan = planQdpxImport(project, context);
    draft.codebook = plan.codebook;
    const found = { annotations: [] as Annotation[], skipped: [] as string[], failures: plan.leftOut.map((reason) => ({ reason })) };
    let documentsAdded = 0;
    for (const planned of plan.sources) {
      let documentId = planned.existingId;
      if (documentId === undefined) {
        const source = `${options.fileName}: ${planned.source.name}`.slice(0, 255);
        documentId = addDocument(draft, source, planned.parsed, options.now, options.samples).id;
        documentsAdded += 1;
      }
      const document = shared<GlossDocument>(draft.documents.find((d) => d.id === documentId)!);
      const placed = annotationsOfSource(plan, planned, document, { ...context, codebook: plan.codebook });
      found.annotations.push(...placed.annotations);
      found.skipped.push(...placed.skipped);
      found.failures.push(...placed.failures);
    }
    return { ...addImported(draft, found), documentsAdded, themesAdded: plan.themesAdded };
  };
}
