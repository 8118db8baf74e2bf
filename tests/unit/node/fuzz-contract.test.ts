// Fuzzes every contract method through dispatch with hostile and near-valid inputs: no throw, always an envelope, never invalid data stored.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import * as v from 'valibot';
import type { Annotation } from '../../../annotations/annotation';
import { describeRange } from '../../../annotations/anchoring/anchor';
import type { Codebook } from '../../../annotations/codebook';
import { METHOD_NAMES, type MethodName } from '../../../annotations/contract';
import { dispatch } from '../../../annotations/dispatch';
import type { GlossDocument } from '../../../annotations/document';
import type { Envelope, ErrorCode } from '../../../annotations/errors';
import { GlossService } from '../../../annotations/node/service';
import { readDataFolder } from '../../../annotations/node/store';
import { DataFileSchema, DocumentSchema, MAX_DOCUMENT_BYTES, MAX_NOTE_CHARS } from '../../../annotations/schemas';

const RUNS = process.env.CI ? 1000 : 200;
const SAMPLE_ID = 'canada-china-trust';
const SAMPLE_RAW = await readFile(fileURLToPath(new URL('../../../samples/canada-china-trust.txt', import.meta.url)), 'utf8');
const ERROR_CODES: ErrorCode[] = [
  'invalid-input',
  'not-found',
  'invalid-document',
  'storage',
  'read-only',
  'locked',
  'unknown-method',
  'internal',
];
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

let root: string;
const totals = new Map<MethodName, { cases: number; ok: number }>();

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-fuzz-'));
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

// ---- what the service holds, through the contract only ------------------------------------

interface Snapshot {
  documents: GlossDocument[];
  codebook: Codebook;
  annotations: Annotation[];
}

async function unwrap<T>(promise: Promise<Envelope<unknown>>): Promise<T> {
  const envelope = await promise;
  assert.ok(envelope.ok, `a read failed: ${JSON.stringify(envelope)}`);
  return envelope.value as T;
}

async function snapshot(service: GlossService): Promise<Snapshot> {
  const summaries = await unwrap<Array<{ id: string }>>(dispatch(service, 'listDocuments', {}));
  const documents: GlossDocument[] = [];
  const annotations: Annotation[] = [];
  for (const { id } of summaries) {
    const opened = await unwrap<{ document: GlossDocument; annotations: Annotation[] }>(
      dispatch(service, 'openDocument', { documentId: id }),
    );
    documents.push(opened.document);
    annotations.push(...opened.annotations);
  }
  return { documents, codebook: await unwrap<Codebook>(dispatch(service, 'getCodebook', {})), annotations };
}

/** The invariants every state must keep: the data file schema, themes from the codebook, offsets inside the document. */
function checkState(state: Snapshot, label: string): void {
  const checked = v.safeParse(DataFileSchema, { schemaVersion: 1, ...state });
  assert.ok(
    checked.success,
    `${label}: the data no longer validates: ${checked.issues?.[0]?.message} at ${checked.issues?.[0]?.path?.map((p) => p.key).join('.')}`,
  );
  const themes = new Set(state.codebook.map((t) => t.id));
  const docs = new Map(state.documents.map((d) => [d.id, d]));
  for (const a of state.annotations) {
    for (const t of a.themes) assert.ok(themes.has(t), `${label}: annotation ${a.id} has theme ${t} outside the codebook`);
    const doc = docs.get(a.documentId);
    assert.ok(doc, `${label}: annotation ${a.id} names a missing document`);
    // A document whose text changed keeps its annotations' old selectors until the reader reviews them.
    if (doc.review) continue;
    const [position, quote] = a.target.selector;
    assert.ok(position.end <= doc.text.length, `${label}: annotation ${a.id} ends past its document`);
    assert.equal(doc.text.slice(position.start, position.end), quote.exact, `${label}: annotation ${a.id} quotes other text`);
  }
  for (const d of state.documents) {
    assert.ok(!d.text.includes('\0') && !LONE_SURROGATE.test(d.text), `${label}: document ${d.id} holds invalid text`);
  }
}

function checkEnvelope(envelope: unknown, label: string): Envelope<unknown> {
  assert.ok(envelope !== null && typeof envelope === 'object', `${label}: not an envelope`);
  const e = envelope as Envelope<unknown>;
  if (e.ok === true) return e;
  assert.equal(e.ok, false, `${label}: not an envelope`);
  assert.ok(ERROR_CODES.includes(e.error.code), `${label}: unknown error code ${e.error.code}`);
  assert.equal(typeof e.error.message, 'string');
  // "internal" means something threw that no check expected: a bug, even if the envelope held.
  assert.notEqual(e.error.code, 'internal', `${label}: an unexpected error escaped: ${e.error.message}`);
  return e;
}

