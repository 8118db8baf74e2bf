// The Coders dialog (Tools → Coders…): the reader's own name as a coder (the preference new highlights record),
// every coder's layer with a Show switch (hide the others' for blind coding) and its outline colour, and the import
// of a colleague's JSON-LD as their layer.
import type { CoderSummary } from '../../annotations/contract';
import { errorMessage } from '../../annotations/errors';
import type { LayerStyles } from '../layers';
import { byId, h } from '../ui/dom';
import { choice, field, fieldset } from '../ui/fields';
import { build, closer, kept, open } from './dialog';

/** What the dialog needs from the window. */
export interface CodersContext {
  coders(): Promise<CoderSummary[]>;
  layers: LayerStyles;
  /** Renames the own coder; answers the name kept. */
  rename(name: string): Promise<string>;
  /** Imports a colleague's file as their layer. */
  importAs(file: File, coder: string): Promise<void>;
  announce(message: string): void;
}

function codersDialog(): HTMLDialogElement {
  return kept(
    'coders-dialog',
    () =>
      build({
        id: 'coders-dialog',
        className: 'coders-dialog',
        title: 'Coders',
        description:
          'Your highlights record your name. A colleague’s coding, imported as their layer, is shown beside yours and never mixed in.',
        body: [
          fieldset('You', [
            field('Your name as a coder', h('input', { props: { id: 'coder-name', type: 'text', maxLength: 100, autocomplete: 'name' } })),
            h('button', { props: { type: 'button', id: 'coder-name-save' } }, 'Save name'),
          ]),
          fieldset('Layers shown', [h('ul', { props: { id: 'coder-layers', className: 'coder-layers' } })]),
          fieldset("Import a colleague's coding", [
            field("Colleague's name", h('input', { props: { id: 'colleague-name', type: 'text', maxLength: 100 } })),
            field(
              'W3C JSON-LD file',
              h('input', { props: { id: 'colleague-file', type: 'file', accept: '.jsonld,.json,application/ld+json' } }),
            ),
            h('button', { props: { type: 'button', id: 'colleague-import' } }, 'Import as their layer'),
          ]),
          h('p', { props: { id: 'coders-status', className: 'export-status' }, attrs: { role: 'status', 'aria-live': 'polite' } }),
        ],
        actions: [closer('Close', 'coders-close')],
      }).dialog,
  );
}

/** Opens the dialog, its layer list read from the host. */
export async function showCodersDialog(context: CodersContext): Promise<void> {
  const dialog = codersDialog();
  const name = byId<HTMLInputElement>('coder-name');
  const list = byId('coder-layers');
  const status = byId('coders-status');
  const say = (text: string, error = false): void => {
    status.textContent = text;
    status.classList.toggle('is-error', error);
    if (!error) context.announce(text);
  };
  const refresh = async (): Promise<void> => {
    const coders = await context.coders();
    name.value = coders.find((c) => c.own)?.name ?? '';
    list.replaceChildren(
      ...coders.map((c) => {
        const toggle = choice(
          'checkbox',
          'layer',
          c.name,
          `${c.name}${c.own ? ' (you)' : ''}: ${c.annotationCount} highlight${c.annotationCount === 1 ? '' : 's'}`,
        );
        const input = toggle.querySelector('input')!;
        input.checked = context.layers.isShown(c.name);
        input.addEventListener('change', async () => {
          await context.layers.setShown(c.name, input.checked);
          context.announce(`${c.name}'s layer ${input.checked ? 'shown' : 'hidden'}.`);
        });
        const colour = context.layers.colourOf(c.name);
        const swatch = h('span', { props: { className: 'layer-swatch' }, attrs: { 'aria-hidden': 'true' } });
        if (colour) swatch.style.borderColor = colour;
        else swatch.classList.add('is-own');
        return h('li', null, swatch, toggle);
      }),
    );
  };
  byId('coder-name-save').onclick = async () => {
    try {
      const kept = await context.rename(name.value);
      say(`You code as ${kept}.`);
      await refresh();
    } catch (error) {
      say(errorMessage(error), true);
    }
  };
  byId('colleague-import').onclick = async () => {
    const file = byId<HTMLInputElement>('colleague-file').files?.[0];
    const colleague = byId<HTMLInputElement>('colleague-name').value.trim();
    if (!file) return say('Choose the JSON-LD file your colleague exported.', true);
    if (colleague === '') return say("Give your colleague's name: their highlights become their layer.", true);
    try {
      await context.importAs(file, colleague);
      say(`Imported ${file.name} as ${colleague}'s layer.`);
      await refresh();
    } catch (error) {
      say(errorMessage(error), true);
    }
  };
  status.textContent = '';
  await refresh();
  open(dialog);
}
