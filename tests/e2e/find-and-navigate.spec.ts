// Find in the article (Ctrl+F), searching and filtering the Annotations list, moving between highlights (n / p),
// highlights described with their themes, the shortcuts sheet and the view settings.
import type { Page } from '@playwright/test';
import { readData, writeData } from '../fixtures/data-folder';
import {
  article,
  dragSelect,
  expect,
  expectSaved,
  highlights,
  highlightText,
  openGloss,
  sidebar,
  startGloss,
  test,
  chooseFromMenu,
} from './gloss';

async function press(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/** How many highlights there are (one highlight may be split into several elements). */
async function countIds(page: Page): Promise<number> {
  return new Set(await highlights(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-annotation-id')))).size;
}

const status = (page: Page) => page.locator('#find-status');

test('finds every match case-insensitively, steps through them, and hands the match to the theme keys', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  const first = article(page).locator('p').first();
  await dragSelect(page, first, 0, 'China and Canada'.length);
  await page.keyboard.press('1');
  await expect(highlights(page)).toHaveCount(1);
  await expectSaved(page);
  await page.keyboard.press('Escape');
  // The search starts at the caret: put it at the top.
  await press(page, 'Control+Home');

  const expected = await article(page).evaluate((el) =>
    [...el.querySelectorAll('h1, p')].reduce((n, b) => n + (b.textContent!.toLowerCase().match(/canada/g)?.length ?? 0), 0),
  );
  expect(expected).toBeGreaterThan(3);

  await press(page, 'Control+f');
  const field = page.getByRole('searchbox', { name: 'Find' });
  await expect(field).toBeFocused();
  await page.keyboard.type('CANADA');
  await expect(status(page)).toHaveText(`1 of ${expected}`);
  await expect(page.locator('.find-match')).toHaveCount(expected);
  // A match is never an annotation: no id on a match, and the highlight keeps its own element and text.
  await expect(page.locator('.find-match[data-annotation-id], [data-annotation-id].find-match')).toHaveCount(0);
  const highlighted = (await highlights(page).first().getAttribute('data-annotation-id'))!;
  expect(await highlightText(page, highlighted)).toBe('China and Canada');
  await expect(page.locator('.find-current')).toHaveCount(1);

  await press(page, 'Enter');
  await expect(status(page)).toHaveText(`2 of ${expected}`);
  await press(page, 'F3');
  await expect(status(page)).toHaveText(`3 of ${expected}`);
  await press(page, 'Shift+F3');
  await press(page, 'Shift+Enter');
  await expect(status(page)).toHaveText(`1 of ${expected}`);
  await press(page, 'Shift+Enter');
  await expect(status(page)).toHaveText(`${expected} of ${expected}`);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(status(page)).toHaveText(`1 of ${expected}`);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.locator('.find-current')).toBeInViewport();

  // Escape closes the bar; the article has focus with the match selected, and 2 codes it as Security.
  await field.focus();
  await press(page, 'Escape');
  await expect(page.locator('#find-bar')).toBeHidden();
  await expect(page.locator('.find-match')).toHaveCount(0);
  await expect(article(page)).toBeFocused();
  expect(await page.evaluate(() => window.getSelection()!.toString())).toBe('Canada');
  await press(page, '2');
  await expect.poll(() => countIds(page)).toBe(2);
  await expect(page.locator('#announcer')).toHaveText('Highlighted as Security.');

  // No match says so.
  await press(page, 'Control+f');
  await page.keyboard.type('zzzz-not-there');
  await expect(status(page)).toHaveText('No matches');
  await expect(page.locator('.find-match')).toHaveCount(0);
});

test('finds in a 1 MB document without freezing, marking at most 1,000 matches', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  const paragraph = 'The committee reviewed the evidence, weighed every objection and then deferred the decision once more. ';
  const lines = ['A very long record', ''];
  let size = 0;
  while (size < 1_000_000) {
    const line = paragraph.repeat(8).trim();
    lines.push(line, '');
    size += line.length + 2;
  }
  lines.push('The needle sits at the very end.');
  await page
    .locator('#open-input')
    .setInputFiles({ name: 'long-record.txt', mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n')) });
  await expect(article(page).locator('h1')).toHaveText('A very long record');

  await article(page).focus();
  const started = Date.now();
  await press(page, 'Control+f');
  await page.keyboard.type('e');
  await expect(status(page)).toHaveText('1 of 1,000+');
  expect(Date.now() - started).toBeLessThan(5_000);
  await expect(page.locator('.find-match')).toHaveCount(1000);
  await page.getByRole('searchbox', { name: 'Find' }).fill('NEEDLE');
  await expect(status(page)).toHaveText('1 of 1');
  await expect(page.locator('.find-current')).toHaveText('needle');
  await expect(page.locator('.find-current')).toBeInViewport();
  // The page still answers at once.
  const latency = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const t = performance.now();
        requestAnimationFrame(() => resolve(performance.now() - t));
      }),
  );
  expect(latency).toBeLessThan(500);
});

