// The question deleting a saved theme asks: move its highlights to another theme, or take the theme
// off them. A small form rather than a yes/no, so it is built here through ./dialog rather than by confirm.
import type { Codebook } from '../../annotations/codebook';
import { button, h } from '../ui/dom';
import { choice, field, fieldset } from '../ui/fields';
import { build, closer, open } from './dialog';

/** The reader's answer: where the highlights go (`moveTo`), or nowhere (the theme is taken off them). */
export interface DeleteChoice {
  moveTo?: string;
}

/** Asks how to delete the theme `id` of `codebook`; null when the reader cancelled. */
export function askHowToDelete(id: string, codebook: Codebook): Promise<DeleteChoice | null> {
  const theme = codebook.find((t) => t.id === id)!;
  const target = h(
    'select',
    { props: { id: 'delete-theme-target' } },
    ...codebook.filter((t) => t.id !== id).map((t) => h('option', { props: { value: t.id } }, t.label)),
  );
  const move = choice('radio', 'delete-choice', 'move', 'Move them to another theme', true, 'delete-theme-move');
  const remove = choice(
    'radio',
    'delete-choice',
    'remove',
    'Take the theme off them (a highlight with no other theme is deleted)',
    false,
    'delete-theme-remove',
  );
  const moving = (): boolean => move.querySelector('input')!.checked;
  return new Promise((resolve) => {
    let answer: DeleteChoice | null = null;
    const { dialog } = build({
      id: 'delete-theme-dialog',
      className: 'codebook-dialog delete-theme-dialog',
      title: 'Delete theme',
      description: `Delete “${theme.label}” from the codebook. What becomes of its highlights, in every document?`,
      body: [
        fieldset('Its highlights', [move, field('Theme to move them to', target), remove], {
          on: { change: () => (target.disabled = !moving()) },
        }),
      ],
      actions: [
        closer('Cancel', 'delete-theme-cancel'),
        button(
          'Delete theme',
          () => {
            answer = moving() ? { moveTo: target.value } : {};
            dialog.close();
          },
          { props: { id: 'delete-theme-confirm', className: 'danger' } },
        ),
      ],
    });
    dialog.addEventListener('close', () => resolve(answer), { once: true });
    document.body.append(dialog);
    open(dialog, { removeOnClose: true });
  });
}
