// Covers renderer/editor/positions.ts: plain-text offsets to ProseMirror positions and back, over the real sample.
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePlainText } from '../../../annotations/document';
import { articleToDoc, OffsetMap } from '../../../renderer/editor/positions';

const parsed = parsePlainText(readFileSync(new URL('../../../samples/canada-china-trust.txt', import.meta.url), 'utf8'));
const doc = articleToDoc(parsed);
const map = new OffsetMap(parsed.blocks);

describe('offsets and positions', () => {
  test('builds a heading followed by one paragraph per line', () => {
    assert.equal(doc.child(0).type.name, 'heading');
    assert.equal(doc.child(0).textContent, parsed.title);
    assert.equal(doc.childCount, parsed.blocks.length);
    for (let i = 1; i < doc.childCount; i += 1) assert.equal(doc.child(i).type.name, 'paragraph');
  });

  test('maps every offset inside a block to the position of the same character', () => {
    for (const block of parsed.blocks) {
      for (let offset = block.start; offset < block.end; offset += 1) {
        const pos = map.toPos(offset);
        assert.equal(doc.textBetween(pos, pos + 1), parsed.text[offset], `offset ${offset}`);
      }
    }
  });

  test('round-trips every offset through a position', () => {
    for (let offset = 0; offset <= parsed.text.length; offset += 1) {
      const isSeparator = parsed.blocks.some((b, i) => i > 0 && offset === b.start - 1);
      // A block separator has no position of its own: it maps to the end of the block before it.
      if (isSeparator) continue;
      assert.equal(map.toOffset(map.toPos(offset)), offset, `offset ${offset}`);
    }
  });

  test('gives the text of a range that crosses paragraphs with one newline per boundary', () => {
    const start = parsed.blocks[1]!.end - 10;
    const end = parsed.blocks[2]!.start + 10;
    const from = map.toPos(start);
    const to = map.toPos(end);
    assert.equal(doc.textBetween(from, to, '\n'), parsed.text.slice(start, end));
  });

  test('maps a position between blocks to the start of the next block', () => {
    const between = map.toPos(parsed.blocks[1]!.end) + 1; // after the first paragraph closes
    assert.equal(map.toOffset(between), parsed.blocks[2]!.start);
  });

  test('maps the end of the document to the end of the text', () => {
    assert.equal(map.toOffset(doc.content.size), parsed.text.length);
    assert.equal(map.toPos(parsed.text.length), doc.content.size - 1);
  });
});
