// Import of W3C Web Annotation JSON-LD (as Gloss exports it): validated, themes resolved, every passage anchored again.
import * as v from 'valibot';
import type { Annotation, AnnotationTarget } from '../annotation';
import { anchorTarget, describeRange } from '../anchoring/anchor';
import type { Codebook } from '../codebook';
import type { GlossDocument } from '../document';
import { GlossError } from '../errors';
import { AnnotationSchema, MAX_NOTE_CHARS, MAX_QUOTE_CHARS } from '../schemas';
import { ANNOTATION_IRI_PREFIX, DOCUMENT_IRI_PREFIX, THEME_IRI_PREFIX } from './jsonld';
import { uuidV5 } from './uuid';

/** The largest JSON text accepted (characters). */
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;
/** The most annotations one import may hold. */
export const MAX_IMPORT_ITEMS = 100_000;

/** What an import is checked against. */
export interface ImportContext {
  /** The documents annotations may point at. */
  documents: readonly GlossDocument[];
  codebook: Codebook;
  /** Annotations already stored: one with the same id is not imported again. */
  existing: readonly Annotation[];
  /** ISO time used when an item lacks created/modified. */
  now: string;
  /** The data folder's own coder: annotations the file says are theirs (or names no one for) stay theirs. */
  ownCoder?: string;
  /** Import every annotation as this coder's layer, whatever the file says. */
  asCoder?: string;
}

/** One annotation that could not be imported, and why. */
export interface ImportFailure {
  id?: string;
  reason: string;
}

/** The outcome of an import. */
export interface ImportResult {
  /** Annotations to restore, each anchored in its document, its selectors rewritten to where it was found. */
  annotations: Annotation[];
  /** Ids already present (or repeated in the input), left alone. */
  skipped: string[];
  failures: ImportFailure[];
}

const Page = v.object({ type: v.literal('AnnotationPage'), items: v.array(v.unknown()) });
const Envelope = v.union([v.object({ type: v.literal('AnnotationCollection'), first: v.union([Page, v.string()]) }), Page]);

