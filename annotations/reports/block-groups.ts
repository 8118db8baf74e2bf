// The article's blocks grouped as a reader sees them: consecutive list items of one kind make one list,
// consecutive quoted blocks one quotation; every other block stands alone.
import type { TextBlock } from '../document';

/** A run of blocks the reports draw as one element; `blocks` are indexes into the document's blocks, in order. */
export type BlockGroup =
  { kind: 'single'; blocks: [number] } | { kind: 'list'; ordered: boolean; blocks: number[] } | { kind: 'quote'; blocks: number[] };

/** Groups blocks in document order. */
export function groupBlocks(blocks: readonly TextBlock[]): BlockGroup[] {
  const groups: BlockGroup[] = [];
  blocks.forEach((block, index) => {
    const last = groups[groups.length - 1];
    if (block.type === 'list_item') {
      const ordered = block.ordered === true;
      if (last?.kind === 'list' && last.ordered === ordered) last.blocks.push(index);
      else groups.push({ kind: 'list', ordered, blocks: [index] });
    } else if (block.type === 'blockquote') {
      if (last?.kind === 'quote') last.blocks.push(index);
      else groups.push({ kind: 'quote', blocks: [index] });
    } else {
      groups.push({ kind: 'single', blocks: [index] });
    }
  });
  return groups;
}

/** The level of an article heading inside a report, whose own title and sections take levels 1 and 2. */
export function reportHeadingLevel(block: TextBlock): number {
  return Math.min(6, (block.level ?? 1) + 2);
}