// ---- inputs --------------------------------------------------------------------------------

const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];
const FIELD_KEYS = [
  'documentId',
  'id',
  'target',
  'selector',
  'source',
  'themes',
  'note',
  'annotation',
  'fileName',
  'dataBase64',
  'name',
  'type',
  'start',
  'end',
  'exact',
  'prefix',
  'suffix',
  'created',
  'modified',
];
const anyKey = fc.oneof(fc.constantFrom(...DANGEROUS_KEYS, ...FIELD_KEYS), fc.string({ maxLength: 12 }));

const HUGE = 'x'.repeat(MAX_NOTE_CHARS + 1);
const HUGE_UNICODE = '\u{1F600}\u0000<script>'.repeat(20_000);

function nest(depth: number, leaf: unknown, asArray: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i += 1) value = asArray ? [value] : { documentId: value };
  return value;
}

/** Inputs that are almost never valid: any value, objects with dangerous keys, huge strings, deep nesting. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    key: anyKey,
    maxDepth: 4,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
  }),
  fc.dictionary(anyKey, fc.anything({ maxDepth: 2 }), { maxKeys: 6 }),
  fc
    .tuple(fc.constantFrom(...DANGEROUS_KEYS), fc.json())
    .map(([key, json]) => JSON.parse(`{"${key}": ${json}, "documentId": "x"}`) as unknown),
  fc.constantFrom(undefined, null, 0, -1, NaN, Infinity, '', [], {}, HUGE, HUGE_UNICODE, { documentId: HUGE }, { id: HUGE_UNICODE }),
  fc.tuple(fc.integer({ min: 50, max: 3000 }), fc.anything({ maxDepth: 1 }), fc.boolean()).map(([d, leaf, arr]) => nest(d, leaf, arr)),
);

/** A mutation of one place in a valid input. */
type Mutation =
  | { kind: 'none' }
  | { kind: 'drop'; at: number }
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'extra'; at: number; key: string; value: unknown }
  | { kind: 'shift'; at: number; by: number }
  | { kind: 'string'; at: number; value: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Mutation>({ kind: 'none' }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: fc.anything({ maxDepth: 2 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('extra' as const), at: fc.nat(), key: anyKey, value: fc.anything({ maxDepth: 1 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('shift' as const),
      at: fc.nat(),
      by: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer(), fc.constantFrom(0.5, -0.5, 1e21, -1e21, Number.MAX_SAFE_INTEGER + 2)),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('string' as const),
      at: fc.nat(),
      value: fc.oneof(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.constantFrom(
          '',
          ' ',
          'Trade',
          'TRADE',
          'unknown-theme',
          '../../../etc/passwd',
          'a'.repeat(129),
          HUGE,
          '<img src=x onerror=alert(1)>',
          '\u0000',
          '\uD800',
          '__proto__',
          'gloss-data.json',
          'gloss-data.2020-01-01T00-00-00-000Z.json',
        ),
      ),
    }),
  },
);

/** Every object or array inside a value, with the key of each child (for mutations). */
function places(value: unknown): Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> {
  const found: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      found.push({ parent: record, key: Array.isArray(node) ? Number(key) : key });
      walk(record[key]);
    }
  };
  walk(value);
  return found;
}

