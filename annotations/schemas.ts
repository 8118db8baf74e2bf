// One validation schema per contract method for what crosses the boundary, and the limits they enforce.
import * as v from 'valibot';
import type { GlossHost, MethodName } from './contract';
import { MAX_PASSAGE_PAGE } from './contract-corpus';
import { OPEN_INPUT_SCHEMAS } from './open-schemas';
import { CUES, MAX_THEMES } from './codebook';
import { MAX_BLOCKS } from './blocks';
import { BLOCK_TYPES, MAX_DOCUMENT_CHARS } from './document';
import { GlossError } from './errors';
import {
  CoderName,
  Empty,
  findForbiddenKey,
  Id,
  MAX_BATCH_ANNOTATIONS,
  MAX_QUOTE_CHARS,
  MAX_SUGGESTIONS,
  MAX_THEMES_PER_ANNOTATION,
  Note,
  Offset,
  ThemeId,
  Themes,
  isoDate,
} from './schema-parts';
import { MAX_QUERY_CHARS } from './suggest/search-query';
import { SYNC_INPUT_SCHEMAS } from './sync/schemas';
import { HIT_EXPANSIONS, TEXT_UNITS } from './text/unit-kinds';

export {
  MAX_NOTE_CHARS,
  MAX_THEMES_PER_ANNOTATION,
  MAX_BATCH_ANNOTATIONS,
  MAX_SUGGESTIONS,
  MAX_QUOTE_CHARS,
  MAX_CODER_CHARS,
  CoderName,
  findForbiddenKey,
} from './schema-parts';

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
  creator: v.optional(CoderName),
});

/** The largest document file accepted. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** The longest theme label. */
export const MAX_LABEL_CHARS = 100;
/** The longest theme description. */
export const MAX_DESCRIPTION_CHARS = 2_000;

/** A theme of the codebook. */
export const ThemeSchema = v.strictObject({
  id: ThemeId,
  label: v.pipe(v.string(), v.trim(), v.minLength(1, 'needs a label'), v.maxLength(MAX_LABEL_CHARS)),
  colour: v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i, 'must be a colour as #rrggbb')),
  cue: v.picklist(CUES),
  description: v.pipe(v.string(), v.maxLength(MAX_DESCRIPTION_CHARS)),
  shortcut: v.pipe(v.string(), v.maxLength(3)),
  /** Sub-theme of (optional, so data files from before sub-themes stay valid). */
  parent: v.optional(ThemeId),
});

/** A theme as updateCodebook receives it: the service checks the rules, assigns ids to new themes and shortcuts to all. */
export const ThemeInputSchema = v.strictObject({
  id: v.optional(ThemeId),
  label: v.pipe(v.string(), v.maxLength(MAX_LABEL_CHARS * 4)),
  colour: v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i, 'must be a colour as #rrggbb')),
  cue: v.optional(v.picklist(CUES)),
  description: v.optional(v.pipe(v.string(), v.maxLength(MAX_DESCRIPTION_CHARS, `is longer than ${MAX_DESCRIPTION_CHARS} characters`))),
  parent: v.optional(ThemeId),
});

/** The most undo steps a document keeps, and the longest merge key. */
const MAX_HISTORY_STEPS = 200;
const MergeKey = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

/** One undo step as the data file keeps it (annotations/history.ts). */
const HistoryStepSchema = v.strictObject({
  label: v.pipe(v.string(), v.maxLength(200)),
  mergeKey: v.optional(MergeKey),
  codebook: v.optional(v.strictObject({ before: v.array(ThemeSchema), after: v.array(ThemeSchema) })),
  annotations: v.array(
    v.pipe(
      v.strictObject({ before: v.nullable(AnnotationSchema), after: v.nullable(AnnotationSchema) }),
      v.check((c) => c.before !== null || c.after !== null, 'changes nothing'),
    ),
  ),
});

/** The undo and redo stacks of every document (optional: data files from before lasting undo stay valid). */
export const HistorySchema = v.array(
  v.strictObject({
    documentId: Id,
    done: v.pipe(v.array(HistoryStepSchema), v.maxLength(MAX_HISTORY_STEPS)),
    undone: v.pipe(v.array(HistoryStepSchema), v.maxLength(MAX_HISTORY_STEPS)),
  }),
);

