// The host contract: everything the UI asks of a host, declared once. The service implements
// it; the desktop shell carries it over IPC and the browser edition over HTTP.
import type { CoderStatus } from './agreement/requests';
import type { Annotation, AnnotationTarget } from './annotation';
import type { Codebook, Theme } from './codebook';
import { CODERS_METHOD_SET, type CodersHost } from './contract-coders';
import { CORPUS_METHOD_SET, type CorpusHost } from './contract-corpus';
import type { GlossDocument } from './document';
import type { Envelope } from './errors';
import type {
  CreateAnnotationsInput,
  FindPassagesInput,
  FoundPassages,
  RejectSuggestionInput,
  Suggestion,
  SuggestPassagesInput,
} from './suggest/contract-types';

/** A document as the library lists it. */
export interface DocumentSummary {
  id: string;
  title: string;
  source: string;
  /** When it was added to the library (ISO 8601). */
  added: string;
  annotationCount: number;
  /** Highlights per theme id, counted by `countByTheme` (two themes count for both; a sub-theme counts toward its parent). */
  themeCounts: Record<string, number>;
  /** The text changed since its annotations were made and the reader has not finished reviewing them. */
  needsReview: boolean;
  /** False for the bundled article, which is always there. */
  removable: boolean;
}

/** Everything the reader needs to show one document. */
export interface OpenedDocument {
  document: GlossDocument;
  annotations: Annotation[];
  codebook: Codebook;
}

/** Input of createAnnotation. */
export interface CreateAnnotationInput {
  /**
   * The new annotation's id (a UUID), made by the caller so it can show the highlight before the
   * host answers; absent, the host makes one. Sending the same creation again returns the stored one.
   */
  id?: string;
  documentId: string;
  target: AnnotationTarget;
  themes: string[];
  note?: string;
}

/** Input of updateAnnotation: the fields to change. */
export interface UpdateAnnotationInput {
  id: string;
  themes?: string[];
  note?: string;
  /** Consecutive updates with the same key are one undo step (a note typed in one sitting). */
  mergeKey?: string;
}

/** A theme as the codebook editor sends it; new themes may leave the id out (it is made from the label). */
export interface ThemeInput {
  id?: string;
  label: string;
  colour: string;
  cue?: Theme['cue'];
  description?: string;
  parent?: string;
}

/** Input of updateCodebook: the whole new list, in order. documentId: whose undo history records it. */
export interface UpdateCodebookInput {
  codebook: ThemeInput[];
  documentId?: string;
}

/** Input of deleteTheme: move its highlights to `moveTo`, or (without it) take the theme off them. */
export interface DeleteThemeInput {
  id: string;
  moveTo?: string;
  documentId?: string;
}

/** What deleting a theme did to the highlights that had it. */
export interface DeleteThemeResult {
  codebook: Codebook;
  /** Given `moveTo` instead. */
  moved: number;
  /** Lost the theme and kept others. */
  removed: number;
  /** Had no other theme, so were deleted. */
  deleted: number;
}

export * from './contract-history';
import type { HistoryInput, HistoryOutcome, HistorySummary } from './contract-history';
export type * from './agreement/requests';

/** Where the host keeps its data, and what it had to tell the user when it started. */
export interface HostStatus {
  edition: 'desktop' | 'browser';
  version: string;
  dataFile: string;
  /** Things the user must know, such as a data file that could not be read and was set aside. */
  notices: string[];
  /** Why changes are refused (a data file from a newer Gloss, a lost lock), or null. */
  readOnly: string | null;
  /** The data folder's own coder: new annotations record this name. */
  coder: CoderStatus;
}

/** A backup of the data file, as the user picks one to restore. */
export interface BackupSummary {
  name: string;
  created: string;
  documentCount: number;
  annotationCount: number;
}

/** Input of importDocument: a file the reader picked, as bytes in base64 (so the host can check the encoding). */
export interface ImportDocumentInput {
  fileName: string;
  dataBase64: string;
}

/** A report format the host builds (PDF is the HTML report printed by the shell or the browser). */
export type ExportFormat = 'html' | 'md' | 'csv' | 'jsonld' | 'qdc' | 'qdpx';

/** Input of exportReport. */
export interface ExportReportInput {
  documentId: string;
  format: ExportFormat;
  /** Theme ids to include; all when absent. */
  themes?: string[];
  onlyWithNotes?: boolean;
  includeArticle?: boolean;
  /** CSV: start with a byte-order mark for spreadsheet programs. */
  bom?: boolean;
}

/** A built report, ready to be saved or downloaded. */
export interface ExportedReport {
  fileName: string;
  mimeType: string;
  dataBase64: string;
}

/** Input of importAnnotations: a W3C Web Annotation JSON-LD file's bytes. */
export interface ImportAnnotationsInput {
  fileName: string;
  dataBase64: string;
  /**
   * Import every annotation as this coder's layer. Absent: each annotation's `creator` decides (none, or the
   * own coder's name, merges into the own coding as before).
   */
  asCoder?: string;
}