const onTeardown: Array<() => Promise<unknown>> = [];
test.afterEach(async () => {
  for (const stop of onTeardown.splice(0)) await stop();
});

test('searches the Annotations list by quote and note, and filters by note and by not being found', async ({ page, gloss, dataDir }) => {
  await openGloss(page, gloss);
  const paragraphs = article(page).locator('p');
  await dragSelect(page, paragraphs.nth(0), 0, 20);
  await page.keyboard.press('1');
  await sidebar(page).getByLabel('Note', { exact: true }).fill('Watch the tariff talks.');
  await expectSaved(page);
  await page.keyboard.press('Escape');
  await dragSelect(page, paragraphs.nth(2), 0, 25);
  await page.keyboard.press('2');
  await expectSaved(page);
  await page.keyboard.press('Escape');
  // A third highlight whose passage then goes missing from the data file: an orphan.
  await dragSelect(page, paragraphs.nth(1), 0, 15);
  await page.keyboard.press('3');
  await expect.poll(() => countIds(page)).toBe(3);
  await expectSaved(page);
  await gloss.stop();
  const data = await readData(dataDir);
  data.annotations = data.annotations.map((a) =>
    a.themes[0] === 'diplomacy'
      ? {
          ...a,
          target: { ...a.target, selector: [a.target.selector[0], { ...a.target.selector[1], exact: 'words that appear nowhere at all' }] },
        }
      : a,
  );
  await writeData(dataDir, data);
  const again = await startGloss(dataDir);
  onTeardown.push(() => again.stop());
  await openGloss(page, again);
  const entries = sidebar(page).locator('#entries a');
  await expect(entries).toHaveCount(3);

  const search = sidebar(page).getByRole('searchbox', { name: 'Search annotations' });
  await search.fill('TARIFF');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('Watch the tariff talks.');
  await search.fill('trade issues');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('Trade issues');
  await search.fill('nothing like this');
  await expect(entries).toHaveCount(0);
  await expect(sidebar(page).locator('#empty-list')).toHaveText('No highlights match.');
  await search.fill('');
  await expect(entries).toHaveCount(3);

  await sidebar(page).getByLabel('Commented').check();
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('Watch the tariff talks.');
  await sidebar(page).getByLabel('Commented').uncheck();
  await sidebar(page).getByLabel('Not found in the text').check();
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('Not found in the text');
  await sidebar(page).getByLabel('Not found in the text').uncheck();
  await sidebar(page).getByLabel('Filter by theme').selectOption('security');
  await expect(entries).toHaveCount(1);
});

test('n and p move between highlights and announce their themes; highlights are described with their themes', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  const paragraphs = article(page).locator('p');
  await article(page).focus();
  await press(page, 'n');
  await expect(page.locator('#announcer')).toHaveText('There are no highlights yet.');
  await dragSelect(page, paragraphs.nth(1), 0, 30);
  await page.keyboard.press('2');
  await expect(highlights(page)).toHaveCount(1);
  await page.keyboard.press('1');
  await expect(highlights(page).first()).toHaveAttribute('data-themes', 'security trade');
  await dragSelect(page, paragraphs.nth(0), 0, 20);
  await page.keyboard.press('3');
  await expect(highlights(page)).toHaveCount(2);
  await expectSaved(page);
  await page.keyboard.press('Escape');

  await press(page, 'Control+Home');
  await press(page, 'n');
  await expect(page.locator('#announcer')).toHaveText('Highlight 1 of 2: Diplomacy.');
  await press(page, 'n');
  await expect(page.locator('#announcer')).toHaveText('Highlight 2 of 2: Security, Trade.');
  await press(page, 'n');
  await expect(page.locator('#announcer')).toHaveText('Highlight 1 of 2: Diplomacy.');
  await press(page, 'p');
  await expect(page.locator('#announcer')).toHaveText('Highlight 2 of 2: Security, Trade.');
  await press(page, 'Enter');
  await expect(sidebar(page).locator('#detail')).toBeVisible();

  // Each highlight's accessible description names its themes.
  const described = highlights(page).nth(1);
  const descriptionId = (await described.getAttribute('aria-describedby'))!;
  await expect(page.locator(`#${descriptionId}`)).toHaveText('Highlight: Security, Trade');
  await expect(described).toHaveAttribute('data-themes', 'security trade');
});

