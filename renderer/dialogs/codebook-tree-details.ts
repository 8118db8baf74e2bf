// The Codebook dialog's pane beside the tree: the selected theme's name, colour (from the accessible
// palette or custom, with the contrast and same-colour checks), underline style, key and description,
// and Delete. It edits the row in place; the tree shows the change (codebook-tree-view.ts).
import { PALETTE, paletteName, shortcutFor } from '../../annotations/codebook';
import { MAX_DESCRIPTION_CHARS, MAX_LABEL_CHARS } from '../../annotations/schemas';
import { colourWarning, sameColourWarning } from '../codebook-warnings';
import { button, h } from '../ui/dom';
import { field } from '../ui/fields';
import { CUE_NAMES, nameOf, type ThemeRow } from './codebook-tree-view';

/** What the pane tells the dialog. */
export interface ThemeDetailsEvents {
  /** The row's label, colour or cue changed: the tree redraws its item. */
  changed(row: ThemeRow): void;
  remove(row: ThemeRow): void;
}

const CUSTOM = 'custom';

/** The details of one theme at a time. */
export class ThemeDetails {
  readonly element: HTMLFieldSetElement;

  constructor(
    private readonly rows: () => readonly ThemeRow[],
    private readonly events: ThemeDetailsEvents,
  ) {
    this.element = h('fieldset', { props: { className: 'codebook-details', id: 'codebook-details' } });
  }

  /** Shows `row`'s details, replacing what was shown. */
  show(row: ThemeRow): void {
    const rows = this.rows();
    const index = rows.indexOf(row);
    const legend = h('legend', null, nameOf(row));
    const remove = button('Delete…', () => this.events.remove(row), {
      props: { className: 'danger', id: 'codebook-delete' },
      attrs: { 'aria-label': `Delete ${nameOf(row)}` },
    });

    const label = h('input', {
      props: { type: 'text', value: row.label, maxLength: MAX_LABEL_CHARS, required: true, id: 'codebook-label' },
    });
    label.addEventListener('input', () => {
      row.label = label.value;
      legend.textContent = nameOf(row);
      remove.setAttribute('aria-label', `Delete ${nameOf(row)}`);
      showWarnings();
      this.events.changed(row);
    });

    const warning = h('p', { props: { className: 'codebook-warning', id: 'codebook-warning' } });
    const clash = h('p', { props: { className: 'codebook-warning', id: 'codebook-clash' } });
    const described = { 'aria-describedby': `${warning.id} ${clash.id}` };
    const palette = h(
      'select',
      { props: { id: 'codebook-palette' }, attrs: described },
      ...PALETTE.map((p) => h('option', { props: { value: p.colour } }, p.name)),
      h('option', { props: { value: CUSTOM } }, 'Custom colour'),
    );
    const custom = h('input', { props: { type: 'color', value: row.colour, id: 'codebook-custom' }, attrs: described });
    const swatch = h('span', { props: { className: 'codebook-swatch' }, attrs: { 'aria-hidden': 'true' } });
    const showWarnings = (): void => {
      warning.textContent = colourWarning(row.colour);
      warning.hidden = warning.textContent === '';
      const all = this.rows();
      clash.textContent = sameColourWarning(
        all.map((r) => ({ name: nameOf(r), colour: r.colour })),
        all.indexOf(row),
      );
      clash.hidden = clash.textContent === '';
    };
    const showColour = (): void => {
      palette.value = paletteName(row.colour) ? row.colour.toLowerCase() : CUSTOM;
      custom.value = row.colour;
      swatch.style.backgroundColor = row.colour;
    };
    const colourChanged = (): void => {
      showColour();
      showWarnings();
      this.events.changed(row);
    };
    palette.addEventListener('change', () => {
      if (palette.value !== CUSTOM) row.colour = palette.value;
      colourChanged();
      if (palette.value === CUSTOM) custom.focus();
    });
    custom.addEventListener('input', () => {
      row.colour = custom.value;
      colourChanged();
    });
    showColour();
    showWarnings();

    const cue = h('select', { props: { id: 'codebook-cue' } }, ...CUE_NAMES.map((c) => h('option', { props: { value: c.cue } }, c.name)));
    cue.value = row.cue;
    cue.addEventListener('change', () => {
      row.cue = cue.value as ThemeRow['cue'];
      this.events.changed(row);
    });

    const description = h('textarea', {
      props: { value: row.description, maxLength: MAX_DESCRIPTION_CHARS, rows: 3, id: 'codebook-description' },
      on: { input: () => (row.description = description.value) },
    });
    const key = shortcutFor(index);
    const keyText = key
      ? `Key ${key}: the first nine themes, in the tree’s order, have the keys 1 to 9.`
      : 'No key: only the first nine themes, in the tree’s order, have keys.';

    this.element.replaceChildren(
      legend,
      field('Name', label),
      h('div', 'codebook-line', field('Colour', palette), field('Custom colour', custom), swatch),
      warning,
      clash,
      field('Underline', cue),
      h('p', { props: { className: 'codebook-key', id: 'codebook-key' } }, keyText),
      field('Description', description, 'codebook-field codebook-description'),
      h('p', null, remove),
    );
  }
}
