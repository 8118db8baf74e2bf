// The bench's host in the page's own process: the corpus held in memory, answering the contract methods the
// reader calls while it opens and edits, through the desktop bridge (electron/bridge.ts) with each input and
// answer structured-cloned as IPC would. It measures the renderer with the least a transport can cost, beside
// the browser edition's HTTP. Bundled as an init script that installs window.gloss; the corpus comes in
// window.glossBenchData. Anything else it is asked answers an error that says so.
import type { Annotation } from '../../annotations/annotation';
import { countByTheme, type Codebook } from '../../annotations/codebook';
import type { CreateAnnotationInput, DocumentSummary, GlossHost, HistorySummary, UpdateAnnotationInput } from '../../annotations/contract';
import { dispatch } from '../../annotations/dispatch';
import type { GlossDocument } from '../../annotations/document';
import { GlossError } from '../../annotations/errors';
import { OpenStages } from '../../annotations/node/open-stages';
import { parseInput } from '../../annotations/schemas';
import { createDesktopBridge } from '../../electron/bridge';

/** The corpus the page holds (a data file's documents, codebook and annotations). */
export interface InPageData {
  documents: GlossDocument[];
  codebook: Codebook;
  annotations: Annotation[];
}

/** The methods the reader calls on opening and editing, answered from memory. */
class InPageHost {
  private annotations: readonly Annotation[];
  private readonly stages = new OpenStages(this);

  constructor(private readonly data: InPageData) {
    this.annotations = data.annotations;
  }

  private document(documentId: string): GlossDocument {
    const found = this.data.documents.find((d) => d.id === documentId);
    if (!found) throw new GlossError('not-found', `No document with id "${documentId}".`);
    return found;
  }

  private of(documentId: string): Annotation[] {
    return this.annotations.filter((a) => a.documentId === documentId);
  }

  async getStatus() {
    return {
      edition: 'desktop' as const,
      version: 'bench',
      dataFile: '(in the page)',
      notices: [],
      readOnly: null,
      coder: { name: 'bench', chosen: true },
    };
  }
  async listDocuments(): Promise<DocumentSummary[]> {
    return this.data.documents.map((d) => {
      const mine = this.of(d.id);
      const themeCounts = Object.fromEntries([...countByTheme(this.data.codebook, mine)].filter(([, n]) => n > 0));
      return {
        id: d.id,
        title: d.title,
        source: d.source,
        added: d.added,
        annotationCount: mine.length,
        themeCounts,
        needsReview: false,
        removable: true,
      };
    });
  }
  async getCodebook() {
    return this.data.codebook;
  }
  async listCoders() {
    return [];
  }
  async openDocument({ documentId }: { documentId: string }) {
    return { document: this.document(documentId), annotations: this.of(documentId), codebook: this.data.codebook };
  }
  async listAnnotations({ documentId }: { documentId: string }) {
    return this.of(documentId);
  }
  /** No undo history is kept here: the bench never undoes, and Undo waits for a host that has none. */
  async getHistory(): Promise<HistorySummary> {
    return { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null };
  }
  openDocumentText: GlossHost['openDocumentText'] = (input) => this.stages.openDocumentText(input);
  openAnnotations: GlossHost['openAnnotations'] = (input) => this.stages.openAnnotations(parseInput('openAnnotations', input));
  annotationNotes: GlossHost['annotationNotes'] = (input) => this.stages.annotationNotes(input);

  async createAnnotation(input: CreateAnnotationInput): Promise<Annotation> {
    const { id, documentId, target, themes, note } = parseInput('createAnnotation', input);
    const now = new Date().toISOString();
    const made: Annotation = { id: id ?? crypto.randomUUID(), documentId, target, themes, note: note ?? '', created: now, modified: now };
    this.annotations = [...this.annotations, made];
    return made;
  }
  async updateAnnotation(input: UpdateAnnotationInput): Promise<Annotation> {
    const { id, themes, note } = parseInput('updateAnnotation', input);
    const before = this.annotations.find((a) => a.id === id);
    if (!before) throw new GlossError('not-found', `No annotation with id "${id}".`);
    const after: Annotation = { ...before, themes: themes ?? before.themes, note: note ?? before.note, modified: new Date().toISOString() };
    this.annotations = this.annotations.map((a) => (a.id === id ? after : a));
    return after;
  }
  async deleteAnnotation(input: { id: string }): Promise<{ id: string }> {
    const { id } = parseInput('deleteAnnotation', input);
    this.annotations = this.annotations.filter((a) => a.id !== id);
    return { id };
  }
}

/** Installs window.gloss over an in-page host of `data`: a method it lacks answers an error naming it. */
export function installInPageHost(data: InPageData): void {
  const host = new InPageHost(data) as unknown as Record<string, ((input: unknown) => Promise<unknown>) | undefined>;
  const answer = new Proxy(host, {
    get: (target, name: string) =>
      target[name] ??
      (async () => {
        throw new GlossError('internal', `The bench's in-page host does not answer ${name}.`);
      }),
  }) as unknown as GlossHost;
  const bridge = createDesktopBridge({
    invoke: async (channel, input) => structuredClone(await dispatch(answer, channel.replace(/^gloss:/, ''), structuredClone(input))),
    on: () => undefined,
    removeListener: () => undefined,
    send: () => undefined,
  });
  (window as unknown as { gloss: unknown }).gloss = bridge;
}

const data = (window as unknown as { glossBenchData?: InPageData }).glossBenchData;
if (data) installInPageHost(data);
