// What makes two versions of an annotation the same for sharing: its themes, note, passage and times, read alike
// from the own data and from a database document (its W3C form). Ids and labels are left out: documents have other
// ids in other libraries, and themes travel by id. Comparing these, a version that came in is not sent back out.
import type { Annotation } from '../annotation';
import { THEME_IRI_PREFIX, type WebAnnotation } from '../reports/jsonld';

/** An annotation's fingerprint as stored in the own data. */
export function annotationFingerprint(annotation: Pick<Annotation, 'themes' | 'note' | 'target' | 'created' | 'modified'>): string {
  const [position, quote] = annotation.target.selector;
  // The W3C form leaves out a note of only spaces (toWebAnnotation), so it counts as none here too.
  const note = annotation.note.trim() === '' ? '' : annotation.note;
  return JSON.stringify([annotation.themes, note, position.start, position.end, quote.exact, annotation.created, annotation.modified]);
}

function themeIdOf(iri: string | undefined): string {
  if (!iri?.startsWith(THEME_IRI_PREFIX)) return '';
  try {
    return decodeURIComponent(iri.slice(THEME_IRI_PREFIX.length));
  } catch {
    return '';
  }
}

/** The fingerprint of an annotation's W3C form, as a database document carries it. */
export function webAnnotationFingerprint(web: WebAnnotation): string {
  const bodies = Array.isArray(web.body) ? web.body : [];
  const themes = bodies.filter((b) => b.purpose === 'tagging').map((b) => themeIdOf(b.id));
  const note = bodies
    .filter((b) => b.purpose !== 'tagging' && typeof b.value === 'string' && b.value.trim() !== '')
    .map((b) => b.value)
    .join('\n\n');
  const selectors: ReadonlyArray<{ type: string; start?: number; end?: number; exact?: string }> = Array.isArray(web.target?.selector)
    ? web.target.selector
    : [];
  const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
  const position = selectors.find((s) => s.type === 'TextPositionSelector');
  return JSON.stringify([themes, note, position?.start, position?.end, quote?.exact, web.created, web.modified]);
}
