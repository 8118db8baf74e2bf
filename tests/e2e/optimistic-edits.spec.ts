// Edits painted at input: a highlight shows before the host answers and is marked as not yet saved; a
// save that fails takes it back and says so; after a crash only what the host acknowledged comes back.
import { article, dragSelect, expect, expectSaved, highlights, openGloss, sidebar, startGloss, test, type RunningGloss } from './gloss';

/** Starts Gloss again on a folder whose previous Gloss was killed: its lock counts as stale after a few seconds. */
async function startAfterCrash(dataDir: string): Promise<RunningGloss> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await startGloss(dataDir);
    } catch (error) {
      if (attempt >= 40 || !/Another Gloss/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

test('shows a new highlight before the host answers, says it is saving, and takes it back when the save fails', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  // The creation is held at the page's edge, then dropped as a lost connection would drop it.
  let release!: (outcome: 'send' | 'drop') => void;
  const decided = new Promise<'send' | 'drop'>((resolve) => (release = resolve));
  await page.route('**/api/createAnnotation', async (route) =>
    (await decided) === 'drop' ? route.abort('connectionreset') : route.continue(),
  );

  await dragSelect(page, article(page).locator('p').nth(2), 0, 'Trade issues'.length);
  await page.keyboard.press('1');
  await expect(highlights(page)).toHaveCount(1);
  await expect(page.locator('#save-state')).toHaveText('Saving…');
  await expect(sidebar(page).locator('.entry-unsaved')).toHaveText('Saving…');

  release('drop');
  await expect(highlights(page)).toHaveCount(0);
  await expect(page.locator('#save-state')).toHaveText('Not saved');
  await expect(page.getByRole('alert')).toContainText('The change was taken back.');

  // Retry sends the same highlight again, and this time it is stored.
  await page.unroute('**/api/createAnnotation');
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(highlights(page)).toHaveCount(1);
  await expectSaved(page);
  await expect(sidebar(page).locator('.entry-unsaved')).toHaveCount(0);
});

test('after a crash between the paint and the answer, shows exactly what the host acknowledged', async ({ page, dataDir }) => {
  const first = await startGloss(dataDir);
  await openGloss(page, first);
  const paragraph = article(page).locator('p').nth(2);
  await dragSelect(page, paragraph, 0, 'Trade issues'.length);
  await page.keyboard.press('1');
  await expectSaved(page);
  await page.keyboard.press('Escape');

  // The second highlight is painted, but its request never reaches the host before the host dies.
  await page.route('**/api/createAnnotation', () => new Promise(() => undefined));
  await dragSelect(page, paragraph, 'Trade issues remain a '.length, 'Trade issues remain a central challenge'.length);
  await page.keyboard.press('3');
  await expect(highlights(page)).toHaveCount(2);
  await first.stop('SIGKILL');

  const second = await startAfterCrash(dataDir);
  try {
    await page.unroute('**/api/createAnnotation');
    await openGloss(page, second);
    await expect(highlights(page)).toHaveCount(1);
    await expect(highlights(page).first()).toHaveText('Trade issues');
    await expect(highlights(page).first()).toHaveAttribute('data-themes', 'trade');
  } finally {
    await second.stop();
  }
});

test('shows an undo and a redo before the host answers them, and takes an undo back when it fails', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  await dragSelect(page, article(page).locator('p').nth(2), 0, 'Trade issues'.length);
  await page.keyboard.press('1');
  await expectSaved(page);

  // The host's undo is held: the highlight goes at the key press all the same, marked as saving.
  let release!: (outcome: 'send' | 'drop') => void;
  let decided = new Promise<'send' | 'drop'>((resolve) => (release = resolve));
  await page.route('**/api/undo', async (route) => ((await decided) === 'drop' ? route.abort('connectionreset') : route.continue()));
  await page.keyboard.press('Control+z');
  await expect(highlights(page)).toHaveCount(0);
  await expect(page.locator('#save-state')).toHaveText('Saving…');
  release('drop');
  await expect(highlights(page)).toHaveCount(1);
  await expect(page.locator('#save-state')).toHaveText('Not saved');

  // Sent, the undo is confirmed; the redo then shows at once too, while its answer is held.
  decided = new Promise<'send' | 'drop'>((resolve) => (release = resolve));
  await page.getByRole('button', { name: 'Retry' }).click();
  release('send');
  await expect(highlights(page)).toHaveCount(0);
  await expectSaved(page);
  let redone!: () => void;
  const held = new Promise<void>((resolve) => (redone = resolve));
  await page.route('**/api/redo', async (route) => (await held, route.continue()));
  await page.keyboard.press('Control+Shift+z');
  await expect(highlights(page)).toHaveCount(1);
  redone();
  await expectSaved(page);
  await expect(highlights(page)).toHaveCount(1);
});