function mutate(input: Record<string, unknown>, m: Mutation): unknown {
  if (m.kind === 'none') return input;
  const all = places(input);
  if (all.length === 0)
    return m.kind === 'extra' ? Object.defineProperty({ ...input }, m.key, { value: m.value, enumerable: true }) : input;
  const { parent, key } = all[m.at % all.length]!;
  const p = parent as Record<string | number, unknown>;
  switch (m.kind) {
    case 'drop':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete p[key];
      break;
    case 'replace':
      p[key] = m.value;
      break;
    case 'extra': {
      const target = p[key] !== null && typeof p[key] === 'object' ? (p[key] as object) : parent;
      // defineProperty, so that "__proto__" becomes an own key as JSON.parse would make it.
      Object.defineProperty(target, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
      break;
    }
    case 'shift':
      p[key] = typeof p[key] === 'number' ? (p[key] as number) + m.by : m.by;
      break;
    case 'string':
      p[key] = m.value;
      break;
  }
  return input;
}

/** Choices for building a valid input from whatever the service holds now. */
interface Choices {
  pick: number;
  start: number;
  length: number;
  themes: number[];
  note: string | undefined;
  bytes: Uint8Array;
  text: string;
  textual: boolean;
  fileName: string;
  newId: string;
  format: string;
  flags: Array<boolean | undefined>;
  /** For importAnnotations: a mutation of the JSON-LD inside the file. */
  inner: Mutation;
}

const choices: fc.Arbitrary<Choices> = fc.record({
  pick: fc.nat(),
  start: fc.nat(),
  length: fc.integer({ min: 1, max: 80 }),
  themes: fc.uniqueArray(fc.nat({ max: 5 }), { minLength: 1, maxLength: 4 }),
  note: fc.option(fc.string({ unit: 'grapheme', maxLength: 60 }), { nil: undefined }),
  bytes: fc.uint8Array({ maxLength: 200 }),
  text: fc.string({ unit: 'binary', maxLength: 200 }),
  textual: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, fc.constant(false)),
  fileName: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('a.txt', 'notes.md') },
    fc.constantFrom('a.txt', 'notes.md', 'READ ME.markdown', 'x.text', 'x.TXT', 'x.pdf', 'x', '.txt', '../../../x.txt'),
    fc.string({ maxLength: 20 }),
  ),
  newId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,20}$/),
  format: fc.constantFrom('html', 'md', 'csv', 'jsonld', 'qdc', 'qdpx'),
  flags: fc.array(fc.option(fc.boolean(), { nil: undefined }), { minLength: 4, maxLength: 4 }),
  inner: mutation,
});

let freshIds = 1;

