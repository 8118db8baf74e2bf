// The Codebook dialog: add, rename, recolour (from an accessible palette, contrast checked), describe,
// nest, reorder and delete themes. Edits are saved together as one codebook (one undo step); deleting a
// theme asks what becomes of its highlights and happens at once (its own undo step).
import { PALETTE, paletteName, shortcutFor, themeIdFor, type Codebook } from '../annotations/codebook';
import type { GlossHost, ThemeInput } from '../annotations/contract';
import { MAX_DESCRIPTION_CHARS, MAX_LABEL_CHARS } from '../annotations/schemas';
import { colourWarning, sameColourWarning } from './codebook-warnings';

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

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const element = Object.assign(document.createElement(tag), props);
  element.append(...children);
  return element;
}

function labelled(text: string, control: HTMLElement, className = 'codebook-field'): HTMLLabelElement {
  // A wrapping label's text includes a select's options; name the select by the visible words alone.
  if (control instanceof HTMLSelectElement) control.setAttribute('aria-label', text);
  return el('label', { className }, el('span', {}, text), control);
}

/** Opens the dialog on the current codebook. */
export function showCodebookDialog(context: CodebookContext): void {
  const dialog = document.getElementById('codebook-dialog') as HTMLDialogElement;
  const list = document.getElementById('codebook-list') as HTMLOListElement;
  const status = document.getElementById('codebook-status')!;
  const add = document.getElementById('codebook-add') as HTMLButtonElement;
  const save = document.getElementById('codebook-save') as HTMLButtonElement;
  const cancel = document.getElementById('codebook-cancel') as HTMLButtonElement;

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
    const item = el('li', { className: row.parent === undefined ? 'codebook-row' : 'codebook-row is-subtheme' });
    item.dataset.row = String(row.key);
    // Screen readers hear the nesting that the indent shows.
    item.setAttribute('aria-level', row.parent === undefined ? '1' : '2');
    const group = el('fieldset', { className: 'codebook-theme' });
    const legend = el('legend', {}, nameOf(row));
    const key = el('span', { className: 'codebook-key' }, index < 9 ? `Key ${shortcutFor(index)}` : 'No key');

    const up = el('button', { type: 'button', textContent: 'Move up', disabled: index === 0 });
    up.dataset.control = 'up';
    up.setAttribute('aria-label', `Move ${nameOf(row)} up`);
    up.addEventListener('click', () => move(row, -1));
    const down = el('button', { type: 'button', textContent: 'Move down', disabled: index === rows.length - 1 });
    down.dataset.control = 'down';
    down.setAttribute('aria-label', `Move ${nameOf(row)} down`);
    down.addEventListener('click', () => move(row, 1));
    const remove = el('button', { type: 'button', className: 'danger', textContent: 'Delete…' });
    remove.dataset.control = 'delete';
    remove.setAttribute('aria-label', `Delete ${nameOf(row)}`);
    remove.addEventListener('click', () => void deleteRow(row));

    const label = el('input', { type: 'text', value: row.label, maxLength: MAX_LABEL_CHARS, required: true });
    label.dataset.control = 'label';
    // Renaming updates every place that names the row in place (no redraw, so focus stays where it is).
    label.addEventListener('input', () => {
      row.label = label.value;
      legend.textContent = nameOf(row);
      up.setAttribute('aria-label', `Move ${nameOf(row)} up`);
      down.setAttribute('aria-label', `Move ${nameOf(row)} down`);
      remove.setAttribute('aria-label', `Delete ${nameOf(row)}`);
      for (const option of list.querySelectorAll<HTMLOptionElement>(`option[data-parent-key="${row.key}"]`)) option.textContent = nameOf(row);
      refreshWarnings();
    });

    const palette = el('select');
    palette.dataset.control = 'palette';
    for (const p of PALETTE) palette.append(el('option', { value: p.colour, textContent: p.name }));
    palette.append(el('option', { value: CUSTOM, textContent: 'Custom colour' }));
    const custom = el('input', { type: 'color', value: row.colour });
    custom.dataset.control = 'custom';
    const warning = el('p', { className: 'codebook-warning', id: `codebook-warning-${row.key}` });
    const clash = el('p', { className: 'codebook-warning', id: `codebook-clash-${row.key}` });
    palette.setAttribute('aria-describedby', `${warning.id} ${clash.id}`);
    custom.setAttribute('aria-describedby', `${warning.id} ${clash.id}`);
    const swatch = el('span', { className: 'codebook-swatch' });
    swatch.setAttribute('aria-hidden', 'true');
    const showWarnings = (): void => {
      warning.textContent = colourWarning(row.colour);
      warning.hidden = warning.textContent === '';
      clash.textContent = sameColourWarning(rows.map((r) => ({ name: nameOf(r), colour: r.colour })), rows.indexOf(row));
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

    const description = el('textarea', { value: row.description, maxLength: MAX_DESCRIPTION_CHARS, rows: 2 });
    description.addEventListener('input', () => (row.description = description.value));

    const hasChildren = rows.some((r) => r.parent === row.key);
    const parent = el('select', { disabled: hasChildren });
    parent.dataset.control = 'parent';
    parent.append(el('option', { value: '', textContent: hasChildren ? 'None (it has sub-themes)' : 'None (top level)' }));
    for (const other of rows) {
      if (other === row || other.parent !== undefined) continue;
      const option = el('option', { value: String(other.key), textContent: nameOf(other) });
      option.dataset.parentKey = String(other.key);
      parent.append(option);
    }
    parent.value = row.parent === undefined ? '' : String(row.parent);
    parent.addEventListener('change', () => {
      row.parent = parent.value === '' ? undefined : Number(parent.value);
      render(row.key, 'parent');
    });

    group.append(
      legend,
      el('div', { className: 'codebook-line' }, key, labelled('Label', label), labelled('Colour', palette), labelled('Custom colour', custom), swatch),
      warning,
      clash,
      labelled('Description', description, 'codebook-field codebook-description'),
      el('div', { className: 'codebook-line' }, labelled('Sub-theme of', parent), up, down, remove),
    );
    item.append(group);
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
      const result = await context.host.deleteTheme({ id: row.id, documentId: context.documentId, ...(choice.moveTo ? { moveTo: choice.moveTo } : {}) });
      saved = result.codebook;
      forget();
      const target = choice.moveTo ? saved.find((t) => t.id === choice.moveTo)?.label ?? choice.moveTo : '';
      const parts: string[] = [];
      if (result.moved > 0) parts.push(`${result.moved} highlight${result.moved === 1 ? '' : 's'} moved to ${target}`);
      if (result.removed > 0) parts.push(`the theme taken off ${result.removed} highlight${result.removed === 1 ? '' : 's'}`);
      if (result.deleted > 0) parts.push(`${result.deleted} highlight${result.deleted === 1 ? '' : 's'} with no other theme deleted`);
      const message = `Deleted ${nameOf(row)}${parts.length > 0 ? `: ${parts.join('; ')}` : ''}.`;
      say(message);
      await context.onChanged(message);
    } catch (error) {
      say((error as Error).message, true);
    }
  };

  add.onclick = () => {
    // The first palette colour no theme has yet, so a new theme does not start out sharing one.
    const used = new Set(rows.map((r) => r.colour.toLowerCase()));
    const colour = (PALETTE.find((p) => !used.has(p.colour)) ?? PALETTE[rows.length % PALETTE.length]!).colour;
    const row: Row = { key: nextKey++, label: '', colour, description: '' };
    rows = [...rows, row];
    render(row.key, 'label');
    say('New theme added at the end of the list.');
  };

  cancel.onclick = () => dialog.close();

  save.onclick = async () => {
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
      say((error as Error).message, true);
    } finally {
      save.disabled = false;
    }
  };

  say('');
  render();
  dialog.showModal();
  list.querySelector<HTMLElement>('[data-control="label"]')?.focus();
}

