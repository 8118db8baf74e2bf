// A whole session with the keyboard alone: open a document, code five passages, find and code a match, undo,
// walk the highlights with n / p, read the shortcuts, edit the codebook, and export a report. No pointer event is ever fired.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { article, expect, expectSaved, highlights, highlightText, openGloss, sidebar, test } from './gloss';

const DOCUMENT = [
  'Harbour Notes',
  '',
  'Tariffs on steel rose again this spring.',
  '',
  'Naval patrols increased near the strait.',
  '',
  'Envoys met quietly in Geneva last week.',
  '',
  'Grain exports fell by a tenth.',
  '',
  'Border guards were placed on alert.',
  '',
  'The treaty draft mentions fisheries twice, and fisheries matter.',
  '',
].join('\n');

/** Presses a key and lets the page settle for a frame (the editor learns of caret moves asynchronously). */
async function press(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/** Presses Tab until `selector` has focus; fails after 40 presses. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 40; i += 1) {
    if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return;
    await press(page, 'Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The block index (0 = title) the caret is in. */
async function caretBlock(page: Page): Promise<number> {
  return page.evaluate(() => {
    const node = window.getSelection()!.focusNode!;
    return [...document.querySelectorAll('.ProseMirror > *')].findIndex((b) => b.contains(node));
  });
}

async function ids(page: Page): Promise<string[]> {
  return [...new Set(await highlights(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-annotation-id')!)))];
}

test('opens, codes, finds, undoes, navigates and exports with the keyboard alone', async ({ page, gloss }, testInfo) => {
  await openGloss(page, gloss);
  await page.evaluate(() => {
    (window as unknown as { pointerEvents: number }).pointerEvents = 0;
    for (const type of ['pointerdown', 'mousedown']) {
      document.addEventListener(type, () => ((window as unknown as { pointerEvents: number }).pointerEvents += 1), true);
    }
  });

  // Open…: Tab to the File menu, Enter opens it on Open…, Enter chooses it; pick the file in the chooser.
  await tabTo(page, '#file-menu-button');
  await press(page, 'Enter');
  await expect(page.locator('#open-button')).toBeFocused();
  const chooser = page.waitForEvent('filechooser');
  await press(page, 'Enter');
  await (await chooser).setFiles({ name: 'harbour-notes.txt', mimeType: 'text/plain', buffer: Buffer.from(DOCUMENT) });
  await expect(article(page).locator('h1')).toHaveText('Harbour Notes');
  await expect(page.locator('#announcer')).toHaveText('Opened Harbour Notes.');

  // Code five passages: the first two words of paragraphs 1-5, with keys 1, 2, 3, 1, 2.
  await tabTo(page, '.ProseMirror');
  const keys = ['1', '2', '3', '1', '2'];
  const expected = ['Tariffs on', 'Naval patrols', 'Envoys met', 'Grain exports', 'Border guards'];
  for (let i = 0; i < keys.length; i += 1) {
    for (let n = 0; n < 10 && (await caretBlock(page)) < i + 1; n += 1) await press(page, 'ArrowDown');
    await press(page, 'Home');
    await press(page, 'Control+Shift+ArrowRight');
    await press(page, 'Control+Shift+ArrowRight');
    await press(page, keys[i]!);
    await expect.poll(async () => (await ids(page)).length).toBe(i + 1);
  }
  await expectSaved(page);
  const coded = await ids(page);
  expect(await Promise.all(coded.map((id) => highlightText(page, id)))).toEqual(expected);

  // Find "fisheries": two matches; Enter goes to the second; Escape leaves it selected; 3 codes it.
  await press(page, 'Control+f');
  await expect(page.getByRole('searchbox', { name: 'Find' })).toBeFocused();
  await page.keyboard.type('fisheries');
  await expect(page.locator('#find-status')).toHaveText(/^1 of 2$/);
  await press(page, 'Enter');
  await expect(page.locator('#find-status')).toHaveText('2 of 2');
  await press(page, 'Escape');
  await expect(article(page)).toBeFocused();
  await expect(page.locator('.find-match')).toHaveCount(0);
  await press(page, '3');
  await expect.poll(async () => (await ids(page)).length).toBe(6);
  const found = (await ids(page)).find((id) => !coded.includes(id))!;
  expect(await highlightText(page, found)).toBe('fisheries');
  await expect(page.locator('#announcer')).toHaveText('Highlighted as Diplomacy.');
  // It is the second "fisheries", the one Enter moved to.
  const before = await page.locator(`.ProseMirror [data-annotation-id="${found}"]`).evaluate((mark) => {
    const range = document.createRange();
    range.selectNodeContents(mark.closest('p')!);
    range.setEndBefore(mark);
    return range.toString();
  });
  expect(before).toBe('The treaty draft mentions fisheries twice, and ');

  // Undo takes the found highlight away again.
  await press(page, 'Control+z');
  await expect.poll(async () => (await ids(page)).length).toBe(5);
  await expect(page.locator('#announcer')).toHaveText('Undone: Highlight added.');

  // n / p walk the highlights and say their themes; Enter opens one, Escape closes it.
  await press(page, 'Control+Home');
  await press(page, 'n');
  await expect(page.locator('#announcer')).toHaveText('Highlight 1 of 5: Trade.');
  await press(page, 'n');
  await expect(page.locator('#announcer')).toHaveText('Highlight 2 of 5: Security.');
  await press(page, 'p');
  await expect(page.locator('#announcer')).toHaveText('Highlight 1 of 5: Trade.');
  await press(page, 'p');
  await expect(page.locator('#announcer')).toHaveText('Highlight 5 of 5: Security.');
  await press(page, 'Enter');
  await expect(sidebar(page).locator('#detail-quote')).toHaveText('Border guards');
  await press(page, 'Escape');
  await expect(page.locator('#detail')).toBeHidden();
  await expect(article(page)).toBeFocused();

  // The shortcuts sheet opens with ? and closes with Escape.
  await press(page, '?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Move to the next highlight');
  await press(page, 'Escape');
  await expect(sheet).toBeHidden();

  // Edit the codebook: Tab to the Tools menu, Enter on its first item, Codebook…; add a theme (focus lands in its label), type its name, save;
  // its key is 4, so it codes the caret's next passage at once.
  await tabTo(page, '#tools-menu-button');
  await press(page, 'Enter');
  await expect(page.locator('#codebook-button')).toBeFocused();
  await press(page, 'Enter');
  const codebook = page.getByRole('dialog', { name: 'Codebook' });
  await expect(codebook).toBeVisible();
  await tabTo(page, '#codebook-add');
  await press(page, 'Enter');
  await page.keyboard.type('Fisheries');
  await tabTo(page, '#codebook-save');
  await press(page, 'Enter');
  await expect(codebook).toBeHidden();
  await expect(page.getByRole('button', { name: 'Fisheries', exact: true })).toBeVisible();
  await tabTo(page, '.ProseMirror');
  await press(page, 'Control+End');
  for (let i = 0; i < 'fisheries matter.'.length; i += 1) await press(page, 'Shift+ArrowLeft');
  await press(page, '4');
  await expect(page.locator('.ProseMirror [data-themes="fisheries"]')).toHaveCount(1);
  await expectSaved(page);

  // Export with Ctrl+E: Markdown by arrow keys in the format group, Tab to Export, Enter.
  await press(page, 'Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  await tabTo(page, '#export-dialog input[value="html"]');
  await press(page, 'ArrowDown');
  await press(page, 'ArrowDown');
  await expect(dialog.getByRole('radio', { name: 'Markdown' })).toBeChecked();
  await tabTo(page, '#export-submit');
  const downloaded = page.waitForEvent('download');
  await press(page, 'Enter');
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/\.md$/);
  const markdown = await readFile((await download.path())!, 'utf8');
  for (const quote of expected) expect(markdown).toContain(quote);
  await expect(dialog).toBeHidden();

  expect(await page.evaluate(() => (window as unknown as { pointerEvents: number }).pointerEvents)).toBe(0);
  await testInfo.attach('keyboard-only session', { body: await page.screenshot(), contentType: 'image/png' });
});
