// Two coders end to end in the browser edition: coder B codes the article in a second data folder and exports
// JSON-LD; coder A codes the same article, imports B's file as B's layer, sees the layers told apart and hides one,
// reads the agreement table and the compare view with the counts worked out by hand, and merges into a new layer.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoViolations } from './axe';
import { article, chooseFromMenu, dragSelect, expect, expectSaved, highlights, openGloss, startGloss, test } from './gloss';

/** How many highlights the article draws (an overlapped one may be drawn in pieces, each carrying its id). */
async function drawnHighlights(page: Page): Promise<number> {
  return highlights(page).evaluateAll((els) => new Set(els.map((el) => el.getAttribute('data-annotation-id'))).size);
}

/** Names the own coder in the Coders dialog and closes it. */
async function nameCoder(page: Page, name: string): Promise<void> {
  await chooseFromMenu(page, 'Coders…');
  const dialog = page.getByRole('dialog', { name: 'Coders' });
  await dialog.getByLabel('Your name as a coder').fill(name);
  await dialog.getByRole('button', { name: 'Save name' }).click();
  await expect(dialog.getByRole('status')).toHaveText(`You code as ${name}.`);
  await dialog.getByRole('button', { name: 'Close' }).click();
}

/** Highlights characters [start, end) of the article's first paragraph with Trade (key 1). */
async function codeTrade(page: Page, start: number, end: number): Promise<void> {
  await dragSelect(page, article(page).locator('p').nth(0), start, end);
  await page.keyboard.press('1');
  await expectSaved(page);
}

/** Exports the document's JSON-LD through the Export dialog (a download in the browser edition). */
async function exportJsonLd(page: Page): Promise<Buffer> {
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: /JSON-LD/ }).check();
  const downloaded = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  return readFile((await (await downloaded).path())!);
}

