// Import of a REFI-QDA project (.qdpx) as read by qdpx-read.ts: its codes joined to the codebook (by GUID, then
// label; the rest added), its text sources as documents (or the library's own when they are the same), and its
// codings as annotations in each coder's layer, every passage anchored in the document's text.
import type { Annotation, AnnotationTarget } from '../annotation';
import { anchorTarget, CONTEXT_LENGTH, describeRange } from '../anchoring/anchor';
import { CUES, PALETTE, themeIdFor, type Codebook, type Theme } from '../codebook';
import { editCodebook } from '../codebook-edit';
import { parsePlainText, type GlossDocument, type ParsedText } from '../document';
import { GlossError } from '../errors';
import { AnnotationSchema, MAX_LABEL_CHARS } from '../schemas';
import * as v from 'valibot';
import type { ImportContext, ImportFailure } from './jsonld-import';
import type { QdpxCode, QdpxProject, QdpxSelection, QdpxSource } from './qdpx-read';
import { codeGuid, sourceGuid } from './refi-qda';
import { isUuid, uuidV5 } from './uuid';

/** What a project import is checked against: the same as a JSON-LD set's. */
export type QdpxImportContext = ImportContext;

/** One text source of the project and the document it becomes. */
export interface PlannedSource {
  source: QdpxSource;
  /** The library's document with this source's GUID or text, when there is one: nothing new is added for it. */
  existingId?: string;
  /** The document to add otherwise, titled as the source. */
  parsed: ParsedText;
}

/** A project import worked out against the library, before anything is written. */
export interface QdpxPlan {
  /** The codebook with the project's new codes added (the library's themes unchanged). */
  codebook: Codebook;
  themesAdded: number;
  /** The theme each code GUID stands for. */
  themeOf: Map<string, string>;
  sources: PlannedSource[];
  users: Map<string, string>;
  leftOut: string[];
}

function invalid(message: string): GlossError {
  return new GlossError('invalid-input', message);
}

/** Every code with the top-level code it sits under (QDA-XML nests deeper than Gloss's one level of sub-themes). */
function flatten(codes: readonly QdpxCode[], top?: QdpxCode): Array<{ code: QdpxCode; top?: QdpxCode }> {
  return codes.flatMap((code) => [{ code, ...(top ? { top } : {}) }, ...flatten(code.children, top ?? code)]);
}

/** The codebook with the project's codes joined: by GUID (as Gloss exports its themes), then by label, else a new theme. */
function mergeCodes(project: QdpxProject, context: QdpxImportContext): Pick<QdpxPlan, 'codebook' | 'themesAdded' | 'themeOf'> {
  const themeOf = new Map<string, string>();
  const added: Theme[] = [];
  const all = (): Theme[] => [...context.codebook, ...added];
  const taken = new Set(context.codebook.map((t) => t.id));
  const unused = PALETTE.map((p) => p.colour).filter((c) => !context.codebook.some((t) => t.colour === c));
  const flat = flatten(project.codes);
  for (const { code, top } of flat) {
    const label = code.name.slice(0, MAX_LABEL_CHARS).trim();
    const key = label.toLocaleLowerCase();
    const match = context.codebook.find((t) => codeGuid(t) === code.guid) ?? all().find((t) => t.label.trim().toLocaleLowerCase() === key);
    if (match) {
      themeOf.set(code.guid, match.id);
      continue;
    }
    const id = themeIdFor(label, taken);
    taken.add(id);
    const index = context.codebook.length + added.length;
    added.push({
      id,
      label,
      colour: code.colour ?? unused[added.length] ?? PALETTE[index % PALETTE.length]!.colour,
      cue: CUES[index % CUES.length]!,
      description: code.description.trim(),
      shortcut: '',
    });
    themeOf.set(code.guid, id);
    if (top) {
      // Under its top-level code's theme, or that theme's parent when the library has it as a sub-theme.
      const parent = all().find((t) => t.id === themeOf.get(top.guid));
      const parentId = parent?.parent ?? parent?.id;
      if (parentId !== undefined && parentId !== id) added.at(-1)!.parent = parentId;
    }
  }
  if (added.length === 0) return { codebook: context.codebook, themesAdded: 0, themeOf };
  return { codebook: editCodebook(context.codebook, context.existing, all()), themesAdded: added.length, themeOf };
}

/** A source's text as Gloss keeps a plain-text document, titled by the source's name. */
function parsedSource(source: QdpxSource): ParsedText {
  try {
    return { ...parsePlainText(source.text), title: source.name };
  } catch (error) {
    throw invalid(`The source "${source.name}" cannot be a document: ${(error as Error).message}`);
  }
}

/**
 * Works out a project's import against the library: the codebook it leads to, the documents it adds or finds,
 * whose layers its codings join. Throws a GlossError when a coding names a code or a user the project lacks, or
 * the codebook would break its rules (too many themes); writes nothing.
 */
export function planQdpxImport(project: QdpxProject, context: QdpxImportContext): QdpxPlan {
  const codes = new Set(flatten(project.codes).map(({ code }) => code.guid));
  for (const source of project.sources) {
    for (const selection of source.selections) {
      for (const coding of selection.codings) {
        if (!codes.has(coding.codeGuid))
          throw invalid(`A coding in "${source.name}" applies the code ${coding.codeGuid}, which is not in the project's codebook.`);
        const user = coding.user ?? selection.user;
        if (user !== undefined && !project.users.has(user)) {
          throw invalid(`A coding in "${source.name}" was made by the user ${user}, who is not among the project's Users.`);
        }
      }
    }
  }
  const sources = project.sources.map((source): PlannedSource => {
    const parsed = parsedSource(source);
    const existing =
      context.documents.find((d) => sourceGuid(d.id) === source.guid) ?? context.documents.find((d) => d.text === parsed.text);
    return { source, parsed, ...(existing ? { existingId: existing.id } : {}) };
  });
  return { ...mergeCodes(project, context), sources, users: project.users, leftOut: project.leftOut };
}