const HeadingLevel = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(6));
const ContentHash = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex'));
const FileName = v.pipe(v.string(), v.minLength(1), v.maxLength(255));
// 4 base64 characters carry 3 bytes: room for a document of the largest size.
const DocumentBytes = v.pipe(
  v.string(),
  v.maxLength(Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4, `is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`),
  v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
);
/** Blocks parsed by the page: known kinds, text without control characters, within the size limits. */
const ParsedBlocks = v.pipe(
  v.array(
    v.strictObject({
      type: v.picklist(BLOCK_TYPES),

      text: v.pipe(
        v.string(),
        v.maxLength(MAX_DOCUMENT_CHARS),
        v.check((t) => !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(t), 'holds control characters'),
      ),
      level: v.optional(HeadingLevel),
      ordered: v.optional(v.boolean()),
    }),
  ),
  v.minLength(1, 'holds no blocks'),
  v.maxLength(MAX_BLOCKS, `holds more than ${MAX_BLOCKS} blocks`),
  v.check(
    (blocks) => blocks.reduce((sum, b) => sum + b.text.length + 1, 0) <= MAX_DOCUMENT_CHARS,
    `is longer than ${MAX_DOCUMENT_CHARS} characters`,
  ),
);

/** A stored document's fields (the library file lists them without text and blocks). */
export const DocumentFields = v.strictObject({
  id: Id,
  title: v.pipe(v.string(), v.maxLength(10_000)),
  source: v.pipe(v.string(), v.maxLength(1_000)),
  text: v.pipe(v.string(), v.maxLength(MAX_DOCUMENT_CHARS)),
  added: v.pipe(v.string(), v.regex(isoDate, 'must be an ISO 8601 UTC time')),
  blocks: v.array(
    v.strictObject({
      type: v.picklist(BLOCK_TYPES),
      start: Offset,
      end: Offset,
      level: v.optional(HeadingLevel),
      ordered: v.optional(v.boolean()),
    }),
  ),
  contentHash: v.optional(ContentHash),
  review: v.optional(
    v.strictObject({ previousHash: ContentHash, changed: v.pipe(v.string(), v.regex(isoDate, 'must be an ISO 8601 UTC time')) }),
  ),
});

/** A stored document: blocks must partition its text in order. */
export const DocumentSchema = v.pipe(
  DocumentFields,
  v.check(
    (doc) => doc.blocks.every((b, i) => b.start <= b.end && b.end <= doc.text.length && (i === 0 || b.start > doc.blocks[i - 1]!.end)),
    'has blocks outside its text or out of order',
  ),
);

/** The most rejected suggestions kept; past it the oldest are forgotten (and may be proposed again). */
export const MAX_REJECTED_SUGGESTIONS = 20_000;

/**
 * Suggestions the analyst rejected, per theme (optional: data files from before suggestions stay valid). The hash of
 * the unit's text makes a rejection lapse when the text there changes, rather than hide a different passage.
 */
export const RejectedSuggestionsSchema = v.pipe(
  v.array(
    v.strictObject({
      documentId: Id,
      themeId: ThemeId,
      start: Offset,
      end: Offset,
      textHash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex')),
    }),
  ),
  v.maxLength(MAX_REJECTED_SUGGESTIONS),
);

/** The version of the data file's shape this build reads and writes. */
export const SCHEMA_VERSION = 1;

/** A stored codebook: no theme listed twice. */
export const CodebookSchema = v.pipe(
  v.array(ThemeSchema),
  v.check((themes) => new Set(themes.map((t) => t.id)).size === themes.length, 'lists a theme twice'),
);

/** The whole data file of the current version. */
export const DataFileSchema = v.pipe(
  v.strictObject({
    schemaVersion: v.literal(SCHEMA_VERSION),
    documents: v.array(DocumentSchema),
    codebook: CodebookSchema,
    annotations: v.array(AnnotationSchema),
    history: v.optional(HistorySchema),
    /** The data folder's own coder (absent: the OS user name, as the host tells it). */
    coder: v.optional(CoderName),
    rejectedSuggestions: v.optional(RejectedSuggestionsSchema),
  }),
  v.check((data) => new Set(data.annotations.map((a) => a.id)).size === data.annotations.length, 'holds two annotations with one id'),
);

