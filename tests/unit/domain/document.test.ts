// Covers annotations/document.ts: parsing plain-text articles into a title and paragraphs, and finding the block of an offset.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  BLOCK_SEPARATOR,
  MAX_DOCUMENT_CHARS,
  blockIndexAt,
  blockTexts,
  parsePlainText,
  type TextBlock,
} from '../../../annotations/document';
import { GlossError } from '../../../annotations/errors';

const SAMPLE_PATH = fileURLToPath(new URL('../../../samples/canada-china-trust.txt', import.meta.url));
const SAMPLE_TITLE = 'Canada and China take cautious steps to restore diplomatic trust amid US pressures';

/** Checks the invariants every parse must keep: blocks partition the text, joined by one separator. */
function assertWellFormed(parsed: ReturnType<typeof parsePlainText>): void {
  let expectedStart = 0;
  parsed.blocks.forEach((block, i) => {
    assert.equal(block.start, expectedStart, `block ${i} starts right after the previous separator`);
    assert.ok(block.end > block.start, `block ${i} is not empty`);
    assert.equal(block.type, i === 0 ? 'heading' : 'paragraph');
    if (i + 1 < parsed.blocks.length) assert.equal(parsed.text.slice(block.end, block.end + 1), BLOCK_SEPARATOR);
    expectedStart = block.end + BLOCK_SEPARATOR.length;
  });
  assert.equal(parsed.blocks.at(-1)?.end, parsed.text.length, 'the last block ends at the end of the text');
}

function assertInvalidDocument(raw: string, message: RegExp): void {
  assert.throws(
    () => parsePlainText(raw),
    (error: unknown) => {
      assert.ok(error instanceof GlossError, 'throws a GlossError');
      assert.equal(error.code, 'invalid-document');
      assert.match(error.message, message);
      return true;
    },
  );
}

describe('parsePlainText', () => {
  test('makes the first line the title heading and every further line a paragraph', () => {
    const parsed = parsePlainText('A title\nFirst paragraph.\nSecond paragraph.');
    assert.equal(parsed.title, 'A title');
    assert.equal(parsed.text, 'A title\nFirst paragraph.\nSecond paragraph.');
    assert.deepEqual(parsed.blocks, [
      { type: 'heading', start: 0, end: 7 },
      { type: 'paragraph', start: 8, end: 24 },
      { type: 'paragraph', start: 25, end: 42 },
    ]);
    assert.deepEqual(blockTexts(parsed), ['A title', 'First paragraph.', 'Second paragraph.']);
    assertWellFormed(parsed);
  });

  test('accepts a document that is only a title', () => {
    const parsed = parsePlainText('Just a title');
    assert.equal(parsed.title, 'Just a title');
    assert.deepEqual(parsed.blocks, [{ type: 'heading', start: 0, end: 12 }]);
  });

  test('reads CRLF, lone CR and LF line endings alike', () => {
    const parsed = parsePlainText('Title\r\nOne\rTwo\nThree\r\n');
    assert.equal(parsed.text, 'Title\nOne\nTwo\nThree');
    assert.deepEqual(blockTexts(parsed), ['Title', 'One', 'Two', 'Three']);
    assert.ok(!parsed.text.includes('\r'));
    assertWellFormed(parsed);
  });

  test('drops a leading byte-order mark', () => {
    const parsed = parsePlainText('\uFEFFTitle\nBody');
    assert.equal(parsed.title, 'Title');
    assert.equal(parsed.text, 'Title\nBody');
  });

  test('skips blank and whitespace-only lines, including leading ones before the title', () => {
    const parsed = parsePlainText('\n\n   \nTitle\n\n\t\nBody one\n \u00A0 \n\nBody two\n\n');
    assert.equal(parsed.title, 'Title');
    assert.deepEqual(blockTexts(parsed), ['Title', 'Body one', 'Body two']);
    assertWellFormed(parsed);
  });

  test('trims each line and collapses runs of spaces, tabs and no-break spaces to one space', () => {
    const parsed = parsePlainText('  The \t title  \n\tA  paragraph\u00A0\u00A0with\t\tgaps.  ');
    assert.equal(parsed.title, 'The title');
    assert.deepEqual(blockTexts(parsed), ['The title', 'A paragraph with gaps.']);
  });

  test('keeps non-ASCII text and typographic punctuation as they are', () => {
    const parsed = parsePlainText('Café “quotes” — 中文\nCarney’s government 😀 here');
    assert.equal(parsed.title, 'Café “quotes” — 中文');
    assert.deepEqual(blockTexts(parsed), ['Café “quotes” — 中文', 'Carney’s government 😀 here']);
    assertWellFormed(parsed);
  });

  test('rejects an empty document as invalid-document', () => {
    assertInvalidDocument('', /empty/);
  });

  test('rejects a document of only whitespace, line breaks and a byte-order mark as invalid-document', () => {
    assertInvalidDocument('\uFEFF  \r\n\t\n \u00A0 \r\n', /empty/);
  });

  test('rejects a document over the size limit as invalid-document', () => {
    assertInvalidDocument('x'.repeat(MAX_DOCUMENT_CHARS + 1), /too large/);
  });

  test('parses the bundled sample into its title and seven paragraphs', async () => {
    const raw = await readFile(SAMPLE_PATH, 'utf8');
    const parsed = parsePlainText(raw);
    assert.equal(parsed.title, SAMPLE_TITLE);
    assert.equal(parsed.blocks.length, 8);
    assert.equal(parsed.blocks.filter((b) => b.type === 'heading').length, 1);
    assertWellFormed(parsed);
    const texts = blockTexts(parsed);
    assert.equal(texts[0], SAMPLE_TITLE);
    // The first paragraph's line starts with a space in the file; it must be trimmed.
    assert.ok(raw.split('\n')[1]!.startsWith(' China and Canada'));
    assert.ok(texts[1]!.startsWith('China and Canada are actively working to repair'));
    assert.ok(texts[2]!.startsWith('During her meetings with Chinese Foreign Minister Wang Yi'));
    assert.ok(texts[3]!.startsWith('Trade issues remain a central challenge'));
    assert.ok(texts[4]!.startsWith('The diplomatic repair efforts'));
    assert.ok(texts[5]!.startsWith('Historically, China-Canada relations'));
    assert.ok(texts[6]!.startsWith('Carney’s government now faces'));
    assert.ok(texts[7]!.endsWith('after years defined by discord.'));
    for (const text of texts) {
      assert.equal(text, text.trim(), 'no block keeps leading or trailing whitespace');
      assert.ok(!/\s{2}/.test(text), 'no block keeps a run of whitespace');
    }
    assert.equal(parsed.text.split('\n').length, 8, 'the trailing whitespace-only line adds no block');
  });

  test('parses the sample the same with Windows line endings and a byte-order mark', async () => {
    const raw = await readFile(SAMPLE_PATH, 'utf8');
    const windows = '\uFEFF' + raw.replace(/\n/g, '\r\n');
    assert.deepEqual(parsePlainText(windows), parsePlainText(raw));
  });
});

