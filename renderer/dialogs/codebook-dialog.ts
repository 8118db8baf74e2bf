// The Codebook dialog: the themes as a tree (codebook-tree-view.ts: reorder, nest and rename by keyboard
// or by dragging) beside the selected theme's details (codebook-tree-details.ts: colour from an
// accessible palette, contrast checked, underline style, key, description). Edits are saved together as
// one codebook (one undo step); deleting a theme asks what becomes of its highlights and happens at once
// (its own undo step).
import { errorMessage } from '../../annotations/errors';
import { CUES, PALETTE, themeIdFor, type Codebook } from '../../annotations/codebook';
import { treeOrder } from '../../annotations/codebook-tree';
import type { GlossHost, ThemeInput } from '../../annotations/contract';
import { button, h } from '../ui/dom';
import { build, closer, open } from './dialog';
import { askHowToDelete } from './delete-theme-dialog';
import { ThemeDetails } from './codebook-tree-details';
import { nameOf, ThemeTree, type ThemeRow } from './codebook-tree-view';

/** What the dialog needs from the window. */
export interface CodebookContext {
  host: GlossHost;
  /** The document open in the reader: its undo history records the change. */
  documentId: string;
  codebook: Codebook;
  /** Called after the host changed the codebook (saved, or a theme deleted); the window reloads it. */
  onChanged(message: string): Promise<void>;
}

/** Opens the dialog on the current codebook. */
export function showCodebookDialog(context: CodebookContext): void {
  const status = h('p', {
    props: { className: 'codebook-status', id: 'codebook-status' },
    attrs: { role: 'status', 'aria-live': 'polite' },
  });
  const say = (message: string, error = false): void => {
    status.textContent = message;
    status.classList.toggle('is-error', error);
  };

  let nextKey = 0;
  let saved = context.codebook;
  const keyOf = new Map(saved.map((theme) => [theme.id, nextKey++]));
  const initial: ThemeRow[] = treeOrder(
    saved.map((theme) => ({
      key: keyOf.get(theme.id)!,
      id: theme.id,
      label: theme.label,
      colour: theme.colour,
      description: theme.description,
      cue: theme.cue,
      ...(theme.parent && keyOf.has(theme.parent) ? { parent: keyOf.get(theme.parent)! } : {}),
    })),
  );

  const details = new ThemeDetails(() => tree.all, {
    changed: (row) => tree.refresh(row),
    remove: (row) => void deleteRow(row),
  });
  const tree: ThemeTree = new ThemeTree(initial, {
    selected: (row) => details.show(row),
    say,
    remove: (row) => void deleteRow(row),
  });

  const add = button('Add theme', () => addRow(), { props: { id: 'codebook-add' } });
  const treeButtons = h(
    'div',
    { props: { className: 'codebook-tree-buttons' }, attrs: { role: 'group', 'aria-label': 'Selected theme' } },
    ...(
      [
        ['Move up', 'Alt+Up', 'Alt+ArrowUp', () => tree.move(-1)],
        ['Move down', 'Alt+Down', 'Alt+ArrowDown', () => tree.move(1)],
        ['Nest', 'Alt+Right', 'Alt+ArrowRight', () => tree.nest()],
        ['Lift out', 'Alt+Left', 'Alt+ArrowLeft', () => tree.lift()],
        ['Rename', 'F2', 'F2', () => tree.rename(tree.selected.key)],
      ] as const
    ).map(([text, keys, aria, run]) => button(text, run, { props: { title: `${text} (${keys})` }, attrs: { 'aria-keyshortcuts': aria } })),
  );
  const help = h(
    'p',
    { props: { className: 'codebook-help', id: 'codebook-help' } },
    'Arrow keys move in the tree; Alt+Up and Alt+Down reorder, Alt+Right nests under the theme above, Alt+Left lifts out; F2 renames; or drag a theme with the mouse.',
  );
  tree.element.setAttribute('aria-describedby', help.id);
  const save = button('Save codebook', () => void saveAll(), { props: { id: 'codebook-save' } });
  const { dialog } = build({
    id: 'codebook-dialog',
    className: 'codebook-dialog',
    title: 'Codebook',
    description:
      'Keys 1 to 9 apply the first nine themes, in this order. A sub-theme counts toward its parent in the counts and filters, and when exporting by theme.',
    body: [
      h('div', 'codebook-panes', h('div', 'codebook-tree-pane', tree.element, treeButtons, h('p', null, add), help), details.element),
      status,
    ],
    actions: [closer('Cancel', 'codebook-cancel'), save],
  });

  const deleteRow = async (row: ThemeRow): Promise<void> => {
    if (tree.all.length === 1) {
      say('The codebook needs at least one theme.', true);
      return;
    }
    const forget = (): void => {
      // Its sub-themes stay, at the top level where it was.
      const rows = tree.all.filter((r) => r !== row).map((r) => (r.parent === row.key ? { ...r, parent: undefined } : r));
      tree.replace(treeOrder(rows));
      tree.render(true);
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
    const rows = tree.all;
    // The first palette colour no theme has yet, so a new theme does not start out sharing one.
    const used = new Set(rows.map((r) => r.colour.toLowerCase()));
    const colour = (PALETTE.find((p) => !used.has(p.colour)) ?? PALETTE[rows.length % PALETTE.length]!).colour;
    const taken = new Set(rows.map((r) => r.label.trim().toLocaleLowerCase()));
    let label = 'New theme';
    for (let n = 2; taken.has(label.toLocaleLowerCase()); n += 1) label = `New theme ${n}`;
    const row: ThemeRow = { key: nextKey++, label, colour, description: '', cue: CUES[rows.length % CUES.length]! };
    tree.replace([...rows, row], row.key);
    say('New theme added at the end of the list: type its name.');
    // Named in place, as a new item in an outliner is.
    tree.rename(row.key);
  }

  async function saveAll(): Promise<void> {
    const rows = tree.all;
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
      cue: row.cue,
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

  tree.render(false);
  details.show(tree.selected);
  document.body.append(dialog);
  open(dialog, { removeOnClose: true, focus: tree.element.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]') });
}
