// What the contract's coder and agreement methods take and answer (annotations/contract.ts declares the methods).

/** Who codes in this data folder. */
export interface CoderStatus {
  /** The own coder's name (the OS user name until one is chosen). */
  name: string;
  /** Whether the name was chosen (setCoderName) rather than taken from the OS user name: the page asks once. */
  chosen: boolean;
}

/** A coder with annotations in the data folder. */
export interface CoderSummary {
  name: string;
  /** The data folder's own coder (whose coding can be changed here). */
  own: boolean;
  annotationCount: number;
}

/** Input of getAgreement: two coders, the unit, and one document or (absent) all of them. */
export interface AgreementQuery {
  coders: [string, string];
  unit: 'character' | 'sentence' | 'paragraph';
  documentId?: string;
  /** Theme ids to report; all when absent. */
  themes?: string[];
}

/** Input of exportAgreement: the agreement report as a file. */
export interface ExportAgreementInput extends AgreementQuery {
  format: 'html' | 'csv' | 'json';
  /** CSV: start with a byte-order mark. */
  bom?: boolean;
}

/** Input of mergeLayers: two coders' coding of one theme in one document, each disagreement decided, as a new layer. */
export interface MergeLayersInput {
  documentId: string;
  themeId: string;
  coders: [string, string];
  /** The new layer's coder name. */
  name: string;
  /** A choice per disagreement, by the start of its passages' group (compare view); undecided ones keep both. */
  choices: Array<{ start: number; choice: 'a' | 'b' | 'both' | 'neither' }>;
}

/** What mergeLayers made. */
export interface MergeLayersResult {
  coder: string;
  created: number;
  disagreements: number;
}
