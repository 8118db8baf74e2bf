// Every view and dialog passes axe-core's WCAG 2.2 AA rules, in the light and the dark appearance.
import type { Page } from '@playwright/test';
import { expectNoViolations } from './axe';
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
} from './gloss';

/** Three highlights: one per theme, the last with two themes and a note. */
async function codeSomePassages(page: Page): Promise<void> {
  const paragraphs = article(page).locator('p');
  await dragSelect(page, paragraphs.nth(0), 0, 20);
  await page.keyboard.press('1');
  await expect(highlights(page)).toHaveCount(1);
  await dragSelect(page, paragraphs.nth(1), 0, 30);
  await page.keyboard.press('2');
  await expect(highlights(page)).toHaveCount(2);
  await dragSelect(page, paragraphs.nth(2), 0, 25);
  await page.keyboard.press('3');
  await expect(highlights(page)).toHaveCount(3);
  await page.keyboard.press('1');
  await expect(highlights(page).nth(2)).toHaveAttribute('data-themes', 'diplomacy trade');
  await expectSaved(page);
}

for (const appearance of ['light', 'dark'] as const) {
  test.describe(`${appearance} appearance`, () => {
    test.use({ colorScheme: appearance });

    test('the main view, the detail panel, the find bar and every dialog have no axe violations', async ({ page, gloss }) => {
      await openGloss(page, gloss);
      await codeSomePassages(page);
      // The list's search and flags in use, then cleared.
      await sidebar(page).getByLabel('Commented').check();
      await sidebar(page).getByLabel('Commented').uncheck();
      await page.keyboard.press('Escape');
      await expect(page.locator('#detail')).toBeHidden();
      await expectNoViolations(page, 'the main view with highlights');

      await article(page).focus();
      await page.keyboard.press('n');
      await page.keyboard.press('Enter');
      await expect(page.locator('#detail')).toBeVisible();
      await page.locator('#detail-note').fill('A note with some words.');
      await expectSaved(page);
      await expectNoViolations(page, 'the detail panel');
      await page.keyboard.press('Escape');

      await page.keyboard.press('Control+f');
      await page.keyboard.type('canada');
      await expect(page.locator('#find-status')).toHaveText(/^\d+ of \d+$/);
      await expectNoViolations(page, 'the find bar');
      await page.keyboard.press('Escape');

      await page.keyboard.press('?');
      await expect(page.locator('#shortcuts-dialog')).toBeVisible();
      await expectNoViolations(page, 'the shortcuts sheet');
      await page.keyboard.press('Escape');
      await expect(page.locator('#shortcuts-dialog')).toBeHidden();

      await page.keyboard.press('Control+e');
      await expect(page.locator('#export-dialog')).toBeVisible();
      await expectNoViolations(page, 'the Export dialog');
      await page.keyboard.press('Escape');
      await expect(page.locator('#export-dialog')).toBeHidden();

      await chooseFromMenuByKeyboard(page, 'Backups…');
      await expect(page.locator('#backups-dialog')).toBeVisible();
      await expectNoViolations(page, 'the Backups dialog');
      await page.keyboard.press('Escape');
      await expect(page.locator('#backups-dialog')).toBeHidden();

      await chooseFromMenuByKeyboard(page, 'View…');
      await expect(page.locator('#view-dialog')).toBeVisible();
      await expectNoViolations(page, 'the View dialog');
      await page.keyboard.press('Escape');

      await chooseFromMenu(page, 'Codebook…');
      await expect(page.locator('#codebook-dialog')).toBeVisible();
      await expectNoViolations(page, 'the Codebook dialog');
      await page
        .locator('#codebook-dialog')
        .getByRole('button', { name: /^Delete/ })
        .first()
        .click();
      await expect(page.locator('#delete-theme-dialog')).toBeVisible();
      await expectNoViolations(page, 'the Delete theme dialog');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await expect(page.locator('#codebook-dialog')).toBeHidden();

      await chooseFromMenu(page, 'Library…');
      await expect(page.getByRole('dialog', { name: 'Library' })).toBeVisible();
      await expectNoViolations(page, 'the Library dialog');
      await page.keyboard.press('Escape');
    });
  });
}

test('the appearance chosen in View overrides the system and has no axe violations either way', async ({ page, gloss }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openGloss(page, gloss);
  await codeSomePassages(page);
  await chooseFromMenu(page, 'View…');
  await page.getByRole('radio', { name: 'Dark' }).check();
  await page.locator('#view-close').click();
  await expect(page.locator('html')).toHaveClass(/theme-dark/);
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(dark).toBe('rgb(27, 28, 30)');
  await expectNoViolations(page, 'dark chosen on a light system');

  // Remembered over a reload.
  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('html')).toHaveClass(/theme-dark/);

  await page.emulateMedia({ colorScheme: 'dark' });
  await chooseFromMenu(page, 'View…');
  await page.getByRole('radio', { name: 'Light' }).check();
  await page.locator('#view-close').click();
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(251, 250, 247)');
  await expectNoViolations(page, 'light chosen on a dark system');
});
