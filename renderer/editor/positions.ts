// Converts between ProseMirror positions and plain-text offsets of the document model.
import type { Node as PMNode } from 'prosemirror-model';
import { blockIndexAt, blockTexts, type GlossDocument, type TextBlock } from '../../annotations/document';
import { articleSchema, listMarker } from './schema';

/** Builds the ProseMirror document of an article. */
export function articleToDoc(doc: Pick<GlossDocument, 'text' | 'blocks'>): PMNode {
  const texts = blockTexts(doc);
  // Numbered items count within their run of consecutive numbered items.
  let number = 0;
  return articleSchema.node(
    'doc',
    null,
    doc.blocks.map((block, i) => {
      number = block.type === 'list_item' && block.ordered ? number + 1 : 0;
      const attrs =
        block.type === 'heading'
          ? { level: block.level ?? 1 }
          : block.type === 'list_item'
            ? { ordered: block.ordered === true, marker: listMarker(block.ordered === true, number) }
            : null;
      return articleSchema.node(block.type, attrs, texts[i] ? [articleSchema.text(texts[i]!)] : []);
    }),
  );
}

/**
 * The mapping for one document. Block i opens at position `opens[i]`; its text starts one
 * position later. Blocks are separated by one character in the plain text and by two
 * positions (close, open) in ProseMirror.
 */
export class OffsetMap {
  private readonly opens: number[] = [];

  constructor(private readonly blocks: readonly TextBlock[]) {
    let pos = 0;
    for (const block of blocks) {
      this.opens.push(pos);
      pos += block.end - block.start + 2;
    }
  }

  /** The ProseMirror position of a plain-text offset; a separator maps to the end of the block before it. */
  toPos(offset: number): number {
    const index = blockIndexAt(this.blocks, offset);
    if (index === -1) return 0;
    const block = this.blocks[index]!;
    return this.opens[index]! + 1 + Math.min(offset, block.end) - block.start;
  }

  /** The plain-text offset of a ProseMirror position; a position between blocks maps to the start of the next. */
  toOffset(pos: number): number {
    let lo = 0;
    let hi = this.opens.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.opens[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    const block = this.blocks[lo];
    if (!block) return 0;
    const inside = pos - this.opens[lo]! - 1;
    const length = block.end - block.start;
    if (inside < 0) return block.start;
    if (inside > length) return this.blocks[lo + 1]?.start ?? block.end;
    return block.start + inside;
  }
}