test('? shows every shortcut; the view settings change appearance, text size and width, and are remembered', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  await article(page).focus();
  await press(page, '?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  for (const text of ['Find in the article', 'Move to the previous highlight', 'Apply the theme Trade', 'Export a report', 'Undo']) {
    await expect(sheet).toContainText(text);
  }
  await press(page, 'Escape');
  await expect(sheet).toBeHidden();
  await expect(article(page)).toBeFocused();

  const size = () => article(page).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const base = await size();
  await press(page, 'Control+=');
  expect(await size()).toBeGreaterThan(base);
  await expect(page.locator('#announcer')).toHaveText('Text size 110%.');
  await press(page, 'Control+-');
  await press(page, 'Control+-');
  expect(await size()).toBeLessThan(base);
  await press(page, 'Control+0');
  expect(await size()).toBe(base);
  await press(page, 'Control+=');

  const width = () => article(page).evaluate((el) => el.getBoundingClientRect().width);
  const normal = await width();
  await chooseFromMenu(page, 'View…');
  const dialog = page.getByRole('dialog', { name: 'View' });
  await dialog.getByRole('radio', { name: 'Wide' }).check();
  expect(await width()).toBeGreaterThan(normal);
  await dialog.getByRole('radio', { name: 'Narrow' }).check();
  expect(await width()).toBeLessThan(normal);
  await dialog.getByRole('radio', { name: 'Dark' }).check();
  await press(page, 'Escape');
  await expect(dialog).toBeHidden();

  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('html')).toHaveClass(/theme-dark/);
  await expect(page.locator('html')).toHaveClass(/width-narrow/);
  expect(await size()).toBeGreaterThan(base);
});

test('opens the shortcuts sheet at its top with its title in view and focused, Close reachable, at 1024x700', async ({ page, gloss }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openGloss(page, gloss);
  await article(page).focus();
  await press(page, '?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  const title = sheet.getByRole('heading', { name: 'Keyboard shortcuts' });
  await expect(title).toBeFocused();
  await expect(title).toBeInViewport({ ratio: 1 });
  expect(await sheet.evaluate((el) => el.scrollTop)).toBe(0);
  const close = sheet.getByRole('button', { name: 'Close' });
  await expect(close).toBeInViewport({ ratio: 1 });
  await press(page, 'Tab');
  await expect(close).toBeFocused();
  await press(page, 'Enter');
  await expect(sheet).toBeHidden();
});

test("says the codebook's own theme keys in the help line once themes 4 and 5 exist", async ({ page, gloss }) => {
  await openGloss(page, gloss);
  const help = page.locator('#article-help');
  await expect(help).toContainText('then press 1, 2 or 3 (or a theme button).');
  await chooseFromMenu(page, 'Codebook…');
  const dialog = page.getByRole('dialog', { name: 'Codebook' });
  for (const label of ['Ports', 'Energy']) {
    await dialog.getByRole('button', { name: 'Add theme' }).click();
    await page.keyboard.type(label);
  }
  await dialog.getByRole('button', { name: 'Save codebook' }).click();
  await expect(dialog).toBeHidden();
  await expect(help).toContainText('then press 1 to 5 (or a theme button).');
  await expect(help).not.toContainText('1, 2 or 3');
});

test('marks the searched words in the Annotations list, and shows a match from deep inside a long note', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  const paragraphs = article(page).locator('p');
  await dragSelect(page, paragraphs.nth(2), 0, 'Trade issues'.length);
  await page.keyboard.press('1');
  const note = `${'Background on the talks so far, and who said what. '.repeat(4)}The canola decision is what matters here. ${'Further context. '.repeat(6)}`;
  await sidebar(page).getByLabel('Note', { exact: true }).fill(note);
  await expectSaved(page);
  await page.keyboard.press('Escape');
  const search = sidebar(page).getByRole('searchbox', { name: 'Search annotations' });
  const entry = sidebar(page).locator('#entries a').first();

  await search.fill('trade');
  await expect(entry.locator('.entry-quote mark')).toHaveText(['Trade']);
  await search.fill('CANOLA issues');
  await expect(entry.locator('mark')).toHaveText(['issues', 'canola']);
  const noteLine = entry.locator('.entry-note');
  await expect(noteLine).toContainText('…');
  // The match is drawn inside the one line the list shows of the note, not clipped away.
  const [line, mark] = await Promise.all([noteLine.boundingBox(), noteLine.locator('mark').boundingBox()]);
  expect(mark!.x + mark!.width).toBeLessThanOrEqual(line!.x + line!.width + 1);
  expect(mark!.y).toBeGreaterThanOrEqual(line!.y - 1);
  expect(mark!.y + mark!.height).toBeLessThanOrEqual(line!.y + line!.height + 1);
  await search.fill('');
  await expect(entry.locator('mark')).toHaveCount(0);
});
