// The corpus as an analyst works it: a folder brought in with a bad file among good ones, every passage of a
// theme across documents in the Passages view, the Theme x document matrix, co-occurrence, and the corpus report.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { describeRange } from '../../annotations/anchoring/anchor';
import { GlossService } from '../../annotations/node/service';
import { expectNoViolations } from './axe';
import { chooseFromMenu, expect, openGloss, startGloss, test, type RunningGloss } from './gloss';

/** How many passages the long article gets: enough that only a window of them can be in the page. */
const LONG_PASSAGES = 1200;

/** Fills a data folder with a small corpus: two short articles coded by hand and a long one with a passage per paragraph. */
async function seedCorpus(dataDir: string): Promise<void> {
  const service = await GlossService.open({ dataDir, edition: 'browser', version: 'e2e' });
  try {
    const add = async (fileName: string, text: string) =>
      (await service.importDocument({ fileName, dataBase64: Buffer.from(text).toString('base64') })).id;
    const code = async (documentId: string, text: string, quote: string, themes: string[], note = '') => {
      const start = text.indexOf(quote);
      await service.createAnnotation({
        documentId,
        target: { source: documentId, selector: describeRange(text, start, start + quote.length) },
        themes,
        note,
      });
    };
    const harbour = await add('harbour.txt', 'Harbour report\nPort fees rose and the navy guarded the quay.\nShips waited.');
    const harbourText = (await service.openDocument({ documentId: harbour })).document.text;
    await code(harbour, harbourText, 'Port fees rose', ['trade'], 'Fees doubled in a year');
    await code(harbour, harbourText, 'rose and the navy guarded', ['security']);
    const talks = await add('talks.txt', 'Border talks\nA visit to Beijing eased the canola dispute.');
    const talksText = (await service.openDocument({ documentId: talks })).document.text;
    await code(talks, talksText, 'A visit to Beijing', ['diplomacy']);
    await code(talks, talksText, 'the canola dispute', ['trade', 'diplomacy']);
    const paragraphs = Array.from({ length: LONG_PASSAGES }, (_, i) => `Paragraph ${i + 1} on tariffs and markets.`);
    const long = await add('long.txt', ['Long ledger', ...paragraphs].join('\n'));
    const longText = (await service.openDocument({ documentId: long })).document.text;
    let from = 0;
    for (let i = 0; i < LONG_PASSAGES; i++) {
      const quote = `Paragraph ${i + 1} on tariffs`;
      const start = longText.indexOf(quote, from);
      from = start + quote.length;
      await service.createAnnotation({
        documentId: long,
        target: { source: long, selector: describeRange(longText, start, start + quote.length) },
        themes: ['trade'],
      });
    }
  } finally {
    await service.close();
  }
}

async function openCorpus(page: Page, dataDir: string): Promise<RunningGloss> {
  await seedCorpus(dataDir);
  const gloss = await startGloss(dataDir);
  await openGloss(page, gloss);
  return gloss;
}

/** Screenshots of what is on screen at both window sizes, light and dark, attached and kept for looking at. */
async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await expectNoViolations(page, name);
  for (const [width, height] of [
    [1400, 900],
    [1024, 700],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(100);
      if (scheme === 'dark' && width === 1400) await expectNoViolations(page, `${name} (dark)`);
      const body = await page.screenshot();
      await testInfo.attach(`${name} ${width}x${height} ${scheme}`, { body, contentType: 'image/png' });
      if (process.env.GLOSS_SHOTS) await writeFile(join(process.env.GLOSS_SHOTS, `${name}-${width}x${height}-${scheme}.png`), body);
    }
  }
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

