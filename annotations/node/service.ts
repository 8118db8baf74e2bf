// The service: the one implementation of the host contract, over the Store (the data folder). Each method checks
// its input and hands a change to the store; what each change does is in the *-changes modules beside this one.
import type { Annotation } from '../annotation';
import type { Codebook } from '../codebook';
import type {
  BackupSummary,
  AgreementQuery,
  CoderStatus,
  CoderSummary,
  ExportAgreementInput,
  MergeLayersInput,
  MergeLayersResult,
  CreateAnnotationInput,
  DeleteThemeInput,
  DeleteThemeResult,
  DocumentSummary,
  ExportedReport,
  ExportReportInput,
  GlossHost,
  HistoryInput,
  HistoryOutcome,
  HistorySummary,
  HostStatus,
  ImportAnnotationsInput,
  ImportAnnotationsResult,
  ImportDocumentInput,
  ImportParsedDocumentInput,
  OpenedDocument,
  RemovedDocument,
  RetargetAnnotationInput,
  UpdateAnnotationInput,
  UpdateCodebookInput,
  UpdateDocumentInput,
  CreateAnnotationsInput,
  FindPassagesInput,
  FoundPassages,
  RejectSuggestionInput,
  Suggestion,
  SuggestPassagesInput,
} from '../contract';
import { documentFromBlocks } from '../blocks';
import type { ParsedText } from '../document';
import { parseInput } from '../schemas';
import * as annotations from './annotation-changes';
import * as codebook from './codebook-changes';
import * as coders from './coder-identity';
import * as agreement from './agreement-report';
import { mergeLayers } from './agreement-merge';
import type { AgreementTable } from '../agreement/table';
import * as corpus from './corpus-reads';
import type { ExportCorpusReportInput, ListPassagesInput, PassagePage } from '../contract-corpus';
import type { CorpusCooccurrence } from '../corpus/cooccurrence';
import type { ThemeDocumentMatrix } from '../corpus/matrix';
import type { DataDraft, DataFile, StoreData } from './data-file';
import { annotationsOfDocument, documentOrThrow, shared, summaryOf, type SampleDocument } from './data-lookups';
import * as documents from './document-changes';
import { parseDocumentFile } from './document-file';
import { annotationImport } from './annotation-import';
import type { FileOps } from './file-ops';
import { documentsOfNextStep, historySummary, stepHistory } from './history-changes';
import { exportReport } from './report-export';
import { backupSummaries, restoreBackup } from './backup-restore';
import type { JournalOptions } from './compaction-policy';
import { ALL, OF_ANNOTATION, ONE } from './service-needs';
import { Store } from './store';
import { forEachDocumentData, type DocumentData } from './library-walk';
import * as suggest from './suggest-changes';
import * as suggestReads from './suggest-reads';
import { OpenStagesHost } from './open-stages';
import { attachSync } from './sync-part';

export { DATA_FILE_NAME, SCHEMA_VERSION, type StoreData } from './store';
export { contentHashOf } from './document-changes';
export { fileNameFor } from './report-export';
export type { SampleDocument } from './data-lookups';

/** How a service is opened. */
export interface ServiceOptions {
  dataDir: string;
  edition: HostStatus['edition'];
  version: string;
  samples?: SampleDocument[];
  now?: () => Date;
  /** File operations (tests inject faults). */
  fs?: FileOps;
  /** Take the data folder's inter-process lock (default true). */
  lock?: boolean;
  /** When the store folds its journal into the data file (tests and benchmarks). */
  journal?: JournalOptions;
  /** Deep-freeze the stored data, so that a change made in place throws (tests turn this on). */
  freeze?: boolean;
  /** The layout of a new data folder (see StoreOptions.layout). */
  layout?: 'single' | 'split';
  /** The own coder's name until one is chosen (default: the OS user name). */
  osUser?: string;
  /** Sharing through CouchDB (sync-part.ts): where the password is kept, and how often the server is tried. */
  sync?: import('./sync-part').SyncOptions;
}

/** The contract over the store. Every change resolves only after it is written durably. */
export class GlossService extends OpenStagesHost implements GlossHost {
  private readonly samples: readonly SampleDocument[];
  private readonly osUser: string;

  private constructor(
    private readonly store: Store,
    private readonly options: ServiceOptions,
  ) {
    super();
    this.samples = options.samples ?? [];
    this.osUser = options.osUser ?? coders.osUserName();
  }

