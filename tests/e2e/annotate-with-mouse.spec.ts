// A reader codes the bundled article with the mouse: highlight, tag, overlap, note, sidebar, undo, restart.
import { readFile } from 'node:fs/promises';
import { libraryFile } from '../fixtures/data-folder';
import {
  article,
  dragSelect,
  expect,
  expectSaved,
  highlight,
  highlights,
  highlightText,
  openGloss,
  sidebar,
  startGloss,
  test,
} from './gloss';

const TITLE = 'Canada and China take cautious steps to restore diplomatic trust amid US pressures';

test('shows the bundled article with its title as the heading and trimmed paragraphs', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  await expect(article(page).locator('h1')).toHaveText(TITLE);
  const lines = (await readFile('samples/canada-china-trust.txt', 'utf8')).split('\n').filter((l) => l.trim());
  await expect(article(page).locator('p')).toHaveCount(lines.length - 1);
  // The sample's first paragraph begins with a stray space in the file; it is normalised away.
  const first = await article(page).locator('p').first().textContent();
  expect(first!.startsWith('China and Canada are actively working')).toBe(true);
  await expect(page.getByRole('button', { name: 'Trade', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Security', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Diplomacy', exact: true })).toBeVisible();
  await expect(sidebar(page)).toBeVisible();
});

