// The View dialog: appearance, text size, reading width and the coding stripes, shown as the settings stand and changed
// through the owner (../view-settings.ts), which applies and remembers them.
import { button, h } from '../ui/dom';
import { choice, fieldset } from '../ui/fields';
import type { Appearance, ReadingWidth, ViewSettings } from '../view-settings';
import { build, closer, open } from './dialog';

/** What the dialog asks of its owner. */
export interface ViewDialogOwner {
  /** Changes settings (a radio was chosen). */
  set(change: Partial<ViewSettings>): void;
  /** Text larger (1), smaller (-1) or the default size (0). */
  resize(step: 1 | -1 | 0): void;
}

const SIZE_STEPS: ReadonlyArray<[string, 1 | -1 | 0]> = [
  ['Smaller', -1],
  ['Default', 0],
  ['Larger', 1],
];

/** The dialog, made once; `show` opens it and `sync` redraws it from the settings. */
export class ViewDialog {
  private readonly size = h('output', { props: { id: 'view-size-value' }, attrs: { 'aria-live': 'polite' } });
  private readonly stripes = h('input', { props: { type: 'checkbox', id: 'view-stripes' } });
  private readonly built;

  constructor(owner: ViewDialogOwner) {
    const radios = (name: string, legend: string, choices: Array<[string, string]>): HTMLFieldSetElement =>
      fieldset(
        legend,
        choices.map(([value, text]) => choice('radio', name, value, text)),
      );
    this.built = build({
      id: 'view-dialog',
      className: 'view-dialog',
      title: 'View',
      formId: 'view-form',
      body: [
        radios('appearance', 'Appearance', [
          ['system', 'Follow the system'],
          ['light', 'Light'],
          ['dark', 'Dark'],
        ]),
        fieldset(
          'Text size',
          [
            ...SIZE_STEPS.map(([text, step]) =>
              button(text, () => owner.resize(step), { props: { id: `view-size-${text.toLowerCase()}` } }),
            ),
            this.size,
          ],
          'view-size',
        ),
        radios('width', 'Reading width', [
          ['narrow', 'Narrow'],
          ['normal', 'Normal'],
          ['wide', 'Wide'],
        ]),
        fieldset('Margin', [h('label', null, this.stripes, ' Coding stripes beside the article')]),
      ],
      actions: [closer('Close', 'view-close')],
    });
    const form = this.built.form!;
    form.addEventListener('submit', (event) => event.preventDefault());
    form.addEventListener('change', (event) => {
      const input = event.target as HTMLInputElement;
      if (input.name === 'appearance') owner.set({ appearance: input.value as Appearance });
      if (input.name === 'width') owner.set({ width: input.value as ReadingWidth });
      if (input === this.stripes) owner.set({ stripes: this.stripes.checked });
    });
    document.body.append(this.built.dialog);
  }

  /** Opens the dialog on these settings. */
  show(settings: ViewSettings, percent: string): void {
    this.sync(settings, percent);
    open(this.built.dialog);
  }

  /** Shows these settings (they changed, from the dialog or from a key). */
  sync(settings: ViewSettings, percent: string): void {
    for (const input of this.built.dialog.querySelectorAll<HTMLInputElement>('input[type="radio"]')) {
      input.checked = input.value === settings[input.name as 'appearance' | 'width'];
    }
    this.size.textContent = percent;
    this.stripes.checked = settings.stripes;
  }
}
