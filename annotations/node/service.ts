// The service: the one implementation of the host contract, persisting documents, codebook
// and annotations in one lowdb JSON file with a schema version.
import { randomUUID } from 'node:crypto';
import { access, mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import * as v from 'valibot';
import type { Annotation } from '../annotation';
import { DEFAULT_CODEBOOK, type Codebook } from '../codebook';
import type {
  CreateAnnotationInput,
  DocumentSummary,
  GlossHost,
  HostStatus,
  OpenedDocument,
  UpdateAnnotationInput,
} from '../contract';
import { parsePlainText, type GlossDocument } from '../document';
import { GlossError } from '../errors';
import { AnnotationSchema, parseInput } from '../schemas';
import { DurableJSONFile } from './durable-json-file';

/** The data file's name inside the data folder. */
export const DATA_FILE_NAME = 'gloss-data.json';
/** The version of the data file's shape this build reads and writes. */
export const SCHEMA_VERSION = 1;

/** The whole data file. */
export interface StoreData {
  schemaVersion: typeof SCHEMA_VERSION;
  documents: GlossDocument[];
  codebook: Codebook;
  annotations: Annotation[];
}

const StoreSchema = v.object({
  schemaVersion: v.literal(SCHEMA_VERSION),
  documents: v.array(
    v.object({
      id: v.string(),
      title: v.string(),
      source: v.string(),
      text: v.string(),
      added: v.string(),
      blocks: v.array(v.object({ type: v.picklist(['heading', 'paragraph']), start: v.number(), end: v.number() })),
    }),
  ),
  codebook: v.array(
    v.object({
      id: v.string(),
      label: v.string(),
      colour: v.string(),
      cue: v.picklist(['solid', 'dashed', 'dotted', 'double', 'wavy']),
      description: v.string(),
      shortcut: v.string(),
    }),
  ),
  annotations: v.array(AnnotationSchema),
});

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
}

/** base + ext in dir, or base-2 + ext, base-3 + ext ... whichever does not exist yet (rename would replace it). */
async function freeName(dir: string, base: string, ext: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const candidate = join(dir, `${base}${n === 1 ? '' : `-${n}`}${ext}`);
    try {
      await access(candidate);
    } catch {
      return candidate;
    }
  }
}

function byStart(a: Annotation, b: Annotation): number {
  return a.target.selector[0].start - b.target.selector[0].start || a.target.selector[0].end - b.target.selector[0].end;
}

