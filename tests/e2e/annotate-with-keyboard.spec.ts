// A reader codes the article with the keyboard alone: caret, Shift+arrows, theme keys, Enter, the sidebar, undo and a restart.
import type { Page } from '@playwright/test';
import { article, expect, expectSaved, highlightText, highlights, openGloss, sidebar, startGloss, test } from './gloss';

/** Presses Tab until the article has focus, as a keyboard user would; fails after 20 presses. */
async function tabToArticle(page: Page): Promise<void> {
  for (let i = 0; i < 20; i += 1) {
    await page.keyboard.press('Tab');
    if (await article(page).evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error('Tab never reached the article');
}

/**
 * Presses a key and lets the page settle for a frame, as a person's pace would: the editor learns
 * of caret moves from the asynchronous selectionchange event.
 */
async function press(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/** The paragraph index (0 = title) and the caret's offset inside it. */
async function caret(page: Page): Promise<{ block: number; offset: number }> {
  return page.evaluate(() => {
    const selection = window.getSelection()!;
    const blocks = [...document.querySelectorAll('.ProseMirror > h1, .ProseMirror > p')];
    const node = selection.focusNode!;
    const block = blocks.findIndex((b) => b.contains(node));
    const range = document.createRange();
    range.selectNodeContents(blocks[block]!);
    range.setEnd(node, selection.focusOffset);
    return { block, offset: range.toString().length };
  });
}

async function ids(page: Page): Promise<string[]> {
  return [...new Set(await highlights(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-annotation-id')!)))];
}

test('codes passages, edits themes and notes, deletes and undoes with the keyboard only, and keeps it all over a restart', async ({
  page,
  gloss,
  dataDir,
}, testInfo) => {
  await openGloss(page, gloss);
  await tabToArticle(page);

  // Move the caret down into the first paragraph, to its start.
  for (let i = 0; i < 10 && (await caret(page)).block < 1; i += 1) await press(page, 'ArrowDown');
  await press(page, 'Home');
  expect(await caret(page)).toEqual({ block: 1, offset: 0 });

  // Shift+Ctrl+Right four times selects "China and Canada are"; key 1 tags it Trade.
  for (let i = 0; i < 4; i += 1) await press(page, 'Control+Shift+ArrowRight');
  await page.keyboard.press('1');
  await expect(highlights(page)).toHaveCount(1);
  const [first] = await ids(page);
  expect(await highlightText(page, first!)).toBe('China and Canada are');
  await expect(highlights(page).first()).toHaveAttribute('data-themes', 'trade');
  await expect(page.locator('#announcer')).toHaveText('Highlighted as Trade.');

  // Continue: select the next characters with Shift+ArrowRight and tag them Diplomacy with key 3.
  await press(page, 'ArrowRight');
  for (let i = 0; i < 'actively working'.length; i += 1) await press(page, 'Shift+ArrowRight');
  await page.keyboard.press('3');
  await expect.poll(async () => (await ids(page)).length).toBe(2);
  const second = (await ids(page)).find((id) => id !== first)!;
  expect(await highlightText(page, second)).toBe('actively working');

  // The caret sits at the end of the new highlight: Enter opens it in the sidebar with focus on its themes.
  await page.keyboard.press('Enter');
  const detail = sidebar(page).getByRole('region', { name: 'Highlight' });
  await expect(detail.locator('blockquote')).toHaveText('actively working');
  await expect(detail.getByRole('checkbox', { name: 'Trade' })).toBeFocused();
  // Space on Trade adds it; Tab to Security, Space adds that; key-free note writing in the textarea.
  await page.keyboard.press('Space');
  await expect(page.locator(`[data-annotation-id="${second}"]`).first()).toHaveAttribute('data-themes', 'diplomacy trade');
  await page.keyboard.press('Tab');
  await expect(detail.getByRole('checkbox', { name: 'Security' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.locator(`[data-annotation-id="${second}"]`).first()).toHaveAttribute('data-themes', 'diplomacy trade security');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(detail.getByLabel('Note')).toBeFocused();
  await page.keyboard.type('First line of a note.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Second line & <script>alert(1)</script>');
  await expectSaved(page);

  // Escape closes the panel and returns to the article; Ctrl+Z undoes the last annotation change (the note).
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await expect(article(page)).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(page.locator('#announcer')).toHaveText('Undone: Note changed.');
  await page.keyboard.press('Control+z');
  await expect(page.locator(`[data-annotation-id="${second}"]`).first()).toHaveAttribute('data-themes', 'diplomacy trade');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator(`[data-annotation-id="${second}"]`).first()).toHaveAttribute('data-themes', 'diplomacy trade security');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('#announcer')).toHaveText('Redone: Note changed.');

  // The sidebar's entries are reachable by Tab and open with Enter.
  const entries = sidebar(page).getByRole('link');
  await expect(entries).toHaveCount(2);
  await entries.nth(1).focus();
  await page.keyboard.press('Enter');
  await expect(detail.locator('blockquote')).toHaveText('actively working');
  await expect(detail.getByLabel('Note')).toHaveValue('First line of a note.\nSecond line & <script>alert(1)</script>');

  // Delete the first highlight from the keyboard: Enter on it in the article, Tab to Delete.
  await page.keyboard.press('Escape');
  await press(page, 'Control+Home');
  for (let i = 0; i < 10 && (await caret(page)).block < 1; i += 1) await press(page, 'ArrowDown');
  await press(page, 'Home');
  await press(page, 'ArrowRight');
  await page.keyboard.press('Enter');
  await expect(detail.locator('blockquote')).toHaveText('China and Canada are');
  await detail.getByRole('button', { name: 'Delete highlight' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await ids(page)).length).toBe(1);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await ids(page)).length).toBe(2);
  await expectSaved(page);
  await testInfo.attach('keyboard session', { body: await page.screenshot(), contentType: 'image/png' });

  // Restart: both highlights, themes and the note are back.
  await gloss.stop();
  const again = await startGloss(dataDir);
  try {
    await openGloss(page, again);
    expect((await ids(page)).sort()).toEqual([first, second].sort());
    await expect(page.locator(`[data-annotation-id="${second}"]`).first()).toHaveAttribute('data-themes', 'diplomacy trade security');
    await tabToArticle(page);
    for (let i = 0; i < 10 && (await caret(page)).block < 1; i += 1) await press(page, 'ArrowDown');
    await press(page, 'Home');
    await press(page, 'ArrowRight');
    await page.keyboard.press('Enter');
    await expect(detail.locator('blockquote')).toHaveText('China and Canada are');
    await page.keyboard.press('Escape');
    await sidebar(page).getByRole('link').nth(1).focus();
    await page.keyboard.press('Enter');
    await expect(detail.getByLabel('Note')).toHaveValue('First line of a note.\nSecond line & <script>alert(1)</script>');
  } finally {
    await again.stop();
  }
});
