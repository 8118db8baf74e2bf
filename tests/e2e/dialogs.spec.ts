// The one way dialogs behave (renderer/dialogs/dialog.ts): Escape closes the dialog and nothing else,
// focus goes back to what opened it, and a confirmation's no keeps everything.
import {
  article,
  dragSelect,
  expect,
  expectSaved,
  highlights,
  openGloss,
  sidebar,
  test,
  chooseFromMenu,
  chooseFromMenuByKeyboard,
  menuButtonOf,
} from './gloss';

test('closes the Export dialog with Escape and leaves the open highlight open', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  await dragSelect(page, article(page).locator('p').first(), 0, 'China and Canada'.length);
  await page.keyboard.press('1');
  await expectSaved(page);
  const detail = sidebar(page).getByRole('region', { name: 'Highlight' });
  await expect(detail).toBeVisible();
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(detail).toBeVisible();
});

test('gives focus back to the menu button that opened a dialog when it closes', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  for (const [opener, name] of [
    ['Codebook…', 'Codebook'],
    ['Backups…', 'Backups'],
    ['Library…', 'Library'],
  ] as const) {
    const button = menuButtonOf(page, opener);
    await chooseFromMenuByKeyboard(page, opener);
    const dialog = page.getByRole('dialog', { name });
    await expect(dialog).toBeVisible();
    await expect(button).not.toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(button).toBeFocused();
  }
});

test('keeps the document when the question to remove it is answered Keep or Escape, in a dialog named by its heading', async ({
  page,
  gloss,
}) => {
  await openGloss(page, gloss);
  await page
    .locator('#open-input')
    .setInputFiles({ name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('# Notes\n\nSome notes about trade.\n') });
  await expect(article(page).locator('h1')).toHaveText('Notes');
  await dragSelect(page, article(page).locator('p').first(), 0, 'Some notes'.length);
  await page.keyboard.press('1');
  await expectSaved(page);
  await chooseFromMenu(page, 'Library…');
  const library = page.getByRole('dialog', { name: 'Library' });
  const remove = library.getByRole('button', { name: 'Remove Notes' });
  await remove.click();
  const question = page.getByRole('alertdialog', { name: 'Remove document' });
  await expect(question).toHaveAccessibleDescription('Remove “Notes” and its 1 highlight? This cannot be undone.');
  // The safe answer has focus, so Enter alone cannot remove the document.
  await expect(question.getByRole('button', { name: 'Keep' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(question).toBeHidden();
  await expect(library).toBeVisible();
  await expect(remove).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(library).toBeHidden();
  await expect(article(page).locator('h1')).toHaveText('Notes');
  await expect(highlights(page)).toHaveCount(1);
});