/** What an import did. */
export interface ImportAnnotationsResult {
  created: number;
  /** Already present (matched by id), left alone. */
  skipped: number;
  failures: Array<{ id?: string; reason: string }>;
}

/** A block of a document parsed by the page (HTML through the article schema). */
export interface ParsedBlockInput {
  type: 'heading' | 'paragraph' | 'list_item' | 'blockquote';
  text: string;
  level?: number;
  ordered?: boolean;
}

/** Input of importParsedDocument. */
export interface ImportParsedDocumentInput {
  fileName: string;
  blocks: ParsedBlockInput[];
}

/** Input of updateDocument: a new version of the document's file, as bytes or (HTML) as parsed blocks. */
export interface UpdateDocumentInput {
  documentId: string;
  fileName: string;
  dataBase64?: string;
  blocks?: ParsedBlockInput[];
}

/** What removeDocument did. */
export interface RemovedDocument {
  id: string;
  annotationsRemoved: number;
}

/** Input of retargetAnnotation: the annotation's new place in its document's current text. */
export interface RetargetAnnotationInput {
  id: string;
  target: AnnotationTarget;
}

export type * from './suggest/contract-types';

/** The contract. Every method takes one plain-data argument and answers with plain data. */
export interface GlossHost extends CorpusHost, CodersHost {
  getStatus(input: Record<string, never>): Promise<HostStatus>;
  listDocuments(input: Record<string, never>): Promise<DocumentSummary[]>;
  openDocument(input: { documentId: string }): Promise<OpenedDocument>;
  getCodebook(input: Record<string, never>): Promise<Codebook>;
  listAnnotations(input: { documentId: string }): Promise<Annotation[]>;
  createAnnotation(input: CreateAnnotationInput): Promise<Annotation>;
  updateAnnotation(input: UpdateAnnotationInput): Promise<Annotation>;
  deleteAnnotation(input: { id: string }): Promise<{ id: string }>;
  /** Puts back an annotation exactly as it was (undo of a delete). */
  restoreAnnotation(input: { annotation: Annotation }): Promise<Annotation>;
  /** Adds a document from a file's bytes (plain text or Markdown as text). */
  importDocument(input: ImportDocumentInput): Promise<DocumentSummary>;
  /** The rolling backups of the data file, newest first. */
  listBackups(input: Record<string, never>): Promise<BackupSummary[]>;
  /** Replaces all data with a backup's; the current state is kept as a backup first. */
  restoreBackup(input: { name: string }): Promise<BackupSummary>;
  /** Builds a report of one document (the codebook alone for qdc). */
  exportReport(input: ExportReportInput): Promise<ExportedReport>;
  /** Imports W3C Web Annotation JSON-LD: each annotation anchored again; failures listed. */
  importAnnotations(input: ImportAnnotationsInput): Promise<ImportAnnotationsResult>;
  /** Replaces the codebook (add, rename, recolour, describe, reorder, nest); one undo step. */
  updateCodebook(input: UpdateCodebookInput): Promise<Codebook>;
  /** Deletes a theme, moving its highlights to another theme or taking it off them; one undo step. */
  deleteTheme(input: DeleteThemeInput): Promise<DeleteThemeResult>;
  /** Undoes a document's last step (annotation or codebook change). */
  undo(input: HistoryInput): Promise<HistoryOutcome>;
  /** Redoes a document's last undone step. */
  redo(input: HistoryInput): Promise<HistoryOutcome>;
  /** Whether a document has steps to undo and redo. */
  getHistory(input: HistoryInput): Promise<HistorySummary>;
  /** Adds a document the page parsed (HTML through the article schema); the host checks every block. */
  importParsedDocument(input: ImportParsedDocumentInput): Promise<DocumentSummary>;
  /** Removes a document and all its annotations (never the bundled article). */
  removeDocument(input: { documentId: string }): Promise<RemovedDocument>;
  /** Replaces a document's text with a new version of its file; its annotations await review when the text changed. */
  updateDocument(input: UpdateDocumentInput): Promise<DocumentSummary>;
  /** Moves an annotation to a new place in its document's current text (accept or re-target in a review). */
  retargetAnnotation(input: RetargetAnnotationInput): Promise<Annotation>;
  /** Ends a document's review: its annotations now belong to its current text. */
  finishReview(input: { documentId: string }): Promise<DocumentSummary>;
  /** Finds a query's hits in a document, grown to sentences, paragraphs or kept as found, for coding them. */
  findPassages(input: FindPassagesInput): Promise<FoundPassages>;
  /** Adds several highlights to one document as one undo step (coding the hits of a search). */
  createAnnotations(input: CreateAnnotationsInput): Promise<Annotation[]>;
  /** Ranks the sentences or paragraphs not coded with a theme by how much they resemble its coded passages; codes nothing. */
  suggestPassages(input: SuggestPassagesInput): Promise<Suggestion[]>;
  /** Records that a suggestion was rejected, so it is not proposed again for that theme. */
  rejectSuggestion(input: RejectSuggestionInput): Promise<{ rejected: number }>;
}

