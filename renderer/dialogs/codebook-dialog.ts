// The Codebook dialog: add, rename, recolour (from an accessible palette, contrast checked), describe,
// nest, reorder and delete themes. Edits are saved together as one codebook (one undo step); deleting a
// theme asks what becomes of its highlights and happens at once (its own undo step).
import { errorMessage } from '../../annotations/errors';
import { PALETTE, paletteName, shortcutFor, themeIdFor, type Codebook } from '../../annotations/codebook';
import type { GlossHost, ThemeInput } from '../../annotations/contract';
import { MAX_DESCRIPTION_CHARS, MAX_LABEL_CHARS } from '../../annotations/schemas';
import { colourWarning, sameColourWarning } from '../codebook-warnings';
import { button, h } from '../ui/dom';
import { field } from '../ui/fields';
import { build, closer, open } from './dialog';
import { askHowToDelete } from './delete-theme-dialog';

/** What the dialog needs from the window. */
export interface CodebookContext {
  host: GlossHost;
  /** The document open in the reader: its undo history records the change. */
  documentId: string;
  codebook: Codebook;
  /** Called after the host changed the codebook (saved, or a theme deleted); the window reloads it. */
  onChanged(message: string): Promise<void>;
}

/** One theme being edited. `key` names the row while a new theme has no id yet. */
interface Row {
  key: number;
  id?: string;
  label: string;
  colour: string;
  description: string;
  cue?: ThemeInput['cue'];
  /** The parent's row key. */
  parent?: number;
}

const CUSTOM = 'custom';

