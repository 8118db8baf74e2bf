// What a reader sees of their coding: fills in the theme's hue (both hues for two themes), coding stripes
// beside each highlight, the note card, and the bar that appears at a selection — checked on the pixels
// of screenshots and the boxes a user would point at, with axe-core, in light and dark.
import type { Locator, Page } from '@playwright/test';
import { generateCorpus, writeCorpus } from '../bench/corpus';
import { hexColour, hueDistance, hueOf, allPixels, decodePng, type Rgb } from '../fixtures/png';
import { expectNoViolations } from './axe';
import {
  article,
  dragSelect,
  expect,
  expectSaved,
  highlight,
  highlights,
  openGloss,
  snap,
  startGloss,
  test,
  chooseFromMenu,
} from './gloss';

const TRADE = '#b35c00';
const SECURITY = '#c0392b';
const DIPLOMACY = '#1f6fb2';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The share of a screenshot's pixels (of an area of the page) within 12° of a colour's hue. */
async function shareOfHue(page: Page, clip: Box, colour: string): Promise<number> {
  const pixels = allPixels(decodePng(await page.screenshot({ clip })));
  const hue = hueOf(hexColour(colour))!;
  return (
    pixels.filter((p: Rgb) => {
      const h = hueOf(p);
      return h !== null && hueDistance(h, hue) <= 12;
    }).length / pixels.length
  );
}

/** The first line box of a highlight (its first element's first rectangle), inset from its rounded ends. */
async function firstLineOf(mark: Locator): Promise<Box> {
  await mark.first().scrollIntoViewIfNeeded();
  const r = await mark.first().evaluate((el) => {
    const rect = el.getClientRects()[0]!;
    return { x: rect.left, y: rect.top, width: rect.width, height: rect.height };
  });
  return { x: r.x + 4, y: r.y + 1, width: r.width - 8, height: r.height - 2 };
}

/** Makes a highlight over characters [start, end) of paragraph `index` with the theme keys given, in turn. */
async function code(page: Page, index: number, start: number, end: number, keys: string[]): Promise<string> {
  const before = await highlights(page).evaluateAll((els) => new Set(els.map((el) => el.getAttribute('data-annotation-id'))).size);
  const paragraph = article(page).locator('p').nth(index);
  await paragraph.scrollIntoViewIfNeeded();
  await dragSelect(page, paragraph, start, end);
  await page.keyboard.press(keys[0]!);
  await expect
    .poll(() => highlights(page).evaluateAll((els) => new Set(els.map((el) => el.getAttribute('data-annotation-id'))).size))
    .toBe(before + 1);
  // A new highlight opens at once.
  const id = (await page.locator('.ProseMirror mark.hl-active').first().getAttribute('data-annotation-id', { timeout: 5000 }))!;
  for (const key of keys.slice(1)) await page.keyboard.press(key);
  await expectSaved(page);
  await page.keyboard.press('Escape');
  return id;
}

/** Three highlights, the last with two themes. */
async function codePassages(page: Page): Promise<{ trade: string; security: string; both: string }> {
  const trade = await code(page, 0, 0, 30, ['1']);
  const security = await code(page, 1, 0, 40, ['2']);
  const both = await code(page, 2, 0, 30, ['3', '1']);
  await expect(highlight(page, both).first()).toHaveAttribute('data-themes', 'diplomacy trade');
  return { trade, security, both };
}

