// The compare view of one document (a panel beside the article): both coders' coding of one theme side by side,
// group by group where their passages overlap, each marked as an agreement or a disagreement; Previous and Next step
// through the disagreements (the article scrolls to each), each can be decided (keep A's, B's, both or neither), and
// the decisions merge into a new layer, the two sources kept.
import { layerOf } from '../../annotations/agreement/layers';
import { passageGroups, type MergeChoice, type PassageGroup, type PlacedPassage } from '../../annotations/agreement/passages';
import type { Annotation } from '../../annotations/annotation';
import type { Codebook } from '../../annotations/codebook';
import type { MergeLayersInput, MergeLayersResult } from '../../annotations/contract';
import { errorMessage } from '../../annotations/errors';
import { append, button, byId, h } from '../ui/dom';
import { field } from '../ui/fields';
import { build, kept, open } from './dialog';

/** What the panel needs from the window. */
export interface CompareContext {
  documentId: string;
  text: string;
  codebook: Codebook;
  coders: [string, string];
  own: string;
  themeId: string;
  /** The document's annotations, every layer's (hidden ones too: they are compared all the same). */
  annotations(): Promise<readonly Annotation[]>;
  /** Scrolls the article to a highlight and flashes it. */
  reveal(annotationId: string): void;
  merge(input: MergeLayersInput): Promise<MergeLayersResult>;
  announce(message: string): void;
}

const CHOICES: ReadonlyArray<[MergeChoice, (a: string, b: string) => string]> = [
  ['a', (a) => `${a}’s`],
  ['b', (_, b) => `${b}’s`],
  ['both', () => 'both'],
  ['neither', () => 'neither'],
];

function comparePanel(): HTMLDialogElement {
  return kept(
    'compare-panel',
    () =>
      build({
        id: 'compare-panel',
        className: 'compare-panel',
        title: 'Compare coding',
        body: [
          h('div', 'compare-controls', field('Theme', h('select', { props: { id: 'compare-theme' } }))),
          h('p', { props: { id: 'compare-summary', className: 'compare-summary' }, attrs: { role: 'status', 'aria-live': 'polite' } }),
          h(
            'div',
            'compare-steps',
            h('button', { props: { type: 'button', id: 'compare-previous' } }, 'Previous disagreement'),
            h('button', { props: { type: 'button', id: 'compare-next' } }, 'Next disagreement'),
          ),
          h('ol', { props: { id: 'compare-list', className: 'compare-list' } }),
          h(
            'div',
            'compare-merge',
            field('Merged layer’s name', h('input', { props: { id: 'compare-merge-name', type: 'text', maxLength: 100 } })),
            h('button', { props: { type: 'button', id: 'compare-merge' } }, 'Merge into a new layer'),
          ),
        ],
        actions: [h('button', { props: { type: 'button', id: 'compare-close' } }, 'Close')],
      }).dialog,
  );
}

const quoteOf = (text: string, p: PlacedPassage): string => `“${text.slice(p.start, p.end).replace(/\s+/g, ' ')}”`;

/** Opens the panel (or brings it up to date) for the document shown. */
export function showComparePanel(context: CompareContext): Promise<void> {
  const panel = comparePanel();
  const [a, b] = context.coders;
  const theme = byId<HTMLSelectElement>('compare-theme');
  const list = byId('compare-list');
  const summary = byId('compare-summary');
  const name = byId<HTMLInputElement>('compare-merge-name');
  panel.querySelector('h2')!.textContent = `Compare coding: ${a} and ${b}`;
  theme.replaceChildren(...context.codebook.map((t) => h('option', { props: { value: t.id } }, t.parent ? `— ${t.label}` : t.label)));
  theme.value = context.themeId;
  name.value = `${a} + ${b}`;
  const choices = new Map<number, MergeChoice>();
  let groups: PassageGroup[] = [];
  let current = -1;

  const side = (passages: readonly PlacedPassage[], who: string) =>
    h(
      'div',
      'compare-side',
      h('span', 'compare-coder', who),
      passages.length === 0
        ? h('span', 'compare-none', 'not coded')
        : h(
            'ul',
            null,
            ...passages.map((p) =>
              h(
                'li',
                null,
                button(quoteOf(context.text, p), () => context.reveal(p.annotation.id), { props: { className: 'link-button' } }),
              ),
            ),
          ),
    );

  const render = async (): Promise<void> => {
    const inDoc = (await context.annotations()).filter((x) => x.documentId === context.documentId);
    groups = passageGroups(context.text, [layerOf(inDoc, a, context.own), layerOf(inDoc, b, context.own)], context.codebook, theme.value);
    const disagreements = groups.filter((g) => !g.agree).length;
    summary.textContent = `${groups.length - disagreements} agreement${groups.length - disagreements === 1 ? '' : 's'}, ${disagreements} disagreement${disagreements === 1 ? '' : 's'}.`;
    list.replaceChildren();
    append(
      list,
      groups.map((g, index) => {
        const item = h('li', { props: { className: g.agree ? 'is-agreement' : 'is-disagreement' }, data: { index: String(index) } });
        append(item, [h('span', 'compare-mark', g.agree ? 'Agree' : 'Disagree'), h('div', 'compare-sides', side(g.a, a), side(g.b, b))]);
        if (!g.agree) {
          const chosen = choices.get(g.start) ?? 'both';
          const group = h('fieldset', 'compare-choice', h('legend', null, 'Keep'));
          for (const [value, label] of CHOICES) {
            const input = h('input', { props: { type: 'radio', name: `keep-${g.start}`, value, checked: value === chosen } });
            input.addEventListener('change', () => choices.set(g.start, value));
            group.append(h('label', null, input, ` ${label(a, b)}`));
          }
          item.append(group);
        }
        return item;
      }),
    );
    current = -1;
  };

  const step = (direction: 1 | -1): void => {
    const indexes = groups.map((g, i) => (g.agree ? -1 : i)).filter((i) => i >= 0);
    if (indexes.length === 0) return context.announce('No disagreements for this theme.');
    const at = indexes.indexOf(current);
    current = indexes[at === -1 ? (direction === 1 ? 0 : indexes.length - 1) : (at + direction + indexes.length) % indexes.length]!;
    for (const item of list.children) item.removeAttribute('aria-current');
    const item = list.children[current] as HTMLElement;
    item.setAttribute('aria-current', 'true');
    item.scrollIntoView({ block: 'nearest' });
    const g = groups[current]!;
    const first = g.a[0] ?? g.b[0];
    if (first) context.reveal(first.annotation.id);
    context.announce(`Disagreement ${indexes.indexOf(current) + 1} of ${indexes.length}.`);
  };

  theme.onchange = () => {
    choices.clear();
    void render();
  };
  byId('compare-previous').onclick = () => step(-1);
  byId('compare-next').onclick = () => step(1);
  byId('compare-close').onclick = () => panel.close();
  byId('compare-merge').onclick = async () => {
    try {
      const result = await context.merge({
        documentId: context.documentId,
        themeId: theme.value,
        coders: [a, b],
        name: name.value,
        choices: [...choices].map(([start, choice]) => ({ start, choice })),
      });
      summary.textContent = `Merged into ${result.coder}'s layer: ${result.created} highlight${result.created === 1 ? '' : 's'}; ${a}'s and ${b}'s layers are kept.`;
      context.announce(summary.textContent);
    } catch (error) {
      summary.textContent = errorMessage(error);
    }
  };
  if (panel.open) panel.close();
  open(panel, { modal: false, focus: theme });
  return render();
}
