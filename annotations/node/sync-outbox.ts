// The outbox of a shared project: what of the own layer, its documents' texts and its codebook the local
// database holds (the mirror: each document's revision and fingerprint), and what differs from it is written there
// for the replication to push. Written once, a change stays queued in the local database until the server has it,
// through lost connections and restarts.
import { createHash } from 'node:crypto';
import type { Annotation } from '../annotation';
import { annotationFingerprint, webAnnotationFingerprint } from '../sync/fingerprint';
import {
  annotationDocId,
  codebookDocId,
  layerPrefix,
  textDocId,
  toAnnotationDoc,
  toCodebookDoc,
  toTextDoc,
  type AnnotationDoc,
} from '../sync/remote-docs';
import type { Codebook } from '../codebook';
import type { OwnLibrary } from './sync-engine';
import type { PouchDatabase } from './sync-pouch';

/** The codebook's version: a hash of its themes, so a receiver can tell which codebook a passage was coded with. */
export function codebookVersionOf(codebook: Codebook): string {
  return createHash('sha256').update(JSON.stringify(codebook)).digest('hex').slice(0, 16);
}

/** What the local database holds of one document: its revision, and the fingerprint of its content. */
export interface Mirrored {
  rev: string;
  /** '' for a deletion. */
  fingerprint: string;
}

/** The own side of the local database. */
export class Outbox {
  /** What the local database holds of the own layer, by document id. */
  readonly mirror = new Map<string, Mirrored>();
  /** Documents written and not yet confirmed by the server. */
  readonly queue = new Set<string>();
  private readonly fingerprints = new WeakMap<object, string>();

  /** `conflicts`: own documents in conflict, which are left as they are until the user picks a version. */
  constructor(
    private readonly local: PouchDatabase,
    private readonly conflicts: Set<string>,
  ) {}

  /** Notes a version that came in (so it is not sent back out) or was written to settle a conflict. */
  hold(id: string, mirrored: Mirrored): void {
    this.mirror.set(id, mirrored);
  }

  private fingerprintOf(annotation: Annotation): string {
    let known = this.fingerprints.get(annotation);
    if (known === undefined) {
      known = annotationFingerprint(annotation);
      this.fingerprints.set(annotation, known);
    }
    return known;
  }

  /** Writes into the local database what of the own layer differs from what was sent; the replication pushes it. */
  async send(own: OwnLibrary): Promise<void> {
    const prefix = layerPrefix(own.coder);
    if (this.mirror.size === 0) await this.loadMirror(own.coder);
    const version = codebookVersionOf(own.codebook);
    const writes: Array<Record<string, unknown>> = [];
    const present = new Set<string>();
    const texts = new Set<string>();
    for (const annotation of own.annotations) {
      const id = annotationDocId(own.coder, annotation.id);
      present.add(id);
      if (this.conflicts.has(id)) continue;
      const document = own.documents.get(annotation.documentId);
      if (!document?.contentHash) continue;
      texts.add(document.id);
      const fingerprint = this.fingerprintOf(annotation);
      const mine = this.mirror.get(id);
      if (mine?.fingerprint === fingerprint) continue;
      const doc = toAnnotationDoc(annotation, own.coder, { id: document.id, contentHash: document.contentHash }, own.codebook, version);
      writes.push({ ...doc, ...(mine ? { _rev: mine.rev } : {}) });
    }
    for (const [id, mine] of this.mirror) {
      if (id.startsWith(prefix) && !present.has(id) && mine.fingerprint !== '' && !this.conflicts.has(id)) {
        writes.push({ _id: id, _rev: mine.rev, _deleted: true });
      }
    }
    for (const documentId of texts) {
      const document = own.documents.get(documentId)!;
      const id = textDocId(document.contentHash!);
      if (!this.mirror.has(id))
        writes.push(toTextDoc({ ...document, contentHash: document.contentHash! }) as unknown as Record<string, unknown>);
    }
    const codebookId = codebookDocId(own.coder);
    const mineCodebook = this.mirror.get(codebookId);
    if (mineCodebook?.fingerprint !== version) {
      writes.push({ ...toCodebookDoc(own.coder, own.codebook, version), ...(mineCodebook ? { _rev: mineCodebook.rev } : {}) });
    }
    for (let i = 0; i < writes.length; i += 1_000) await this.write(writes.slice(i, i + 1_000), own);
  }

  private async write(writes: Array<Record<string, unknown>>, own: OwnLibrary): Promise<void> {
    const results = await this.local.bulkDocs(writes);
    results.forEach((result, i) => {
      const written = writes[i]!;
      if (!('ok' in result)) {
        // A text is the same whoever sent it: one already here (from another coder) is as good as one written.
        if (written.type === 'text') this.mirror.set(result.id, { rev: '', fingerprint: 'text' });
        return; // Otherwise a version that came in meanwhile: the next round compares with it.
      }
      this.mirror.set(result.id, { rev: result.rev, fingerprint: this.writtenFingerprint(written, own) });
      this.queue.add(result.id);
    });
  }

  private writtenFingerprint(written: Record<string, unknown>, own: OwnLibrary): string {
    if (written._deleted) return '';
    if (written.type === 'annotation') return webAnnotationFingerprint((written as unknown as AnnotationDoc).annotation);
    if (written.type === 'codebook') return codebookVersionOf(own.codebook);
    return 'text';
  }

  /** What the local database already holds of the own layer, its texts and codebook (after a restart). */
  private async loadMirror(coder: string): Promise<void> {
    const ranges: Array<[string, string]> = [
      [layerPrefix(coder), `${layerPrefix(coder)}\uffff`],
      ['text:', 'text:\uffff'],
      [codebookDocId(coder), codebookDocId(coder)],
    ];
    for (const [startkey, endkey] of ranges) {
      const { rows } = await this.local.allDocs({ startkey, endkey, include_docs: true, conflicts: true });
      for (const row of rows) {
        const doc = row.doc;
        if (!doc) continue;
        if ((doc._conflicts?.length ?? 0) > 0 && row.id.startsWith('ann:')) this.conflicts.add(row.id);
        const fingerprint =
          doc.type === 'annotation'
            ? webAnnotationFingerprint((doc as unknown as AnnotationDoc).annotation)
            : doc.type === 'codebook'
              ? String(doc.version)
              : 'text';
        this.mirror.set(row.id, { rev: row.value.rev, fingerprint });
      }
    }
  }

  /**
   * Takes off the queue what the server holds in the version written here. Asked of the server, since a push that
   * pauses without error may only be between two attempts, and a document the server already had is skipped by the
   * push without being reported. A server that does not answer leaves the queue as it is.
   */
  async confirm(remote: PouchDatabase): Promise<void> {
    const queued = [...this.queue];
    try {
      for (let i = 0; i < queued.length; i += 1_000) {
        const keys = queued.slice(i, i + 1_000);
        const { rows } = await remote.allDocs({ keys });
        for (const row of rows) {
          const mine = this.mirror.get(row.id ?? '');
          // A text is the same in every version: the server holding one is enough.
          const text = row.id?.startsWith('text:') && row.value !== undefined && !row.value.deleted;
          if (mine && (row.value?.rev === mine.rev || text)) this.queue.delete(row.id);
        }
      }
    } catch {
      // Offline after all: the replication says so; the queue stays.
    }
  }
}
