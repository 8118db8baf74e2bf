// The host contract: everything the UI asks of a host, declared once. The service implements
// it; the desktop shell carries it over IPC and the browser edition over HTTP.
import type { Annotation, AnnotationTarget } from './annotation';
import type { Codebook } from './codebook';
import type { GlossDocument } from './document';

/** A document as the library lists it. */
export interface DocumentSummary {
  id: string;
  title: string;
  source: string;
  annotationCount: number;
}

/** Everything the reader needs to show one document. */
export interface OpenedDocument {
  document: GlossDocument;
  annotations: Annotation[];
  codebook: Codebook;
}

/** Input of createAnnotation. */
export interface CreateAnnotationInput {
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
}

/** Where the host keeps its data, and what it had to tell the user when it started. */
export interface HostStatus {
  edition: 'desktop' | 'browser';
  version: string;
  dataFile: string;
  /** Things the user must know, such as a data file that could not be read and was set aside. */
  notices: string[];
  /** Why changes are refused (a data file from a newer Gloss, a lost lock), or null. */
  readOnly: string | null;
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
}

/** What an import did. */
export interface ImportAnnotationsResult {
  created: number;
  /** Already present (matched by id), left alone. */
  skipped: number;
  failures: Array<{ id?: string; reason: string }>;
}

/** The contract. Every method takes one plain-data argument and answers with plain data. */
export interface GlossHost {
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
}

/** The IPC channels of the shell's save capabilities. */
export const SAVE_FILE_CHANNEL = 'gloss:shell:save-file';
export const SAVE_PDF_CHANNEL = 'gloss:shell:save-pdf';

/** What the desktop preload exposes on window.gloss: the contract plus optional capabilities. */
export type HostBridge = GlossHost & { shell: ShellCapabilities };
