// Covers annotations/reports/jsonld.ts and jsonld-import.ts: W3C Web Annotation export, import, round trip and import failures.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Annotation } from '../../../annotations/annotation';
import { GlossError } from '../../../annotations/errors';
import { buildJsonLd, type WebAnnotationCollection } from '../../../annotations/reports/jsonld';
import { importJsonLd, MAX_IMPORT_CHARS, MAX_IMPORT_ITEMS, type ImportContext } from '../../../annotations/reports/jsonld-import';
import { buildReportModel } from '../../../annotations/reports/model';
import { CODEBOOK, SAMPLE_DOC, SMALL_DOC, annotate, orphan, sampleAnnotations } from '../../fixtures/report-fixtures';

const NOW = '2025-06-01T00:00:00.000Z';

/** The sample annotations with UUID ids, as the service makes them. */
function uuidAnnotations(): Annotation[] {
  return sampleAnnotations().map((a, i) => ({ ...a, id: `0000000${i}-aaaa-4bbb-8ccc-${String(i).padStart(12, '0')}` }));
}

function exportOf(annotations: Annotation[], doc = SAMPLE_DOC): WebAnnotationCollection {
  return JSON.parse(buildJsonLd([buildReportModel(doc, annotations, CODEBOOK)])) as WebAnnotationCollection;
}

function context(existing: Annotation[] = [], documents = [SAMPLE_DOC, SMALL_DOC]): ImportContext {
  return { documents, codebook: CODEBOOK, existing, now: NOW };
}

/** A one-item collection around an item. */
function collectionOf(...items: unknown[]): unknown {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'AnnotationCollection',
    total: items.length,
    first: { type: 'AnnotationPage', items },
  };
}

describe('W3C JSON-LD export', () => {
  test('is an AnnotationCollection with its page, every annotation carrying the required fields', () => {
    const annotations = uuidAnnotations();
    const collection = exportOf(annotations);
    assert.equal(collection['@context'], 'http://www.w3.org/ns/anno.jsonld');
    assert.equal(collection.type, 'AnnotationCollection');
    assert.match(collection.label, /Canada and China/);
    assert.equal(collection.total, annotations.length);
    assert.equal(collection.first.type, 'AnnotationPage');
    assert.equal(collection.first.items.length, annotations.length);
    for (const item of collection.first.items) {
      const source = annotations.find((a) => `urn:uuid:${a.id}` === item.id)!;
      assert.ok(source, `${item.id} is urn:uuid:<id>`);
      assert.equal(item.type, 'Annotation');
      assert.equal(item.created, source.created);
      assert.equal(item.modified, source.modified);
      const tags = item.body.filter((b) => b.purpose === 'tagging');
      assert.deepEqual(
        tags.map((b) => b.id),
        CODEBOOK.filter((t) => source.themes.includes(t.id)).map((t) => `urn:gloss:theme:${t.id}`),
      );
      assert.ok(tags.every((b) => b.type === 'TextualBody' && CODEBOOK.some((t) => t.label === b.value)));
      const comments = item.body.filter((b) => b.purpose === 'commenting');
      assert.deepEqual(
        comments.map((b) => b.value),
        source.note ? [source.note] : [],
      );
      assert.equal(item.target.source, 'urn:gloss:document:canada-china-trust');
      const [quote, position] = item.target.selector;
      assert.equal(quote.type, 'TextQuoteSelector');
      assert.equal(position.type, 'TextPositionSelector');
      assert.equal(SAMPLE_DOC.text.slice(position.start, position.end), quote.exact);
      assert.ok(SAMPLE_DOC.text.slice(0, position.start).endsWith(quote.prefix));
      assert.ok(SAMPLE_DOC.text.slice(position.end).startsWith(quote.suffix));
    }
  });

  test('names annotations whose ids are not UUIDs with a Gloss URN', () => {
    const collection = exportOf([annotate(SMALL_DOC, 'Alpha', ['trade'], '', { id: 'plain-id' })], SMALL_DOC);
    assert.equal(collection.first.items[0]!.id, 'urn:gloss:annotation:plain-id');
  });
});