test('opens a folder of documents with one bad file among good ones, showing progress and why the bad one failed', async ({
  page,
  gloss,
  dataDir,
}, testInfo) => {
  const folder = join(dataDir, '..', `${dataDir.split('/').pop()}-corpus`);
  await mkdir(join(folder, 'more'), { recursive: true });
  await writeFile(join(folder, 'alpha.txt'), 'Alpha article\nTariffs rose.');
  await writeFile(join(folder, 'beta.md'), '# Beta article\n\nSecurity *matters*.');
  await writeFile(join(folder, 'more', 'gamma.html'), '<h1>Gamma article</h1><p>Diplomacy works.</p>');
  await writeFile(join(folder, 'empty.txt'), '');
  await writeFile(join(folder, 'slides.pdf'), '%PDF-1.7');
  await writeFile(join(folder, '.hidden.txt'), 'Hidden\nNot this.');
  await openGloss(page, gloss);
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Library…' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('dialog', { name: 'Library' }).getByRole('button', { name: 'Open a folder…' }).click();
  await (await chooser).setFiles(folder);
  const banner = page.locator('#banner-text');
  await expect(banner).toContainText('Opened 3 of 4 files.');
  await expect(banner).toContainText('1 could not be opened:');
  await expect(banner).toContainText('empty.txt: "empty.txt" is empty.');
  await expect(banner).not.toContainText('slides.pdf');
  const picker = page.getByRole('combobox', { name: 'Document' });
  await expect(picker.locator('option')).toHaveText([
    'Canada and China take cautious steps to restore diplomatic trust amid US pressures',
    'Alpha article',
    'Beta article',
    'Gamma article',
  ]);
  // The last one that opened is shown.
  await expect(page.locator('.ProseMirror h1')).toHaveText('Gamma article');
  await testInfo.attach('folder opened', { body: await page.screenshot(), contentType: 'image/png' });
});

test('lists every passage of a theme across documents, scrolls a long list smoothly, and opens one in its document', async ({
  page,
  dataDir,
}, testInfo) => {
  const gloss = await openCorpus(page, dataDir);
  try {
    await chooseFromMenu(page, 'Passages…');
    const dialog = page.getByRole('dialog', { name: 'Passages' });
    const status = dialog.locator('#passages-status');
    await expect(status).toHaveText(`${(LONG_PASSAGES + 4).toLocaleString('en')} passages in 3 documents.`);
    await dialog.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'Trade' });
    await expect(status).toHaveText(`${(LONG_PASSAGES + 2).toLocaleString('en')} passages in 3 documents.`);
    const list = dialog.getByRole('listbox', { name: 'Passages' });
    // Virtualised: a screenful of rows exists, not twelve hundred.
    expect(await list.getByRole('option').count()).toBeLessThan(40);
    await shoot(page, testInfo, 'passages');

    // The keyboard: the list is focused; End goes to the last passage, drawn once its page arrives.
    await list.focus();
    await page.keyboard.press('End');
    await expect(list.locator('.passage-row.is-active')).toContainText(`Paragraph ${LONG_PASSAGES} on tariffs`);
    await page.keyboard.press('Home');
    await expect(list.locator('.passage-row.is-active')).toContainText('Port fees rose');

    // Filters: words in a note, and having a note.
    await dialog.getByRole('searchbox', { name: 'Search quotes and notes' }).fill('doubled');
    await expect(status).toHaveText('1 passage in 1 document.');
    await expect(list.getByRole('option')).toHaveCount(1);
    await expect(list.getByRole('option')).toContainText('Fees doubled in a year');
    await dialog.getByRole('searchbox', { name: 'Search quotes and notes' }).fill('');
    await dialog.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'All themes' });
    await dialog.getByRole('combobox', { name: 'Note' }).selectOption({ label: 'Without a note' });
    await dialog.getByRole('combobox', { name: 'Document' }).selectOption({ label: 'Border talks' });
    await expect(status).toHaveText('2 passages in 1 document.');

    // Enter opens the active passage in its document, its highlight open in the Annotations panel.
    await expect(list.locator('.passage-row.is-active')).toContainText('A visit to Beijing');
    await list.focus();
    await page.keyboard.press('ArrowDown');
    await expect(list.locator('.passage-row.is-active')).toContainText('the canola dispute');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('combobox', { name: 'Document' }).locator('option:checked')).toHaveText('Border talks');
    await expect(page.locator('#detail')).toBeVisible();
    await expect(page.locator('#detail-quote')).toHaveText('the canola dispute');
    await expect(page.locator('.ProseMirror .hl-active').first()).toBeVisible();
  } finally {
    await gloss.stop();
  }
});

