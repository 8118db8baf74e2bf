// The building blocks of the schemas (schemas.ts): the limits on sizes, and the ids, offsets, notes, themes and
// coder names that both the stored data and the methods' inputs are made of, and the check for keys that reach a prototype.
import * as v from 'valibot';

/** The longest note accepted. */
export const MAX_NOTE_CHARS = 100_000;
/** The most themes one highlight may carry. */
export const MAX_THEMES_PER_ANNOTATION = 50;
/** The most highlights createAnnotations makes in one step (the hits a search may code at once). */
export const MAX_BATCH_ANNOTATIONS = 5_000;
/** The most suggestions one call answers. */
export const MAX_SUGGESTIONS = 1_000;
/** The longest quote or context stored with a selector. */
export const MAX_QUOTE_CHARS = 1_000_000;

/** An id's letters: letters, digits, "-" and "_", up to 128. */
const idPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const themeIdPattern = /^[a-z0-9][a-z0-9-]{0,39}$/;
/** A timestamp as stored: ISO 8601 in UTC. */
export const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A document's or annotation's id. */
export const Id = v.pipe(v.string(), v.regex(idPattern, 'must be an id of letters, digits, "-" and "_"'));
/** A theme's id. */
export const ThemeId = v.pipe(v.string(), v.regex(themeIdPattern, 'must be a theme id'));
/** A character offset into a document's text. */
export const Offset = v.pipe(v.number(), v.integer(), v.minValue(0));
/** A highlight's note. */
export const Note = v.pipe(v.string(), v.maxLength(MAX_NOTE_CHARS, `is longer than ${MAX_NOTE_CHARS} characters`));
/** The themes of one highlight: at least one, none twice. */
export const Themes = v.pipe(
  v.array(ThemeId),
  v.minLength(1, 'needs at least one theme'),
  v.maxLength(MAX_THEMES_PER_ANNOTATION),
  v.check((ids) => new Set(ids).size === ids.length, 'lists a theme twice'),
);
/** The argument of a method that takes none. */
export const Empty = v.strictObject({});
/** The longest coder name. */
export const MAX_CODER_CHARS = 100;
/** A coder's name: trimmed, not empty, one line. */
export const CoderName = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'needs a name'),
  v.maxLength(MAX_CODER_CHARS, `is longer than ${MAX_CODER_CHARS} characters`),
  v.check((name) => !/[\u0000-\u001F\u007F]/.test(name), 'holds control characters'),
);

/** Keys that could reach an object's prototype when data is merged or copied. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The path of the first forbidden key anywhere in a JSON-like value, or null. */
export function findForbiddenKey(value: unknown, path = '', depth = 0): string | null {
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return here;
    const found = findForbiddenKey((value as Record<string, unknown>)[key], here, depth + 1);
    if (found) return found;
  }
  return null;
}
