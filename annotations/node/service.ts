// The service: the one implementation of the host contract, over the Store (one lowdb JSON file in the data folder).
import { createHash, randomUUID } from 'node:crypto';
import type { Annotation } from '../annotation';
import { expandThemes, type Codebook } from '../codebook';
import type {
  BackupSummary,
  CreateAnnotationInput,
  ExportedReport,
  ExportReportInput,
  ImportAnnotationsInput,
  ImportAnnotationsResult,
  DocumentSummary,
  GlossHost,
  HostStatus,
  ImportDocumentInput,
  OpenedDocument,
  UpdateAnnotationInput,
  DeleteThemeInput,
  DeleteThemeResult,
  HistoryOutcome,
  HistorySummary,
  UpdateCodebookInput,
  ImportParsedDocumentInput,
  RemovedDocument,
  RetargetAnnotationInput,
  UpdateDocumentInput,
} from '../contract';
import { documentFromBlocks } from '../blocks';
import { parsePlainText, type GlossDocument } from '../document';
import { GlossError } from '../errors';
import { slugOf } from '../slug';
import { importJsonLd } from '../reports/jsonld-import';
import { buildReport, REPORT_FORMATS } from '../reports/formats';
import { buildReportModel } from '../reports/model';
import { parseInput } from '../schemas';
import { deleteTheme as deleteThemeFrom, editCodebook } from '../codebook-edit';
import { applyStep, HISTORY_LIMIT, historyOf, recordStep, withHistory, type DocumentHistory, type HistoryStep } from '../history';
import { parseDocumentFile } from './document-file';
import type { FileOps } from './file-ops';
import { Store, type Applied, type JournalOptions, type StoreData } from './store';

export { DATA_FILE_NAME, SCHEMA_VERSION, type StoreData } from './store';

/** A document bundled with the app, added to every data folder that lacks it. */
export interface SampleDocument {
  id: string;
  source: string;
  text: string;
}

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
}

function byStart(a: Annotation, b: Annotation): number {
  return a.target.selector[0].start - b.target.selector[0].start || a.target.selector[0].end - b.target.selector[0].end;
}

/** A document id from its title: readable, and unique with a short random tail. */
function documentIdFor(title: string): string {
  const slug = slugOf(title, { maxLength: 48 });
  return `${slug || 'document'}-${randomUUID().slice(0, 8)}`;
}

/** SHA-256 of a document's text, in hex: how Gloss tells that a document changed. */
export function contentHashOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function withHash(doc: GlossDocument): GlossDocument {
  return { ...doc, contentHash: contentHashOf(doc.text) };
}

/** An undo step and the document whose history records it. */
interface RecordedStep {
  documentId: string;
  step: HistoryStep;
}

/** What the reader's Undo and Redo buttons need to know about a history. */
function summarise(history: DocumentHistory): HistorySummary {
  const undo = history.done[history.done.length - 1];
  const redo = history.undone[history.undone.length - 1];
  return { canUndo: !!undo, canRedo: !!redo, undoLabel: undo?.label ?? null, redoLabel: redo?.label ?? null };
}

/** A file name from a title: letters, digits and dashes, never empty. */
export function fileNameFor(title: string, extension: string): string {
  const slug = slugOf(title, { maxLength: 80, keepCase: true });
  return `${slug || 'gloss-report'}.${extension}`;
}

/**
 * The contract over the store. Every change resolves only after it is written durably.
 *
 * Changes to the data are immutable: each replaces `documents`, `annotations`, `codebook` or
 * `history` with a new array, reusing the elements it does not change and making new objects for
 * the ones it adds or changes, and never edits a stored object in place. The store relies on this:
 * it finds what to write to its journal by comparing references with what it last made durable.
 */
export class GlossService implements GlossHost {
  private constructor(
    private readonly store: Store,
    private readonly options: ServiceOptions,
  ) {}

