// Covers the document library: Markdown and Word import (annotations/markdown.ts, annotations/node/docx.ts),
// blocks from parsed HTML, the stored block model, and the service's remove, update, re-target and review.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { anchorTarget, describeRange } from '../../../annotations/anchoring/anchor';
import { documentFromBlocks } from '../../../annotations/blocks';
import { blockTexts, parsePlainText } from '../../../annotations/document';
import { GlossError } from '../../../annotations/errors';
import { inlineText, parseMarkdown } from '../../../annotations/markdown';
import { DocumentSchema, parseInput } from '../../../annotations/schemas';
import { parseDocumentFile } from '../../../annotations/node/document-file';
import { contentHashOf, GlossService, type SampleDocument } from '../../../annotations/node/service';
import { makeDocx } from '../../fixtures/docx';

const SAMPLE_ID = 'canada-china-trust';
const SAMPLE_RAW = await readFile(fileURLToPath(new URL('../../../samples/canada-china-trust.txt', import.meta.url)), 'utf8');
const SAMPLE: SampleDocument = { id: SAMPLE_ID, source: 'bundled sample', text: SAMPLE_RAW };

function b64(text: string | Uint8Array): string {
  return Buffer.from(text).toString('base64');
}

describe('Markdown', () => {
  const doc = parseMarkdown(
    [
      '# Trade **talks** resume',
      '',
      'Ottawa and [Beijing](https://example.cn/a_(b)) met on *Monday*,',
      'and agreed on `canola_quota`.',
      '',
      '## Background',
      '',
      '- steel tariffs',
      '* canola',
      '  exports continue',
      '1. first',
      '2) second',
      '',
      '> A quote',
      '> continues here',
      '',
      'Setext heading',
      '--------------',
      '',
      '***',
      'snake_case stays; _emphasis_ goes; ![a chart](c.png) &amp; <b>bold</b> \\*literal\\*',
      '',
      '```',
      'code line',
      '```',
      '[ref]: https://example.com',
    ].join('\n'),
  );
  const texts = blockTexts(doc);

  test('reads headings with their levels, and makes the first block the title', () => {
    assert.equal(doc.title, 'Trade talks resume');
    assert.deepEqual(doc.blocks[0], { type: 'heading', start: 0, end: 'Trade talks resume'.length });
    const background = doc.blocks[texts.indexOf('Background')]!;
    assert.equal(background.type, 'heading');
    assert.equal(background.level, 2);
    assert.equal(doc.blocks[texts.indexOf('Setext heading')]!.level, 2);
  });

  test('joins consecutive lines into one paragraph and reduces inline markup to its text', () => {
    assert.ok(texts.includes('Ottawa and Beijing met on Monday, and agreed on canola_quota.'), texts.join(' | '));
    assert.ok(texts.includes('snake_case stays; emphasis goes; a chart & bold *literal*'), texts.join(' | '));
  });

  test('reads bulleted and numbered list items (with continuation lines) and quotes', () => {
    const item = (text: string) => doc.blocks[texts.indexOf(text)]!;
    assert.equal(item('steel tariffs').type, 'list_item');
    assert.equal(item('steel tariffs').ordered, undefined);
    assert.equal(item('canola exports continue').type, 'list_item');
    assert.equal(item('first').ordered, true);
    assert.equal(item('second').ordered, true);
    assert.equal(item('A quote continues here').type, 'blockquote');
  });

  test('keeps fenced code as text, drops rules and reference definitions', () => {
    assert.ok(texts.includes('code line'));
    assert.ok(!texts.some((t) => t.includes('***') || t.includes('example.com')));
  });

  test('lays the blocks out over one text joined by newlines', () => {
    assert.equal(doc.text, texts.join('\n'));
    assert.ok(
      v.is(DocumentSchema, {
        id: 'd',
        title: doc.title,
        source: 'x.md',
        text: doc.text,
        blocks: doc.blocks,
        added: '2025-01-01T00:00:00Z',
      }),
    );
  });

  test('reduces links, code spans and emphasis without touching words', () => {
    assert.equal(inlineText('see [the report](http://x.y/z) and `a*b*c`'), 'see the report and a*b*c');
    assert.equal(inlineText('**bold** and __strong__ and ~~gone~~'), 'bold and strong and gone');
  });

  test('says an empty Markdown file is empty', () => {
    assert.throws(() => parseMarkdown('\n\n---\n'), /empty/);
  });
});