describe('blockIndexAt', () => {
  const parsed = parsePlainText('Title\nFirst para\nSecond');
  // Title [0,5) sep 5, First para [6,16) sep 16, Second [17,23)

  test('finds the block that contains an offset at its start, inside it and at its end', () => {
    assert.equal(blockIndexAt(parsed.blocks, 0), 0);
    assert.equal(blockIndexAt(parsed.blocks, 3), 0);
    assert.equal(blockIndexAt(parsed.blocks, 6), 1);
    assert.equal(blockIndexAt(parsed.blocks, 10), 1);
    assert.equal(blockIndexAt(parsed.blocks, 17), 2);
    assert.equal(blockIndexAt(parsed.blocks, 22), 2);
  });

  test('gives a separator to the block before it', () => {
    assert.equal(parsed.text[5], BLOCK_SEPARATOR);
    assert.equal(blockIndexAt(parsed.blocks, 5), 0);
    assert.equal(parsed.text[16], BLOCK_SEPARATOR);
    assert.equal(blockIndexAt(parsed.blocks, 16), 1);
  });

  test('puts the offset at the very end of the text in the last block', () => {
    assert.equal(blockIndexAt(parsed.blocks, parsed.text.length), 2);
  });

  test('answers -1 for a negative offset and for a document without blocks', () => {
    assert.equal(blockIndexAt(parsed.blocks, -1), -1);
    assert.equal(blockIndexAt([], 0), -1);
  });

  test('agrees with a linear scan at every offset of the sample', async () => {
    const sample = parsePlainText(await readFile(SAMPLE_PATH, 'utf8'));
    const linear = (blocks: readonly TextBlock[], offset: number): number => {
      for (let i = 0; i < blocks.length; i++) {
        const nextStart = blocks[i + 1]?.start ?? Infinity;
        if (offset >= blocks[i]!.start && offset < nextStart) return i;
      }
      return -1;
    };
    for (let offset = 0; offset <= sample.text.length; offset++) {
      assert.equal(blockIndexAt(sample.blocks, offset), linear(sample.blocks, offset), `offset ${offset}`);
    }
  });
});
