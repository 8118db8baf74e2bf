// Slugs: the readable ASCII part of the ids and file names Gloss makes from a title or a label.

/** How long a slug may be, and whether it keeps upper-case letters. */
export interface SlugOptions {
  maxLength: number;
  /** Keep upper-case letters (file names); ids are lower-case. */
  keepCase?: boolean;
}

/**
 * `text` as ASCII letters, digits and single dashes: accents dropped (so "Économie" reads
 * "economie", not "e-conomie"), every other run of characters one dash, no dash at either end
 * even after cutting to `maxLength`. Empty when nothing readable is left: callers name a fallback.
 */
export function slugOf(text: string, { maxLength, keepCase = false }: SlugOptions): string {
  const unaccented = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return (keepCase ? unaccented : unaccented.toLowerCase())
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}