describe('documentFromBlocks', () => {
  test('normalises whitespace and controls, drops empty blocks, clamps heading levels, and makes the first block the title', () => {
    const doc = documentFromBlocks([
      { type: 'paragraph', text: '   ' },
      { type: 'paragraph', text: ' A\u0007 title\n\tline ' },
      { type: 'heading', level: 9, text: 'Deep' },
      { type: 'list_item', ordered: true, text: 'one' },
      { type: 'blockquote', text: 'said' },
    ]);
    assert.equal(doc.title, 'A title line');
    assert.deepEqual(
      doc.blocks.map((b) => [b.type, b.level, b.ordered]),
      [
        ['heading', undefined, undefined],
        ['heading', 6, undefined],
        ['list_item', undefined, true],
        ['blockquote', undefined, undefined],
      ],
    );
  });
});

describe('Word documents', () => {
  test('reads headings, paragraphs, numbered items and quotes through mammoth', async () => {
    const bytes = makeDocx([
      { style: 'Heading1', runs: ['Steel ', 'and canola'] },
      { runs: ['First paragraph.'] },
      { numbered: true, runs: ['Item one'] },
      { style: 'Quote', runs: ['Quoted words'] },
      { style: 'Heading2', runs: ['Sub <heading> & more'] },
    ]);
    const doc = await parseDocumentFile('report.docx', bytes);
    assert.equal(doc.title, 'Steel and canola');
    assert.deepEqual(blockTexts(doc), ['Steel and canola', 'First paragraph.', 'Item one', 'Quoted words', 'Sub <heading> & more']);
    assert.deepEqual(
      doc.blocks.map((b) => b.type),
      ['heading', 'paragraph', 'list_item', 'blockquote', 'heading'],
    );
    assert.equal(doc.blocks[2]!.ordered, true);
    assert.equal(doc.blocks[4]!.level, 2);
  });

  test('says clearly when a .docx is damaged, and refuses PDF and HTML bytes', async () => {
    await assert.rejects(parseDocumentFile('broken.docx', new Uint8Array([1, 2, 3, 0])), /"broken.docx" is not a Word document/);
    await assert.rejects(parseDocumentFile('slides.pdf', Buffer.from('%PDF-1.7')), /"slides.pdf" is not a text file Gloss can open/);
    await assert.rejects(parseDocumentFile('page.html', Buffer.from('<p>x</p>')), /HTML, which Gloss reads in its window/);
  });
});

describe('the stored block model', () => {
  test('data written before richer blocks stays valid, and richer blocks validate', () => {
    const old = {
      id: 'd',
      title: 'T',
      source: 's',
      text: 'T\nP',
      added: '2025-01-01T00:00:00Z',
      blocks: [
        { type: 'heading', start: 0, end: 1 },
        { type: 'paragraph', start: 2, end: 3 },
      ],
    };
    assert.ok(v.is(DocumentSchema, old));
    assert.ok(
      v.is(DocumentSchema, {
        ...old,
        contentHash: contentHashOf(old.text),
        blocks: [
          { type: 'heading', start: 0, end: 1 },
          { type: 'list_item', ordered: true, start: 2, end: 3 },
        ],
      }),
    );
    assert.ok(!v.is(DocumentSchema, { ...old, blocks: [{ type: 'heading', start: 0, end: 1, level: 7 }] }));
    assert.ok(!v.is(DocumentSchema, { ...old, blocks: [{ type: 'table', start: 0, end: 1 }] }));
  });

  test('importParsedDocument refuses unknown block kinds, control characters and empty lists', () => {
    assert.throws(() => parseInput('importParsedDocument', { fileName: 'a.html', blocks: [] }), /holds no blocks/);
    assert.throws(() => parseInput('importParsedDocument', { fileName: 'a.html', blocks: [{ type: 'script', text: 'x' }] }), GlossError);
    assert.throws(
      () => parseInput('importParsedDocument', { fileName: 'a.html', blocks: [{ type: 'paragraph', text: 'a\u0000b' }] }),
      /control characters/,
    );
    assert.throws(
      () => parseInput('importParsedDocument', { fileName: 'a.html', blocks: [{ type: 'paragraph', text: 'a', onclick: 'x' }] }),
      GlossError,
    );
  });
});

