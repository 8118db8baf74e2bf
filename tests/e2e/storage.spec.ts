// What a reader sees when storage fails or surprises: a full disk, files that are not text, backups, a data file from a newer Gloss.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { libraryFile, readData } from '../fixtures/data-folder';
import { article, dragSelect, expect, expectSaved, highlights, openGloss, sidebar, startGloss, test, chooseFromMenu } from './gloss';

test('says "not saved" when the disk is full, keeps the file on disk, and saves on Retry once there is room', async ({
  page,
  dataDir,
}, testInfo) => {
  const faultFile = join(dataDir, '..', `${testInfo.testId}-fault`);
  const gloss = await startGloss(dataDir, [], { GLOSS_FAULT_FILE: faultFile });
  try {
    await openGloss(page, gloss);
    const before = await readData(dataDir);
    await writeFile(faultFile, 'write ENOSPC');

    const paragraph = article(page).locator('p').first();
    await dragSelect(page, paragraph, 0, 'China and Canada'.length);
    await page.keyboard.press('1');
    await expect(page.getByRole('alert')).toContainText('Not saved: the disk is full');
    await expect(page.locator('#save-state')).toHaveText('Not saved');
    await expect(highlights(page)).toHaveCount(0);
    expect(await readData(dataDir)).toEqual(before);
    await testInfo.attach('disk full', { body: await page.screenshot(), contentType: 'image/png' });

    await rm(faultFile);
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(highlights(page)).toHaveCount(1);
    await expect(highlights(page).first()).toHaveAttribute('data-themes', 'trade');
    await expectSaved(page);
  } finally {
    await gloss.stop();
  }
  // Closing folds the journals into the files, which now hold the highlight.
  expect((await readData(dataDir)).annotations).toHaveLength(1);
});

test('opens a text file, and says clearly why a binary, empty or non-UTF-8 file cannot be opened', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  const input = page.locator('#open-input');
  await input.setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('  Field notes on tariffs  \n\nFirst paragraph about steel.\r\nSecond paragraph about canola.\n'),
  });
  await expect(article(page).locator('h1')).toHaveText('Field notes on tariffs');
  await expect(article(page).locator('p')).toHaveCount(2);
  await expect(page.getByRole('combobox', { name: 'Document' })).toHaveValue(/field-notes-on-tariffs-/);

  await input.setInputFiles({ name: 'picture.txt', mimeType: 'text/plain', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]) });
  await expect(page.getByRole('alert')).toContainText('"picture.txt" is not a text file');
  await input.setInputFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
  await expect(page.getByRole('alert')).toContainText('"empty.txt" is empty');
  await input.setInputFiles({
    name: 'latin1.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Caf\xe9 au lait\nUn paragraphe.', 'latin1'),
  });
  await expect(page.getByRole('alert')).toContainText('"latin1.txt" is not UTF-8 text');
  await input.setInputFiles({ name: 'slides.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7') });
  await expect(page.getByRole('alert')).toContainText('"slides.pdf" is not a text file Gloss can open');
  // The document that did open is still shown, and the library lists it beside the sample.
  await expect(article(page).locator('h1')).toHaveText('Field notes on tariffs');
  await expect(page.getByRole('combobox', { name: 'Document' }).locator('option')).toHaveCount(2);
});

test('restores an earlier version of the annotations from the Backups dialog', async ({ page, dataDir }) => {
  // Edits go to the journals; the files are rewritten when the journals are folded in (after a pause, when one
  // grows, when Gloss closes), and a closing after changes keeps the library's files as a backup. Each session here ends with a close.
  let gloss = await startGloss(dataDir);
  try {
    await openGloss(page, gloss);
    const paragraph = article(page).locator('p').first();
    await dragSelect(page, paragraph, 0, 'China and Canada'.length);
    await page.keyboard.press('1');
    await expectSaved(page);
    await dragSelect(page, paragraph, 'China and Canada are '.length, 'China and Canada are actively working'.length);
    await page.keyboard.press('2');
    await expectSaved(page);
    await expect(sidebar(page).getByRole('link')).toHaveCount(2);
    await gloss.stop();

    // Next session: delete both; the version with two is kept.
    gloss = await startGloss(dataDir);
    await openGloss(page, gloss);
    await expect(sidebar(page).getByRole('link')).toHaveCount(2);
    for (let i = 0; i < 2; i += 1) {
      await sidebar(page).getByRole('link').first().click();
      await sidebar(page).getByRole('button', { name: 'Delete highlight' }).click();
      await expectSaved(page);
    }
    await expect(highlights(page)).toHaveCount(0);
    await gloss.stop();

    gloss = await startGloss(dataDir);
    await openGloss(page, gloss);
    await expect(highlights(page)).toHaveCount(0);
    await chooseFromMenu(page, 'Backups…');
    const dialog = page.getByRole('dialog', { name: 'Backups' });
    await expect(dialog).toBeVisible();
    const withTwo = dialog.getByRole('listitem').filter({ hasText: '2 highlights' }).first();
    await withTwo.getByRole('button', { name: /Restore/ }).click();
    await page.getByRole('alertdialog', { name: 'Restore backup' }).getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(sidebar(page).getByRole('link')).toHaveCount(2);
    await expect(page.locator('.ProseMirror [data-themes="security"]')).toHaveCount(1);
  } finally {
    await gloss.stop();
  }
});

test('opens a library file written by a newer Gloss read-only and never changes it', async ({ page, dataDir }) => {
  const first = await startGloss(dataDir);
  await first.stop();
  const file = libraryFile(dataDir);
  const data = JSON.parse(await readFile(file, 'utf8')) as { schemaVersion: number };
  data.schemaVersion = 2;
  const future = JSON.stringify(data);
  await writeFile(file, future);

  const gloss = await startGloss(dataDir);
  try {
    await openGloss(page, gloss);
    await expect(page.locator('#banner')).toContainText('written by a newer Gloss');
    await expect(article(page).locator('h1')).toBeVisible();
    await dragSelect(page, article(page).locator('p').first(), 0, 10);
    await page.keyboard.press('1');
    await expect(page.locator('#announcer')).toHaveText('This data is open read-only.');
    await expect(highlights(page)).toHaveCount(0);
  } finally {
    await gloss.stop();
  }
  expect(await readFile(file, 'utf8')).toBe(future);
});