/** A contract method's name. */
export type MethodName = keyof GlossHost;

/**
 * Every method name, as a value. Written as a record so that adding a method to the
 * contract without listing it here fails to compile, and with it every transport's loop.
 */
const METHOD_SET: Record<MethodName, true> = {
  getStatus: true,
  listDocuments: true,
  openDocument: true,
  getCodebook: true,
  listAnnotations: true,
  createAnnotation: true,
  updateAnnotation: true,
  deleteAnnotation: true,
  restoreAnnotation: true,
  importDocument: true,
  listBackups: true,
  restoreBackup: true,
  exportReport: true,
  importAnnotations: true,
  updateCodebook: true,
  deleteTheme: true,
  undo: true,
  redo: true,
  getHistory: true,
  importParsedDocument: true,
  removeDocument: true,
  updateDocument: true,
  retargetAnnotation: true,
  finishReview: true,
  findPassages: true,
  createAnnotations: true,
  suggestPassages: true,
  rejectSuggestion: true,
  ...CORPUS_METHOD_SET,
  ...CODERS_METHOD_SET,
};

/** The contract's methods, in declaration order. */
export const METHOD_NAMES = Object.keys(METHOD_SET) as MethodName[];

/** Whether a string names a contract method (own keys only, so "constructor" is not one). */
export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(METHOD_SET, name);
}

/** The IPC channel of a method. */
export function channelOf(method: MethodName): string {
  return `gloss:${method}`;
}

/** Commands the desktop menu sends to the renderer. */
export type MenuCommand =
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'apply-theme'; index: number }
  | { kind: 'focus-article' }
  | { kind: 'focus-sidebar' }
  | { kind: 'show-document'; documentId: string }
  | { kind: 'export' };

/** A file the shell hands the page to import (HTML: only the page parses it, through the article schema). */
export interface HtmlFile {
  fileName: string;
  dataBase64: string;
}

/** The IPC channel that carries menu commands to the renderer. */
export const MENU_CHANNEL = 'gloss:menu-command';

/**
 * Shell-only affordances, each optional: a host that lacks one leaves it undefined and the
 * renderer falls back to its own way (keyboard shortcuts, the browser's features).
 */
export interface ShellCapabilities {
  /** Subscribes to application-menu commands; answers an unsubscribe function. */
  onMenuCommand?(listener: (command: MenuCommand) => void): () => void;
  /** Saves a file through the native save dialog; answers where, or null when the user cancelled. */
  saveFile?(input: { defaultName: string; dataBase64: string }): Promise<{ path: string | null }>;
  /** Prints an HTML report to PDF and saves it through the native save dialog. */
  savePdf?(input: { defaultName: string; html: string }): Promise<{ path: string | null }>;
  /** Registers what the page saves when the app quits (a note in its typing delay); the shell waits for it. */
  onFlushRequest?(flush: () => Promise<void>): () => void;
  /** Registers how the page imports an HTML file the shell was asked to open; resolves to the document's id. */
  onImportRequest?(importHtml: (file: HtmlFile) => Promise<string>): () => void;
}

/** The IPC channels of the shell's save capabilities. */
export const SAVE_FILE_CHANNEL = 'gloss:shell:save-file';
export const SAVE_PDF_CHANNEL = 'gloss:shell:save-pdf';

/** A contract method as the desktop bridge carries it: the same input, the host's envelope as the answer. */
export type EnvelopeMethod<M extends MethodName> = (
  input: Parameters<GlossHost[M]>[0],
) => Promise<Envelope<Awaited<ReturnType<GlossHost[M]>>>>;

/**
 * The shell part of window.gloss: the capabilities, each always there on the desktop, the saves
 * answering envelopes like every method (so errors keep their code across IPC).
 */
export interface DesktopShell {
  onMenuCommand: NonNullable<ShellCapabilities['onMenuCommand']>;
  onFlushRequest(flush: () => Promise<void> | void): () => void;
  onImportRequest: NonNullable<ShellCapabilities['onImportRequest']>;
  saveFile(input: { defaultName: string; dataBase64: string }): Promise<Envelope<{ path: string | null }>>;
  savePdf(input: { defaultName: string; html: string }): Promise<Envelope<{ path: string | null }>>;
}

/**
 * What the desktop preload exposes as window.gloss: every contract method answering an envelope
 * ({ok:true,value} or {ok:false,error}; the renderer's client unwraps it), and the shell.
 */
export type DesktopBridge = { [M in MethodName]: EnvelopeMethod<M> } & { shell: DesktopShell };
