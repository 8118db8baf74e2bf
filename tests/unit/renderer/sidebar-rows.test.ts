// The Annotations list's row geometry: compact rows for highlights without a note, and the rows drawn for a view.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NOTE_LINE_HEIGHT, QUOTE_LINE_HEIGHT, ROW_HEIGHT, rowOffsets, visibleRange, type SidebarEntry } from '../../../renderer/sidebar';

const LONG = 'a quote long enough to take two lines of the panel';
/** As if the panel held 20 characters a line. */
const fits = (quote: string) => quote.length <= 20;

function entry(note: string, exact = LONG): SidebarEntry {
  const annotation = { note, target: { selector: [{}, { exact }] } } as unknown as SidebarEntry['annotation'];
  return { annotation, anchor: { status: 'anchored' } as SidebarEntry['anchor'] };
}

test('gives a row without a note, or with a one-line quote, a shorter slot, so no empty line is left', () => {
  const compact = ROW_HEIGHT - NOTE_LINE_HEIGHT;
  const shortest = compact - QUOTE_LINE_HEIGHT;
  assert.deepEqual(rowOffsets([entry('a note'), entry(''), entry('', 'Still,'), entry('a note', 'Still,')], fits), [
    0,
    ROW_HEIGHT,
    ROW_HEIGHT + compact,
    ROW_HEIGHT + compact + shortest,
    ROW_HEIGHT + compact + shortest + ROW_HEIGHT - QUOTE_LINE_HEIGHT,
  ]);
});

test('draws the rows that meet the view, with a few beyond each edge, for rows of mixed heights', () => {
  const entries = Array.from({ length: 200 }, (_, i) => entry(i % 3 === 0 ? 'note' : ''));
  const offsets = rowOffsets(entries, fits);
  const [first, last] = visibleRange(offsets, offsets[100]! + 1, 300);
  // Row 100 is at the view's top; the rows down to the view's bottom follow; 6 more each side.
  let bottom = 100;
  while (offsets[bottom + 1]! < offsets[100]! + 301) bottom += 1;
  assert.equal(first, 94);
  assert.equal(last, bottom + 1 + 6);
  assert.deepEqual(visibleRange(offsets, 0, 300)[0], 0);
  assert.equal(visibleRange(offsets, offsets[200]! + 5000, 300)[1], 200);
  assert.deepEqual(visibleRange([0], 0, 300), [0, 0]);
});