describe('W3C JSON-LD import', () => {
  test('gives back the same themes, notes and selectors when imported into an empty store', () => {
    const annotations = uuidAnnotations();
    const result = importJsonLd(buildJsonLd([buildReportModel(SAMPLE_DOC, annotations, CODEBOOK)]), context());
    assert.deepEqual(result.failures, []);
    const byId = (list: Annotation[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    assert.deepEqual(byId(result.annotations), byId(annotations));
  });

  test('creates nothing new when the same file is imported again', () => {
    const text = buildJsonLd([buildReportModel(SAMPLE_DOC, uuidAnnotations(), CODEBOOK)]);
    const first = importJsonLd(text, context());
    const again = importJsonLd(text, context(first.annotations));
    assert.deepEqual(again.annotations, []);
    assert.equal(again.skipped.length, first.annotations.length);
    assert.deepEqual(again.failures, []);
  });

  test('exports the same annotations again after a round trip', () => {
    const text = buildJsonLd([buildReportModel(SAMPLE_DOC, uuidAnnotations(), CODEBOOK)]);
    const imported = importJsonLd(text, context()).annotations;
    assert.equal(buildJsonLd([buildReportModel(SAMPLE_DOC, imported, CODEBOOK)]), text);
  });

  test('anchors each imported passage again and rewrites its selectors to where it is now', () => {
    const a = annotate(SMALL_DOC, 'theta iota', ['trade'], 'moved');
    const text = buildJsonLd([buildReportModel(SMALL_DOC, [a], CODEBOOK)]);
    const edited = { ...SMALL_DOC, text: SMALL_DOC.text.replace('Alpha', 'Alpha and more words') };
    const [imported] = importJsonLd(text, context([], [edited])).annotations;
    const at = edited.text.indexOf('theta iota');
    assert.deepEqual(imported!.target.selector[0], { type: 'TextPositionSelector', start: at, end: at + 'theta iota'.length });
    assert.equal(imported!.target.selector[1].prefix, edited.text.slice(Math.max(0, at - 32), at));
  });

  test('maps a theme known only by its label to the codebook theme', () => {
    const item = exportOf([annotate(SMALL_DOC, 'Alpha', ['security'])], SMALL_DOC).first.items[0]!;
    item.body = [{ type: 'TextualBody', purpose: 'tagging', value: 'SECURITY ' }];
    const result = importJsonLd(collectionOf(item), context());
    assert.deepEqual(result.annotations[0]!.themes, ['security']);
  });

  test('lists failures: a passage not in the text, an unknown theme, an unknown document, a malformed item', () => {
    const lost = exportOf([orphan(SMALL_DOC, ['trade'])], SMALL_DOC).first.items[0]!;
    const unknownTheme = exportOf([annotate(SMALL_DOC, 'Alpha', ['trade'], '', { id: 'unknown-theme' })], SMALL_DOC).first.items[0]!;
    unknownTheme.body = [{ type: 'TextualBody', purpose: 'tagging', value: 'Astrology', id: 'urn:gloss:theme:astrology' }];
    const otherDoc = exportOf([annotate(SMALL_DOC, 'Zeta', ['trade'], '', { id: 'other-doc' })], SMALL_DOC).first.items[0]!;
    otherDoc.target.source = 'urn:gloss:document:missing';
    const good = exportOf([annotate(SMALL_DOC, 'gamma', ['trade'], '', { id: 'good-one' })], SMALL_DOC).first.items[0]!;
    const result = importJsonLd(
      collectionOf(lost, unknownTheme, otherDoc, { id: 'urn:uuid:nope', type: 'Annotation' }, 42, good),
      context(),
    );
    assert.deepEqual(
      result.annotations.map((a) => a.id),
      ['good-one'],
    );
    const reasons = result.failures.map((f) => `${f.id ?? '-'}: ${f.reason}`);
    assert.equal(reasons.length, 5);
    assert.match(reasons[0]!, /not in the document's text/);
    assert.match(reasons[1]!, /^unknown-theme: Unknown theme "Astrology"/);
    assert.match(reasons[2]!, /^other-doc: Its document "missing" is not in this data folder/);
    assert.match(reasons[3]!, /^urn:uuid:nope: Malformed annotation/);
    assert.match(reasons[4]!, /^-: Malformed annotation/);
  });

  test('rejects input that is not JSON, not a collection, too large or too long, saying so', () => {
    const rejects = (input: unknown, pattern: RegExp) =>
      assert.throws(
        () => importJsonLd(input, context()),
        (e: unknown) => e instanceof GlossError && e.code === 'invalid-input' && pattern.test(e.message),
      );
    rejects('{not json', /not JSON/);
    rejects({ type: 'Something' }, /not a W3C AnnotationCollection/);
    rejects([], /not a W3C AnnotationCollection/);
    rejects({ type: 'AnnotationCollection', first: 'https://example.org/page1' }, /by address/);
    rejects(' '.repeat(MAX_IMPORT_CHARS + 1), /too large/);
    rejects({ type: 'AnnotationPage', items: new Array(MAX_IMPORT_ITEMS + 1).fill(0) }, /at most/);
  });
});