/** UTF-16 offsets for code-point positions (the inverse of refi-qda.ts codePointOffsets). */
function unitOffsets(text: string, points: readonly number[]): Map<number, number> {
  const wanted = [...new Set(points)].sort((a, b) => a - b);
  const result = new Map<number, number>();
  let unit = 0;
  let point = 0;
  for (const target of wanted) {
    while (point < target && unit < text.length) {
      const code = text.charCodeAt(unit);
      unit += code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(unit + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      point += 1;
    }
    result.set(target, unit);
  }
  return result;
}

/** Text normalised as a plain-text document's is (lines trimmed, blank ones dropped); '' for only white space. */
function asDocumentText(text: string): string {
  try {
    return parsePlainText(text).text;
  } catch {
    return '';
  }
}

/** Where a selection of the source lies in the document made of it: the same offsets when the texts are equal, else found by its quote. */
function placeIn(document: GlossDocument, source: QdpxSource, start: number, end: number): { start: number; end: number } | string {
  if (document.text === source.text) return { start, end };
  const exact = asDocumentText(source.text.slice(start, end));
  if (exact === '') return 'its passage is only white space';
  // Roughly where it falls, so that a quote found more than once is looked for near its place first.
  const near = Math.round((start / Math.max(1, source.text.length)) * document.text.length);
  const target: AnnotationTarget = {
    source: document.id,
    selector: [
      { type: 'TextPositionSelector', start: near, end: near + exact.length },
      {
        type: 'TextQuoteSelector',
        exact,
        prefix: asDocumentText(source.text.slice(Math.max(0, start - CONTEXT_LENGTH), start)),
        suffix: asDocumentText(source.text.slice(end, end + CONTEXT_LENGTH)),
      },
    ],
  };
  const found = anchorTarget(document.text, target);
  return found.status === 'orphan' ? `its passage “${exact.slice(0, 60)}” is not in the document's text` : found;
}

function isoOr(value: string | undefined, fallback: string): string {
  const time = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isNaN(time) ? fallback : new Date(time).toISOString();
}

/** The coders of a selection's codings, each with its themes, in the order the codings name them (undefined: the own coder). */
function layersOf(selection: QdpxSelection, plan: QdpxPlan, context: QdpxImportContext): Map<string | undefined, string[]> {
  const layers = new Map<string | undefined, string[]>();
  for (const coding of selection.codings) {
    const user = coding.user ?? selection.user;
    const named = context.asCoder ?? (user === undefined ? undefined : plan.users.get(user));
    const coder = named === context.ownCoder ? undefined : named;
    const themes = layers.get(coder) ?? [];
    const theme = plan.themeOf.get(coding.codeGuid)!;
    if (!themes.includes(theme)) themes.push(theme);
    layers.set(coder, themes);
  }
  return layers;
}

/**
 * The annotations of one planned source in the document it became: one per selection and coder (a selection two
 * users coded is a highlight in each one's layer), its Description as the note. Selections with no coding, and
 * ones whose passage cannot be placed, are listed as failures; ids already stored are counted as skipped.
 */
export function annotationsOfSource(
  plan: QdpxPlan,
  planned: PlannedSource,
  document: GlossDocument,
  context: QdpxImportContext,
): { annotations: Annotation[]; skipped: string[]; failures: ImportFailure[] } {
  const { source } = planned;
  const seen = new Set(context.existing.map((a) => a.id));
  const result = { annotations: [] as Annotation[], skipped: [] as string[], failures: [] as ImportFailure[] };
  const units = unitOffsets(
    source.text,
    source.selections.flatMap((s) => [s.start, s.end]),
  );
  for (const selection of source.selections) {
    const baseId = isUuid(selection.guid) ? selection.guid : uuidV5(`qdpx:${selection.guid}`);
    if (selection.codings.length === 0) {
      result.failures.push({ id: baseId, reason: `A selection of "${source.name}" applies no code; Gloss keeps coded passages only.` });
      continue;
    }
    const place = placeIn(document, source, units.get(selection.start)!, units.get(selection.end)!);
    if (typeof place === 'string') {
      result.failures.push({ id: baseId, reason: `A selection of "${source.name}" cannot be placed: ${place}.` });
      continue;
    }
    const created = isoOr(selection.created ?? selection.codings[0]?.created, context.now);
    let first = true;
    for (const [coder, themes] of layersOf(selection, plan, context)) {
      const id = first ? baseId : uuidV5(`qdpx:${selection.guid}:${coder ?? ''}`);
      first = false;
      if (seen.has(id)) {
        result.skipped.push(id);
        continue;
      }
      const annotation: Annotation = {
        id,
        documentId: document.id,
        target: { source: document.id, selector: describeRange(document.text, place.start, place.end) },
        themes,
        note: selection.description,
        created,
        modified: isoOr(selection.modified, created),
        ...(coder === undefined ? {} : { creator: coder }),
      };
      const checked = v.safeParse(AnnotationSchema, annotation);
      if (!checked.success) {
        result.failures.push({
          id,
          reason: `A selection of "${source.name}" cannot be stored: ${checked.issues[0]?.message ?? 'malformed'}.`,
        });
        continue;
      }
      seen.add(id);
      result.annotations.push(annotation);
    }
  }
  return result;
}