for (const appearance of ['light', 'dark'] as const) {
  test.describe(`${appearance} appearance`, () => {
    test.use({ colorScheme: appearance });

    test('two coders: a colleague’s layer imported, told apart and hidden, agreement and compare counted right, merged', async ({
      page,
      gloss,
      browser,
    }) => {
      test.setTimeout(90_000);
      // Coder B, in a data folder of their own.
      const benDir = await mkdtemp(join(tmpdir(), 'gloss-e2e-ben-'));
      const ben = await startGloss(benDir);
      let benFile: Buffer;
      try {
        const benPage = await browser.newPage({ colorScheme: appearance });
        await openGloss(benPage, ben);
        await nameCoder(benPage, 'Ben');
        await codeTrade(benPage, 0, 20);
        benFile = await exportJsonLd(benPage);
        await benPage.close();
      } finally {
        await ben.stop();
        await rm(benDir, { recursive: true, force: true });
      }
      expect(JSON.parse(benFile.toString('utf8')).first.items[0].creator).toEqual({ type: 'Person', name: 'Ben' });

      // Coder A codes the first 12 of the same 20 characters, then imports B's file as B's layer.
      await openGloss(page, gloss);
      const hint = page.locator('#coder-hint');
      await expect(hint).toContainText('Your highlights record you as');
      await nameCoder(page, 'Ana');
      await expect(hint).toBeHidden();
      await codeTrade(page, 0, 12);
      await chooseFromMenu(page, 'Coders…');
      const coders = page.getByRole('dialog', { name: 'Coders' });
      await coders.getByLabel("Colleague's name").fill('Ben');
      await coders.getByLabel('W3C JSON-LD file').setInputFiles({ name: 'ben.jsonld', mimeType: 'application/ld+json', buffer: benFile });
      await coders.getByRole('button', { name: 'Import as their layer' }).click();
      await expect(coders.getByRole('status')).toHaveText("Imported ben.jsonld as Ben's layer.");
      await expect(coders.getByRole('checkbox', { name: 'Ben: 1 highlight' })).toBeChecked();
      await expect(coders.getByRole('checkbox', { name: 'Ana (you): 1 highlight' })).toBeChecked();
      await expectNoViolations(page, 'the Coders dialog');
      await expect.poll(() => drawnHighlights(page)).toBe(2);

      // Told apart: Ben's highlight has a dashed outline, Ana's none; hidden, Ben's is no longer drawn.
      const bens = article(page).locator('mark.hl[data-coder="Ben"]');
      const anas = article(page).locator('mark.hl[data-coder="Ana"]');
      await expect(bens.first()).toHaveCSS('outline-style', 'dashed');
      await expect(anas.first()).not.toHaveCSS('outline-style', 'dashed');
      // Hidden (blind coding), Ben's highlight is neither drawn nor listed; shown again, it is back.
      const listed = page.locator('#entries [data-entry-id]');
      await expect(listed).toHaveCount(2);
      await coders.getByRole('checkbox', { name: 'Ben: 1 highlight' }).uncheck();
      await expect(bens).toHaveCount(0);
      await expect(listed).toHaveCount(1);
      await expect.poll(() => drawnHighlights(page)).toBe(1);
      await coders.getByRole('checkbox', { name: 'Ben: 1 highlight' }).check();
      await expect.poll(() => drawnHighlights(page)).toBe(2);
      await expect(listed).toHaveCount(2);
      await expect(bens.first()).toHaveCSS('outline-style', 'dashed');
      await coders.getByRole('button', { name: 'Close' }).click();

      // The agreement table, in characters: 12 coded by both, 8 by Ben only; the rest of the blocks' characters by neither.
      const blockChars = await page.evaluate(() =>
        [...document.querySelectorAll('#article .ProseMirror > *')].reduce((n, el) => n + (el.textContent ?? '').length, 0),
      );
      await chooseFromMenu(page, 'Agreement…');
      const agreement = page.getByRole('dialog', { name: 'Agreement' });
      const trade = agreement.locator('tr[data-theme="trade"]');
      await expect(trade.locator('td').nth(0)).toHaveText(String(blockChars));
      await expect(trade.locator('td').nth(1)).toHaveText('12');
      await expect(trade.locator('td').nth(2)).toHaveText('0');
      await expect(trade.locator('td').nth(3)).toHaveText('8');
      await expect(trade.locator('td').nth(4)).toHaveText(String(blockChars - 20));
      await expect(trade.locator('td').nth(5)).toHaveText(`${((100 * (blockChars - 8)) / blockChars).toFixed(1)} %`);
      // Coded text only: 12 of 20.
      await expect(trade.locator('td').nth(8)).toHaveText('60.0 %');
      // The cell opens its disagreements: the 8 characters Ben coded and Ana did not.
      const paragraph = (await article(page).locator('p').nth(0).textContent())!;
      await trade.getByRole('button', { name: '8' }).click();
      const list = page.locator('#agreement-disagreements');
      await expect(list.getByRole('heading')).toHaveText('Trade: coded by Ben only (1)');
      await expect(list.getByRole('listitem')).toHaveText(`“${paragraph.slice(12, 20).replace(/\s+/g, ' ')}”`);
      await expectNoViolations(page, 'the Agreement dialog');

      // The compare view: one group of overlapping passages, a disagreement; stepped to, decided, merged.
      await list.getByRole('button', { name: 'Compare this theme side by side…' }).click();
      const compare = page.getByRole('dialog', { name: 'Compare coding: Ana and Ben' });
      await expect(compare.getByRole('status')).toHaveText('0 agreements, 1 disagreement.');
      const item = compare.locator('#compare-list > li');
      await expect(item).toHaveCount(1);
      await expect(item).toHaveClass(/is-disagreement/);
      await expect(item.locator('.compare-side').nth(0)).toContainText(`“${paragraph.slice(0, 12).replace(/\s+/g, ' ')}”`);
      await expect(item.locator('.compare-side').nth(1)).toContainText(`“${paragraph.slice(0, 20).replace(/\s+/g, ' ')}”`);
      await compare.getByRole('button', { name: 'Next disagreement' }).click();
      await expect(item).toHaveAttribute('aria-current', 'true');
      await expectNoViolations(page, 'the compare panel');
      await item.getByRole('radio', { name: 'Ben’s' }).check();
      await compare.getByLabel('Merged layer’s name').fill('Consensus');
      await compare.getByRole('button', { name: 'Merge into a new layer' }).click();
      await expect(compare.getByRole('status')).toHaveText("Merged into Consensus's layer: 1 highlight; Ana's and Ben's layers are kept.");
      await expect.poll(() => drawnHighlights(page)).toBe(3);
      const merged = article(page).locator('mark.hl[data-coder="Consensus"]');
      await expect.poll(() => merged.evaluateAll((els) => els.map((el) => el.textContent).join(''))).toBe(paragraph.slice(0, 20));

      await compare.getByRole('button', { name: 'Close' }).click();

      // The agreement report from the Export dialog, as CSV: the Trade row's counts.
      await page.keyboard.press('Control+e');
      const exporting = page.getByRole('dialog', { name: 'Export' });
      await exporting.getByRole('radio', { name: 'Intercoder agreement (spreadsheet, comma-separated)' }).check();
      await exporting.getByLabel('Compare your coding with').selectOption('Ben');
      const downloaded = page.waitForEvent('download');
      await exporting.getByRole('button', { name: 'Export', exact: true }).click();
      const csv = (await readFile((await (await downloaded).path())!)).toString('utf8');
      const row = csv.split('\r\n').find((line) => line.includes(',Trade,character,'))!;
      expect(row.split(',').slice(3, 8)).toEqual([String(blockChars), '12', '0', '8', String(blockChars - 20)]);
    });
  });
}
