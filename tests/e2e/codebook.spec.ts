// A reader edits the codebook, a tree of themes: adds a theme from the palette, renames it in place, nests
// and reorders by keyboard and by dragging, uses the new key, deletes a theme moving its highlights, undoes
// it, and undoes again after a restart; the saved order is the toolbar's and the sidebar's after a reload.
import type { Locator, Page } from '@playwright/test';
import { expectNoViolations } from './axe';
import { article, dragSelect, expect, expectSaved, highlights, openGloss, sidebar, snap, startGloss, test, chooseFromMenu } from './gloss';

/** A theme in the Codebook dialog's tree. */
function item(dialog: Locator, name: string): Locator {
  return dialog.getByRole('treeitem', { name, exact: true });
}

/** Clicks a theme's own row in the tree (the middle of a parent's item is its sub-themes). */
async function pick(dialog: Locator, name: string): Promise<void> {
  await item(dialog, name).locator('.codebook-node').first().click();
}

/** Drags a theme with the mouse onto another's upper edge (before), middle (inside) or lower edge (after). */
async function dragTheme(page: Page, from: Locator, to: Locator, place: 'before' | 'inside' | 'after'): Promise<void> {
  const source = (await from.locator('.codebook-node').first().boundingBox())!;
  const target = (await to.locator('.codebook-node').first().boundingBox())!;
  const y = target.y + target.height * { before: 0.1, inside: 0.5, after: 0.9 }[place];
  await page.mouse.move(source.x + 30, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + 30, (source.y + y) / 2, { steps: 4 });
  await page.mouse.move(target.x + 30, y, { steps: 4 });
  await expect(to.locator('.codebook-node').first()).toHaveAttribute('data-drop', place);
  await page.mouse.up();
}