  /** Opens (or creates) the data folder. An unreadable file is set aside, never overwritten. */
  static async open(options: ServiceOptions): Promise<GlossService> {
    const { dataDir, now, fs, lock, journal, freeze, layout } = options;
    const store = await Store.open({ dataDir, now, fs, lock, journal, freeze, layout });
    const service = attachSync(new GlossService(store, options), store, options);
    try {
      const missing = service.samples.some((s) => !store.data.documents.some((d) => d.id === s.id));
      if (missing && !store.readOnly) await store.change((draft) => documents.addSamples(draft, service.samples, service.now()));
    } catch (error) {
      await store.close();
      throw error;
    }
    return service;
  }

  private get data(): StoreData {
    return this.store.data;
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  async getStatus(input: Record<string, never>): Promise<HostStatus> {
    parseInput('getStatus', input);
    return {
      edition: this.options.edition,
      version: this.options.version,
      dataFile: this.store.file,
      notices: [...this.store.notices],
      readOnly: this.store.readOnly,
      coder: coders.coderStatus(this.data, this.osUser),
    };
  }

  async listDocuments(input: Record<string, never>): Promise<DocumentSummary[]> {
    parseInput('listDocuments', input);
    return this.data.documents.map((doc) => summaryOf(this.data, doc, this.samples, this.store.countsOf(doc.id)));
  }

  async openDocument(input: { documentId: string }): Promise<OpenedDocument> {
    const { documentId } = parseInput('openDocument', input);
    await this.store.load(ONE(documentId));
    return shared<OpenedDocument>({
      document: documentOrThrow(this.data, documentId),
      annotations: this.annotationsOf(documentId),
      codebook: this.data.codebook,
    });
  }

  async getCodebook(input: Record<string, never>): Promise<Codebook> {
    parseInput('getCodebook', input);
    return shared<Codebook>(this.data.codebook);
  }

  async listAnnotations(input: { documentId: string }): Promise<Annotation[]> {
    const { documentId } = parseInput('listAnnotations', input);
    await this.store.load(ONE(documentId));
    return shared<Annotation[]>(this.annotationsOf(documentId));
  }

  /** A document's annotations in reading order (a list of the caller's own). */
  private annotationsOf(documentId: string): StoreData['annotations'] {
    documentOrThrow(this.data, documentId);
    return [...annotationsOfDocument(this.data, documentId)];
  }

  /**
   * Reads every document of the library with its annotations in reading order, one document at a time and in
   * library order, for views and reports across the corpus (passages, matrix, co-occurrence). It reads one
   * consistent version of the library: changes saved while it runs are not seen. Asynchronous, and awaiting
   * `visit`, so that a layout which loads documents on demand can read them in turn without holding them all.
   */
  forEachDocumentData(visit: (entry: DocumentData) => void | Promise<void>): Promise<void> {
    return forEachDocumentData(this.store, visit);
  }

  async createAnnotation(input: CreateAnnotationInput): Promise<Annotation> {
    const checked = parseInput('createAnnotation', input);
    return this.store.change((draft) => annotations.createAnnotation(draft, checked, this.now(), coders.ownCoderOf(draft, this.osUser)), {
      needs: ONE(checked.documentId),
    });
  }

  async updateAnnotation(input: UpdateAnnotationInput): Promise<Annotation> {
    const checked = parseInput('updateAnnotation', input);
    return this.changeOwn(checked.id, (draft) => annotations.updateAnnotation(draft, checked, this.now()));
  }

  async deleteAnnotation(input: { id: string }): Promise<{ id: string }> {
    const { id } = parseInput('deleteAnnotation', input);
    return this.changeOwn(id, (draft) => annotations.deleteAnnotation(draft, id));
  }

  async restoreAnnotation(input: { annotation: Annotation }): Promise<Annotation> {
    const { annotation } = parseInput('restoreAnnotation', input);
    return this.store.change((draft) => annotations.restoreAnnotation(draft, annotation), { needs: ONE(annotation.documentId) });
  }

  async retargetAnnotation(input: RetargetAnnotationInput): Promise<Annotation> {
    const checked = parseInput('retargetAnnotation', input);
    return this.changeOwn(checked.id, (draft) => annotations.retargetAnnotation(draft, checked, this.now()));
  }

  async importDocument(input: ImportDocumentInput): Promise<DocumentSummary> {
    const { fileName, dataBase64 } = parseInput('importDocument', input);
    const parsed = await parseDocumentFile(fileName, Buffer.from(dataBase64, 'base64'));
    return this.addDocument(fileName, parsed);
  }

  async importParsedDocument(input: ImportParsedDocumentInput): Promise<DocumentSummary> {
    const { fileName, blocks } = parseInput('importParsedDocument', input);
    return this.addDocument(fileName, documentFromBlocks(blocks));
  }

  private addDocument(fileName: string, parsed: ParsedText): Promise<DocumentSummary> {
    const now = this.now();
    return this.store.change((draft) => documents.addDocument(draft, fileName, parsed, now, this.samples));
  }

  async removeDocument(input: { documentId: string }): Promise<RemovedDocument> {
    const { documentId } = parseInput('removeDocument', input);
    return this.store.change((draft) => documents.removeDocument(draft, documentId, this.samples), { needs: ONE(documentId) });
  }

  async updateDocument(input: UpdateDocumentInput): Promise<DocumentSummary> {
    const checked = parseInput('updateDocument', input);
    documentOrThrow(this.data, checked.documentId);
    const parsed = checked.blocks
      ? documentFromBlocks(checked.blocks)
      : await parseDocumentFile(checked.fileName, Buffer.from(checked.dataBase64!, 'base64'));
    return this.store.change((draft) => documents.updateDocument(draft, checked, parsed, this.now(), this.samples), {
      needs: ONE(checked.documentId),
    });
  }

  async finishReview(input: { documentId: string }): Promise<DocumentSummary> {
    const { documentId } = parseInput('finishReview', input);
    return this.store.change((draft) => documents.finishReview(draft, documentId, this.samples), { needs: ONE(documentId) });
  }

  async listBackups(input: Record<string, never>): Promise<BackupSummary[]> {
    parseInput('listBackups', input);
    return backupSummaries(this.store);
  }

  async restoreBackup(input: { name: string }): Promise<BackupSummary> {
    return restoreBackup(this.store, parseInput('restoreBackup', input).name);
  }

  async exportReport(input: ExportReportInput): Promise<ExportedReport> {
    const checked = parseInput('exportReport', input);
    await this.store.load(ONE(checked.documentId));
    return exportReport(this.data, checked, this.now(), coders.ownCoderOf(this.data, this.osUser));
  }

  async importAnnotations(input: ImportAnnotationsInput): Promise<ImportAnnotationsResult> {
    const { fileName, dataBase64, asCoder } = parseInput('importAnnotations', input);
    await this.store.load(ALL); // an annotation set may touch any document: the change sees them all
    const ownCoder = coders.ownCoderOf(this.data, this.osUser);
    const options = { fileName, now: this.now(), ownCoder, samples: this.samples, ...(asCoder ? { asCoder } : {}) };
    return this.store.change(annotationImport(Buffer.from(dataBase64, 'base64'), options), { needs: ALL });
  }

  async updateCodebook(input: UpdateCodebookInput): Promise<Codebook> {
    const checked = parseInput('updateCodebook', input);
    return this.store.change((draft) => codebook.updateCodebook(draft, checked), { needs: ALL });
  }

  async deleteTheme(input: DeleteThemeInput): Promise<DeleteThemeResult> {
    const checked = parseInput('deleteTheme', input);
    return this.store.change((draft) => codebook.deleteTheme(draft, checked, this.now()), { needs: ALL });
  }

  async undo(input: HistoryInput): Promise<HistoryOutcome> {
    const { documentId, withPreviews } = parseInput('undo', input);
    return this.store.change((draft) => stepHistory(draft, documentId, 'undo', withPreviews), {
      needs: (data) => documentsOfNextStep(data, documentId, 'undo'),
    });
  }

  async redo(input: HistoryInput): Promise<HistoryOutcome> {
    const { documentId, withPreviews } = parseInput('redo', input);
    return this.store.change((draft) => stepHistory(draft, documentId, 'redo', withPreviews), {
      needs: (data) => documentsOfNextStep(data, documentId, 'redo'),
    });
  }

  async getHistory(input: HistoryInput): Promise<HistorySummary> {
    const { documentId, withPreviews } = parseInput('getHistory', input);
    await this.store.load(ONE(documentId));
    return historySummary(this.data, documentId, withPreviews);
  }

  async findPassages(input: FindPassagesInput): Promise<FoundPassages> {
    const checked = parseInput('findPassages', input);
    await this.store.load(ONE(checked.documentId));
    return suggestReads.findPassages(this.data, checked);
  }

  async createAnnotations(input: CreateAnnotationsInput): Promise<Annotation[]> {
    const checked = parseInput('createAnnotations', input);
    return this.store.change((draft) => suggest.createAnnotations(draft, checked, this.now(), coders.ownCoderOf(draft, this.osUser)), {
      needs: ONE(checked.documentId),
    });
  }

  async suggestPassages(input: SuggestPassagesInput): Promise<Suggestion[]> {
    const checked = parseInput('suggestPassages', input);
    await this.store.load(checked.documentId === undefined ? ALL : ONE(checked.documentId));
    return suggestReads.suggestPassages(this.data, checked);
  }

  async rejectSuggestion(input: RejectSuggestionInput): Promise<{ rejected: number }> {
    const checked = parseInput('rejectSuggestion', input);
    // The journal has no record for rejections, so this change is written into a new snapshot.
    return this.store.change((draft) => suggest.rejectSuggestion(draft, checked), { compact: true, needs: ONE(checked.documentId) });
  }

  async listPassages(input: ListPassagesInput): Promise<PassagePage> {
    const checked = parseInput('listPassages', input);
    // The corpus reads take the whole library (in the split layout, every document loaded for them).
    await this.store.load(ALL);
    return corpus.listPassages(this.data, checked);
  }

  async corpusMatrix(input: Record<string, never>): Promise<ThemeDocumentMatrix> {
    parseInput('corpusMatrix', input);
    await this.store.load(ALL);
    return corpus.corpusMatrix(this.data);
  }
  async corpusCooccurrence(input: Record<string, never>): Promise<CorpusCooccurrence> {
    parseInput('corpusCooccurrence', input);
    await this.store.load(ALL);
    return corpus.cooccurrence(this.data);
  }
  async exportCorpusReport(input: ExportCorpusReportInput): Promise<ExportedReport> {
    const checked = parseInput('exportCorpusReport', input);
    await this.store.load(ALL);
    return corpus.exportCorpusReport(this.data, checked, this.now());
  }

  async setCoderName(input: { name: string }): Promise<CoderStatus> {
    const { name } = parseInput('setCoderName', input);
    // Not a journal record (the journal carries documents, codebook, annotations, history): a rare change, so the snapshot is rewritten.
    return this.store.change((draft) => coders.setCoderName(draft, name, this.osUser), { compact: true, needs: ALL });
  }

  async listCoders(input: Record<string, never>): Promise<CoderSummary[]> {
    parseInput('listCoders', input);
    // Agreement reads every layer of the library (in the split layout, every document loaded for it).
    await this.store.load(ALL);
    return agreement.coderSummaries(shared<DataFile>(this.data), this.ownCoder());
  }

  async getAgreement(input: AgreementQuery): Promise<AgreementTable> {
    const checked = parseInput('getAgreement', input);
    await this.store.load(ALL);
    return agreement.agreementFor(shared<DataFile>(this.data), this.ownCoder(), checked);
  }

  async exportAgreement(input: ExportAgreementInput): Promise<ExportedReport> {
    const checked = parseInput('exportAgreement', input);
    await this.store.load(ALL);
    return agreement.exportAgreement(shared<DataFile>(this.data), this.ownCoder(), checked, this.now());
  }

  async mergeLayers(input: MergeLayersInput): Promise<MergeLayersResult> {
    const checked = parseInput('mergeLayers', input);
    return this.store.change((draft) => mergeLayers(draft, checked, coders.ownCoderOf(draft, this.osUser), this.now()), { needs: ALL });
  }

  /** A change to one of the own coder's highlights (another coder's is refused), with its document loaded. */
  private changeOwn<T>(id: string, apply: (draft: DataDraft) => T): Promise<T> {
    const checked = (draft: DataDraft): T => (coders.checkOwnAnnotation(draft, id, this.osUser), apply(draft));
    return this.store.change(checked, { needs: OF_ANNOTATION(id) });
  }

  private ownCoder(): string {
    return coders.ownCoderOf(this.data, this.osUser);
  }

  /** Writes every pending change and releases the data folder; call before the process exits. */
  async close(): Promise<void> {
    await this.store.close();
  }
}