  /** Opens (or creates) the data folder. An unreadable file is set aside, never overwritten. */
  static async open(options: ServiceOptions): Promise<GlossService> {
    const store = await Store.open({ dataDir: options.dataDir, now: options.now, fs: options.fs, lock: options.lock, journal: options.journal });
    const service = new GlossService(store, options);
    try {
      await service.addMissingSamples();
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

  private async addMissingSamples(): Promise<void> {
    if (this.store.readOnly) return;
    const missing = (this.options.samples ?? []).filter((s) => !this.data.documents.some((d) => d.id === s.id));
    if (missing.length === 0) return;
    await this.store.change(() => {
      const data = this.data;
      const before = data.documents;
      data.documents = [
        ...before,
        ...missing.map((sample) => withHash({ id: sample.id, source: sample.source, added: this.now(), ...parsePlainText(sample.text) })),
      ];
      return { result: undefined, rollback: () => (data.documents = before) };
    });
  }

  /**
   * Replaces the annotation list in memory, and records undo steps in the same change; the rollback
   * puts the old list and history back.
   */
  private setAnnotations<T>(next: Annotation[], result: T, ...steps: RecordedStep[]): Applied<T> {
    const data = this.data;
    const before = data.annotations;
    const history = data.history;
    data.annotations = next;
    for (const { documentId, step } of steps) data.history = recordStep(data.history ?? [], documentId, step);
    return {
      result,
      rollback: () => {
        data.annotations = before;
        data.history = history;
      },
    };
  }

  private documentOrThrow(id: string): GlossDocument {
    const doc = this.data.documents.find((d) => d.id === id);
    if (!doc) throw new GlossError('not-found', `No document with id "${id}".`);
    return doc;
  }

  private annotationIndexOrThrow(id: string): number {
    const index = this.data.annotations.findIndex((a) => a.id === id);
    if (index === -1) throw new GlossError('not-found', `No annotation with id "${id}".`);
    return index;
  }

  private checkThemes(themes: readonly string[]): void {
    for (const theme of themes) {
      if (!this.data.codebook.some((t) => t.id === theme)) {
        throw new GlossError('invalid-input', `Unknown theme "${theme}".`);
      }
    }
  }

  private checkTarget(annotation: Pick<Annotation, 'documentId' | 'target'>): void {
    const doc = this.documentOrThrow(annotation.documentId);
    const [position, quote] = annotation.target.selector;
    if (annotation.target.source !== doc.id) {
      throw new GlossError('invalid-input', 'The target names another document than the annotation.');
    }
    if (position.end > doc.text.length) {
      throw new GlossError('invalid-input', `The passage ends at ${position.end}, past the end of the document (${doc.text.length}).`);
    }
    if (doc.text.slice(position.start, position.end) !== quote.exact) {
      throw new GlossError('invalid-input', 'The quote does not match the document text at the given position.');
    }
  }

  async getStatus(input: Record<string, never>): Promise<HostStatus> {
    parseInput('getStatus', input);
    return {
      edition: this.options.edition,
      version: this.options.version,
      dataFile: this.store.file,
      notices: [...this.store.notices],
      readOnly: this.store.readOnly,
    };
  }

  async listDocuments(input: Record<string, never>): Promise<DocumentSummary[]> {
    parseInput('listDocuments', input);
    return this.data.documents.map((doc) => this.summaryOf(doc));
  }

  /** A document as the library lists it: its counts of highlights, in all and per theme. */
  private summaryOf(doc: GlossDocument): DocumentSummary {
    let annotationCount = 0;
    const themeCounts: Record<string, number> = {};
    for (const a of this.data.annotations) {
      if (a.documentId !== doc.id) continue;
      annotationCount += 1;
      for (const theme of a.themes) themeCounts[theme] = (themeCounts[theme] ?? 0) + 1;
    }
    return {
      id: doc.id,
      title: doc.title,
      source: doc.source,
      annotationCount,
      themeCounts,
      needsReview: doc.review !== undefined,
      removable: !(this.options.samples ?? []).some((s) => s.id === doc.id),
    };
  }

  async openDocument(input: { documentId: string }): Promise<OpenedDocument> {
    const { documentId } = parseInput('openDocument', input);
    return {
      document: this.documentOrThrow(documentId),
      annotations: await this.listAnnotations({ documentId }),
      codebook: this.data.codebook,
    };
  }

  async getCodebook(input: Record<string, never>): Promise<Codebook> {
    parseInput('getCodebook', input);
    return this.data.codebook;
  }

  async listAnnotations(input: { documentId: string }): Promise<Annotation[]> {
    const { documentId } = parseInput('listAnnotations', input);
    this.documentOrThrow(documentId);
    return this.data.annotations.filter((a) => a.documentId === documentId).sort(byStart);
  }

  async createAnnotation(input: CreateAnnotationInput): Promise<Annotation> {
    const checked = parseInput('createAnnotation', input);
    return this.store.change(() => {
      this.checkTarget(checked);
      this.checkThemes(checked.themes);
      const now = this.now();
      const annotation: Annotation = {
        id: randomUUID(),
        documentId: checked.documentId,
        target: checked.target,
        themes: checked.themes,
        note: checked.note ?? '',
        created: now,
        modified: now,
      };
      return this.setAnnotations([...this.data.annotations, annotation], annotation, {
        documentId: annotation.documentId,
        step: { label: 'Highlight added', annotations: [{ before: null, after: annotation }] },
      });
    });
  }

  async updateAnnotation(input: UpdateAnnotationInput): Promise<Annotation> {
    const checked = parseInput('updateAnnotation', input);
    return this.store.change(() => {
      const index = this.annotationIndexOrThrow(checked.id);
      if (checked.themes) this.checkThemes(checked.themes);
      const current = this.data.annotations[index]!;
      const updated: Annotation = {
        ...current,
        themes: checked.themes ?? current.themes,
        note: checked.note ?? current.note,
        modified: this.now(),
      };
      const themesChanged = JSON.stringify(updated.themes) !== JSON.stringify(current.themes);
      const noteChanged = updated.note !== current.note;
      const label = themesChanged && noteChanged ? 'Highlight changed' : themesChanged ? 'Themes changed' : 'Note changed';
      const steps: RecordedStep[] =
        themesChanged || noteChanged
          ? [{ documentId: current.documentId, step: { label, ...(checked.mergeKey ? { mergeKey: checked.mergeKey } : {}), annotations: [{ before: current, after: updated }] } }]
          : [];
      return this.setAnnotations(
        this.data.annotations.map((a, i) => (i === index ? updated : a)),
        updated,
        ...steps,
      );
    });
  }

  async deleteAnnotation(input: { id: string }): Promise<{ id: string }> {
    const { id } = parseInput('deleteAnnotation', input);
    return this.store.change(() => {
      const current = this.data.annotations[this.annotationIndexOrThrow(id)]!;
      return this.setAnnotations(
        this.data.annotations.filter((a) => a.id !== id),
        { id },
        { documentId: current.documentId, step: { label: 'Highlight deleted', annotations: [{ before: current, after: null }] } },
      );
    });
  }

  async restoreAnnotation(input: { annotation: Annotation }): Promise<Annotation> {
    const { annotation } = parseInput('restoreAnnotation', input);
    return this.store.change(() => {
      if (this.data.annotations.some((a) => a.id === annotation.id)) {
        throw new GlossError('invalid-input', `An annotation with id "${annotation.id}" already exists.`);
      }
      this.checkTarget(annotation);
      this.checkThemes(annotation.themes);
      return this.setAnnotations([...this.data.annotations, annotation], annotation, {
        documentId: annotation.documentId,
        step: { label: 'Highlight restored', annotations: [{ before: null, after: annotation }] },
      });
    });
  }

  async importDocument(input: ImportDocumentInput): Promise<DocumentSummary> {
    const { fileName, dataBase64 } = parseInput('importDocument', input);
    const parsed = await parseDocumentFile(fileName, Buffer.from(dataBase64, 'base64'));
    return this.addDocument(fileName, parsed);
  }

  private addDocument(fileName: string, parsed: ReturnType<typeof documentFromBlocks>): Promise<DocumentSummary> {
    const doc = withHash({ id: documentIdFor(parsed.title), source: fileName, added: this.now(), ...parsed });
    return this.store.change(() => {
      const data = this.data;
      const before = data.documents;
      data.documents = [...before, doc];
      return { result: this.summaryOf(doc), rollback: () => (data.documents = before) };
    });
  }

  /** Replaces one stored document; the rollback puts the old list back. */
  private replaceDocument<T>(next: GlossDocument, result: () => T): Applied<T> {
    const data = this.data;
    const before = data.documents;
    data.documents = before.map((d) => (d.id === next.id ? next : d));
    return { result: result(), rollback: () => (data.documents = before) };
  }

  async importParsedDocument(input: ImportParsedDocumentInput): Promise<DocumentSummary> {
    const { fileName, blocks } = parseInput('importParsedDocument', input);
    return this.addDocument(fileName, documentFromBlocks(blocks));
  }

  async removeDocument(input: { documentId: string }): Promise<RemovedDocument> {
    const { documentId } = parseInput('removeDocument', input);
    return this.store.change(() => {
      const doc = this.documentOrThrow(documentId);
      if ((this.options.samples ?? []).some((s) => s.id === doc.id)) {
        throw new GlossError('invalid-input', `"${doc.title}" is the article bundled with Gloss; it is always there and cannot be removed.`);
      }
      const data = this.data;
      const before = { documents: data.documents, annotations: data.annotations };
      const kept = data.annotations.filter((a) => a.documentId !== documentId);
      data.documents = data.documents.filter((d) => d.id !== documentId);
      data.annotations = kept;
      return {
        result: { id: documentId, annotationsRemoved: before.annotations.length - kept.length },
        rollback: () => Object.assign(data, before),
      };
    });
  }

  async updateDocument(input: UpdateDocumentInput): Promise<DocumentSummary> {
    const checked = parseInput('updateDocument', input);
    this.documentOrThrow(checked.documentId);
    const parsed = checked.blocks
      ? documentFromBlocks(checked.blocks)
      : await parseDocumentFile(checked.fileName, Buffer.from(checked.dataBase64!, 'base64'));
    return this.store.change(() => {
      const current = this.documentOrThrow(checked.documentId);
      const oldHash = current.contentHash ?? contentHashOf(current.text);
      const newHash = contentHashOf(parsed.text);
      const annotated = this.data.annotations.some((a) => a.documentId === current.id);
      const next: GlossDocument = { ...current, ...parsed, source: checked.fileName, contentHash: newHash };
      // A review already under way keeps the hash the annotations were made on; an unchanged text needs none.
      if (newHash !== oldHash && annotated) next.review = current.review ?? { previousHash: oldHash, changed: this.now() };
      else if (newHash === (current.review?.previousHash ?? oldHash) || !annotated) delete next.review;
      return this.replaceDocument(next, () => this.summaryOf(next));
    });
  }

  async retargetAnnotation(input: RetargetAnnotationInput): Promise<Annotation> {
    const checked = parseInput('retargetAnnotation', input);
    return this.store.change(() => {
      const index = this.annotationIndexOrThrow(checked.id);
      const current = this.data.annotations[index]!;
      this.checkTarget({ documentId: current.documentId, target: checked.target });
      const updated: Annotation = { ...current, target: checked.target, modified: this.now() };
      return this.setAnnotations(
        this.data.annotations.map((a, i) => (i === index ? updated : a)),
        updated,
      );
    });
  }

  async finishReview(input: { documentId: string }): Promise<DocumentSummary> {
    const { documentId } = parseInput('finishReview', input);
    return this.store.change(() => {
      const current = this.documentOrThrow(documentId);
      const next: GlossDocument = { ...current, contentHash: current.contentHash ?? contentHashOf(current.text) };
      delete next.review;
      return this.replaceDocument(next, () => this.summaryOf(next));
    });
  }

  async listBackups(input: Record<string, never>): Promise<BackupSummary[]> {
    parseInput('listBackups', input);
    const summaries: BackupSummary[] = [];
    for (const backup of await this.store.listBackups()) {
      try {
        const data = await this.store.readBackup(backup.name);
        summaries.push({ ...backup, documentCount: data.documents.length, annotationCount: data.annotations.length });
      } catch {
        // A damaged backup is not offered.
      }
    }
    return summaries;
  }

  async restoreBackup(input: { name: string }): Promise<BackupSummary> {
    const { name } = parseInput('restoreBackup', input);
    const restored = await this.store.readBackup(name);
    const created = (await this.store.listBackups()).find((b) => b.name === name)?.created ?? '';
    // The data file first takes in the journal, so that the restore below, which rewrites it, keeps
    // exactly the state before the restore as a backup: restoring never loses anything.
    await this.store.checkpoint();
    return this.store.change(() => {
      const data = this.data;
      const before = { documents: data.documents, codebook: data.codebook, annotations: data.annotations };
      Object.assign(data, { documents: restored.documents, codebook: restored.codebook, annotations: restored.annotations });
      return {
        result: { name, created, documentCount: restored.documents.length, annotationCount: restored.annotations.length },
        rollback: () => Object.assign(data, before),
      };
    }, { compact: true });
  }

  async exportReport(input: ExportReportInput): Promise<ExportedReport> {
    const checked = parseInput('exportReport', input);
    const doc = this.documentOrThrow(checked.documentId);
    if (checked.themes) this.checkThemes(checked.themes);
    const annotations = this.data.annotations.filter((a) => a.documentId === doc.id);
    const model = buildReportModel(doc, annotations, this.data.codebook, {
      // A parent theme covers its sub-themes.
      themes: checked.themes && expandThemes(this.data.codebook, checked.themes),
      onlyWithNotes: checked.onlyWithNotes,
      includeArticle: checked.includeArticle,
    });
    const content = buildReport(checked.format, [model], {
      codebook: this.data.codebook,
      exportedAt: this.now(),
      bom: checked.bom,
      name: doc.title,
    });
    const info = REPORT_FORMATS[checked.format];
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    return {
      fileName: checked.format === 'qdc' ? 'gloss-codebook.qdc' : fileNameFor(doc.title, info.extension),
      mimeType: info.mime,
      dataBase64: bytes.toString('base64'),
    };
  }

  async importAnnotations(input: ImportAnnotationsInput): Promise<ImportAnnotationsResult> {
    const { fileName, dataBase64 } = parseInput('importAnnotations', input);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(dataBase64, 'base64'));
    } catch {
      throw new GlossError('invalid-input', `"${fileName}" is not UTF-8 text.`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new GlossError('invalid-input', `"${fileName}" is not JSON: Gloss imports W3C Web Annotation JSON-LD.`);
    }
    const result = importJsonLd(json, {
      documents: this.data.documents,
      codebook: this.data.codebook,
      existing: this.data.annotations,
      now: this.now(),
    });
    return this.store.change(() => {
      const known = new Set(this.data.annotations.map((a) => a.id));
      const fresh = result.annotations.filter((a) => !known.has(a.id));
      const documentIds = [...new Set(fresh.map((a) => a.documentId))];
      return this.setAnnotations(
        [...this.data.annotations, ...fresh],
        {
          created: fresh.length,
          skipped: result.skipped.length + (result.annotations.length - fresh.length),
          failures: result.failures,
        },
        ...documentIds.map((documentId) => ({
          documentId,
          step: {
            label: 'Annotations imported',
            annotations: fresh.filter((a) => a.documentId === documentId).map((a) => ({ before: null, after: a })),
          },
        })),
      );
    });
  }

  async updateCodebook(input: UpdateCodebookInput): Promise<Codebook> {
    const checked = parseInput('updateCodebook', input);
    return this.store.change(() => {
      if (checked.documentId !== undefined) this.documentOrThrow(checked.documentId);
      const before = this.data.codebook;
      const after = editCodebook(before, this.data.annotations, checked.codebook);
      const changed = JSON.stringify(before) !== JSON.stringify(after);
      return this.setCodebook(after, after, changed ? checked.documentId : undefined, {
        label: 'Codebook changed',
        codebook: { before, after },
        annotations: [],
      });
    });
  }

  async deleteTheme(input: DeleteThemeInput): Promise<DeleteThemeResult> {
    const checked = parseInput('deleteTheme', input);
    return this.store.change(() => {
      if (checked.documentId !== undefined) this.documentOrThrow(checked.documentId);
      const before = this.data.codebook;
      const label = before.find((t) => t.id === checked.id)?.label ?? checked.id;
      const result = deleteThemeFrom(before, this.data.annotations, checked.id, checked.moveTo, this.now());
      const data = this.data;
      const annotationsBefore = data.annotations;
      data.annotations = result.annotations;
      const applied = this.setCodebook(
        result.codebook,
        { codebook: result.codebook, moved: result.moved, removed: result.removed, deleted: result.deleted },
        checked.documentId,
        { label: `Theme “${label}” deleted`, codebook: { before, after: result.codebook }, annotations: result.changes },
      );
      return {
        result: applied.result,
        rollback: () => {
          applied.rollback();
          data.annotations = annotationsBefore;
        },
      };
    });
  }

  /** Replaces the codebook in memory and records its step in a document's history (none without one). */
  private setCodebook<T>(next: Codebook, result: T, documentId: string | undefined, step: HistoryStep): Applied<T> {
    const data = this.data;
    const before = data.codebook;
    const history = data.history;
    data.codebook = next;
    if (documentId !== undefined) data.history = recordStep(data.history ?? [], documentId, step);
    return {
      result,
      rollback: () => {
        data.codebook = before;
        data.history = history;
      },
    };
  }

  async undo(input: { documentId: string }): Promise<HistoryOutcome> {
    const { documentId } = parseInput('undo', input);
    return this.step(documentId, 'undo');
  }

  async redo(input: { documentId: string }): Promise<HistoryOutcome> {
    const { documentId } = parseInput('redo', input);
    return this.step(documentId, 'redo');
  }

  async getHistory(input: { documentId: string }): Promise<HistorySummary> {
    const { documentId } = parseInput('getHistory', input);
    this.documentOrThrow(documentId);
    return summarise(historyOf(this.data.history ?? [], documentId));
  }

  /** Undoes or redoes a document's last step in one store change; a step that no longer applies is dropped and reported. */
  private step(documentId: string, direction: 'undo' | 'redo'): Promise<HistoryOutcome> {
    return this.store.change((): Applied<HistoryOutcome> => {
      this.documentOrThrow(documentId);
      const data = this.data;
      const saved = { codebook: data.codebook, annotations: data.annotations, history: data.history };
      const current = historyOf(data.history ?? [], documentId);
      const [from, to] = direction === 'undo' ? (['done', 'undone'] as const) : (['undone', 'done'] as const);
      const step = current[from][current[from].length - 1];
      const rollback = (): void => void Object.assign(data, saved);
      const nothing = { label: null, problem: null, codebookChanged: false, changed: [] as Annotation[], removed: [] };
      if (!step) return { result: { ...nothing, ...summarise(current) }, rollback };
      const remaining = current[from].slice(0, -1);
      const applied = applyStep(data, step, direction, (id) => data.documents.some((d) => d.id === id));
      if (!applied.ok) {
        const next = { ...current, [from]: remaining };
        data.history = withHistory(data.history ?? [], next);
        const verb = direction === 'undo' ? 'undone' : 'redone';
        const problem = `“${step.label}” cannot be ${verb}: ${applied.reason}. It was taken off the history.`;
        return { result: { ...nothing, problem, ...summarise(next) }, rollback };
      }
      const { mergeKey: _merged, ...moved } = step;
      const next = { ...current, [from]: remaining, [to]: [...current[to], moved].slice(-HISTORY_LIMIT) };
      data.codebook = applied.state.codebook;
      data.annotations = applied.state.annotations;
      data.history = withHistory(data.history ?? [], next);
      return {
        result: {
          label: step.label,
          problem: null,
          codebookChanged: step.codebook !== undefined,
          changed: applied.changed,
          removed: applied.removed.map((a) => ({ id: a.id, documentId: a.documentId })),
          ...summarise(next),
        },
        rollback,
      };
    });
  }

  /** Writes every pending change and releases the data folder; call before the process exits. */
  async close(): Promise<void> {
    await this.store.close();
  }
}