const Body = v.object({
  type: v.optional(v.string()),
  purpose: v.optional(v.string()),
  value: v.optional(v.pipe(v.string(), v.maxLength(MAX_NOTE_CHARS, 'a body value is too long'))),
  id: v.optional(v.string()),
});
// Loose: the kind decides which schema applies next, and its other fields must survive this pass.
const Selector = v.looseObject({ type: v.string() });
const QuoteSelector = v.object({
  type: v.literal('TextQuoteSelector'),
  exact: v.pipe(v.string(), v.minLength(1, 'the quote is empty'), v.maxLength(MAX_QUOTE_CHARS, 'the quote is too long')),
  prefix: v.optional(v.pipe(v.string(), v.maxLength(MAX_QUOTE_CHARS)), ''),
  suffix: v.optional(v.pipe(v.string(), v.maxLength(MAX_QUOTE_CHARS)), ''),
});
const PositionSelector = v.object({
  type: v.literal('TextPositionSelector'),
  start: v.pipe(v.number(), v.integer(), v.minValue(0)),
  end: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
// W3C: a creator is an agent (an object with a name) or an IRI; Gloss keeps a name.
const Creator = v.union([
  v.pipe(
    v.string(),
    v.transform((name): { name?: string; nickname?: string } => ({ name })),
  ),
  v.looseObject({ name: v.optional(v.string()), nickname: v.optional(v.string()) }),
]);
const Item = v.object({
  id: v.optional(v.string()),
  creator: v.optional(v.union([Creator, v.array(Creator)])),
  type: v.literal('Annotation', 'it is not of type Annotation'),
  created: v.optional(v.string()),
  modified: v.optional(v.string()),
  // Arrays first: an array would also pass as an object whose fields are all optional.
  body: v.optional(v.union([v.array(Body), Body])),
  target: v.object(
    { source: v.string(), selector: v.union([v.array(Selector), Selector]) },
    'it has no target with a source and selectors',
  ),
});

type ParsedItem = v.InferOutput<typeof Item>;

function firstIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'it is malformed';
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** The item list of a collection or page; throws a GlossError when the input is not one. */
function itemsOf(input: unknown): unknown[] {
  let data = input;
  if (typeof input === 'string') {
    if (input.length > MAX_IMPORT_CHARS) {
      throw new GlossError('invalid-input', `The file is too large to import (over ${MAX_IMPORT_CHARS} characters).`);
    }
    try {
      data = JSON.parse(input);
    } catch (error) {
      throw new GlossError('invalid-input', `The file is not JSON (${(error as Error).message}).`);
    }
  }
  const envelope = v.safeParse(Envelope, data);
  if (!envelope.success) {
    throw new GlossError('invalid-input', 'The file is not a W3C AnnotationCollection or AnnotationPage (JSON-LD).');
  }
  const page = envelope.output.type === 'AnnotationPage' ? envelope.output : envelope.output.first;
  if (typeof page === 'string') {
    throw new GlossError('invalid-input', 'The collection refers to its pages by address; only embedded pages can be imported.');
  }
  if (page.items.length > MAX_IMPORT_ITEMS) {
    throw new GlossError(
      'invalid-input',
      `The file holds ${page.items.length} annotations; at most ${MAX_IMPORT_ITEMS} can be imported at once.`,
    );
  }
  return page.items;
}

/** The Gloss id an annotation IRI stands for (or a stable derived UUID when it names none Gloss can keep). */
function idFromIri(iri: string | undefined, item: ParsedItem): string {
  const raw = iri?.startsWith('urn:uuid:')
    ? iri.slice('urn:uuid:'.length).toLowerCase()
    : iri?.startsWith(ANNOTATION_IRI_PREFIX)
      ? iri.slice(ANNOTATION_IRI_PREFIX.length)
      : undefined;
  if (raw !== undefined && /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(raw)) return raw;
  // Derived from the content, so importing the same file twice still finds the first copy.
  return uuidV5(`import:${iri ?? JSON.stringify([item.target, item.created])}`);
}

function documentIdOf(source: string): string {
  if (!source.startsWith(DOCUMENT_IRI_PREFIX)) return source;
  try {
    return decodeURIComponent(source.slice(DOCUMENT_IRI_PREFIX.length));
  } catch {
    return source;
  }
}

function isoOr(value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  const time = Date.parse(value);
  return Number.isNaN(time) ? fallback : new Date(time).toISOString();
}

/** Theme ids for the tagging bodies: by theme IRI, then by label (ignoring case), then by id; unknown ones listed. */
function resolveThemes(bodies: v.InferOutput<typeof Body>[], codebook: Codebook): { themes: string[]; unknown: string[] } {
  const themes: string[] = [];
  const unknown: string[] = [];
  for (const body of bodies) {
    if (body.purpose !== 'tagging') continue;
    let id: string | undefined;
    if (body.id?.startsWith(THEME_IRI_PREFIX)) {
      let candidate = body.id.slice(THEME_IRI_PREFIX.length);
      try {
        candidate = decodeURIComponent(candidate);
      } catch {
        // keep it encoded; it will not match
      }
      id = codebook.find((t) => t.id === candidate)?.id;
    }
    const value = (body.value ?? '').trim();
    id ??= codebook.find((t) => t.label.trim().toLowerCase() === value.toLowerCase() && value !== '')?.id;
    id ??= codebook.find((t) => t.id === value)?.id;
    if (id === undefined) unknown.push(value || body.id || '(no label)');
    else if (!themes.includes(id)) themes.push(id);
  }
  return { themes, unknown };
}

/** Whose layer an item joins: the coder named by the import, else the file's creator; undefined is the own coder. */
function creatorOf(item: ParsedItem, context: ImportContext): string | undefined {
  const agents = item.creator === undefined ? [] : Array.isArray(item.creator) ? item.creator : [item.creator];
  const named = agents.map((a) => (a.name ?? a.nickname ?? '').trim()).find((name) => name !== '');
  const creator = context.asCoder ?? named;
  return creator === undefined || creator === context.ownCoder ? undefined : creator;
}

function importItem(raw: unknown, context: ImportContext): { annotation: Annotation } | { failure: ImportFailure } {
  const rawId = typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' ? raw.id : undefined;
  const parsed = v.safeParse(Item, raw);
  if (!parsed.success)
    return { failure: { ...(rawId ? { id: rawId } : {}), reason: `Malformed annotation: ${firstIssue(parsed.issues)}.` } };
  const item = parsed.output;
  const id = idFromIri(item.id, item);
  const fail = (reason: string): { failure: ImportFailure } => ({ failure: { id, reason } });

  const documentId = documentIdOf(item.target.source);
  const document = context.documents.find((d) => d.id === documentId);
  if (!document) return fail(`Its document "${documentId}" is not in this data folder.`);

  const selectors = Array.isArray(item.target.selector) ? item.target.selector : [item.target.selector];
  let quote: v.InferOutput<typeof QuoteSelector> | undefined;
  let position: v.InferOutput<typeof PositionSelector> | undefined;
  for (const selector of selectors) {
    const asQuote = v.safeParse(QuoteSelector, selector);
    if (asQuote.success) quote ??= asQuote.output;
    const asPosition = v.safeParse(PositionSelector, selector);
    if (asPosition.success && asPosition.output.start < asPosition.output.end) position ??= asPosition.output;
  }
  if (!quote) return fail('It has no valid TextQuoteSelector.');

  const bodies = item.body === undefined ? [] : Array.isArray(item.body) ? item.body : [item.body];
  const { themes, unknown } = resolveThemes(bodies, context.codebook);
  if (unknown.length > 0) {
    return fail(
      `Unknown theme${unknown.length === 1 ? '' : 's'} ${unknown.map((u) => `"${u}"`).join(', ')}: not in the codebook by id or label.`,
    );
  }
  if (themes.length === 0) return fail('It has no theme (no tagging body).');
  const note = bodies
    .filter((b) => b.purpose !== 'tagging' && typeof b.value === 'string' && b.value.trim() !== '')
    .map((b) => b.value!)
    .join('\n\n');

  const target: AnnotationTarget = {
    source: document.id,
    selector: [
      { type: 'TextPositionSelector', start: position?.start ?? 0, end: position?.end ?? quote.exact.length },
      { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
    ],
  };
  const found = anchorTarget(document.text, target);
  if (found.status === 'orphan') return fail(`Its passage is not in the document's text (“${quote.exact.slice(0, 60)}”).`);
  const created = isoOr(item.created, context.now);
  const creator = creatorOf(item, context);
  const annotation: Annotation = {
    id,
    documentId: document.id,
    target: { source: document.id, selector: describeRange(document.text, found.start, found.end) },
    themes,
    note,
    created,
    modified: isoOr(item.modified, created),
    ...(creator === undefined ? {} : { creator }),
  };
  const checked = v.safeParse(AnnotationSchema, annotation);
  if (!checked.success) return fail(`It cannot be stored: ${firstIssue(checked.issues)}.`);
  return { annotation };
}

/**
 * Imports a W3C Web Annotation collection (a JSON text or its parsed value). Throws a
 * GlossError when the input as a whole is not one (not JSON, wrong shape, too large); single
 * annotations that are malformed, point at an unknown document, carry an unknown theme or
 * cannot be found in the text are listed as failures. Annotations whose id is already
 * present are skipped, so importing the same file twice creates nothing new.
 */
export function importJsonLd(input: unknown, context: ImportContext): ImportResult {
  const items = itemsOf(input);
  const seen = new Set(context.existing.map((a) => a.id));
  const result: ImportResult = { annotations: [], skipped: [], failures: [] };
  for (const raw of items) {
    const outcome = importItem(raw, context);
    if ('failure' in outcome) {
      result.failures.push(outcome.failure);
    } else if (seen.has(outcome.annotation.id)) {
      result.skipped.push(outcome.annotation.id);
    } else {
      seen.add(outcome.annotation.id);
      result.annotations.push(outcome.annotation);
    }
  }
  return result;
}
