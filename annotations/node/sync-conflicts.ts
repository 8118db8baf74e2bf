// Conflicts of the own layer: the same annotation saved differently on two machines while apart. CouchDB keeps
// every version and picks a winner the same way everywhere; Gloss never lets that choice stand silently, so the
// versions are listed and the one the user picks is written over the winner, the others deleted.
import type { ConflictVersion, SyncConflict } from '../contract-sync';
import { GlossError } from '../errors';
import { THEME_IRI_PREFIX } from '../reports/jsonld';
import { checkRemoteDoc, type AnnotationDoc } from '../sync/remote-docs';
import type { PouchDatabase, PouchDoc } from './sync-pouch';

function versionOf(doc: PouchDoc): { version: ConflictVersion; annotation: AnnotationDoc | null } {
  if (doc._deleted) return { version: { rev: doc._rev, themes: [], note: '', modified: '', exists: false }, annotation: null };
  const checked = checkRemoteDoc(doc, JSON.stringify(doc).length);
  if (!('doc' in checked) || checked.doc.type !== 'annotation') {
    return { version: { rev: doc._rev, themes: [], note: '', modified: '', exists: false }, annotation: null };
  }
  const web = checked.doc.annotation;
  const bodies = Array.isArray(web.body) ? web.body : [];
  const themes = bodies
    .filter((b) => b.purpose === 'tagging' && b.id?.startsWith(THEME_IRI_PREFIX))
    .map((b) => decodeURIComponent(b.id!.slice(THEME_IRI_PREFIX.length)));
  const note = bodies
    .filter((b) => b.purpose !== 'tagging')
    .map((b) => b.value)
    .join('\n\n');
  return { version: { rev: doc._rev, themes, note, modified: web.modified, exists: true }, annotation: checked.doc };
}

/** A document's conflict, or null once it has none. */
export async function conflictOf(local: PouchDatabase, id: string): Promise<SyncConflict | null> {
  const winner = await local.get(id, { conflicts: true }).catch(() => null);
  if (!winner || (winner._conflicts?.length ?? 0) === 0) return null;
  const others = await Promise.all(winner._conflicts!.map((rev) => local.get(id, { rev })));
  const versions = [winner, ...others].map(versionOf);
  const annotation = versions.find((v) => v.annotation)?.annotation ?? null;
  const quote = annotation?.annotation.target.selector.find((s) => s.type === 'TextQuoteSelector');
  return {
    annotationId: id.replace(/^ann:[^:]+:/, ''),
    documentId: annotation?.documentId ?? null,
    quote: quote && 'exact' in quote ? quote.exact : '',
    versions: versions.map((v) => v.version),
  };
}

/**
 * The writes that settle a conflict on `rev`: the chosen version written anew over the winner (with a new
 * modification time, so every machine takes it over the version it holds) and every other version deleted.
 */
export async function resolutionWrites(
  local: PouchDatabase,
  id: string,
  rev: string,
  now: string,
): Promise<{ writes: Array<Record<string, unknown>>; chosen: AnnotationDoc | null }> {
  const winner = await local.get(id, { conflicts: true }).catch(() => null);
  const revs = winner ? [winner._rev, ...(winner._conflicts ?? [])] : [];
  if (!winner || !revs.includes(rev)) throw new GlossError('not-found', 'That version is no longer in conflict; the list was out of date.');
  const picked = rev === winner._rev ? winner : await local.get(id, { rev });
  const { annotation } = versionOf(picked);
  const losers = revs.filter((r) => r !== winner._rev).map((r) => ({ _id: id, _rev: r, _deleted: true }));
  if (!annotation) return { writes: [{ _id: id, _rev: winner._rev, _deleted: true }, ...losers], chosen: null };
  const chosen: AnnotationDoc = { ...annotation, annotation: { ...annotation.annotation, modified: now } };
  const { _conflicts: _dropped, ...body } = chosen as AnnotationDoc & { _conflicts?: string[] };
  return { writes: [{ ...body, _id: id, _rev: winner._rev }, ...losers], chosen };
}
