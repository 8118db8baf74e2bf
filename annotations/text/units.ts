// A document cut into the units that agreement figures, search hits and suggestions count in: its sentences
// (never crossing a block) or its paragraphs (the blocks themselves). The one place that says what a unit is.
import type { TextBlock } from '../document';
import { sentenceSpans, type TextSpan } from './english';
import type { TextUnit } from './unit-kinds';

export { TEXT_UNITS, type TextUnit } from './unit-kinds';

/** What cutting a document needs of it. */
export interface UnitSource {
  text: string;
  blocks: readonly Pick<TextBlock, 'start' | 'end'>[];
}

/** The document's units, in reading order, each trimmed of surrounding whitespace; blocks with no words give none. */
export function unitSpans(doc: UnitSource, unit: TextUnit): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const block of doc.blocks) {
    if (unit === 'sentence') {
      spans.push(...sentenceSpans(doc.text, block.start, block.end));
      continue;
    }
    const text = doc.text.slice(block.start, block.end);
    const lead = text.length - text.trimStart().length;
    const trail = text.length - text.trimEnd().length;
    if (block.start + lead < block.end - trail) spans.push({ start: block.start + lead, end: block.end - trail });
  }
  return spans;
}

/** The unit that contains offset `at`, or the nearest one after it (hits expand to their sentence). */
export function unitAt(spans: readonly TextSpan[], at: number): TextSpan | undefined {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.end <= at) lo = mid + 1;
    else hi = mid;
  }
  return spans[lo];
}