test('shows the theme by document matrix in counts and coverage, and a cell opens its passages', async ({ page, dataDir }, testInfo) => {
  const gloss = await openCorpus(page, dataDir);
  try {
    await page.keyboard.press('Alt+Shift+M');
    const dialog = page.getByRole('dialog', { name: 'Themes by document' });
    await expect(dialog).toBeVisible();
    const grid = dialog.getByRole('grid');
    const cell = (theme: string, documentTitle: string) =>
      grid.getByRole('gridcell', { name: new RegExp(`^${theme} in ${documentTitle}:`) });
    await expect(cell('Trade', 'Harbour report')).toHaveText('1');
    await expect(cell('Trade', 'Border talks')).toHaveText('1');
    await expect(cell('Trade', 'Long ledger')).toHaveText(String(LONG_PASSAGES));
    await expect(cell('Security', 'Border talks')).toHaveText('0');
    await expect(cell('Trade', 'all documents')).toHaveText(String(LONG_PASSAGES + 2));
    // The first cell has focus; arrows move across the grid.
    await expect(grid.locator('[data-row="0"][data-col="0"]')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(grid.locator('[data-row="0"][data-col="1"]')).toBeFocused();
    await shoot(page, testInfo, 'matrix');

    await dialog.getByRole('radio', { name: 'Coverage (% of the text)' }).check();
    // "Port fees rose" is 14 of the Harbour report's characters.
    const harbourLength = 'Harbour report\nPort fees rose and the navy guarded the quay.\nShips waited.'.length;
    await expect(cell('Trade', 'Harbour report')).toHaveText(`${((14 / harbourLength) * 100).toFixed(1)}%`);
    await shoot(page, testInfo, 'matrix-coverage');

    await cell('Trade', 'Border talks').click();
    const passages = page.getByRole('dialog', { name: 'Passages' });
    await expect(passages.locator('#passages-status')).toHaveText('1 passage in 1 document.');
    await expect(passages.getByRole('combobox', { name: 'Theme' })).toHaveValue('trade');
    await expect(passages.getByRole('listbox', { name: 'Passages' }).getByRole('option')).toContainText('the canola dispute');
  } finally {
    await gloss.stop();
  }
});

test('counts where themes meet across documents, and a cell opens those passages', async ({ page, dataDir }, testInfo) => {
  const gloss = await openCorpus(page, dataDir);
  try {
    await chooseFromMenu(page, 'Co-occurrence…');
    const dialog = page.getByRole('dialog', { name: 'Co-occurrence' });
    // Trade and Security overlap once (harbour); Trade and Diplomacy share one highlight, overlapping none (talks).
    const pair = dialog.getByRole('gridcell', { name: /^Trade and Security:/ }).first();
    await expect(pair).toHaveText('1');
    await expect(pair).toHaveAccessibleName(/0 highlights with both, 1 overlapping passage, \d+ characters with both, in 1 document/);
    await expect(dialog.getByRole('gridcell', { name: /^Trade and Diplomacy:/ }).first()).toHaveText('1');
    await expect(dialog.getByRole('gridcell', { name: 'Trade with itself' })).toHaveText('—');
    await shoot(page, testInfo, 'cooccurrence');
    await pair.click();
    const passages = page.getByRole('dialog', { name: 'Passages' });
    await expect(passages.locator('#passages-pair')).toContainText('Where Trade and Security meet');
    await expect(passages.locator('#passages-status')).toHaveText('2 passages in 1 document.');
    await expect(passages.getByRole('listbox', { name: 'Passages' }).getByRole('option')).toHaveText([
      /Port fees rose/,
      /rose and the navy guarded/,
    ]);
  } finally {
    await gloss.stop();
  }
});

test('exports the corpus report from the Export dialog: the matrix, co-occurrence and passages across documents', async ({
  page,
  dataDir,
}, testInfo) => {
  const gloss = await openCorpus(page, dataDir);
  try {
    await page.keyboard.press('Control+e');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByRole('radio', { name: /^Every document/ }).check();
    await dialog.getByRole('radio', { name: /^HTML report/ }).check();
    const downloaded = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe('gloss-corpus-report.html');
    const html = await readFile((await download.path())!, 'utf8');
    for (const heading of ['Themes by document', 'Co-occurrence across documents', 'Passages by theme across documents', 'Notes']) {
      expect(html).toContain(`>${heading}</h2>`);
    }
    expect(html).toContain('Fees doubled in a year');
    expect(html).toContain(`${LONG_PASSAGES + 2} passages in 3 documents`);
    await testInfo.attach('corpus-report.html', { body: html, contentType: 'text/html' });

    await page.keyboard.press('Control+e');
    await dialog.getByRole('radio', { name: /^Every document/ }).check();
    await dialog.getByRole('radio', { name: /^CSV/ }).check();
    const csvDownload = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const csv = await readFile((await (await csvDownload).path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'theme,parent theme,Harbour report,Border talks,Long ledger,Canada and China take cautious steps to restore diplomatic trust amid US pressures,total,coverage of the corpus (%)',
    );
    expect(lines[1]).toMatch(new RegExp(`^Trade,,1,1,${LONG_PASSAGES},0,${LONG_PASSAGES + 2},`));

    await page.keyboard.press('Control+e');
    await dialog.getByRole('radio', { name: /^Every document/ }).check();
    await dialog.getByRole('radio', { name: /^REFI-QDA project/ }).check();
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(dialog.locator('#export-status')).toHaveText('A corpus report is made as HTML, PDF, Markdown or CSV.');
  } finally {
    await gloss.stop();
  }
});

test('draws only the matrix columns in view of a wide library, and the keys reach every column', async ({ page, dataDir }) => {
  const service = await GlossService.open({ dataDir, edition: 'browser', version: 'e2e' });
  try {
    for (let i = 1; i <= 40; i++) {
      const text = `Article ${i}\nTariffs rose in year ${i}.`;
      const { id } = await service.importDocument({ fileName: `a${i}.txt`, dataBase64: Buffer.from(text).toString('base64') });
      const start = text.indexOf('Tariffs');
      await service.createAnnotation({
        documentId: id,
        target: { source: id, selector: describeRange(text, start, start + 7) },
        themes: ['trade'],
      });
    }
  } finally {
    await service.close();
  }
  const gloss = await startGloss(dataDir);
  try {
    await openGloss(page, gloss);
    await page.keyboard.press('Alt+Shift+M');
    const grid = page.getByRole('dialog', { name: 'Themes by document' }).getByRole('grid');
    await expect(grid.locator('[data-row="0"][data-col="0"]')).toBeFocused();
    // 41 documents (with the bundled one), far fewer columns drawn.
    expect(await grid.locator('thead th.doc').count()).toBeLessThan(25);
    await page.keyboard.press('End');
    await expect(grid.getByRole('gridcell', { name: /^Trade in all documents: 40 highlights/ })).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(grid.getByRole('gridcell', { name: /^Trade in Article 40:/ })).toBeFocused();
    await expect(grid.getByRole('gridcell', { name: /^Trade in Article 40:/ })).toBeInViewport();
    await page.keyboard.press('Home');
    await expect(grid.getByRole('gridcell', { name: /^Trade in Article 1:/ })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Passages' }).locator('#passages-status')).toHaveText('1 passage in 1 document.');
  } finally {
    await gloss.stop();
  }
});
