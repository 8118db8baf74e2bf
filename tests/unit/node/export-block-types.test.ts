// The export command on a data folder whose document holds every kind of block (headings of each level, lists, quotes):
// every format, run as `npm run export` runs it, exits 0 and carries the document's content.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { describeRange } from '../../../annotations/anchoring/anchor';
import type { ParsedBlock } from '../../../annotations/blocks';
import { BLOCK_TYPES, type BlockType } from '../../../annotations/document';
import { GlossService } from '../../../annotations/node/service';
import { REPORT_FORMATS, type ReportFormat } from '../../../annotations/reports/formats';
import { runExport } from '../../fixtures/export-cli-fixture';

/**
 * Each block type in every variant it has. A Record over BlockType, so a new type does not compile
 * until it is listed here; the test below also checks the list against BLOCK_TYPES at run time.
 */
const VARIANTS: Record<BlockType, ParsedBlock[]> = {
  heading: [1, 2, 3, 4, 5, 6].map((level) => ({ type: 'heading', level, text: `Heading of level ${level} about tariffs` })),
  paragraph: [{ type: 'paragraph', text: 'A plain paragraph about canola exports' }],
  list_item: [
    { type: 'list_item', text: 'First bulleted point on steel' },
    { type: 'list_item', text: 'Second bulleted point on aluminium' },
    { type: 'list_item', ordered: true, text: 'First numbered step on quotas' },
    { type: 'list_item', ordered: true, text: 'Second numbered step on duties' },
  ],
  blockquote: [{ type: 'blockquote', text: 'A quoted remark from the minister on trust' }],
};

/** The document: a title, then every variant of every block type, in BLOCK_TYPES order. */
const BLOCKS: ParsedBlock[] = [
  { type: 'heading', text: 'Every kind of block' },
  ...BLOCK_TYPES.flatMap((type) => VARIANTS[type]),
  { type: 'paragraph', text: 'A closing paragraph' },
];
const TEXTS = BLOCKS.map((b) => b.text);

let root: string;
let dataDir: string;
let documentId: string;

/** A file's text as a reader sees it: PDF through pdftotext, a zip by its entries, whitespace collapsed. */
async function contentOf(format: ReportFormat, file: string): Promise<string> {
  let text: string;
  if (format === 'pdf') {
    text = await new Promise<string>((done, fail) =>
      execFile('pdftotext', ['-layout', file, '-'], (error, stdout) => (error ? fail(error) : done(stdout))),
    );
  } else if (format === 'qdpx') {
    text = Object.values(unzipSync(new Uint8Array(await readFile(file))))
      .map((bytes) => strFromU8(bytes))
      .join('\n');
  } else {
    text = await readFile(file, 'utf8');
  }
  return text.replace(/\s+/g, ' ');
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-export-blocks-'));
  dataDir = join(root, 'data');
  const service = await GlossService.open({ dataDir, edition: 'desktop', version: 'test', samples: [] });
  try {
    const summary = await service.importParsedDocument({ fileName: 'every-block.md', blocks: BLOCKS });
    documentId = summary.id;
    const { document } = await service.openDocument({ documentId });
    // One highlight in each block, so every format that carries passages carries one of each kind.
    for (const block of document.blocks.slice(1)) {
      await service.createAnnotation({
        documentId,
        target: { source: documentId, selector: describeRange(document.text, block.start, block.end) },
        themes: ['trade'],
        note: '',
      });
    }
  } finally {
    await service.close();
  }
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('export command with every block type', () => {
  test('the document lists every block type there is', () => {
    assert.deepEqual([...new Set(BLOCKS.map((b) => b.type))].sort(), [...BLOCK_TYPES].sort());
  });

  for (const format of Object.keys(REPORT_FORMATS) as ReportFormat[]) {
    const info = REPORT_FORMATS[format];
    test(`exports a document holding headings, lists and quotes as ${format}`, async (t) => {
      if (format === 'pdf' && !existsSync('/usr/bin/chromium') && !process.env.GLOSS_CHROMIUM) {
        t.skip('no Chromium to print the PDF with');
        return;
      }
      const out = join(root, `report.${info.extension}`);
      const scope = info.scope === 'codebook' ? [] : ['--document', documentId];
      const r = await runExport(['--data-dir', dataDir, ...scope, '--format', format, '--out', out]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      const content = await contentOf(format, out);
      if (info.scope === 'codebook') {
        for (const label of ['Trade', 'Security', 'Diplomacy']) assert.ok(content.includes(label), `${format} holds the theme ${label}`);
      } else {
        for (const text of TEXTS.slice(1)) assert.ok(content.includes(text), `${format} holds "${text}"`);
      }
    });
  }
});
