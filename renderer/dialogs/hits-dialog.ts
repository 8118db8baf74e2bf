// Code the hits of a search: every hit of the find bar's query grown to its sentence or paragraph (or kept as
// found), each with a checkbox, and the themes to code the ticked ones with, in one undoable step.
import type { Codebook } from '../../annotations/codebook';
import type { FoundPassages, GlossHost } from '../../annotations/contract';
import { errorMessage } from '../../annotations/errors';
import type { HitExpansion } from '../../annotations/text/unit-kinds';
import type { SearchOptions } from '../../annotations/suggest/search-query';
import type { TextSpan } from '../../annotations/text/english';
import { button, h } from '../ui/dom';
import { choice, fieldset } from '../ui/fields';
import { build, closer, open } from './dialog';

/** What the dialog needs from the window. */
export interface HitsContext {
  host: GlossHost;
  documentId: string;
  codebook: Codebook;
  query: string;
  options: SearchOptions;
  /** Codes the passages with the themes (one step); answers what to tell the reader. */
  code(passages: TextSpan[], themes: string[]): Promise<string>;
  announce(message: string): void;
}

const EXPANSIONS: Array<[HitExpansion, string]> = [
  ['sentence', 'Sentence'],
  ['paragraph', 'Paragraph'],
  ['match', 'As found'],
];

/** "12 hits in 9 sentences", or why there is nothing to code. */
export function hitsSummary(found: FoundPassages, expansion: HitExpansion): string {
  if (found.hits === 0) return 'No hits to code.';
  const unit = expansion === 'match' ? 'passage' : expansion;
  const hits = `${found.hits}${found.capped ? '+' : ''} hit${found.hits === 1 ? '' : 's'}`;
  return `${hits} in ${found.passages.length} ${unit}${found.passages.length === 1 ? '' : 's'}.`;
}

/** Opens the preview of the query's hits. */
export function openHitsDialog(context: HitsContext): void {
  const status = h('p', { props: { id: 'hits-status', className: 'hits-status' }, attrs: { role: 'status' } });
  const list = h('ol', { props: { id: 'hits-list', className: 'hits-list' }, attrs: { 'aria-label': 'Passages to code' } });
  const themes = context.codebook.map((t) => choice('checkbox', 'hits-theme', t.id, t.label));
  const apply = button('Code passages', () => void run(), { props: { id: 'hits-apply', className: 'primary' } });
  const tick = (checked: boolean) => () => {
    for (const box of list.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) box.checked = checked;
    refresh();
  };
  const expansionField = fieldset(
    'Grow each hit to',
    EXPANSIONS.map(([value, text]) => choice('radio', 'hits-expand', value, text, value === 'sentence')),
    'hits-expand',
  );
  const { dialog } = build({
    id: 'hits-dialog',
    className: 'hits-dialog',
    title: 'Code search hits',
    description: `Hits of “${context.query}”. Tick the passages to code, choose the themes, then code them in one step that Undo takes back.`,
    body: [
      expansionField,
      h('div', 'hits-tools', status, button('Tick all', tick(true)), button('Tick none', tick(false))),
      list,
      fieldset('Code with', themes, 'hits-themes'),
    ],
    actions: [closer('Cancel'), apply],
  });
  let passages: FoundPassages['passages'] = [];
  const ticked = (): TextSpan[] =>
    [...list.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].flatMap((box, i) => (box.checked ? [passages[i]!] : []));
  const chosenThemes = (): string[] =>
    [...dialog.querySelectorAll<HTMLInputElement>('input[name="hits-theme"]:checked')].map((box) => box.value);
  const refresh = (): void => {
    const count = ticked().length;
    apply.textContent = `Code ${count} passage${count === 1 ? '' : 's'}`;
    apply.disabled = count === 0 || chosenThemes().length === 0;
  };
  const expansion = (): HitExpansion =>
    (dialog.querySelector<HTMLInputElement>('input[name="hits-expand"]:checked')?.value ?? 'sentence') as HitExpansion;
  const load = async (): Promise<void> => {
    try {
      const found = await context.host.findPassages({
        documentId: context.documentId,
        query: context.query,
        expand: expansion(),
        ...context.options,
      });
      passages = found.passages;
      list.replaceChildren(
        ...passages.map((p, i) =>
          h(
            'li',
            null,
            h(
              'label',
              null,
              h('input', { props: { type: 'checkbox', checked: true, value: String(i) } }),
              h('span', 'hits-passage', p.exact),
              p.hits > 1 ? h('span', 'hits-count', ` (${p.hits} hits)`) : null,
            ),
          ),
        ),
      );
      status.textContent = hitsSummary(found, expansion());
    } catch (error) {
      passages = [];
      list.replaceChildren();
      status.textContent = errorMessage(error);
    }
    refresh();
  };
  const run = async (): Promise<void> => {
    const chosen = ticked();
    const ids = chosenThemes();
    if (chosen.length === 0 || ids.length === 0) return;
    apply.disabled = true;
    try {
      const message = await context.code(chosen, ids);
      dialog.close();
      context.announce(message);
    } catch (error) {
      status.textContent = `${errorMessage(error)} Nothing was coded.`;
      refresh();
    }
  };
  dialog.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.name === 'hits-expand') void load();
    else refresh();
  });
  document.body.append(dialog);
  open(dialog, { removeOnClose: true, focus: dialog.querySelector<HTMLInputElement>('input[name="hits-expand"]:checked') });
  void load();
}