/** Asks how to delete a theme: move its highlights to another theme, or take the theme off them. Null: cancelled. */
function askHowToDelete(id: string, codebook: Codebook): Promise<{ moveTo?: string } | null> {
  const dialog = document.getElementById('delete-theme-dialog') as HTMLDialogElement;
  const text = document.getElementById('delete-theme-text')!;
  const target = document.getElementById('delete-theme-target') as HTMLSelectElement;
  const move = document.getElementById('delete-theme-move') as HTMLInputElement;
  const confirm = document.getElementById('delete-theme-confirm') as HTMLButtonElement;
  const cancel = document.getElementById('delete-theme-cancel') as HTMLButtonElement;
  const theme = codebook.find((t) => t.id === id)!;
  text.textContent = `Delete “${theme.label}” from the codebook. What becomes of its highlights, in every document?`;
  target.replaceChildren(...codebook.filter((t) => t.id !== id).map((t) => el('option', { value: t.id, textContent: t.label })));
  move.checked = true;
  target.disabled = false;
  return new Promise((resolve) => {
    let answer: { moveTo?: string } | null = null;
    for (const radio of dialog.querySelectorAll<HTMLInputElement>('input[name="delete-choice"]')) {
      radio.onchange = () => (target.disabled = !move.checked);
    }
    confirm.onclick = () => {
      answer = move.checked ? { moveTo: target.value } : {};
      dialog.close();
    };
    cancel.onclick = () => dialog.close();
    dialog.addEventListener('close', () => resolve(answer), { once: true });
    dialog.showModal();
    move.focus();
  });
}
