// The service: the one implementation of the host contract, over the Store (one lowdb JSON file in the data folder).
import { randomUUID } from 'node:crypto';
import type { Annotation } from '../annotation';
import type { Codebook } from '../codebook';
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
} from '../contract';
import { parsePlainText, type GlossDocument } from '../document';
import { GlossError } from '../errors';
import { importJsonLd } from '../reports/jsonld-import';
import { buildReport, REPORT_FORMATS } from '../reports/formats';
import { buildReportModel } from '../reports/model';
import { parseInput } from '../schemas';
import { parseDocumentFile } from './document-file';
import type { FileOps } from './file-ops';
import { Store, type Applied, type StoreData } from './store';

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
}

function byStart(a: Annotation, b: Annotation): number {
  return a.target.selector[0].start - b.target.selector[0].start || a.target.selector[0].end - b.target.selector[0].end;
}

/** A document id from its title: readable, and unique with a short random tail. */
function documentIdFor(title: string): string {
  const slug = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return `${slug || 'document'}-${randomUUID().slice(0, 8)}`;
}

/** A file name from a title: letters, digits and dashes, never empty. */
export function fileNameFor(title: string, extension: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'gloss-report'}.${extension}`;
}

/** The contract over the store. Every change resolves only after it is written durably. */
export class GlossService implements GlossHost {
  private constructor(
    private readonly store: Store,
    private readonly options: ServiceOptions,
  ) {}

  /** Opens (or creates) the data folder. An unreadable file is set aside, never overwritten. */
  static async open(options: ServiceOptions): Promise<GlossService> {
    const store = await Store.open({ dataDir: options.dataDir, now: options.now, fs: options.fs, lock: options.lock });
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
        ...missing.map((sample) => ({ id: sample.id, source: sample.source, added: this.now(), ...parsePlainText(sample.text) })),
      ];
      return { result: undefined, rollback: () => (data.documents = before) };
    });
  }

  /** Replaces the annotation list in memory; the rollback puts the old list back. */
  private setAnnotations<T>(next: Annotation[], result: T): Applied<T> {
    const data = this.data;
    const before = data.annotations;
    data.annotations = next;
    return { result, rollback: () => (data.annotations = before) };
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
    const counts = new Map<string, number>();
    for (const a of this.data.annotations) counts.set(a.documentId, (counts.get(a.documentId) ?? 0) + 1);
    return this.data.documents.map((doc) => ({
      id: doc.id,
      title: doc.title,
      source: doc.source,
      annotationCount: counts.get(doc.id) ?? 0,
    }));
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
      return this.setAnnotations([...this.data.annotations, annotation], annotation);
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
      return this.setAnnotations(
        this.data.annotations.map((a, i) => (i === index ? updated : a)),
        updated,
      );
    });
  }

  async deleteAnnotation(input: { id: string }): Promise<{ id: string }> {
    const { id } = parseInput('deleteAnnotation', input);
    return this.store.change(() => {
      this.annotationIndexOrThrow(id);
      return this.setAnnotations(
        this.data.annotations.filter((a) => a.id !== id),
        { id },
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
      return this.setAnnotations([...this.data.annotations, annotation], annotation);
    });
  }

  async importDocument(input: ImportDocumentInput): Promise<DocumentSummary> {
    const { fileName, dataBase64 } = parseInput('importDocument', input);
    const parsed = parseDocumentFile(fileName, Buffer.from(dataBase64, 'base64'));
    const doc: GlossDocument = { id: documentIdFor(parsed.title), source: fileName, added: this.now(), ...parsed };
    return this.store.change(() => {
      const data = this.data;
      const before = data.documents;
      data.documents = [...before, doc];
      return {
        result: { id: doc.id, title: doc.title, source: doc.source, annotationCount: 0 },
        rollback: () => (data.documents = before),
      };
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
    return this.store.change(() => {
      const data = this.data;
      const before = { documents: data.documents, codebook: data.codebook, annotations: data.annotations };
      Object.assign(data, { documents: restored.documents, codebook: restored.codebook, annotations: restored.annotations });
      return {
        result: { name, created, documentCount: restored.documents.length, annotationCount: restored.annotations.length },
        rollback: () => Object.assign(data, before),
      };
    });
  }

  async exportReport(input: ExportReportInput): Promise<ExportedReport> {
    const checked = parseInput('exportReport', input);
    const doc = this.documentOrThrow(checked.documentId);
    if (checked.themes) this.checkThemes(checked.themes);
    const annotations = this.data.annotations.filter((a) => a.documentId === doc.id);
    const model = buildReportModel(doc, annotations, this.data.codebook, {
      themes: checked.themes,
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
      return this.setAnnotations([...this.data.annotations, ...fresh], {
        created: fresh.length,
        skipped: result.skipped.length + (result.annotations.length - fresh.length),
        failures: result.failures,
      });
    });
  }

  /** Writes every pending change and releases the data folder; call before the process exits. */
  async close(): Promise<void> {
    await this.store.close();
  }
}
