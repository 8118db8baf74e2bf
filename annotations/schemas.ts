// One validation schema per contract method for what crosses the boundary, and the limits they enforce.
import * as v from 'valibot';
import type { GlossHost, MethodName } from './contract';
import { GlossError } from './errors';

/** The longest note accepted. */
export const MAX_NOTE_CHARS = 100_000;
/** The most themes one highlight may carry. */
export const MAX_THEMES_PER_ANNOTATION = 50;
/** The longest quote or context stored with a selector. */
export const MAX_QUOTE_CHARS = 1_000_000;

const idPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const themeIdPattern = /^[a-z0-9][a-z0-9-]{0,39}$/;
const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const Id = v.pipe(v.string(), v.regex(idPattern, 'must be an id of letters, digits, "-" and "_"'));
const ThemeId = v.pipe(v.string(), v.regex(themeIdPattern, 'must be a theme id'));
const Offset = v.pipe(v.number(), v.integer(), v.minValue(0));
const Note = v.pipe(v.string(), v.maxLength(MAX_NOTE_CHARS, `is longer than ${MAX_NOTE_CHARS} characters`));
const Themes = v.pipe(
  v.array(ThemeId),
  v.minLength(1, 'needs at least one theme'),
  v.maxLength(MAX_THEMES_PER_ANNOTATION),
  v.check((ids) => new Set(ids).size === ids.length, 'lists a theme twice'),
);
const Empty = v.strictObject({});

const PositionSelector = v.pipe(
  v.strictObject({ type: v.literal('TextPositionSelector'), start: Offset, end: Offset }),
  v.check((s) => s.start < s.end, 'must start before it ends'),
);
const QuoteSelector = v.strictObject({
  type: v.literal('TextQuoteSelector'),
  exact: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_QUOTE_CHARS)),
  prefix: v.pipe(v.string(), v.maxLength(MAX_QUOTE_CHARS)),
  suffix: v.pipe(v.string(), v.maxLength(MAX_QUOTE_CHARS)),
});
const Target = v.strictObject({
  source: Id,
  selector: v.strictTuple([PositionSelector, QuoteSelector]),
});

/** A whole stored annotation, as restoreAnnotation receives it. */
export const AnnotationSchema = v.strictObject({
  id: Id,
  documentId: Id,
  target: Target,
  themes: Themes,
  note: Note,
  created: v.pipe(v.string(), v.regex(isoDate, 'must be an ISO 8601 UTC time')),
  modified: v.pipe(v.string(), v.regex(isoDate, 'must be an ISO 8601 UTC time')),
});

/** The argument schema of every method. */
export const INPUT_SCHEMAS = {
  getStatus: Empty,
  listDocuments: Empty,
  openDocument: v.strictObject({ documentId: Id }),
  getCodebook: Empty,
  listAnnotations: v.strictObject({ documentId: Id }),
  createAnnotation: v.strictObject({ documentId: Id, target: Target, themes: Themes, note: v.optional(Note) }),
  updateAnnotation: v.pipe(
    v.strictObject({ id: Id, themes: v.optional(Themes), note: v.optional(Note) }),
    v.check((input) => input.themes !== undefined || input.note !== undefined, 'changes nothing'),
  ),
  deleteAnnotation: v.strictObject({ id: Id }),
  restoreAnnotation: v.strictObject({ annotation: AnnotationSchema }),
} satisfies { [K in MethodName]: v.GenericSchema<unknown, Parameters<GlossHost[K]>[0]> };

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Validates a method's argument; throws a GlossError naming the first problems. */
export function parseInput<K extends MethodName>(method: K, input: unknown): Parameters<GlossHost[K]>[0] {
  const result = v.safeParse(INPUT_SCHEMAS[method] as v.GenericSchema, input);
  if (!result.success) {
    const details = result.issues.slice(0, 3).map(describeIssue).join('; ');
    throw new GlossError('invalid-input', `Invalid input for ${method}: ${details}`);
  }
  return result.output as Parameters<GlossHost[K]>[0];
}
