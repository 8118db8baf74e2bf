// The toolbar in one row with its two menus (mouse and keyboard, axe-clean), and the Annotations panel
// whose counts and filters stay in view while the list scrolls, a count filtering the list. Light and dark.
import type { Page } from '@playwright/test';
import { generateCorpus, writeCorpus } from '../bench/corpus';
import { expectNoViolations } from './axe';
import { article, expect, openGloss, sidebar, snap, startGloss, test } from './gloss';

const CORPUS = { paragraphs: 40, chars: 20_000, annotations: 60, crossingShare: 0.1, seed: 3 };

/** The boxes of the toolbar and of every control a user sees in it. */
async function toolbarBoxes(page: Page): Promise<{ bar: DOMRect; controls: { name: string; top: number; height: number }[] }> {
  return page.locator('.toolbar').evaluate((bar) => ({
    bar: bar.getBoundingClientRect().toJSON() as DOMRect,
    controls: [...bar.querySelectorAll<HTMLElement>('button, select, #save-state')]
      .filter((el) => el.offsetParent !== null && !el.closest('[role="menu"]'))
      .map((el) => {
        const box = el.getBoundingClientRect();
        const shown = el.cloneNode(true) as HTMLElement;
        for (const hidden of shown.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
        return { name: el.getAttribute('aria-label') ?? shown.textContent ?? el.id, top: box.top, height: box.height };
      }),
  }));
}

for (const appearance of ['light', 'dark'] as const) {
  test.describe(`in ${appearance}`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: appearance });
    });

    test('shows the whole toolbar in one row at 1024x700', async ({ page, gloss }) => {
      await page.setViewportSize({ width: 1024, height: 700 });
      await openGloss(page, gloss);
      const { bar, controls } = await toolbarBoxes(page);
      const buttonHeight = Math.max(...controls.map((c) => c.height));
      expect(controls.map((c) => c.name)).toEqual(
        expect.arrayContaining(['Document', 'File', 'Trade', 'Security', 'Diplomacy', 'Undo', 'Redo', 'Tools']),
      );
      expect(bar.height).toBeLessThan(2 * buttonHeight);
      const tops = controls.map((c) => c.top + c.height / 2);
      expect(Math.max(...tops) - Math.min(...tops), JSON.stringify(controls)).toBeLessThan(4);
      // The default themes' buttons all fit: none is scrolled out of view.
      const themes = page.getByRole('group', { name: 'Apply a theme to the selection' });
      expect(await themes.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      // Every control is inside the window, none cut off at its right edge.
      const right = await page.locator('#save-state').evaluate((el) => el.getBoundingClientRect().right);
      expect(right).toBeLessThanOrEqual(1024);
    });

    test('opens the File menu by mouse, chooses Export… and closes on Escape with focus back on File', async ({ page, gloss }) => {
      await openGloss(page, gloss);
      const file = page.getByRole('button', { name: 'File', exact: true });
      await expect(file).toHaveAttribute('aria-haspopup', 'menu');
      await expect(file).toHaveAttribute('aria-expanded', 'false');
      await file.click();
      await expect(file).toHaveAttribute('aria-expanded', 'true');
      const menu = page.getByRole('menu', { name: 'File' });
      await expect(menu).toBeVisible();
      await expect(menu.getByRole('menuitem')).toHaveText(['Open…', 'Library…', 'Import annotations…', 'Export…', 'Backups…']);
      await expectNoViolations(page, `the File menu open, ${appearance}`);
      await page.keyboard.press('Escape');
      await expect(menu).toBeHidden();
      await expect(file).toBeFocused();
      await expect(file).toHaveAttribute('aria-expanded', 'false');

      await file.click();
      await page.getByRole('menuitem', { name: 'Export…' }).click();
      await expect(menu).toBeHidden();
      await expect(page.getByRole('dialog', { name: 'Export' })).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(file).toBeFocused();

      // A press outside closes the menu.
      await file.click();
      await expect(menu).toBeVisible();
      await article(page).click();
      await expect(menu).toBeHidden();
    });

    test('walks the Tools menu with the arrow keys, Home and End, and Enter chooses', async ({ page, gloss }, info) => {
      await openGloss(page, gloss);
      const tools = page.getByRole('button', { name: 'Tools', exact: true });
      await tools.focus();
      await page.keyboard.press('Enter');
      const menu = page.getByRole('menu', { name: 'Tools' });
      await expect(menu).toBeVisible();
      const item = (name: string) => menu.getByRole('menuitem', { name, exact: true });
      await expect(item('Codebook…')).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await expect(item('Find…')).toBeFocused();
      await page.keyboard.press('End');
      await expect(item('Shortcuts')).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await expect(item('Codebook…')).toBeFocused();
      await page.keyboard.press('ArrowUp');
      await expect(item('Shortcuts')).toBeFocused();
      await page.keyboard.press('Home');
      await expect(item('Codebook…')).toBeFocused();
      await expectNoViolations(page, `the Tools menu open, ${appearance}`);
      await snap(page, info, `tools-menu-1400x900-${appearance}`);
      await page.keyboard.press('Escape');
      await expect(menu).toBeHidden();
      await expect(tools).toBeFocused();

      // ArrowUp on the button opens the menu on its last item; Enter chooses it.
      await page.keyboard.press('ArrowUp');
      await expect(item('Shortcuts')).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(tools).toBeFocused();

      // Space on the button opens it too, and Enter on View… opens the View dialog.
      await page.keyboard.press(' ');
      await expect(item('Codebook…')).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('dialog', { name: 'View' })).toBeVisible();
    });

    test('keeps the counts and filters in view as the list scrolls, and a count filters the list', async ({ page, dataDir }, info) => {
      await writeCorpus(generateCorpus(CORPUS), dataDir);
      const gloss = await startGloss(dataDir);
      try {
        for (const [width, height] of [
          [1400, 900],
          [1024, 700],
        ] as const) {
          await page.setViewportSize({ width, height });
          await openGloss(page, gloss);
          await snap(page, info, `reader-${width}x${height}-${appearance}`);
        }
        const panel = sidebar(page);
        const search = panel.getByRole('searchbox', { name: 'Search annotations' });
        await expect(panel.locator('.entry').first()).toBeVisible();
        await panel.evaluate((el) => (el.scrollTop = el.scrollHeight));
        await expect.poll(() => panel.evaluate((el) => el.scrollTop)).toBeGreaterThan(1000);
        await expect(search).toBeInViewport();
        await expect(panel.getByRole('combobox', { name: 'Filter by theme' })).toBeInViewport();
        const trade = panel.getByRole('button', { name: /^Trade \(\d+\)$/ });
        await expect(trade).toBeInViewport();
        // The filters are not drawn over the rows under them: the row at their lower edge is hidden by them.
        const summaryBottom = await panel.locator('.summary').evaluate((el) => el.getBoundingClientRect().bottom);
        const topmost = await page.evaluate(
          (y) => document.elementFromPoint(1024 - 100, y - 4)?.closest('.summary') !== null,
          summaryBottom,
        );
        expect(topmost).toBe(true);
        await snap(page, info, `sidebar-scrolled-1024x700-${appearance}`);
        await expectNoViolations(page, `the scrolled sidebar, ${appearance}`);

        // Compact cards: one without a note ends just below its themes, leaving no empty line, and nothing is cut off.
        const gaps = await panel.locator('.entry').evaluateAll((cards) =>
          cards.map((card) => ({
            note: card.querySelector('.entry-note') !== null,
            below: card.getBoundingClientRect().bottom - card.querySelector('.entry-themes')!.getBoundingClientRect().bottom,
            cut: card.scrollHeight > card.clientHeight + 1,
          })),
        );
        expect(gaps.some((g) => !g.note) && gaps.some((g) => g.note)).toBe(true);
        for (const gap of gaps) expect(gap.cut, JSON.stringify(gap)).toBe(false);
        for (const gap of gaps.filter((g) => !g.note)) expect(gap.below, JSON.stringify(gap)).toBeLessThan(12);

        const count = Number(await trade.locator('.theme-count-value').textContent());
        const all = await panel.locator('.entry-item').first().getAttribute('aria-setsize');
        expect(count).toBeLessThan(Number(all));
        await trade.click();
        await expect(trade).toHaveAttribute('aria-pressed', 'true');
        await expect(panel.getByRole('combobox', { name: 'Filter by theme' })).toHaveValue('trade');
        await expect(panel.locator('.entry-item').first()).toHaveAttribute('aria-setsize', String(count));
        for (const chips of await panel.locator('.entry-themes').all()) await expect(chips).toContainText('Trade');
        await trade.click();
        await expect(trade).toHaveAttribute('aria-pressed', 'false');
        await expect(panel.getByRole('combobox', { name: 'Filter by theme' })).toHaveValue('');
        await expect(panel.locator('.entry-item').first()).toHaveAttribute('aria-setsize', String(all));
      } finally {
        await gloss.stop();
      }
    });
  });
}