function pickFrom<T>(list: readonly T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

async function validInput(service: GlossService, method: MethodName, c: Choices): Promise<Record<string, unknown>> {
  const state = await snapshot(service);
  const doc = pickFrom(state.documents, c.pick);
  const annotation = pickFrom(state.annotations, c.pick);
  const themes = [...new Set(c.themes.map((i) => state.codebook[i % state.codebook.length]!.id))];
  const target = () => {
    const d = doc!;
    const start = c.start % Math.max(1, d.text.length - 1);
    const end = Math.min(d.text.length, start + c.length);
    return { source: d.id, selector: describeRange(d.text, start, Math.max(end, start + 1)) };
  };
  switch (method) {
    case 'getStatus':
    case 'listDocuments':
    case 'getCodebook':
    case 'listBackups':
      return {};
    case 'openDocument':
    case 'openDocumentText':
    case 'listAnnotations':
      return { documentId: doc?.id ?? SAMPLE_ID };
    case 'openAnnotations': {
      const { start, end } = target().selector[0];
      return c.pick % 2 === 0
        ? { documentId: doc?.id ?? SAMPLE_ID, range: { start, end } }
        : { documentId: doc?.id ?? SAMPLE_ID, after: { start, created: '2026-01-01T00:00:00.000Z', id: 'a' }, limit: 1 + (c.length % 50) };
    }
    case 'annotationNotes':
      return { documentId: doc?.id ?? SAMPLE_ID, ids: annotation ? [annotation.id, 'missing'] : [] };
    case 'createAnnotation':
      return { documentId: doc!.id, target: target(), themes, ...(c.note === undefined ? {} : { note: c.note }) };
    case 'updateAnnotation':
      return { id: annotation?.id ?? c.newId, ...(c.note === undefined || c.pick % 3 === 0 ? { themes } : { note: c.note }) };
    case 'deleteAnnotation':
      return { id: annotation?.id ?? c.newId };
    case 'restoreAnnotation': {
      const now = new Date().toISOString();
      return {
        annotation: { id: c.newId, documentId: doc!.id, target: target(), themes, note: c.note ?? '', created: now, modified: now },
      };
    }
    case 'importDocument': {
      const bytes = c.textual ? Buffer.from(c.text, 'utf8') : Buffer.from(c.bytes);
      return { fileName: c.fileName, dataBase64: bytes.toString('base64') };
    }
    case 'restoreBackup': {
      const backups = await unwrap<Array<{ name: string }>>(dispatch(service, 'listBackups', {}));
      return { name: pickFrom(backups, c.pick)?.name ?? 'gloss-data.2020-01-01T00-00-00-000Z.json' };
    }
    case 'exportReport': {
      const [withThemes, onlyWithNotes, includeArticle, bom] = c.flags;
      const input: Record<string, unknown> = { documentId: doc?.id ?? SAMPLE_ID, format: c.format };
      if (withThemes) input.themes = themes;
      if (onlyWithNotes !== undefined) input.onlyWithNotes = onlyWithNotes;
      if (includeArticle !== undefined) input.includeArticle = includeArticle;
      if (bom !== undefined) input.bom = bom;
      return input;
    }
    case 'importAnnotations': {
      // A real export of a document, changed in one place: ids, targets, bodies, contexts.
      const exported = await unwrap<{ dataBase64: string }>(
        dispatch(service, 'exportReport', { documentId: doc?.id ?? SAMPLE_ID, format: 'jsonld' }),
      );
      let json = Buffer.from(exported.dataBase64, 'base64').toString('utf8');
      // Fresh ids on most tries, so that the import creates annotations rather than skipping known ones.
      if (c.pick % 3 !== 0)
        json = json.replace(
          /urn:uuid:[0-9a-f-]{36}/g,
          () => `urn:uuid:00000000-0000-4000-8000-${(freshIds++).toString(16).padStart(12, '0')}`,
        );
      const jsonLd = JSON.parse(json, (key, value: unknown) =>
        key === 'items' && Array.isArray(value) ? value.slice(0, 3) : value,
      ) as Record<string, unknown>;
      const changed = c.textual ? JSON.stringify(mutate(jsonLd, c.inner)) : Buffer.from(c.bytes).toString('latin1');
      return { fileName: c.fileName, dataBase64: Buffer.from(changed, c.textual ? 'utf8' : 'latin1').toString('base64') };
    }
    case 'updateCodebook': {
      // The codebook as it is, with one theme added and the order turned round on some tries.
      const list: Array<Record<string, unknown>> = state.codebook.map(({ id, label, colour, cue, description, parent }) => ({
        id,
        label,
        colour,
        cue,
        description,
        ...(parent ? { parent } : {}),
      }));
      if (c.pick % 2 === 0 && list.length < 20)
        list.push({ label: c.note?.trim() || `Theme ${c.newId}`, colour: '#2e7d32', ...(c.flags[0] ? { parent: list[0]!.id } : {}) });
      if (c.pick % 3 === 0) list.reverse();
      return { codebook: list, documentId: doc?.id ?? SAMPLE_ID };
    }
    case 'deleteTheme': {
      const theme = state.codebook[c.pick % state.codebook.length]!;
      const other = state.codebook[(c.pick + 1) % state.codebook.length]!;
      return { id: theme.id, ...(c.flags[1] ? { moveTo: other.id } : {}), documentId: doc?.id ?? SAMPLE_ID };
    }
    case 'undo':
    case 'redo':
    case 'getHistory':
      return { documentId: doc?.id ?? SAMPLE_ID };
    case 'importParsedDocument':
      return {
        fileName: c.fileName,
        blocks: [
          { type: 'heading', text: c.text },
          { type: 'paragraph', text: c.note ?? 'A paragraph.' },
        ],
      };
    case 'removeDocument':
    case 'finishReview':
      return { documentId: doc?.id ?? SAMPLE_ID };
    case 'updateDocument': {
      const bytes = c.textual ? Buffer.from(c.text, 'utf8') : Buffer.from(c.bytes);
      return { documentId: doc?.id ?? SAMPLE_ID, fileName: c.fileName, dataBase64: bytes.toString('base64') };
    }
    case 'retargetAnnotation':
      return { id: annotation?.id ?? c.newId, target: target() };
    case 'listPassages': {
      const [withThemes, hasNote, withDocument] = c.flags;
      const filter: Record<string, unknown> = {};
      if (withThemes) filter.themes = themes;
      if (hasNote !== undefined) filter.hasNote = hasNote;
      if (withDocument) filter.documents = [doc?.id ?? SAMPLE_ID];
      if (c.note !== undefined) filter.text = c.note.slice(0, 50);
      if (c.pick % 4 === 0 && themes.length > 1) filter.cooccurring = [themes[0], themes[1]];
      return { filter, offset: c.start % 10, limit: 1 + (c.length % 100) };
    }
    case 'corpusMatrix':
    case 'corpusCooccurrence':
      return {};
    case 'exportCorpusReport': {
      const [withThemes, onlyWithNotes, , bom] = c.flags;
      const format = ['html', 'md', 'csv'][c.pick % 3];
      return {
        format,
        ...(withThemes ? { themes } : {}),
        ...(onlyWithNotes === undefined ? {} : { onlyWithNotes }),
        ...(bom ? { bom } : {}),
      };
    }
    case 'findPassages':
      return { documentId: doc?.id ?? SAMPLE_ID, query: c.text.slice(0, 40), expand: c.flags[0] ? 'paragraph' : 'sentence' };
    case 'createAnnotations':
      return {
        documentId: doc!.id,
        annotations: [
          { target: target(), themes },
          { target: target(), themes },
        ],
      };
    case 'suggestPassages':
      return { themeId: themes[0]!, ...(c.flags[0] ? { documentId: doc?.id ?? SAMPLE_ID } : {}), limit: 1 + (c.pick % 30) };
    case 'rejectSuggestion': {
      const { start, end } = target().selector[0];
      return { documentId: doc?.id ?? SAMPLE_ID, themeId: themes[0]!, start, end };
    }
    default:
      // A method added to the contract gets hostile inputs only until it is listed here.
      return {};
  }
}

const caseArb = fc.oneof(
  { weight: 3, arbitrary: hostile.map((input) => ({ hostile: true as const, input })) },
  { weight: 2, arbitrary: fc.record({ hostile: fc.constant(false as const), choices, mutation }) },
);

// ---- the properties ------------------------------------------------------------------------

async function openService(method: string): Promise<GlossService> {
  return GlossService.open({
    dataDir: join(root, method),
    edition: 'browser',
    version: 'fuzz',
    samples: [{ id: SAMPLE_ID, source: 'bundled sample', text: SAMPLE_RAW }],
    lock: false,
  });
}

/** Keeps a few highlights around so that update/delete/restore have something to work on. */
async function replenish(service: GlossService): Promise<void> {
  const { document } = await service.openDocument({ documentId: SAMPLE_ID });
  const have = (await service.listAnnotations({ documentId: SAMPLE_ID })).length;
  for (let i = have; i < 4; i += 1) {
    const start = 20 + i * 97;
    await service.createAnnotation({
      documentId: SAMPLE_ID,
      target: { source: SAMPLE_ID, selector: describeRange(document.text, start, start + 30) },
      // The first theme: deleteTheme and updateCodebook may have taken Trade away.
      themes: [(await service.getCodebook({}))[0]!.id],
      note: `seed ${i}`,
    });
  }
}

for (const method of METHOD_NAMES) {
  test(
    `${method} answers every hostile or near-valid input with an envelope and stores nothing invalid`,
    { timeout: 120_000 },
    async (t) => {
      const service = await openService(method);
      const started = Date.now();
      let cases = 0;
      let ok = 0;
      let imported = 0;
      try {
        await replenish(service);
        await fc.assert(
          fc.asyncProperty(caseArb, async (generated) => {
            if (cases % 50 === 0) await replenish(service);
            cases += 1;
            const input = generated.hostile
              ? generated.input
              : mutate(await validInput(service, method, generated.choices), generated.mutation);
            const label = `${method} case ${cases}`;
            let envelope: unknown;
            try {
              envelope = await dispatch(service, method, input);
            } catch (error) {
              assert.fail(`${label}: dispatch threw ${String(error)}`);
            }
            const e = checkEnvelope(envelope, label);
            if (e.ok) ok += 1;
            if (method === 'importAnnotations' && e.ok) imported += (e.value as { created: number }).created;
            if (method === 'importDocument' && !e.ok) {
              assert.ok(['invalid-document', 'invalid-input'].includes(e.error.code), `${label}: ${e.error.code} ${e.error.message}`);
            }
            if (method === 'exportReport' && e.ok) {
              const report = e.value as { fileName: string; mimeType: string; dataBase64: string };
              assert.match(report.fileName, /^[A-Za-z0-9-]+\.[a-z]+$/, `${label}: a safe file name`);
              assert.equal(typeof report.dataBase64, 'string');
            }
            if (method === 'importDocument' && e.ok) {
              const { id } = e.value as { id: string };
              const opened = await unwrap<{ document: GlossDocument }>(dispatch(service, 'openDocument', { documentId: id }));
              assert.ok(v.safeParse(DocumentSchema, opened.document).success, `${label}: the imported document is invalid`);
              assert.ok(opened.document.text.length > 0);
            }
            checkState(await snapshot(service), label);
          }),
          { numRuns: RUNS, seed: 0x61055 + METHOD_NAMES.indexOf(method), endOnFailure: true },
        );

        // Every acknowledged change is on disk (the data file with its journal replayed), and the file is valid.
        const memory = await snapshot(service);
        assert.ok(
          v.safeParse(DataFileSchema, (await readDataFolder(join(root, method))).raw).success,
          `${method}: the library and document files on disk validate`,
        );
        const checked = v.safeParse(DataFileSchema, (await readDataFolder(join(root, method))).raw);
        assert.ok(checked.success, `${method}: the data file with its journal replayed validates`);
        assert.deepEqual(
          checked.output.annotations.map((a) => a.id).sort(),
          memory.annotations.map((a) => a.id).sort(),
          `${method}: disk and memory agree`,
        );
        assert.equal(checked.output.documents.length, memory.documents.length);
      } finally {
        await service.close();
      }
      totals.set(method, { cases, ok });
      t.diagnostic(
        `${method}: ${cases} cases (${ok} accepted${method === 'importAnnotations' ? `, ${imported} annotations created` : ''}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    },
  );
}

test('dispatch answers any method name with an envelope and never reaches the prototype', async () => {
  const service = await openService('method-names');
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'close', 'store', 'data', 'then', 'x'.repeat(10_000)),
        ),
        fc.anything({ maxDepth: 2 }),
        async (method, input) => {
          const envelope = checkEnvelope(await dispatch(service, method, input), method.slice(0, 40));
          if (!(METHOD_NAMES as string[]).includes(method)) {
            assert.equal(envelope.ok, false);
            if (!envelope.ok) {
              assert.equal(envelope.error.code, 'unknown-method');
              assert.ok(envelope.error.message.length < 200, 'the message does not echo a huge name');
            }
          }
        },
      ),
      { numRuns: RUNS, seed: 7 },
    );
  } finally {
    await service.close();
  }
});

test('importDocument answers oversized, binary, invalid UTF-8 and empty files with clear errors', async () => {
  const service = await openService('import-limits');
  try {
    const cases: Array<{ bytes: Buffer; fileName?: string; code: ErrorCode; message: RegExp }> = [
      { bytes: Buffer.alloc(0), code: 'invalid-document', message: /is empty/ },
      { bytes: Buffer.from('  \n\t\r\n  '), code: 'invalid-document', message: /empty/ },
      { bytes: Buffer.from([0x48, 0x69, 0x00, 0x21]), code: 'invalid-document', message: /binary/ },
      { bytes: Buffer.from([0xc3, 0x28, 0x41]), code: 'invalid-document', message: /not UTF-8/ },
      { bytes: Buffer.from([0xed, 0xa0, 0x80]), code: 'invalid-document', message: /not UTF-8/ }, // an encoded surrogate
      { bytes: Buffer.from('\uFEFFTitle\nText', 'utf16le'), code: 'invalid-document', message: /binary|UTF-8/ },
      { bytes: Buffer.from('%PDF-1.7'), fileName: 'paper.pdf', code: 'invalid-document', message: /not a text file Gloss can open/ },
      // One byte over fits the same base64 length, so the file check answers; more is refused by the schema.
      { bytes: Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x61), code: 'invalid-document', message: /too large/ },
      { bytes: Buffer.alloc(MAX_DOCUMENT_BYTES + 4096, 0x61), code: 'invalid-input', message: /larger than 20 MB/ },
      { bytes: Buffer.alloc(MAX_DOCUMENT_BYTES - 10, 0), code: 'invalid-document', message: /binary/ },
    ];
    for (const c of cases) {
      const envelope = checkEnvelope(
        await dispatch(service, 'importDocument', { fileName: c.fileName ?? 'file.txt', dataBase64: c.bytes.toString('base64') }),
        c.message.source,
      );
      assert.equal(envelope.ok, false, `${c.message}: refused`);
      if (!envelope.ok) {
        assert.equal(envelope.error.code, c.code, envelope.error.message);
        assert.match(envelope.error.message, c.message);
      }
    }
    assert.equal((await service.listDocuments({})).length, 1, 'nothing was added');
  } finally {
    await service.close();
  }
});

test('ran the required number of cases for every contract method', () => {
  for (const method of METHOD_NAMES)
    assert.ok((totals.get(method)?.cases ?? 0) >= RUNS, `${method} ran ${totals.get(method)?.cases ?? 0} cases`);
});