/** The contract over a lowdb file. Every change resolves only after it is written durably. */
export class GlossService implements GlossHost {
  /** Changes run one at a time, so a failed write rolls back only its own change. */
  private changes: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: Low<StoreData>,
    private readonly options: ServiceOptions,
    private readonly notices: string[],
  ) {}

  /** Opens (or creates) the data file in options.dataDir. An unreadable file is set aside, never overwritten. */
  static async open(options: ServiceOptions): Promise<GlossService> {
    await mkdir(options.dataDir, { recursive: true });
    const adapter = new DurableJSONFile<StoreData>(join(options.dataDir, DATA_FILE_NAME));
    const notices: string[] = [];
    let data: StoreData | null = null;
    try {
      const raw = await adapter.read();
      if (raw !== null) {
        const checked = v.safeParse(StoreSchema, raw);
        if (!checked.success) throw new Error('it does not have the shape of a Gloss data file of this version');
        data = checked.output as StoreData;
      }
    } catch (error) {
      const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
      const aside = await freeName(options.dataDir, `gloss-data.unreadable-${stamp}`, '.json');
      await rename(adapter.filename, aside);
      notices.push(
        `The data file could not be read (${(error as Error).message.slice(0, 200)}). ` +
          `It was kept as ${aside} and Gloss started with an empty store.`,
      );
    }
    const db = new Low<StoreData>(adapter, {
      schemaVersion: SCHEMA_VERSION,
      documents: [],
      codebook: structuredClone(DEFAULT_CODEBOOK),
      annotations: [],
    });
    if (data) db.data = data;
    const service = new GlossService(db, options, notices);
    await service.addMissingSamples();
    return service;
  }

  private get data(): StoreData {
    return this.db.data;
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  private async addMissingSamples(): Promise<void> {
    const missing = (this.options.samples ?? []).filter((s) => !this.data.documents.some((d) => d.id === s.id));
    if (missing.length === 0 && (this.options.samples ?? []).length === 0) return;
    for (const sample of missing) {
      const parsed = parsePlainText(sample.text);
      this.data.documents.push({ id: sample.id, source: sample.source, added: this.now(), ...parsed });
    }
    if (missing.length > 0) await this.save();
  }

  /** Runs a change after every earlier one has been written (or has failed). */
  private exclusive<T>(change: () => Promise<T>): Promise<T> {
    const run = this.changes.then(change);
    this.changes = run.catch(() => undefined);
    return run;
  }

  /** Writes the store; on failure the in-memory change is undone by `rollback` and a storage error thrown. */
  private async commit(rollback: () => void): Promise<void> {
    try {
      await this.save();
    } catch (error) {
      rollback();
      throw new GlossError(
        'storage',
        `The change could not be saved (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Nothing was lost on disk; try again.`,
      );
    }
  }

  private save(): Promise<void> {
    return this.db.write();
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
      dataFile: (this.db.adapter as DurableJSONFile<StoreData>).filename,
      notices: [...this.notices],
    };
  }

  async listDocuments(input: Record<string, never>): Promise<DocumentSummary[]> {
    parseInput('listDocuments', input);
    return this.data.documents.map((doc) => ({
      id: doc.id,
      title: doc.title,
      source: doc.source,
      annotationCount: this.data.annotations.filter((a) => a.documentId === doc.id).length,
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

  createAnnotation(input: CreateAnnotationInput): Promise<Annotation> {
    return this.exclusive(async () => {
      const checked = parseInput('createAnnotation', input);
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
      const before = this.data.annotations;
      this.data.annotations = [...before, annotation];
      await this.commit(() => (this.data.annotations = before));
      return annotation;
    });
  }

  updateAnnotation(input: UpdateAnnotationInput): Promise<Annotation> {
    return this.exclusive(async () => {
      const checked = parseInput('updateAnnotation', input);
      const index = this.annotationIndexOrThrow(checked.id);
      if (checked.themes) this.checkThemes(checked.themes);
      const current = this.data.annotations[index]!;
      const updated: Annotation = {
        ...current,
        themes: checked.themes ?? current.themes,
        note: checked.note ?? current.note,
        modified: this.now(),
      };
      const before = this.data.annotations;
      this.data.annotations = before.map((a, i) => (i === index ? updated : a));
      await this.commit(() => (this.data.annotations = before));
      return updated;
    });
  }

  deleteAnnotation(input: { id: string }): Promise<{ id: string }> {
    return this.exclusive(async () => {
      const { id } = parseInput('deleteAnnotation', input);
      this.annotationIndexOrThrow(id);
      const before = this.data.annotations;
      this.data.annotations = before.filter((a) => a.id !== id);
      await this.commit(() => (this.data.annotations = before));
      return { id };
    });
  }

  restoreAnnotation(input: { annotation: Annotation }): Promise<Annotation> {
    return this.exclusive(async () => {
      const { annotation } = parseInput('restoreAnnotation', input);
      if (this.data.annotations.some((a) => a.id === annotation.id)) {
        throw new GlossError('invalid-input', `An annotation with id "${annotation.id}" already exists.`);
      }
      this.checkTarget(annotation);
      this.checkThemes(annotation.themes);
      const before = this.data.annotations;
      this.data.annotations = [...before, annotation];
      await this.commit(() => (this.data.annotations = before));
      return annotation;
    });
  }

  /** Waits for every pending write; call before the process exits. */
  async close(): Promise<void> {
    await this.changes;
    await (this.db.adapter as DurableJSONFile<StoreData>).flush();
  }
}