for (const appearance of ['light', 'dark'] as const) {
  test.describe(`${appearance} appearance`, () => {
    test.use({ colorScheme: appearance });

    test('fills a highlight in its theme’s hue, and a two-theme highlight in both hues', async ({ page, gloss }) => {
      await openGloss(page, gloss);
      const background = await shareOfHue(page, await firstLineOf(article(page).locator('p').nth(0)), TRADE);
      const { trade, security, both } = await codePassages(page);
      await page.mouse.move(1, 1);
      const tradeLine = await firstLineOf(highlight(page, trade));
      expect(await shareOfHue(page, tradeLine, TRADE), 'Trade fill').toBeGreaterThan(0.5);
      expect(background, 'unhighlighted text').toBeLessThan(0.05);
      expect(await shareOfHue(page, await firstLineOf(highlight(page, security)), SECURITY), 'Security fill').toBeGreaterThan(0.5);
      const twoThemes = await firstLineOf(highlight(page, both));
      expect(await shareOfHue(page, twoThemes, DIPLOMACY), 'Diplomacy in the two-theme highlight').toBeGreaterThan(0.2);
      expect(await shareOfHue(page, twoThemes, TRADE), 'Trade in the two-theme highlight').toBeGreaterThan(0.2);
    });

    test('draws a stripe in the theme’s colour beside each highlight’s lines; hovering outlines it, clicking opens it', async ({
      page,
      gloss,
    }) => {
      await openGloss(page, gloss);
      const ids = await codePassages(page);
      const textLeft = await article(page).evaluate((el) => el.getBoundingClientRect().left);
      for (const [theme, id] of [
        [TRADE, ids.trade],
        [SECURITY, ids.security],
        [DIPLOMACY, ids.both],
        [TRADE, ids.both],
      ] as const) {
        const stripe = page.locator(`[data-stripe-for="${id}"]`);
        await highlight(page, id).first().scrollIntoViewIfNeeded();
        await expect(stripe).toBeVisible();
        const bar = (await stripe.boundingBox())!;
        const lines = await highlight(page, id).evaluateAll((els) => {
          const rects = els.flatMap((el) => [...el.getClientRects()]);
          return { top: Math.min(...rects.map((r) => r.top)), bottom: Math.max(...rects.map((r) => r.bottom)) };
        });
        expect(bar.x + bar.width, 'left of the text').toBeLessThanOrEqual(textLeft);
        // The mark's box reaches a little past its line's text (its padding); the bar spans the text's lines.
        expect(bar.y).toBeLessThanOrEqual(lines.top + 6);
        expect(bar.y + bar.height).toBeGreaterThanOrEqual(lines.bottom - 6);
        const seen = await shareOfHue(page, { x: bar.x, y: bar.y + 2, width: bar.width, height: Math.max(2, bar.height - 4) }, theme);
        // A dotted cue leaves gaps: an eighth of the bar in the hue is far above the margin's none.
        expect(seen, `stripe of ${id} in ${theme}`).toBeGreaterThan(0.12);
      }
      const stripe = page.locator(`[data-stripe-for="${ids.security}"]`);
      await stripe.hover();
      await expect(highlight(page, ids.security).first()).toHaveCSS('outline-style', 'solid');
      await stripe.click();
      await expect(page.locator('#detail')).toBeVisible();
      await expect(page.locator('#detail-quote')).toHaveText(await highlight(page, ids.security).first().innerText());
      await page.keyboard.press('Escape');

      await chooseFromMenu(page, 'View…');
      await page.getByLabel('Coding stripes beside the article').uncheck();
      await page.locator('#view-close').click();
      await expect(page.locator('[data-stripe-for]').first()).toBeHidden();
      await page.reload();
      await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
      await expect(highlights(page).first()).toBeVisible();
      await expect(page.locator('[data-stripe-for]').first()).toBeHidden();
    });

    test('shows the bar of themes within 40 px of a selection, never over it, and applies a theme from it', async ({ page, gloss }) => {
      await openGloss(page, gloss);
      await dragSelect(page, article(page).locator('p').nth(1), 5, 45);
      const bar = page.getByRole('group', { name: 'Themes for the selection' });
      await expect(bar).toBeVisible();
      const selection = await page.evaluate(() => {
        const r = document.getSelection()!.getRangeAt(0).getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
      });
      const box = (await bar.boundingBox())!;
      const gap = box.y + box.height <= selection.top ? selection.top - (box.y + box.height) : box.y - selection.bottom;
      expect(gap, 'no overlap').toBeGreaterThanOrEqual(0);
      expect(gap, 'close by').toBeLessThanOrEqual(40);
      await expect(bar.getByRole('button', { name: /Security/ })).toContainText('2');
      await expectNoViolations(page, 'the main view with the selection bar');
      await bar.getByRole('button', { name: /Security/ }).click();
      await expect(highlights(page)).toHaveCount(1);
      await expect(highlights(page).first()).toHaveAttribute('data-themes', 'security');
      await expect(bar).toBeHidden();
      await expectSaved(page);
      await expectNoViolations(page, 'the main view with stripes');
    });
  });
}