/** Theme ids a report or a filter names (the most a codebook holds, with room for ids it lost). */
const ThemeIds = v.pipe(v.array(ThemeId), v.maxLength(MAX_THEMES_PER_ANNOTATION * 4));

/** What an agreement query names: two coders, a unit, optionally one document and some themes. */
const AgreementQueryFields = {
  coders: v.strictTuple([CoderName, CoderName]),
  unit: v.picklist(['character', 'sentence', 'paragraph']),
  documentId: v.optional(Id),
  themes: v.optional(ThemeIds),
};

/** The filter of listPassages. */
const PassageFilterSchema = v.strictObject({
  documents: v.optional(v.pipe(v.array(Id), v.maxLength(100_000))),
  themes: v.optional(ThemeIds),
  text: v.optional(v.pipe(v.string(), v.maxLength(1_000))),
  hasNote: v.optional(v.boolean()),
  cooccurring: v.optional(v.strictTuple([ThemeId, ThemeId])),
});

/** The argument schema of every method. */
export const INPUT_SCHEMAS = {
  getStatus: Empty,
  listDocuments: Empty,
  openDocument: v.strictObject({ documentId: Id }),
  getCodebook: Empty,
  listAnnotations: v.strictObject({ documentId: Id }),
  createAnnotation: v.strictObject({
    id: v.optional(v.pipe(v.string(), v.uuid('must be a UUID'))),
    documentId: Id,
    target: Target,
    themes: Themes,
    note: v.optional(Note),
  }),
  updateAnnotation: v.pipe(
    v.strictObject({ id: Id, themes: v.optional(Themes), note: v.optional(Note), mergeKey: v.optional(MergeKey) }),
    v.check((input) => input.themes !== undefined || input.note !== undefined, 'changes nothing'),
  ),
  deleteAnnotation: v.strictObject({ id: Id }),
  restoreAnnotation: v.strictObject({ annotation: AnnotationSchema }),
  importDocument: v.strictObject({
    fileName: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
    // 4 base64 characters carry 3 bytes: room for a document of the largest size.
    dataBase64: v.pipe(
      v.string(),
      v.maxLength(Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4, `is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`),
      v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
    ),
  }),
  listBackups: Empty,
  exportReport: v.strictObject({
    documentId: Id,
    format: v.picklist(['html', 'md', 'csv', 'jsonld', 'qdc', 'qdpx']),
    themes: v.optional(ThemeIds),
    onlyWithNotes: v.optional(v.boolean()),
    includeArticle: v.optional(v.boolean()),
    bom: v.optional(v.boolean()),
  }),
  importAnnotations: v.strictObject({
    asCoder: v.optional(CoderName),
    fileName: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
    dataBase64: v.pipe(
      v.string(),
      v.maxLength(Math.ceil((64 * 1024 * 1024) / 3) * 4, 'is larger than 64 MB'),
      v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
    ),
  }),
  updateCodebook: v.strictObject({
    codebook: v.pipe(
      v.array(ThemeInputSchema),
      v.minLength(1, 'needs at least one theme'),
      v.maxLength(MAX_THEMES, `holds more than ${MAX_THEMES} themes`),
    ),
    documentId: v.optional(Id),
  }),
  deleteTheme: v.strictObject({ id: ThemeId, moveTo: v.optional(ThemeId), documentId: v.optional(Id) }),
  undo: v.strictObject({ documentId: Id, withPreviews: v.optional(v.boolean()) }),
  redo: v.strictObject({ documentId: Id, withPreviews: v.optional(v.boolean()) }),
  getHistory: v.strictObject({ documentId: Id, withPreviews: v.optional(v.boolean()) }),
  importParsedDocument: v.strictObject({ fileName: FileName, blocks: ParsedBlocks }),
  removeDocument: v.strictObject({ documentId: Id }),
  updateDocument: v.pipe(
    v.strictObject({ documentId: Id, fileName: FileName, dataBase64: v.optional(DocumentBytes), blocks: v.optional(ParsedBlocks) }),
    v.check((input) => (input.dataBase64 === undefined) !== (input.blocks === undefined), "needs either the file's bytes or its blocks"),
  ),
  retargetAnnotation: v.strictObject({ id: Id, target: Target }),
  finishReview: v.strictObject({ documentId: Id }),
  listPassages: v.strictObject({
    filter: v.optional(PassageFilterSchema),
    offset: v.optional(Offset),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_PASSAGE_PAGE))),
  }),
  corpusMatrix: Empty,
  corpusCooccurrence: Empty,
  exportCorpusReport: v.strictObject({
    format: v.picklist(['html', 'md', 'csv']),
    themes: v.optional(ThemeIds),
    onlyWithNotes: v.optional(v.boolean()),
    bom: v.optional(v.boolean()),
  }),
  findPassages: v.strictObject({
    documentId: Id,
    query: v.pipe(v.string(), v.maxLength(MAX_QUERY_CHARS, `is longer than ${MAX_QUERY_CHARS} characters`)),
    wholeWord: v.optional(v.boolean()),
    caseSensitive: v.optional(v.boolean()),
    expand: v.optional(v.picklist(HIT_EXPANSIONS)),
  }),
  createAnnotations: v.strictObject({
    documentId: Id,
    annotations: v.pipe(
      v.array(
        v.strictObject({
          id: v.optional(v.pipe(v.string(), v.uuid('must be a UUID'))),
          target: Target,
          themes: Themes,
          note: v.optional(Note),
        }),
      ),
      v.minLength(1, 'holds no annotations'),
      v.maxLength(MAX_BATCH_ANNOTATIONS, `holds more than ${MAX_BATCH_ANNOTATIONS} annotations`),
    ),
  }),
  suggestPassages: v.strictObject({
    themeId: ThemeId,
    documentId: v.optional(Id),
    unit: v.optional(v.picklist(TEXT_UNITS)),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_SUGGESTIONS))),
  }),
  rejectSuggestion: v.pipe(
    v.strictObject({ documentId: Id, themeId: ThemeId, start: Offset, end: Offset }),
    v.check((s) => s.start < s.end, 'must start before it ends'),
  ),
  // A backup of the data file, or (split layout) a set of the library's files.
  restoreBackup: v.strictObject({
    name: v.pipe(v.string(), v.regex(/^(?:gloss-data\.[0-9TZ-]+\.json|gloss-library-set\.[0-9TZ-]+)$/, 'must be a backup name')),
  }),
  setCoderName: v.strictObject({ name: CoderName }),
  listCoders: Empty,
  mergeLayers: v.strictObject({
    documentId: Id,
    themeId: ThemeId,
    coders: v.strictTuple([CoderName, CoderName]),
    name: CoderName,
    choices: v.pipe(v.array(v.strictObject({ start: Offset, choice: v.picklist(['a', 'b', 'both', 'neither']) })), v.maxLength(100_000)),
  }),
  getAgreement: v.strictObject(AgreementQueryFields),
  exportAgreement: v.strictObject({ ...AgreementQueryFields, format: v.picklist(['html', 'csv', 'json']), bom: v.optional(v.boolean()) }),
  ...OPEN_INPUT_SCHEMAS,
  ...SYNC_INPUT_SCHEMAS,
} satisfies { [K in MethodName]: v.GenericSchema<unknown, Parameters<GlossHost[K]>[0]> };

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Validates a method's argument; throws a GlossError naming the first problems. */
export function parseInput<K extends MethodName>(method: K, input: unknown): Parameters<GlossHost[K]>[0] {
  const forbidden = findForbiddenKey(input);
  if (forbidden) throw new GlossError('invalid-input', `Invalid input for ${method}: the key "${forbidden}" is not allowed`);
  const result = v.safeParse(INPUT_SCHEMAS[method] as v.GenericSchema, input);
  if (!result.success) {
    const details = result.issues.slice(0, 3).map(describeIssue).join('; ');
    throw new GlossError('invalid-input', `Invalid input for ${method}: ${details}`);
  }
  return result.output as Parameters<GlossHost[K]>[0];
}
