// The W3C Web Annotation export: an AnnotationCollection in JSON-LD, one Annotation per highlight.
import type { Annotation } from '../annotation';
import { describeRange } from '../anchoring/anchor';
import type { Theme } from '../codebook';
import type { ReportModel } from './model';
import { isUuid } from './uuid';

/** The Web Annotation JSON-LD context. */
export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Prefix of a document's IRI in exports. */
export const DOCUMENT_IRI_PREFIX = 'urn:gloss:document:';
/** Prefix of a theme's IRI in exports. */
export const THEME_IRI_PREFIX = 'urn:gloss:theme:';
/** Prefix of an annotation's IRI when its id is not a UUID. */
export const ANNOTATION_IRI_PREFIX = 'urn:gloss:annotation:';

/** A TextualBody of the W3C model. */
export interface TextualBody {
  type: 'TextualBody';
  purpose: 'tagging' | 'commenting';
  value: string;
  id?: string;
  format?: 'text/plain';
}

/** A W3C Web Annotation as exported. */
export interface WebAnnotation {
  id: string;
  type: 'Annotation';
  created: string;
  modified: string;
  /** The coder who made it (W3C: an Agent). */
  creator?: { type: 'Person'; name: string };
  body: TextualBody[];
  target: {
    source: string;
    selector: [
      { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
      { type: 'TextPositionSelector'; start: number; end: number },
    ];
  };
}

/** The exported collection, its first (and only) page embedded. */
export interface WebAnnotationCollection {
  '@context': typeof ANNO_CONTEXT;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: { type: 'AnnotationPage'; startIndex: 0; items: WebAnnotation[] };
}

/** The IRI of an annotation: urn:uuid: for UUIDs, else a Gloss URN. */
export function annotationIri(id: string): string {
  return isUuid(id) ? `urn:uuid:${id.toLowerCase()}` : `${ANNOTATION_IRI_PREFIX}${id}`;
}

/** One annotation as a W3C Web Annotation, with the given themes and selectors. */
export function toWebAnnotation(
  annotation: Annotation,
  themes: readonly Theme[],
  selectors: { exact: string; prefix: string; suffix: string; start: number; end: number },
): WebAnnotation {
  // Tags follow the annotation's own order (its first theme is the one it is drawn in), so an import gets it back.
  const ordered = [...themes].sort((a, b) => annotation.themes.indexOf(a.id) - annotation.themes.indexOf(b.id));
  const body: TextualBody[] = ordered.map((theme) => ({
    type: 'TextualBody',
    purpose: 'tagging',
    id: `${THEME_IRI_PREFIX}${encodeURIComponent(theme.id)}`,
    value: theme.label,
  }));
  if (annotation.note.trim() !== '')
    body.push({ type: 'TextualBody', purpose: 'commenting', value: annotation.note, format: 'text/plain' });
  return {
    id: annotationIri(annotation.id),
    type: 'Annotation',
    created: annotation.created,
    modified: annotation.modified,
    ...(annotation.creator === undefined ? {} : { creator: { type: 'Person' as const, name: annotation.creator } }),
    body,
    target: {
      source: `${DOCUMENT_IRI_PREFIX}${encodeURIComponent(annotation.documentId)}`,
      selector: [
        { type: 'TextQuoteSelector', exact: selectors.exact, prefix: selectors.prefix, suffix: selectors.suffix },
        { type: 'TextPositionSelector', start: selectors.start, end: selectors.end },
      ],
    },
  };
}

/**
 * Builds the JSON-LD export of one or more documents. Highlights carry the selectors of where
 * they are found now; those not found keep their stored selectors, so nothing is dropped.
 */
export function buildJsonLd(models: readonly ReportModel[], label?: string): string {
  const items: WebAnnotation[] = [];
  for (const model of models) {
    for (const h of model.highlights) {
      const [position, quote] = describeRange(model.document.text, h.start, h.end);
      items.push(toWebAnnotation(h.annotation, h.themes, { ...quote, start: position.start, end: position.end }));
    }
    for (const o of model.orphans) {
      const [position, quote] = o.annotation.target.selector;
      items.push(toWebAnnotation(o.annotation, o.themes, { ...quote, start: position.start, end: position.end }));
    }
  }
  const collection: WebAnnotationCollection = {
    '@context': ANNO_CONTEXT,
    type: 'AnnotationCollection',
    label: label ?? (models.length === 1 ? `Annotations of “${models[0]!.document.title}”` : `Annotations of ${models.length} documents`),
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
  return `${JSON.stringify(collection, null, 2)}\n`;
}
