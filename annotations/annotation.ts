// The annotation model, after the W3C Web Annotation model: a target described by selectors, themes and a note.

/** W3C TextPositionSelector: code-unit offsets into the document's plain text, end exclusive. */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** W3C TextQuoteSelector: the quoted text with a little context either side. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** What an annotation points at: a document and two ways of finding the passage again. */
export interface AnnotationTarget {
  /** The document id. */
  source: string;
  selector: [TextPositionSelector, TextQuoteSelector];
}

/** A highlight with its themes and note, as the store keeps it. */
export interface Annotation {
  id: string;
  documentId: string;
  target: AnnotationTarget;
  /** Theme ids, at least one, in the order they were applied. */
  themes: string[];
  note: string;
  /** ISO 8601 timestamps. */
  created: string;
  modified: string;
  /**
   * The coder who made it (their name). Absent: the data folder's own coder (annotations made before
   * coders were recorded). One whose creator is not the own coder belongs to that coder's layer.
   */
  creator?: string;
}

/** The position selector of a target. */
export function positionOf(target: AnnotationTarget): TextPositionSelector {
  return target.selector[0];
}

/** The quote selector of a target. */
export function quoteOf(target: AnnotationTarget): TextQuoteSelector {
  return target.selector[1];
}
