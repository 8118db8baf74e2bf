// Anchoring the shown document's annotations: each stored annotation with where it is found in the text.
import type { Annotation } from '../../annotations/annotation';
import { anchorTarget } from '../../annotations/anchoring/anchor';
import type { GlossDocument } from '../../annotations/document';
import type { AnchoredAnnotation } from '../state/actions';

/** One annotation anchored in the document's text. */
export function anchored(doc: GlossDocument, annotation: Annotation): AnchoredAnnotation {
  return { annotation, anchor: anchorTarget(doc.text, annotation.target) };
}

/** Every annotation anchored. */
export function anchoredAll(doc: GlossDocument, annotations: readonly Annotation[]): AnchoredAnnotation[] {
  return annotations.map((annotation) => anchored(doc, annotation));
}
