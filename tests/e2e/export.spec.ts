// Exports from the app: the Export dialog (Ctrl+E) downloads each format in the browser edition, and JSON-LD comes back in.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { article, dragSelect, expect, expectSaved, highlights, openGloss, sidebar, test, chooseFromMenu } from './gloss';

async function exportAs(page: Page, format: RegExp, options: { bom?: boolean } = {}): Promise<{ name: string; bytes: Buffer }> {
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: format }).check();
  if (options.bom) await dialog.getByRole('checkbox', { name: /byte-order mark/ }).check();
  const downloaded = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloaded;
  await expect(dialog).toBeHidden();
  return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

test('exports HTML, Markdown, CSV, JSON-LD and REFI-QDA, and imports the JSON-LD back without duplicates', async ({
  page,
  gloss,
}, testInfo) => {
  await openGloss(page, gloss);
  const paragraph = article(page).locator('p').nth(2);
  await dragSelect(page, paragraph, 0, 'Trade issues remain a central challenge'.length);
  await page.keyboard.press('1');
  await sidebar(page).getByLabel('Note').fill('=SUM(A1) <script>alert(1)</script>');
  await expectSaved(page);
  await page.keyboard.press('Escape');

  const html = await exportAs(page, /^HTML report/);
  expect(html.name).toMatch(/\.html$/);
  const htmlText = html.bytes.toString('utf8');
  expect(htmlText).toContain('Canada and China take cautious steps');
  expect(htmlText).toContain('Trade issues remain a central challenge');
  expect(htmlText).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(htmlText).not.toContain('<script');
  await testInfo.attach('report.html', { body: html.bytes, contentType: 'text/html' });

  const md = await exportAs(page, /Markdown/);
  expect(md.name).toMatch(/\.md$/);
  expect(md.bytes.toString('utf8')).toContain('Trade issues remain a central challenge');

  const csv = await exportAs(page, /CSV/, { bom: true });
  expect(csv.name).toMatch(/\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csvText = csv.bytes.toString('utf8');
  expect(csvText).toContain("'=SUM(A1)");

  const qdpx = await exportAs(page, /REFI-QDA project/);
  expect(qdpx.name).toMatch(/\.qdpx$/);
  expect(qdpx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

  const jsonld = await exportAs(page, /JSON-LD/);
  const collection = JSON.parse(jsonld.bytes.toString('utf8')) as { type: string; total: number };
  expect(collection.type).toBe('AnnotationCollection');
  expect(collection.total).toBe(1);

  // Delete the highlight, then import the JSON-LD: it comes back once, and a second import adds nothing.
  await highlights(page).first().click();
  await sidebar(page).getByRole('button', { name: 'Delete highlight' }).click();
  await expect(highlights(page)).toHaveCount(0);
  const input = page.locator('#import-annotations-input');
  await input.setInputFiles({ name: jsonld.name, mimeType: 'application/ld+json', buffer: jsonld.bytes });
  await expect(highlights(page)).toHaveCount(1);
  await expect(page.locator('#banner')).toContainText('Imported 1 annotation.');
  await input.setInputFiles({ name: jsonld.name, mimeType: 'application/ld+json', buffer: jsonld.bytes });
  await expect(page.locator('#banner')).toContainText('Imported 0 annotations; 1 already present.');
  await expect(highlights(page)).toHaveCount(1);
  await input.setInputFiles({ name: 'broken.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from('{not json') });
  await expect(page.getByRole('alert')).toContainText('"broken.jsonld" is not JSON');
});

test('prints the PDF report through the browser in the browser edition', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  await chooseFromMenu(page, 'Export…');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: /^PDF/ }).check();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('#announcer')).toHaveText(/print dialog/);
  const frame = page.locator('iframe.print-frame');
  await expect(frame).toHaveAttribute('src', /^blob:/);
  await expect(page.frameLocator('iframe.print-frame').locator('h1').first()).toContainText('Canada and China');
});

test("prints the browser edition's PDF with the report's own styles: highlighting, theme chips and its fonts", async ({ page, gloss }) => {
  await openGloss(page, gloss);
  await dragSelect(page, article(page).locator('p').nth(2), 0, 'Trade issues remain a central challenge'.length);
  await page.keyboard.press('1');
  await page.keyboard.press('3');
  await expectSaved(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: /^PDF/ }).check();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const report = page.frameLocator('iframe.print-frame');
  const style = (locator: ReturnType<typeof report.locator>, property: string) =>
    locator.evaluate((element, name) => getComputedStyle(element).getPropertyValue(name), property);
  await expect.poll(() => style(report.locator('body'), 'font-family')).toContain('Georgia');
  const chip = report.locator('.tag').first();
  expect(await style(chip, 'border-top-style')).toBe('solid');
  expect(parseFloat(await style(chip, 'margin-right'))).toBeGreaterThan(0);
  const highlight = report.locator('.article .hl').first();
  await expect(highlight).toContainText('Trade issues');
  expect(await style(highlight, 'background-color')).not.toBe('rgba(0, 0, 0, 0)');
  expect(await style(highlight, 'text-decoration-line')).toBe('underline');
});

test('says why an export cannot be made when no theme is chosen', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  for (const name of ['Trade', 'Security', 'Diplomacy']) await dialog.getByRole('checkbox', { name, exact: true }).uncheck();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText('Choose at least one theme.');
  await expect(dialog).toBeVisible();
});

test('prints the HTML report of the annotated article to a PDF whose pages hold the quotes and notes', async ({
  page,
  gloss,
}, testInfo) => {
  const { execFileSync } = await import('node:child_process');
  const { writeFile } = await import('node:fs/promises');
  const hasPoppler = (() => {
    try {
      execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  test.skip(!hasPoppler, 'poppler-utils (pdftotext, pdfinfo, pdftoppm) is not installed; .ci/run installs it');

  await openGloss(page, gloss);
  const paragraph = article(page).locator('p').nth(2);
  await dragSelect(page, paragraph, 0, 'Trade issues remain a central challenge'.length);
  await page.keyboard.press('1');
  await sidebar(page).getByLabel('Note').fill('Tariffs on canola and electric vehicles.');
  await expectSaved(page);
  await page.keyboard.press('Escape');
  const html = await exportAs(page, /^HTML report/);

  // The report as a reader's browser prints it: Chromium's own PDF printer, print CSS applied.
  const printer = await page.context().newPage();
  await printer.setContent(html.bytes.toString('utf8'));
  const pdfPath = testInfo.outputPath('report.pdf');
  await writeFile(pdfPath, await printer.pdf({ format: 'A4', printBackground: true }));
  await printer.close();
  await testInfo.attach('report.pdf', { path: pdfPath, contentType: 'application/pdf' });

  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  expect(pages).toBeGreaterThanOrEqual(1);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain('Canada and China take cautious steps');
  expect(text).toContain('Trade issues remain a central challenge');
  expect(text).toContain('Tariffs on canola and electric vehicles.');

  const pngBase = testInfo.outputPath('report-page');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfPath, pngBase]);
  await testInfo.attach('report page 1', { path: `${pngBase}.png`, contentType: 'image/png' });
});