/** Opens the dialog on the current codebook. */
export function showCodebookDialog(context: CodebookContext): void {
  const list = h('ol', { props: { className: 'codebook-list', id: 'codebook-list' }, attrs: { 'aria-label': 'Themes' } });
  const status = h('p', {
    props: { className: 'codebook-status', id: 'codebook-status' },
    attrs: { role: 'status', 'aria-live': 'polite' },
  });
  const add = button('Add theme', () => addRow(), { props: { id: 'codebook-add' } });
  const save = button('Save codebook', () => void saveAll(), { props: { id: 'codebook-save' } });
  const { dialog } = build({
    id: 'codebook-dialog',
    className: 'codebook-dialog',
    title: 'Codebook',
    description:
      'Keys 1 to 9 apply the first nine themes, in this order. A sub-theme counts toward its parent in the counts and filters, and when exporting by theme.',
    body: [list, h('p', null, add), status],
    actions: [closer('Cancel', 'codebook-cancel'), save],
  });

  let nextKey = 0;
  let saved = context.codebook;
  const keyOf = new Map<string, number>();
  let rows: Row[] = saved.map((theme) => {
    const key = nextKey++;
    keyOf.set(theme.id, key);
    return { key, id: theme.id, label: theme.label, colour: theme.colour, description: theme.description, cue: theme.cue };
  });
  for (const theme of saved) {
    if (theme.parent && keyOf.has(theme.parent)) rows.find((r) => r.id === theme.id)!.parent = keyOf.get(theme.parent);
  }

  const say = (message: string, error = false): void => {
    status.textContent = message;
    status.classList.toggle('is-error', error);
  };

  const nameOf = (row: Row): string => row.label.trim() || 'New theme';

  /** Each drawn row's way of redrawing its colour warnings: a colour or a name elsewhere changes them. */
  const warnings = new Map<number, () => void>();
  const refreshWarnings = (): void => {
    for (const refresh of warnings.values()) refresh();
  };

  /** Redraws the list; then focuses the control named `focus` in the row `focusKey`, if given. */
  const render = (focusKey?: number, focus?: string): void => {
    warnings.clear();
    list.replaceChildren(...rows.map((row, index) => renderRow(row, index)));
    if (focusKey !== undefined && focus) {
      list.querySelector<HTMLElement>(`[data-row="${focusKey}"] [data-control="${focus}"]`)?.focus();
    }
  };

  const move = (row: Row, by: -1 | 1): void => {
    const index = rows.indexOf(row);
    const to = index + by;
    if (to < 0 || to >= rows.length) return;
    rows = [...rows];
    rows.splice(index, 1);
    rows.splice(to, 0, row);
    render(row.key, by < 0 ? (to === 0 ? 'down' : 'up') : to === rows.length - 1 ? 'up' : 'down');
    say(`${nameOf(row)} moved to position ${to + 1}${to < 9 ? ` (key ${shortcutFor(to)})` : ''}.`);
  };

  const renderRow = (row: Row, index: number): HTMLLIElement => {
    // Screen readers hear the nesting that the indent shows.
    const item = h('li', {
      props: { className: row.parent === undefined ? 'codebook-row' : 'codebook-row is-subtheme' },
      data: { row: String(row.key) },
      attrs: { 'aria-level': row.parent === undefined ? 1 : 2 },
    });
    const legend = h('legend', null, nameOf(row));
    const key = h('span', 'codebook-key', index < 9 ? `Key ${shortcutFor(index)}` : 'No key');

    const up = button('Move up', () => move(row, -1), {
      props: { disabled: index === 0 },
      data: { control: 'up' },
      attrs: { 'aria-label': `Move ${nameOf(row)} up` },
    });
    const down = button('Move down', () => move(row, 1), {
      props: { disabled: index === rows.length - 1 },
      data: { control: 'down' },
      attrs: { 'aria-label': `Move ${nameOf(row)} down` },
    });
    const remove = button('Delete…', () => void deleteRow(row), {
      props: { className: 'danger' },
      data: { control: 'delete' },
      attrs: { 'aria-label': `Delete ${nameOf(row)}` },
    });

    const label = h('input', {
      props: { type: 'text', value: row.label, maxLength: MAX_LABEL_CHARS, required: true },
      data: { control: 'label' },
    });
    // Renaming updates every place that names the row in place (no redraw, so focus stays where it is).
    label.addEventListener('input', () => {
      row.label = label.value;
      legend.textContent = nameOf(row);
      up.setAttribute('aria-label', `Move ${nameOf(row)} up`);
      down.setAttribute('aria-label', `Move ${nameOf(row)} down`);
      remove.setAttribute('aria-label', `Delete ${nameOf(row)}`);
      for (const option of list.querySelectorAll<HTMLOptionElement>(`option[data-parent-key="${row.key}"]`))
        option.textContent = nameOf(row);
      refreshWarnings();
    });

    const warning = h('p', { props: { className: 'codebook-warning', id: `codebook-warning-${row.key}` } });
    const clash = h('p', { props: { className: 'codebook-warning', id: `codebook-clash-${row.key}` } });
    const described = { 'aria-describedby': `${warning.id} ${clash.id}` };
    const palette = h(
      'select',
      { data: { control: 'palette' }, attrs: described },
      ...PALETTE.map((p) => h('option', { props: { value: p.colour } }, p.name)),
      h('option', { props: { value: CUSTOM } }, 'Custom colour'),
    );
    const custom = h('input', { props: { type: 'color', value: row.colour }, data: { control: 'custom' }, attrs: described });
    const swatch = h('span', { props: { className: 'codebook-swatch' }, attrs: { 'aria-hidden': 'true' } });
    const showWarnings = (): void => {
      warning.textContent = colourWarning(row.colour);
      warning.hidden = warning.textContent === '';
      clash.textContent = sameColourWarning(
        rows.map((r) => ({ name: nameOf(r), colour: r.colour })),
        rows.indexOf(row),
      );
      clash.hidden = clash.textContent === '';
    };
    warnings.set(row.key, showWarnings);
    const showColour = (): void => {
      palette.value = paletteName(row.colour) ? row.colour.toLowerCase() : CUSTOM;
      custom.value = row.colour;
      swatch.style.backgroundColor = row.colour;
    };
    palette.addEventListener('change', () => {
      if (palette.value !== CUSTOM) row.colour = palette.value;
      showColour();
      refreshWarnings();
      if (palette.value === CUSTOM) custom.focus();
    });
    custom.addEventListener('input', () => {
      row.colour = custom.value;
      showColour();
      refreshWarnings();
    });
    showColour();
    showWarnings();

    const description = h('textarea', {
      props: { value: row.description, maxLength: MAX_DESCRIPTION_CHARS, rows: 2 },
      on: { input: () => (row.description = description.value) },
    });

    const hasChildren = rows.some((r) => r.parent === row.key);
    const parent = h(
      'select',
      { props: { disabled: hasChildren }, data: { control: 'parent' } },
      h('option', { props: { value: '' } }, hasChildren ? 'None (it has sub-themes)' : 'None (top level)'),
      ...rows
        .filter((other) => other !== row && other.parent === undefined)
        .map((other) => h('option', { props: { value: String(other.key) }, data: { parentKey: String(other.key) } }, nameOf(other))),
    );
    parent.value = row.parent === undefined ? '' : String(row.parent);
    parent.addEventListener('change', () => {
      row.parent = parent.value === '' ? undefined : Number(parent.value);
      render(row.key, 'parent');
    });

    item.append(
      h(
        'fieldset',
        'codebook-theme',
        legend,
        h('div', 'codebook-line', key, field('Label', label), field('Colour', palette), field('Custom colour', custom), swatch),
        warning,
        clash,
        field('Description', description, 'codebook-field codebook-description'),
        h('div', 'codebook-line', field('Sub-theme of', parent), up, down, remove),
      ),
    );
    return item;
  };

  const deleteRow = async (row: Row): Promise<void> => {
    if (rows.length === 1) {
      say('The codebook needs at least one theme.', true);
      return;
    }
    const forget = (): void => {
      rows = rows.filter((r) => r !== row);
      for (const r of rows) if (r.parent === row.key) r.parent = undefined;
      render();
      add.focus();
    };
    if (!row.id || !saved.some((t) => t.id === row.id)) {
      forget();
      say(`${nameOf(row)} removed.`);
      return;
    }
    const choice = await askHowToDelete(row.id, saved);
    if (!choice) return;
    try {
      const result = await context.host.deleteTheme({
        id: row.id,
        documentId: context.documentId,
        ...(choice.moveTo ? { moveTo: choice.moveTo } : {}),
      });
      saved = result.codebook;
      forget();
      const target = choice.moveTo ? (saved.find((t) => t.id === choice.moveTo)?.label ?? choice.moveTo) : '';
      const parts: string[] = [];
      if (result.moved > 0) parts.push(`${result.moved} highlight${result.moved === 1 ? '' : 's'} moved to ${target}`);
      if (result.removed > 0) parts.push(`the theme taken off ${result.removed} highlight${result.removed === 1 ? '' : 's'}`);
      if (result.deleted > 0) parts.push(`${result.deleted} highlight${result.deleted === 1 ? '' : 's'} with no other theme deleted`);
      const message = `Deleted ${nameOf(row)}${parts.length > 0 ? `: ${parts.join('; ')}` : ''}.`;
      say(message);
      await context.onChanged(message);
    } catch (error) {
      say(errorMessage(error), true);
    }
  };

  function addRow(): void {
    // The first palette colour no theme has yet, so a new theme does not start out sharing one.
    const used = new Set(rows.map((r) => r.colour.toLowerCase()));
    const colour = (PALETTE.find((p) => !used.has(p.colour)) ?? PALETTE[rows.length % PALETTE.length]!).colour;
    const row: Row = { key: nextKey++, label: '', colour, description: '' };
    rows = [...rows, row];
    render(row.key, 'label');
    say('New theme added at the end of the list.');
  }

  async function saveAll(): Promise<void> {
    const taken = new Set(rows.flatMap((r) => (r.id ? [r.id] : [])));
    for (const t of saved) taken.add(t.id);
    const idOf = new Map<number, string>();
    for (const row of rows) {
      const id = row.id ?? themeIdFor(row.label.trim(), taken);
      taken.add(id);
      idOf.set(row.key, id);
    }
    const codebook: ThemeInput[] = rows.map((row) => ({
      id: idOf.get(row.key)!,
      label: row.label,
      colour: row.colour,
      description: row.description,
      ...(row.cue ? { cue: row.cue } : {}),
      ...(row.parent !== undefined ? { parent: idOf.get(row.parent)! } : {}),
    }));
    save.disabled = true;
    try {
      await context.host.updateCodebook({ codebook, documentId: context.documentId });
      dialog.close();
      await context.onChanged('Codebook saved.');
    } catch (error) {
      say(errorMessage(error), true);
    } finally {
      save.disabled = false;
    }
  }

  render();
  document.body.append(dialog);
  open(dialog, { removeOnClose: true });
}