test('reaches the selection bar from the keyboard: announced, Tab moves in, Escape goes back', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  await article(page).focus();
  await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 12; i += 1) await page.keyboard.press('Shift+ArrowRight');
  const bar = page.getByRole('group', { name: 'Themes for the selection' });
  await expect(bar).toBeVisible();
  await expect(page.locator('#announcer')).toHaveText('Themes for the selection: press 1 to 3, or Tab to the bar.');
  await page.keyboard.press('Tab');
  await expect(bar.getByRole('button').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(bar).toBeHidden();
  await expect(article(page)).toBeFocused();
  expect(await page.evaluate(() => document.getSelection()!.toString().length)).toBeGreaterThan(0);
  await page.keyboard.press('Shift+ArrowRight');
  await expect(bar).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(bar.getByRole('button', { name: /Security/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(highlights(page).first()).toHaveAttribute('data-themes', 'security');
  await expect(article(page)).toBeFocused();
});

test('marks a highlight with a note, and pointing at the mark shows its themes and the note’s first line', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  const bar = page.getByRole('group', { name: 'Themes for the selection' });
  await dragSelect(page, article(page).locator('p').nth(1), 0, 40);
  await bar.getByRole('button', { name: 'Add note' }).click();
  await expect(page.locator('#detail-note')).toBeFocused();
  await page.keyboard.type('Tariffs as leverage.\nSecond line.');
  await expectSaved(page);
  await page.keyboard.press('Escape');
  const marker = page.locator('.hl-note-marker');
  await expect(marker).toHaveCount(1);
  await marker.hover();
  const card = page.locator('#note-card');
  await expect(card).toBeVisible();
  await expect(card).toHaveText(/^Trade\s*Tariffs as leverage\.$/);
  // The caret was left at the highlight's end, which shows the card too; elsewhere it goes.
  await page.mouse.move(1, 1);
  await expect(card).toBeVisible();
  await article(page).locator('p').nth(3).click();
  await expect(card).toBeHidden();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('n');
  await expect(card).toBeVisible();
});

test('with thousands of highlights, draws the stripes of the drawn ones only, and those of the end once it is reached', async ({
  page,
  dataDir,
}) => {
  const corpus = generateCorpus({ paragraphs: 300, chars: 150_000, annotations: 1_500, crossingShare: 0.2, seed: 7 });
  await writeCorpus(corpus, dataDir);
  const gloss = await startGloss(dataDir);
  try {
    await openGloss(page, gloss);
    const drawn = (): Promise<string[]> =>
      highlights(page).evaluateAll((els) => [...new Set(els.map((el) => el.getAttribute('data-annotation-id')!))].sort());
    const striped = (): Promise<string[]> =>
      page.locator('[data-stripe-for]').evaluateAll((els) => els.map((el) => el.getAttribute('data-stripe-for')!).sort());
    await expect.poll(async () => (await striped()).length).toBeGreaterThan(0);
    expect(await striped()).toEqual(await drawn());
    expect((await striped()).length).toBeLessThan(1_500 / 2);
    await article(page).focus();
    await page.keyboard.press('Control+End');
    const last = [...corpus.annotations].sort((a, b) => b.target.selector[0].start - a.target.selector[0].start)[0]!;
    await expect(page.locator(`[data-stripe-for="${last.id}"]`)).toHaveCount(1);
    await expect.poll(async () => JSON.stringify(await striped())).toBe(JSON.stringify(await drawn()));
  } finally {
    await gloss.stop();
  }
});

for (const [width, height] of [
  [1400, 900],
  [1024, 700],
] as const) {
  for (const appearance of ['light', 'dark'] as const) {
    test(`screenshots the reader at ${width}x${height}, ${appearance}: highlights, stripes, a note card and the bar`, async ({
      page,
      gloss,
    }, info) => {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: appearance });
      await openGloss(page, gloss);
      await codePassages(page);
      await code(page, 0, 10, 50, ['2']);
      await code(page, 0, 35, 60, ['1']);
      await article(page).locator('p').nth(1).scrollIntoViewIfNeeded();
      await dragSelect(page, article(page).locator('p').nth(1), 60, 110);
      await page.getByRole('group', { name: 'Themes for the selection' }).getByRole('button', { name: 'Add note' }).click();
      await expect(page.locator('#detail-note')).toBeFocused();
      await page.keyboard.type('Worth comparing with the 2019 visit.');
      await expectSaved(page);
      await page.keyboard.press('Escape');
      await article(page).locator('p').nth(0).scrollIntoViewIfNeeded();
      await dragSelect(page, article(page).locator('p').nth(0), 130, 200);
      await expect(page.getByRole('group', { name: 'Themes for the selection' })).toBeVisible();
      await page.locator('.hl-note-marker').first().hover({ timeout: 5000 });
      await expect(page.locator('#note-card')).toBeVisible();
      await snap(page, info, `reader-${width}x${height}-${appearance}`);
    });
  }
}