test('highlights, tags, overlaps, notes and deletes with the mouse, and finds it all after a restart', async ({
  page,
  gloss,
  dataDir,
}, testInfo) => {
  await openGloss(page, gloss);
  const third = article(page).locator('p').nth(2); // "Trade issues remain a central challenge..."
  const thirdText = (await third.textContent())!;

  // 1. Select "Trade issues remain a central challenge" and tag it Trade with the toolbar.
  const phrase = 'Trade issues remain a central challenge';
  await dragSelect(page, third, 0, phrase.length);
  await page.getByRole('button', { name: 'Trade', exact: true }).click();
  await expect(highlights(page)).toHaveCount(1);
  const first = highlights(page).first();
  await expect(first).toHaveText(phrase);
  await expect(first).toHaveAttribute('data-themes', 'trade');
  const firstId = (await first.getAttribute('data-annotation-id'))!;
  // Colour is not the only cue: the theme's underline style is drawn too.
  expect(await first.evaluate((el) => getComputedStyle(el).textDecorationStyle)).toBe('solid');
  await expectSaved(page);

  // 2. Add a second theme to the open highlight with the toolbar.
  await page.getByRole('button', { name: 'Security', exact: true }).click();
  await expect(highlight(page, firstId)).toHaveAttribute('data-themes', 'trade security');

  // 3. An overlapping highlight: "central challenge in China-Canada relations", tagged Diplomacy with key 3.
  const overlapStart = thirdText.indexOf('central challenge');
  const overlapEnd = thirdText.indexOf('relations') + 'relations'.length;
  await dragSelect(page, third, overlapStart, overlapEnd);
  await page.keyboard.press('3');
  await expect(page.locator('.ProseMirror [data-themes="diplomacy"]').first()).toBeVisible();
  const ids = await highlights(page).evaluateAll((els) => [...new Set(els.map((el) => el.getAttribute('data-annotation-id')))]);
  expect(ids).toHaveLength(2);
  const secondId = ids.find((id) => id !== firstId)!;
  await expect(highlight(page, secondId).first()).toHaveAttribute('data-themes', 'diplomacy');
  // The overlap "central challenge" lies inside both highlights.
  const overlapped = await page.evaluate(() => {
    const marks = [...document.querySelectorAll('.ProseMirror mark mark')];
    return marks.map((m) => m.textContent);
  });
  expect(overlapped.join('')).toContain('central challenge');
  // A nested highlight: "issues" inside the first one.
  await dragSelect(page, third, 'Trade '.length, 'Trade issues'.length);
  await page.keyboard.press('1');
  const annotationIds = async () => [
    ...new Set(await highlights(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-annotation-id')!))),
  ];
  await expect.poll(async () => (await annotationIds()).length).toBe(3);
  const ids3 = await annotationIds();
  await expectSaved(page);
  await testInfo.attach('three highlights, overlapping and nested', { body: await page.screenshot(), contentType: 'image/png' });

  // 4. Clicking the first highlight (outside the overlap) opens it in the sidebar.
  await highlight(page, firstId)
    .first()
    .click({ position: { x: 4, y: 6 } });
  const detail = sidebar(page).getByRole('region', { name: 'Highlight' });
  await expect(detail).toBeVisible();
  await expect(detail.locator('blockquote')).toHaveText(phrase);
  await expect(detail.getByRole('checkbox', { name: 'Trade' })).toBeChecked();
  await expect(detail.getByRole('checkbox', { name: 'Security' })).toBeChecked();
  await expect(detail.getByRole('checkbox', { name: 'Diplomacy' })).not.toBeChecked();
  // Remove Security in the sidebar.
  await detail.getByRole('checkbox', { name: 'Security' }).uncheck();
  await expect(highlight(page, firstId).first()).toHaveAttribute('data-themes', 'trade');
  // A multi-line note with markup in it: shown as text, never run.
  const note = 'Tariffs on canola and EVs.\nSee also <b>steel</b> <img src=x onerror="document.title=1">';
  await detail.getByLabel('Note').fill(note);
  await expectSaved(page);

  // 5. The sidebar lists highlights in document order with counts and notes.
  const entries = sidebar(page).getByRole('list', { name: 'Highlights in document order' }).getByRole('link');
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0)).toContainText('Trade issues remain a central challenge');
  await expect(entries.nth(0)).toContainText('Tariffs on canola and EVs.');
  await expect(entries.nth(0)).toContainText('<b>steel</b>');
  await expect(entries.nth(1)).toContainText('issues');
  await expect(entries.nth(2)).toContainText('central challenge in China-Canada relations');
  const counts = sidebar(page).getByRole('list', { name: 'Highlights per theme' });
  await expect(counts.locator('[data-theme="trade"] .theme-count-value')).toHaveText('2');
  await expect(counts.locator('[data-theme="security"] .theme-count-value')).toHaveText('0');
  await expect(counts.locator('[data-theme="diplomacy"] .theme-count-value')).toHaveText('1');
  expect(await page.locator('img').count()).toBe(0);

  // Filter by theme.
  await sidebar(page).getByRole('combobox', { name: 'Filter by theme' }).selectOption('diplomacy');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('central challenge in China-Canada relations');
  await sidebar(page).getByRole('combobox', { name: 'Filter by theme' }).selectOption('');
  await expect(entries).toHaveCount(3);

  // Activating an entry scrolls to its highlight and flashes it.
  await page.locator('#reader').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  // The flash lasts about a second: watch for it from before the click, so a slow machine cannot miss it.
  const flashed = page.evaluate(
    (id) =>
      new Promise<boolean>((resolve) => {
        const root = document.querySelector('.ProseMirror')!;
        const seen = () => root.querySelector(`[data-annotation-id="${id}"].hl-flash`) !== null;
        const observer = new MutationObserver(() => {
          if (seen()) {
            observer.disconnect();
            resolve(true);
          }
        });
        observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
        setTimeout(() => resolve(seen()), 15_000);
      }),
    secondId,
  );
  await entries.nth(2).click();
  expect(await flashed).toBe(true);
  await expect(highlight(page, secondId).first()).toBeInViewport();
  await expect(detail.locator('blockquote')).toHaveText('central challenge in China-Canada relations');

  // 6. Delete the Diplomacy highlight, undo, redo, undo again.
  await detail.getByRole('button', { name: 'Delete highlight' }).click();
  await expect(highlight(page, secondId)).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(highlight(page, secondId).first()).toHaveAttribute('data-themes', 'diplomacy');
  await page.keyboard.press('Control+Shift+z');
  await expect(highlight(page, secondId)).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(highlight(page, secondId).first()).toBeVisible();
  await expectSaved(page);
  await testInfo.attach('before restart', { body: await page.screenshot(), contentType: 'image/png' });

  // 7. Restart the browser edition: everything is back in its place.
  const stopped = await gloss.stop();
  expect(stopped.code).toBe(0);
  const data = JSON.parse(await readFile(libraryFile(dataDir), 'utf8')) as { schemaVersion: number };
  expect(data.schemaVersion).toBe(1);
  const again = await startGloss(dataDir);
  try {
    await openGloss(page, again);
    await expect(highlight(page, firstId).first()).toHaveAttribute('data-themes', 'trade');
    expect(await highlightText(page, firstId)).toBe(phrase);
    // The nested highlight is the innermost element over its word, so a click opens it, not the outer one.
    const nestedId = ids3.find((id) => id !== firstId && id !== secondId)!;
    await highlight(page, nestedId).first().click();
    await expect(detail.locator('blockquote')).toHaveText('issues');
    await expect(highlight(page, secondId).first()).toHaveAttribute('data-themes', 'diplomacy');
    await expect(entries).toHaveCount(3);
    await highlight(page, firstId)
      .first()
      .click({ position: { x: 4, y: 6 } });
    await expect(detail.getByLabel('Note')).toHaveValue(note);
    await testInfo.attach('after restart', { body: await page.screenshot(), contentType: 'image/png' });
  } finally {
    await again.stop();
  }
});