describe('the library in the service', () => {
  let dataDir: string;
  let service: GlossService;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gloss-library-test-'));
    service = await GlossService.open({ freeze: true, dataDir, edition: 'desktop', version: '0.1.0-test', samples: [SAMPLE], lock: false });
  });

  afterEach(async () => {
    await service.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function annotate(documentId: string, text: string, quote: string, themes = ['trade']) {
    const start = text.indexOf(quote);
    assert.ok(start >= 0, quote);
    return service.createAnnotation({
      documentId,
      target: { source: documentId, selector: describeRange(text, start, start + quote.length) },
      themes,
    });
  }

  test('lists each document with its counts per theme, and marks the bundled article as not removable', async () => {
    const sample = (await service.openDocument({ documentId: SAMPLE_ID })).document;
    await annotate(SAMPLE_ID, sample.text, 'China and Canada', ['trade', 'security']);
    await annotate(SAMPLE_ID, sample.text, 'restore diplomatic trust', ['diplomacy']);
    const md = await service.importDocument({ fileName: 'notes.md', dataBase64: b64('# Notes\n\n- one\n- two\n') });
    const [first, second] = await service.listDocuments({});
    assert.deepEqual(first!.themeCounts, { trade: 1, security: 1, diplomacy: 1 });
    assert.equal(first!.annotationCount, 2);
    assert.equal(first!.removable, false);
    assert.deepEqual(second, {
      id: md.id,
      title: 'Notes',
      source: 'notes.md',
      added: (await service.openDocument({ documentId: md.id })).document.added,
      annotationCount: 0,
      themeCounts: {},
      needsReview: false,
      removable: true,
    });
    assert.equal((await service.openDocument({ documentId: md.id })).document.contentHash, contentHashOf('Notes\none\ntwo'));
  });

  test('removes a document with its annotations, and refuses to remove the bundled article', async () => {
    const doc = await service.importParsedDocument({
      fileName: 'page.html',
      blocks: [
        { type: 'heading', level: 1, text: 'Page' },
        { type: 'paragraph', text: 'Tariffs on steel.' },
      ],
    });
    await annotate(doc.id, 'Page\nTariffs on steel.', 'Tariffs');
    const sample = (await service.openDocument({ documentId: SAMPLE_ID })).document;
    await annotate(SAMPLE_ID, sample.text, 'China and Canada');
    assert.deepEqual(await service.removeDocument({ documentId: doc.id }), { id: doc.id, annotationsRemoved: 1 });
    assert.deepEqual(
      (await service.listDocuments({})).map((d) => d.id),
      [SAMPLE_ID],
    );
    await assert.rejects(service.openDocument({ documentId: doc.id }), /No document/);
    await assert.rejects(service.removeDocument({ documentId: SAMPLE_ID }), /bundled with Gloss; it is always there/);
    assert.equal((await service.listAnnotations({ documentId: SAMPLE_ID })).length, 1);
    // And it stays so after a restart.
    await service.close();
    service = await GlossService.open({ freeze: true, dataDir, edition: 'desktop', version: '0.1.0-test', samples: [SAMPLE], lock: false });
    assert.deepEqual(
      (await service.listDocuments({})).map((d) => d.id),
      [SAMPLE_ID],
    );
  });

  test('updates a document from a new version of its file: new hash, and a review while annotations await it', async () => {
    const original = '# Trade talks\n\nSteel tariffs were raised in March.\n\nCanola exports fell sharply.\n\nOfficials met in Ottawa.';
    const doc = await service.importDocument({ fileName: 'talks.md', dataBase64: b64(original) });
    const before = (await service.openDocument({ documentId: doc.id })).document;
    const steel = await annotate(doc.id, before.text, 'Steel tariffs were raised');
    const canola = await annotate(doc.id, before.text, 'Canola exports fell', ['security']);
    const ottawa = await annotate(doc.id, before.text, 'Officials met in Ottawa', ['diplomacy']);

    const changed =
      '# Trade talks\n\nA new opening paragraph.\n\nSteel tariffs were raised in March.\n\nCanola exports dropped sharply.\n\nOfficials gathered elsewhere.';
    const summary = await service.updateDocument({ documentId: doc.id, fileName: 'talks-v2.md', dataBase64: b64(changed) });
    assert.equal(summary.needsReview, true);
    assert.equal(summary.source, 'talks-v2.md');
    const after = (await service.openDocument({ documentId: doc.id })).document;
    assert.equal(after.contentHash, contentHashOf(after.text));
    assert.equal(after.review?.previousHash, before.contentHash);
    assert.ok(after.text.includes('A new opening paragraph.'));

    // Each annotation is found again (or not) in the new text.
    const found = (id: string) =>
      anchorTarget(
        after.text,
        (service as unknown as { store: { data: { annotations: { id: string; target: never }[] } } }).store.data.annotations.find(
          (a) => a.id === id,
        )!.target,
      );
    const steelFound = found(steel.id);
    assert.equal(steelFound.status === 'anchored' ? steelFound.method : steelFound.status, 'moved');
    assert.equal(found(ottawa.id).status, 'orphan');

    // Re-target: checked like a new highlight.
    const start = after.text.indexOf('Canola exports dropped');
    const moved = await service.retargetAnnotation({
      id: canola.id,
      target: { source: doc.id, selector: describeRange(after.text, start, start + 'Canola exports dropped'.length) },
    });
    assert.equal(moved.target.selector[1].exact, 'Canola exports dropped');
    assert.deepEqual(moved.themes, ['security']);
    await assert.rejects(
      service.retargetAnnotation({
        id: canola.id,
        target: {
          source: doc.id,
          selector: [
            { type: 'TextPositionSelector', start, end: start + 6 },
            { type: 'TextQuoteSelector', exact: 'Wrong!', prefix: '', suffix: '' },
          ],
        },
      }),
      /quote does not match/,
    );
    await assert.rejects(
      service.retargetAnnotation({ id: canola.id, target: { source: SAMPLE_ID, selector: describeRange(after.text, start, start + 6) } }),
      /another document/,
    );
    await assert.rejects(
      service.retargetAnnotation({
        id: canola.id,
        target: {
          source: doc.id,
          selector: [
            { type: 'TextPositionSelector', start: 0, end: 10 ** 7 },
            { type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' },
          ],
        },
      }),
      /past the end/,
    );

    const done = await service.finishReview({ documentId: doc.id });
    assert.equal(done.needsReview, false);
    assert.equal((await service.openDocument({ documentId: doc.id })).document.review, undefined);
  });

  test('needs no review when the new version has the same text, or the document has no annotations', async () => {
    const doc = await service.importDocument({ fileName: 'a.txt', dataBase64: b64('Title\nBody text here.') });
    const same = await service.updateDocument({ documentId: doc.id, fileName: 'a.md', dataBase64: b64('# Title\n\nBody text here.\n') });
    assert.equal(same.needsReview, false);
    const other = await service.updateDocument({
      documentId: doc.id,
      fileName: 'a.html',
      blocks: [
        { type: 'heading', text: 'Title' },
        { type: 'paragraph', text: 'Another body.' },
      ],
    });
    assert.equal(other.needsReview, false);
    assert.equal((await service.openDocument({ documentId: doc.id })).document.text, 'Title\nAnother body.');
  });

  test('refuses an update with both or neither of bytes and blocks', () => {
    assert.throws(() => parseInput('updateDocument', { documentId: 'd', fileName: 'a.md' }), /either/);
    assert.throws(
      () => parseInput('updateDocument', { documentId: 'd', fileName: 'a.md', dataBase64: '', blocks: [{ type: 'paragraph', text: 'x' }] }),
      /either/,
    );
  });

  test('keeps parsePlainText documents valid under the new schema', () => {
    const parsed = parsePlainText(SAMPLE_RAW);
    assert.ok(
      v.is(DocumentSchema, {
        id: SAMPLE_ID,
        title: parsed.title,
        source: 's',
        text: parsed.text,
        blocks: parsed.blocks,
        added: '2025-01-01T00:00:00Z',
      }),
    );
  });
});

describe('the desktop hand-over of HTML files', () => {
  test('passes a file for the page to parse only with a sane name and base64 bytes', async () => {
    const { parseHtmlFile } = await import('../../../electron/menu-command');
    assert.deepEqual(parseHtmlFile({ fileName: 'a.html', dataBase64: 'PHA+eDwvcD4=', extra: 1 }), {
      fileName: 'a.html',
      dataBase64: 'PHA+eDwvcD4=',
    });
    for (const bad of [
      { fileName: '', dataBase64: '' },
      { fileName: 'a.html', dataBase64: 'not base64!' },
      { fileName: 'x'.repeat(256), dataBase64: '' },
      { fileName: 'a.html' },
    ]) {
      assert.equal(parseHtmlFile(bad), null, JSON.stringify(bad).slice(0, 80));
    }
  });
});
