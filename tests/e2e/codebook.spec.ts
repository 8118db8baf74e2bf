// A reader edits the codebook: adds a theme from the palette, renames, nests, reorders, uses the new key,
// deletes a theme moving its highlights, undoes it, and undoes again after a restart.
import { article, dragSelect, expect, expectSaved, highlights, openGloss, startGloss, test, chooseFromMenu } from './gloss';

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

  // Add "Human rights" with a palette colour.
  await dialog.getByRole('button', { name: 'Add theme' }).click();
  await expect(dialog.getByRole('group', { name: 'New theme' }).getByLabel('Label')).toBeFocused();
  await page.keyboard.type('Human rights');
  const human = dialog.getByRole('group', { name: 'Human rights' });
  await human.getByLabel('Colour', { exact: true }).selectOption({ label: 'Purple' });
  await expect(human.getByLabel('Custom colour')).toHaveValue('#8e4ec6');

  // Rename Trade; add Tariffs as its sub-theme.
  await dialog.getByRole('group', { name: 'Trade', exact: true }).getByLabel('Label').fill('Trade & tariffs');
  await dialog.getByRole('group', { name: 'Trade & tariffs' }).getByLabel('Description').click();
  await dialog.getByRole('button', { name: 'Add theme' }).click();
  await page.keyboard.type('Tariffs');
  await page.keyboard.press('Tab');
  const tariffs = dialog.getByRole('group', { name: 'Tariffs', exact: true });
  await tariffs.getByLabel('Sub-theme of').selectOption({ label: 'Trade & tariffs' });
  // A custom colour whose underline is too faint is flagged.
  await tariffs.getByLabel('Custom colour').fill('#fff2a8');
  await expect(tariffs.getByText(/Hard to see/)).toBeVisible();
  await tariffs.getByLabel('Colour', { exact: true }).selectOption({ label: 'Amber' });
  await expect(tariffs.getByText(/Hard to see/)).toBeHidden();

  // Reorder: Human rights to the top (key 1), with the keyboard on its Move up button.
  for (let i = 0; i < 3; i += 1) {
    await dialog.getByRole('button', { name: 'Move Human rights up' }).focus();
    await page.keyboard.press('Enter');
  }
  await expect(dialog.getByRole('group', { name: 'Human rights' })).toContainText('Key 1');
  await testInfo.attach('codebook dialog', { body: await page.screenshot(), contentType: 'image/png' });
  await dialog.getByRole('button', { name: 'Save codebook' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('#announcer')).toHaveText('Codebook saved.');
  const toolbar = page.getByRole('group', { name: 'Apply a theme to the selection' }).getByRole('button');
  await expect(toolbar).toHaveText(['Human rights', 'Trade & tariffs', 'Security', 'Diplomacy', 'Tariffs']);

  // The new theme's key applies it.
  await dragSelect(page, third, 'Trade issues remain a '.length, 'Trade issues remain a central challenge'.length);
  await page.keyboard.press('1');
  await expect(page.locator('.ProseMirror [data-themes="human-rights"]')).toHaveCount(1);
  await expectSaved(page);

  // Delete Security, moving its highlights to Diplomacy.
  await chooseFromMenu(page, 'Codebook…');
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
    await expect(toolbar).toHaveText(['Human rights', 'Trade & tariffs', 'Security', 'Diplomacy', 'Tariffs']);
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
    const select = dialog.getByRole('group', { name: theme, exact: true }).getByLabel('Colour', { exact: true });
    await expect(select.locator('option:checked')).toHaveText(colour);
  }
  await expect(dialog.locator('.codebook-warning:visible')).toHaveCount(0);

  // A sub-theme is indented under the themes, and screen readers hear its level.
  await dialog.getByRole('button', { name: 'Add theme' }).click();
  await page.keyboard.type('Tariffs');
  const tariffs = dialog.getByRole('group', { name: 'Tariffs', exact: true });
  await tariffs.getByLabel('Sub-theme of').selectOption({ label: 'Trade' });
  const row = dialog.locator('li.codebook-row').filter({ has: page.getByRole('group', { name: 'Tariffs', exact: true }) });
  await expect(row).toHaveAttribute('aria-level', '2');
  const trade = dialog.getByRole('group', { name: 'Trade', exact: true });
  const left = async (l: typeof trade) => (await l.boundingBox())!.x;
  expect(await left(tariffs)).toBeGreaterThanOrEqual((await left(trade)) + 24);

  // The same colour as another theme is flagged on both, naming the other.
  await tariffs.getByLabel('Colour', { exact: true }).selectOption({ label: 'Amber' });
  await expect(tariffs.getByText('Same colour as “Trade”: pick another so their highlights can be told apart.')).toBeVisible();
  await expect(trade.getByText('Same colour as “Tariffs”: pick another so their highlights can be told apart.')).toBeVisible();
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
  await page.keyboard.press('4');
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