test('edits the codebook, deletes a theme with its highlights moved, and undoes it even after a restart', async ({
  page,
  gloss,
  dataDir,
}, testInfo) => {
  await openGloss(page, gloss);
  const third = article(page).locator('p').nth(2); // "Trade issues remain a central challenge..."
  await dragSelect(page, third, 0, 'Trade issues'.length);
  await page.getByRole('button', { name: 'Security', exact: true }).click();
  await expect(highlights(page)).toHaveCount(1);
  const first = highlights(page).first();
  await expect(first).toHaveAttribute('data-themes', 'security');
  await expectSaved(page);

  // Open the Codebook dialog.
  await chooseFromMenu(page, 'Codebook…');
  const dialog = page.getByRole('dialog', { name: 'Codebook' });
  await expect(dialog).toBeVisible();

  // Add "Human rights" (named in place, in the tree) with a palette colour.
  await dialog.getByRole('button', { name: 'Add theme' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Rename New theme' })).toBeFocused();
  await page.keyboard.type('Human rights');
  await page.keyboard.press('Enter');
  await expect(item(dialog, 'Human rights')).toBeFocused();
  const human = dialog.getByRole('group', { name: 'Human rights' });
  await human.getByLabel('Colour', { exact: true }).selectOption({ label: 'Purple' });
  await expect(human.getByLabel('Custom colour')).toHaveValue('#8e4ec6');

  // Rename Trade in place (F2); add Tariffs and drag it onto Trade, which makes it Trade's sub-theme.
  await pick(dialog, 'Trade');
  await page.keyboard.press('F2');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Trade & tariffs');
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Add theme' }).click();
  await page.keyboard.type('Tariffs');
  await page.keyboard.press('Enter');
  await dragTheme(page, item(dialog, 'Tariffs'), item(dialog, 'Trade & tariffs'), 'inside');
  await expect(item(dialog, 'Tariffs')).toHaveAttribute('aria-level', '2');
  const tariffs = dialog.getByRole('group', { name: 'Tariffs', exact: true });
  // A custom colour whose underline is too faint is flagged.
  await tariffs.getByLabel('Custom colour').fill('#fff2a8');
  await expect(tariffs.getByText(/Hard to see/)).toBeVisible();
  await tariffs.getByLabel('Colour', { exact: true }).selectOption({ label: 'Amber' });
  await expect(tariffs.getByText(/Hard to see/)).toBeHidden();

  // Reorder: Human rights to the top (key 1), with Alt+Up in the tree.
  await pick(dialog, 'Human rights');
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Alt+ArrowUp');
  await expect(item(dialog, 'Human rights')).toBeFocused();
  await expect(dialog.getByRole('group', { name: 'Human rights' })).toContainText('Key 1');
  await testInfo.attach('codebook dialog', { body: await page.screenshot(), contentType: 'image/png' });
  await dialog.getByRole('button', { name: 'Save codebook' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('#announcer')).toHaveText('Codebook saved.');
  const toolbar = page.getByRole('group', { name: 'Apply a theme to the selection' }).getByRole('button');
  await expect(toolbar).toHaveText(['Human rights', 'Trade & tariffs', 'Tariffs', 'Security', 'Diplomacy']);

  // The new theme's key applies it.
  await dragSelect(page, third, 'Trade issues remain a '.length, 'Trade issues remain a central challenge'.length);
  await page.keyboard.press('1');
  await expect(page.locator('.ProseMirror [data-themes="human-rights"]')).toHaveCount(1);
  await expectSaved(page);

  // Delete Security, moving its highlights to Diplomacy.
  await chooseFromMenu(page, 'Codebook…');
  await pick(dialog, 'Security');
  await dialog.getByRole('button', { name: 'Delete Security' }).click();
  const ask = page.getByRole('dialog', { name: 'Delete theme' });
  await expect(ask).toBeVisible();
  await ask.getByLabel('Theme to move them to').selectOption({ label: 'Diplomacy' });
  await ask.getByRole('button', { name: 'Delete theme' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Deleted Security: 1 highlight moved to Diplomacy.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Security', exact: true })).toHaveCount(0);
  await expect(first).toHaveAttribute('data-themes', 'diplomacy');
  await expectSaved(page);

  // Undo brings the theme and its highlight back; redo deletes it again.
  await page.keyboard.press('Control+z');
  await expect(page.locator('#announcer')).toHaveText('Undone: Theme “Security” deleted.');
  await expect(page.getByRole('button', { name: 'Security', exact: true })).toBeVisible();
  await expect(highlights(page).first()).toHaveAttribute('data-themes', 'security');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('#announcer')).toHaveText('Redone: Theme “Security” deleted.');
  await expect(highlights(page).first()).toHaveAttribute('data-themes', 'diplomacy');
  await expectSaved(page);

  // Restart: the history lasted, so Undo still brings Security back.
  await gloss.stop();
  const again = await startGloss(dataDir);
  try {
    await openGloss(page, again);
    await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.locator('#announcer')).toHaveText('Undone: Theme “Security” deleted.');
    await expect(page.getByRole('button', { name: 'Security', exact: true })).toBeVisible();
    await expect(highlights(page).first()).toHaveAttribute('data-themes', 'security');
    await expect(toolbar).toHaveText(['Human rights', 'Trade & tariffs', 'Tariffs', 'Security', 'Diplomacy']);
  } finally {
    await again.stop();
  }
});

test('opens on palette colours that pass the contrast check, indents a sub-theme, warns of a shared colour, and counts a parent with its sub-themes everywhere', async ({
  page,
  gloss,
}) => {
  await openGloss(page, gloss);
  await chooseFromMenu(page, 'Codebook…');
  const dialog = page.getByRole('dialog', { name: 'Codebook' });
  await expect(dialog).toBeVisible();
  // A fresh data folder: every default theme is a named palette colour, and nothing is flagged.
  for (const [theme, colour] of [
    ['Trade', 'Amber'],
    ['Security', 'Brick red'],
    ['Diplomacy', 'Blue'],
  ] as const) {
    await pick(dialog, theme);
    const select = dialog.getByRole('group', { name: theme, exact: true }).getByLabel('Colour', { exact: true });
    await expect(select.locator('option:checked')).toHaveText(colour);
    await expect(dialog.locator('.codebook-warning:visible')).toHaveCount(0);
  }

  // A sub-theme is indented under its parent in the tree, and screen readers hear its level.
  await dialog.getByRole('button', { name: 'Add theme' }).click();
  await page.keyboard.type('Tariffs');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Alt+ArrowUp');
  await page.keyboard.press('Alt+ArrowUp');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(item(dialog, 'Tariffs')).toHaveAttribute('aria-level', '2');
  await expect(item(dialog, 'Trade')).toHaveAttribute('aria-expanded', 'true');
  const left = async (name: string) => (await item(dialog, name).locator('.codebook-node-label').first().boundingBox())!.x;
  expect(await left('Tariffs')).toBeGreaterThanOrEqual((await left('Trade')) + 16);

  // The same colour as another theme is flagged on both, naming the other.
  const tariffs = dialog.getByRole('group', { name: 'Tariffs', exact: true });
  await tariffs.getByLabel('Colour', { exact: true }).selectOption({ label: 'Amber' });
  await expect(tariffs.getByText('Same colour as “Trade”: pick another so their highlights can be told apart.')).toBeVisible();
  await pick(dialog, 'Trade');
  const trade = dialog.getByRole('group', { name: 'Trade', exact: true });
  await expect(trade.getByText('Same colour as “Tariffs”: pick another so their highlights can be told apart.')).toBeVisible();
  await pick(dialog, 'Tariffs');
  await tariffs.getByLabel('Colour', { exact: true }).selectOption({ label: 'Green' });
  await expect(dialog.locator('.codebook-warning:visible')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Save codebook' }).click();
  await expect(dialog).toBeHidden();

  // One highlight of Trade and one of its sub-theme: Trade counts both, in the panel, its filter and the Library.
  const paragraphs = article(page).locator('p');
  await dragSelect(page, paragraphs.nth(0), 0, 12);
  await page.keyboard.press('1');
  await expectSaved(page);
  await page.keyboard.press('Escape');
  await dragSelect(page, paragraphs.nth(2), 0, 12);
  // Tariffs sits under Trade, second in the tree: key 2.
  await page.keyboard.press('2');
  await expectSaved(page);
  await page.keyboard.press('Escape');
  await expect(page.locator('#theme-counts [data-theme="trade"] .theme-count-value')).toHaveText('2');
  await expect(page.locator('#theme-counts [data-theme="tariffs"] .theme-count-value')).toHaveText('1');
  const filter = page.getByLabel('Filter by theme');
  await expect(filter.locator('option[value="trade"]')).toHaveText('Trade (2)');
  await filter.selectOption('trade');
  await expect(page.locator('#entries a')).toHaveCount(2);
  await chooseFromMenu(page, 'Library…');
  const counts = page
    .getByRole('dialog', { name: 'Library' })
    .getByRole('list', { name: /^Highlights per theme in / })
    .first();
  await expect(counts.locator('[data-theme="trade"]')).toHaveText('Trade: 2');
  await expect(counts.locator('[data-theme="tariffs"]')).toHaveText('Tariffs: 1');
});

for (const appearance of ['light', 'dark'] as const) {
  test(`reorders and nests by keyboard and by dragging, renames in place, and the saved order is the toolbar's and the sidebar's after a reload (${appearance})`, async ({
    page,
    gloss,
  }, info) => {
    await page.emulateMedia({ colorScheme: appearance });
    await page.setViewportSize({ width: 1400, height: 900 });
    await openGloss(page, gloss);
    await chooseFromMenu(page, 'Codebook…');
    const dialog = page.getByRole('dialog', { name: 'Codebook' });
    const tree = dialog.getByRole('tree', { name: 'Themes' });
    await expect(item(dialog, 'Trade')).toBeFocused();
    await expectNoViolations(page, `the Codebook tree, ${appearance}`);

    // Arrow keys walk the tree; one tab stop, on the selected theme.
    await page.keyboard.press('ArrowDown');
    await expect(item(dialog, 'Security')).toBeFocused();
    await expect(item(dialog, 'Security')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('End');
    await expect(item(dialog, 'Diplomacy')).toBeFocused();
    await page.keyboard.press('Home');
    await expect(item(dialog, 'Trade')).toBeFocused();
    await expect(tree.locator('[tabindex="0"]')).toHaveCount(1);

    // Keyboard: Diplomacy under Security (Alt+Right), then lifted out again (Alt+Left), then moved first (Alt+Up).
    await page.keyboard.press('End');
    await page.keyboard.press('Alt+ArrowRight');
    await expect(item(dialog, 'Diplomacy')).toHaveAttribute('aria-level', '2');
    await expect(item(dialog, 'Diplomacy')).toBeFocused();
    await expect(dialog.getByRole('status')).toHaveText('Diplomacy is now a sub-theme of Security, number 3 in the list (key 3).');
    await page.keyboard.press('ArrowLeft'); // to its parent
    await expect(item(dialog, 'Security')).toBeFocused();
    await page.keyboard.press('ArrowLeft'); // collapses it
    await expect(item(dialog, 'Security')).toHaveAttribute('aria-expanded', 'false');
    await expect(item(dialog, 'Diplomacy')).toBeHidden();
    await page.keyboard.press('ArrowRight'); // opens it
    await page.keyboard.press('ArrowRight'); // to its first sub-theme
    await expect(item(dialog, 'Diplomacy')).toBeFocused();
    await page.keyboard.press('Alt+ArrowLeft');
    await expect(item(dialog, 'Diplomacy')).toHaveAttribute('aria-level', '1');
    await page.keyboard.press('Alt+ArrowUp');
    await page.keyboard.press('Alt+ArrowUp');
    await expect(tree.locator('.codebook-node-label')).toHaveText(['Diplomacy', 'Trade', 'Security']);
    // A theme cannot go two levels deep: refused, and said so.
    await pick(dialog, 'Trade');
    await page.keyboard.press('Alt+ArrowRight');
    await expect(item(dialog, 'Trade')).toHaveAttribute('aria-level', '2');
    await page.keyboard.press('Alt+ArrowRight');
    await expect(dialog.getByRole('status')).toHaveText('Trade cannot be nested: it is a sub-theme already: themes nest one level deep.');
    await page.keyboard.press('Alt+ArrowLeft');
    await expect(tree.locator('.codebook-node-label')).toHaveText(['Diplomacy', 'Trade', 'Security']);
    await expect(item(dialog, 'Trade')).toHaveAttribute('aria-level', '1');

    // Rename in place: Escape cancels (and leaves the dialog open), Enter keeps.
    await item(dialog, 'Security').focus();
    await page.keyboard.press('F2');
    await page.keyboard.type('Defence');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeVisible();
    await expect(item(dialog, 'Security')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('textbox', { name: 'Rename Security' })).toBeFocused();
    await page.keyboard.type('Defence');
    await page.keyboard.press('Enter');
    await expect(item(dialog, 'Defence')).toBeFocused();
    await expect(dialog.getByRole('group', { name: 'Defence' }).getByLabel('Name')).toHaveValue('Defence');

    // Mouse: Defence dragged out before Diplomacy (top, key 1), then Trade dragged after Diplomacy.
    await dragTheme(page, item(dialog, 'Defence'), item(dialog, 'Diplomacy'), 'before');
    await expect(item(dialog, 'Defence')).toHaveAttribute('aria-level', '1');
    await snap(page, info, `codebook-tree-1400x900-${appearance}`);
    await dragTheme(page, item(dialog, 'Trade'), item(dialog, 'Diplomacy'), 'after');
    await expect(tree.locator('.codebook-node-label')).toHaveText(['Defence', 'Diplomacy', 'Trade']);
    await page.setViewportSize({ width: 1024, height: 700 });
    await pick(dialog, 'Diplomacy');
    await page.keyboard.press('Alt+ArrowRight');
    await expect(tree.locator('.codebook-node-label')).toHaveText(['Defence', 'Diplomacy', 'Trade']);
    await expect(item(dialog, 'Diplomacy')).toHaveAttribute('aria-level', '2');
    await expectNoViolations(page, `the Codebook tree after edits, ${appearance}`);
    await snap(page, info, `codebook-tree-1024x700-${appearance}`);
    await dialog.getByRole('button', { name: 'Save codebook' }).click();
    await expect(dialog).toBeHidden();

    // The saved order, after a reload: the toolbar's buttons and the sidebar's counts and filter.
    await page.reload();
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
    const order = ['Defence', 'Diplomacy', 'Trade'];
    await expect(page.getByRole('group', { name: 'Apply a theme to the selection' }).getByRole('button')).toHaveText(order);
    // The counts name each theme by its id (Defence is Security renamed, so its id stays).
    const counted = await sidebar(page)
      .locator('#theme-counts [data-theme]')
      .evaluateAll((els) => [...new Set(els.map((el) => el.getAttribute('data-theme')))]);
    expect(counted).toEqual(['security', 'diplomacy', 'trade']);
    await expect(sidebar(page).locator('#theme-counts')).toContainText(/Defence.*Diplomacy.*Trade/);
    await expect(sidebar(page).getByLabel('Filter by theme').locator('option[value]:not([value=""])')).toHaveText(
      order.map((name) => new RegExp(`^${name}`)),
    );
    await chooseFromMenu(page, 'Codebook…');
    await expect(tree.locator('.codebook-node-label')).toHaveText(['Defence', 'Diplomacy', 'Trade']);
    await expect(item(dialog, 'Diplomacy')).toHaveAttribute('aria-level', '2');
  });
}
