// Co-occurrence across the library: a theme x theme table whose cells count where two themes meet (highlights
// with both, and pairs of overlapping passages, one of each theme), summed over the documents and shaded by
// value. A cell opens those passages in the Passages view; a theme with its own sub-theme forms no pair.
import type { Theme } from '../../annotations/codebook';
import type { GlossHost } from '../../annotations/contract';
import type { CorpusCooccurrence, CorpusPair } from '../../annotations/corpus/cooccurrence';
import type { PassageFilter } from '../../annotations/corpus/passages';
import { errorMessage } from '../../annotations/errors';
import { h } from '../ui/dom';
import { plural } from '../ui/plural';
import { gridKeys } from '../views/grid-keys';
import { shadeCell } from '../views/shade';
import { build, closer, focusedElement, open } from './dialog';

/** What the table needs from the window. */
export interface CooccurrenceContext {
  host: GlossHost;
  openPassages(filter: PassageFilter): void;
  onError(message: string): void;
}

/** The pair cells' tint: the palette's Slate, no theme's own colour. */
const PAIR_TINT = '#5d6d7e';

/** How often two themes meet: highlights with both, plus overlapping passages of the two. */
function meetings(pair: CorpusPair): number {
  return pair.highlights + pair.overlaps;
}

function describe(pair: CorpusPair): string {
  return (
    `${pair.a.label} and ${pair.b.label}: ${plural(pair.highlights, 'highlight')} with both, ` +
    `${plural(pair.overlaps, 'overlapping passage')}, ${plural(pair.sharedChars, 'character')} with both, in ${plural(pair.documents, 'document')}`
  );
}

function table(result: CorpusCooccurrence, openPassages: (filter: PassageFilter) => void): HTMLTableElement {
  const { themes, pairs } = result;
  const pairOf = new Map<string, CorpusPair>();
  for (const p of pairs) {
    pairOf.set(`${p.a.id}+${p.b.id}`, p);
    pairOf.set(`${p.b.id}+${p.a.id}`, p);
  }
  const max = Math.max(0, ...pairs.map(meetings));
  const header = (theme: Theme, scope: 'row' | 'col') =>
    h(
      'th',
      { props: { scope, className: theme.parent ? 'is-subtheme' : '' } },
      h('span', { props: { className: `swatch swatch-${theme.id}` }, attrs: { 'aria-hidden': 'true' } }),
      theme.label,
    );
  const rows = themes.map((a, r) =>
    h(
      'tr',
      null,
      header(a, 'row'),
      ...themes.map((b, c) => {
        const pair = pairOf.get(`${a.id}+${b.id}`);
        const data = { row: String(r), col: String(c) };
        if (!pair) {
          const why = a === b ? `${a.label} with itself` : `${a.label} and ${b.label} are one family (a theme and its sub-theme)`;
          const attrs = { role: 'gridcell', 'aria-disabled': 'true', 'aria-label': why };
          return h('td', { props: { className: 'corpus-cell is-none' }, attrs, data }, '—');
        }
        const attrs = { role: 'gridcell', 'aria-label': describe(pair) };
        const cell = h('td', { props: { className: 'corpus-cell', title: describe(pair) }, attrs, data }, String(meetings(pair)));
        // One neutral tint: the cell is a pair's, and the two halves of the table must look alike.
        shadeCell(cell, PAIR_TINT, meetings(pair), max);
        return cell;
      }),
    ),
  );
  const grid = h(
    'table',
    {
      props: { className: 'corpus-table cooccurrence-table', id: 'cooccurrence-table' },
      attrs: { role: 'grid', 'aria-labelledby': 'cooccurrence-dialog-title' },
    },
    h(
      'thead',
      null,
      h('tr', null, h('th', { props: { scope: 'col', className: 'corner' } }, 'Theme'), ...themes.map((t) => header(t, 'col'))),
    ),
    h('tbody', null, ...rows),
  );
  gridKeys(grid, {
    activate: (cell) => {
      const pair = pairOf.get(`${themes[Number(cell.dataset.row)]!.id}+${themes[Number(cell.dataset.col)]!.id}`);
      if (pair) openPassages({ cooccurring: [pair.a.id, pair.b.id] });
    },
  });
  return grid;
}

/** Opens the co-occurrence table of the whole library. */
export async function showCooccurrenceDialog(context: CooccurrenceContext): Promise<void> {
  const returnTo = focusedElement();
  let result: CorpusCooccurrence;
  try {
    result = await context.host.corpusCooccurrence({});
  } catch (error) {
    context.onError(`Co-occurrence could not be counted: ${errorMessage(error)}`);
    return;
  }
  const openPassages = (filter: PassageFilter): void => {
    dialog.close();
    context.openPassages(filter);
  };
  const { dialog } = build({
    id: 'cooccurrence-dialog',
    className: 'corpus-dialog cooccurrence-dialog',
    title: 'Co-occurrence',
    description:
      'How often two themes meet across the library: highlights with both, plus pairs of overlapping passages, one of each. A cell opens those passages.',
    body: [
      h(
        'div',
        'corpus-table-wrap',
        table(result, (filter) => openPassages(filter)),
      ),
    ],
    actions: [closer()],
  });
  document.body.append(dialog);
  open(dialog, { removeOnClose: true, returnTo, focus: dialog.querySelector<HTMLElement>('[data-row="0"][data-col="0"]') });
}
