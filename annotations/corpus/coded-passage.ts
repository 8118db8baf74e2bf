// What the corpus views and the corpus report read of a library: each document's length and each highlight's
// place, themes and note. Plain data, so the arithmetic does not depend on how the store keeps the library.

/** A document of the corpus as its figures need it. */
export interface CorpusDocument {
  id: string;
  title: string;
  /** Its text's length in UTF-16 code units (what coverage is a share of). */
  length: number;
}

/** One highlight of the corpus: where it is (UTF-16 offsets, end exclusive), its themes, its note and its quote. */
export interface CodedPassage {
  id: string;
  documentId: string;
  start: number;
  end: number;
  themes: readonly string[];
  note: string;
  quote: string;
}
