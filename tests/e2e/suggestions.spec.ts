// Coding the hits of a search in one undoable step, and the suggestions panel: accept, reject and skip by keyboard,
// each suggestion outlined in the article and said; a rejected suggestion is never proposed again, also after a reload.
import type { Page } from '@playwright/test';
import { expectNoViolations } from './axe';
import { article, chooseFromMenu, dragSelect, expect, expectSaved, highlights, openGloss, sidebar, test } from './gloss';

/** The distinct highlights shown (one may be drawn as several elements). */
async function highlightIds(page: Page): Promise<string[]> {
  return [...new Set(await highlights(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-annotation-id')!)))];
}

/** Selects a sentence of the sample with the mouse and codes it with Trade (key 1), as a reader does. */
async function codeWithTrade(page: Page, sentence: string): Promise<void> {
  const block = article(page).locator('p', { hasText: sentence });
  const text = (await block.textContent())!;
  await dragSelect(page, block, text.indexOf(sentence), text.indexOf(sentence) + sentence.length);
  await page.keyboard.press('1');
  await expectSaved(page);
}

const panel = (page: Page) => page.getByRole('dialog', { name: 'Suggestions' });
const shownQuote = (page: Page) => page.locator('#suggest-quote');

/** The outlined passage's text in the article. */
async function outlined(page: Page): Promise<string> {
  return page.locator('.ProseMirror .suggestion-outline').evaluateAll((els) => els.map((e) => e.textContent).join(''));
}

test('previews the hits of a search as sentences, codes the ticked ones with two themes in one step, and one undo takes them all back', async ({
  page,
  gloss,
}) => {
  await openGloss(page, gloss);
  await page.keyboard.press('Control+f');
  await page.getByRole('searchbox', { name: 'Find' }).fill('tariff* OR canola');
  await expect(page.locator('#find-status')).toHaveText(/^1 of \d+$/);
  await page.getByRole('button', { name: 'Code hits…' }).click();

  const dialog = page.getByRole('dialog', { name: 'Code search hits' });
  await expect(dialog).toBeVisible();
  const boxes = dialog.getByRole('list', { name: 'Passages to code' }).getByRole('checkbox');
  await expect(boxes.first()).toBeVisible();
  const count = await boxes.count();
  expect(count).toBeGreaterThan(2);
  await expect(dialog.getByRole('status')).toHaveText(new RegExp(`hits? in ${count} sentences?\\.$`));
  // Each passage is a whole sentence of the article holding a hit.
  const passages = await dialog.locator('.hits-passage').allTextContents();
  for (const p of passages) {
    expect(p).toMatch(/tariff|canola/i);
    expect(p).toMatch(/[.!?”"]$/);
  }
  const apply = dialog.getByRole('button', { name: /^Code \d+ passages?$/ });
  await expect(apply).toBeDisabled();
  await boxes.first().uncheck();
  await dialog.getByRole('group', { name: 'Code with' }).getByRole('checkbox', { name: 'Trade' }).check();
  await dialog.getByRole('group', { name: 'Code with' }).getByRole('checkbox', { name: 'Diplomacy' }).check();
  await expect(apply).toHaveText(`Code ${count - 1} passages`);
  await expectNoViolations(page, 'the preview of search hits');
  await apply.click();
  await expect(dialog).toHaveCount(0);
  await expectSaved(page);

  await expect.poll(async () => (await highlightIds(page)).length).toBe(count - 1);
  const coded = await highlights(page).evaluateAll((els) => els.map((e) => e.textContent).join(' '));
  expect(coded).not.toContain(passages[0]!.slice(0, 40));
  expect(coded).toContain(passages[1]!.slice(0, 40));
  await expect(sidebar(page).getByText('Trade').first()).toBeVisible();
  await expect(page.locator('#announcer')).toHaveText(`Coded ${count - 1} passages with Trade, Diplomacy.`);

  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect.poll(async () => (await highlightIds(page)).length).toBe(0);
  await expect(page.locator('#announcer')).toHaveText(`Undone: ${count - 1} highlights added.`);
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeDisabled();
});

test('steps through suggestions by keyboard: accept codes, reject is stored, skip moves on; a rejected one never comes back', async ({
  page,
  gloss,
}) => {
  await openGloss(page, gloss);
  await codeWithTrade(page, 'Trade issues remain a central challenge in China-Canada relations.');
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+Shift+S');
  await expect(panel(page)).toBeVisible();
  await expect(page.locator('#suggest-position')).toHaveText(/^Trade: suggestion 1 of \d+ · score \d+\.\d\d$/);
  await expect(page.locator('#suggest-why')).toHaveText(/^shares .+ with (\d+ coded passages?|the theme's description)$/);
  const first = (await shownQuote(page).textContent())!;
  expect(await outlined(page)).toBe(first);
  await expect(page.locator('#announcer')).toContainText(first);
  await expectNoViolations(page, 'the suggestions panel');

  await page.keyboard.press('s');
  await expect(shownQuote(page)).not.toHaveText(first);
  const rejected = (await shownQuote(page).textContent())!;
  expect(await outlined(page)).toBe(rejected);

  await page.keyboard.press('r');
  await expect(shownQuote(page)).not.toHaveText(rejected);
  await expect(page.locator('#announcer')).toContainText('Rejected: it will not be suggested again for this theme.');
  await expectSaved(page);
  const accepted = (await shownQuote(page).textContent())!;

  const before = (await highlightIds(page)).length;
  await page.keyboard.press('a');
  await expect.poll(async () => (await highlightIds(page)).length).toBe(before + 1);
  await expectSaved(page);
  await expect(page.locator('#announcer')).toContainText('Coded 1 passage with Trade.');
  await expect(shownQuote(page)).not.toHaveText(accepted);
  const newest = await highlights(page).evaluateAll((els) => els.map((e) => e.textContent).join(' '));
  expect(newest).toContain(accepted);

  await page.keyboard.press('Escape');
  await expect(panel(page)).toBeHidden();
  await expect(page.locator('.suggestion-outline')).toHaveCount(0);

  // After a reload the rejection holds: walk the whole queue and never meet it.
  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await chooseFromMenu(page, 'Suggestions…');
  await expect(panel(page)).toBeVisible();
  const total = Number((await page.locator('#suggest-position').textContent())!.match(/of (\d+)/)![1]);
  const seen = new Set<string>();
  for (let i = 0; i < total; i += 1) {
    const quote = (await shownQuote(page).textContent())!;
    seen.add(quote);
    await page.keyboard.press('s');
    await expect(page.locator('#announcer')).toContainText('Skipped.');
  }
  expect(seen.size).toBe(total);
  expect(seen.has(rejected)).toBe(false);
  expect(seen.has(accepted)).toBe(false);
  expect(seen.has(first)).toBe(true);
});

test('across the whole library, a suggestion in another document opens that document, outlined, and accepting codes it there', async ({
  page,
  gloss,
}) => {
  await openGloss(page, gloss);
  await codeWithTrade(page, 'Trade issues remain a central challenge in China-Canada relations.');
  const other =
    'Canola talks\n\nTrade issues between China and Canada remain a challenge for canola exports and tariffs.\n\nThe choir sang.\n';
  await page.locator('#open-input').setInputFiles({ name: 'canola.txt', mimeType: 'text/plain', buffer: Buffer.from(other) });
  await expect(article(page).locator('h1')).toHaveText('Canola talks');
  await page
    .getByRole('combobox', { name: /document/i })
    .selectOption({ label: 'Canada and China take cautious steps to restore diplomatic trust amid US pressures' });
  await expect(article(page).locator('h1')).toHaveText(/^Canada and China/);

  await page.keyboard.press('Control+Shift+S');
  await expect(panel(page)).toBeVisible();
  await panel(page).getByRole('combobox', { name: 'In' }).selectOption('library');
  await expect(page.locator('#suggest-position')).toHaveText(/^Trade: suggestion 1 of \d+ in Canola talks · score/);
  await expect(article(page).locator('h1')).toHaveText('Canola talks');
  const quote = 'Trade issues between China and Canada remain a challenge for canola exports and tariffs.';
  await expect(shownQuote(page)).toHaveText(quote);
  expect(await outlined(page)).toBe(quote);
  await page.keyboard.press('a');
  await expect(page.locator('#announcer')).toContainText('Coded 1 passage with Trade.');
  await expect(shownQuote(page)).not.toHaveText(quote);
  await expectSaved(page);
  await page.keyboard.press('Escape');
  await page.getByRole('combobox', { name: 'Document' }).selectOption({ label: 'Canola talks' });
  await expect(article(page).locator('h1')).toHaveText('Canola talks');
  await expect.poll(async () => (await highlightIds(page)).length).toBe(1);
  expect(await highlights(page).evaluateAll((els) => els.map((e) => e.textContent).join(''))).toBe(quote);
});

test('the suggestions follow what is coded outside the panel: the passage shown, coded by hand, leaves the list', async ({
  page,
  gloss,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await openGloss(page, gloss);
  await codeWithTrade(page, 'Trade issues remain a central challenge in China-Canada relations.');
  await page.keyboard.press('Control+Shift+S');
  await expect(shownQuote(page)).not.toBeEmpty();
  const quote = (await shownQuote(page).textContent())!;
  await codeWithTrade(page, quote);
  // Asked again once the host has the highlight: the passage is coded now, so another one is shown.
  await expect(shownQuote(page)).not.toHaveText(quote);
  await expect(page.locator('#suggest-position')).toHaveText(/^Trade: suggestion 1 of \d+ · score/);
  expect(await outlined(page)).toBe(await shownQuote(page).textContent());
});
