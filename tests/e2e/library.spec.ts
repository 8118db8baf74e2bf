// The document library as a reader uses it: Markdown, HTML and Word files, switching, counts per
// theme, removing a document, and reviewing highlights after a document's text changed.
import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDocx } from '../fixtures/docx';
import { expectNoViolations } from './axe';
import { article, dragSelect, expect, expectSaved, highlights, openGloss, snap, test, chooseFromMenu } from './gloss';

const SAMPLE_TITLE = 'Canada and China take cautious steps to restore diplomatic trust amid US pressures';

function picker(page: import('@playwright/test').Page) {
  return page.getByRole('combobox', { name: 'Document' });
}

test('opens Markdown, HTML and Word documents through the schema, with scripts, frames and handlers gone', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  const input = page.locator('#open-input');
  await input.setInputFiles({
    name: 'field-notes.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from(
      '# Field **notes**\n\nTariffs on [steel](https://example.com) rose.\nThey rose again.\n\n## Background\n\n- canola\n- pork\n\n1. first\n2. second\n\n> Trade is trust.\n',
    ),
  });
  await expect(article(page).locator('h1')).toHaveText('Field notes');
  await expect(article(page).locator('h2')).toHaveText('Background');
  await expect(article(page).locator('p').first()).toHaveText('Tariffs on steel rose. They rose again.');
  await expect(article(page).locator('p.list-item')).toHaveText(['canola', 'pork', 'first', 'second']);
  await expect(article(page).locator('p.list-item').nth(3)).toHaveAttribute('data-marker', '2.');
  await expect(article(page).locator('blockquote')).toHaveText('Trade is trust.');

  await input.setInputFiles({
    name: 'hostile.html',
    mimeType: 'text/html',
    buffer: Buffer.from(
      '<!doctype html><html><head><title>Ignored</title><style>body{display:none}</style><script>window.__pwned = 1</script></head>' +
        '<body onload="window.__pwned = 2"><h1 onclick="window.__pwned = 3" style="color:red">Hostile page</h1>' +
        '<p onmouseover="window.__pwned = 4">A <b>bold</b> claim<br>on two lines.<img src="x" onerror="window.__pwned = 5"></p>' +
        '<iframe src="https://example.com" srcdoc="<p>framed</p>"></iframe><script>window.__pwned = 6</script>' +
        '<ul><li>first point</li><li><p>second point</p></li></ul><ol><li>numbered</li></ol>' +
        '<blockquote><p>Quoted.</p></blockquote><h3>Section</h3><div>Loose text in a div.</div></body></html>',
    ),
  });
  await expect(article(page).locator('h1')).toHaveText('Hostile page');
  await expect(article(page).locator('h3')).toHaveText('Section');
  await expect(article(page).locator('p:not(.list-item)').first()).toHaveText('A bold claim on two lines.');
  await expect(article(page).locator('p.list-item')).toHaveText(['first point', 'second point', 'numbered']);
  await expect(article(page).locator('blockquote')).toHaveText('Quoted.');
  await expect(article(page)).toContainText('Loose text in a div.');
  await expect(article(page)).not.toContainText('framed');
  await expect(article(page)).not.toContainText('pwned');
  await expect(article(page).locator('script, style, iframe, img, b')).toHaveCount(0);
  const handlers = await article(page).evaluate((root) =>
    [...root.querySelectorAll('*')]
      .flatMap((el) => [...el.attributes].map((a) => a.name))
      .filter((name) => name.startsWith('on') || name === 'style' || name === 'src'),
  );
  expect(handlers).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  await input.setInputFiles({
    name: 'minutes.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: Buffer.from(
      makeDocx([
        { style: 'Heading1', runs: ['Minutes of ', 'the trade meeting'] },
        { runs: ['Present: both delegations.'] },
        { numbered: true, runs: ['Canola'] },
        { style: 'Quote', runs: ['We will meet again.'] },
      ]),
    ),
  });
  await expect(article(page).locator('h1')).toHaveText('Minutes of the trade meeting');
  await expect(article(page).locator('p.list-item')).toHaveText('Canola');
  await expect(article(page).locator('blockquote')).toHaveText('We will meet again.');

  await input.setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7') });
  await expect(page.getByRole('alert')).toContainText('"scan.pdf" is not a text file Gloss can open');

  // Switch between them.
  await expect(picker(page).locator('option')).toHaveCount(4);
  await picker(page).selectOption({ label: 'Field notes' });
  await expect(article(page).locator('h1')).toHaveText('Field notes');
  await picker(page).selectOption({ label: SAMPLE_TITLE });
  await expect(article(page).locator('h1')).toHaveText(SAMPLE_TITLE);
  await picker(page).selectOption({ label: 'Hostile page' });
  await expect(article(page).locator('h1')).toHaveText('Hostile page');
});

test('shows each document’s highlights per theme in the Library, and removes a document after confirmation', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  await page
    .locator('#open-input')
    .setInputFiles({ name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('# Notes\n\nSteel tariffs and canola exports.\n') });
  await expect(article(page).locator('h1')).toHaveText('Notes');
  const paragraph = article(page).locator('p').first();
  await dragSelect(page, paragraph, 0, 'Steel tariffs'.length);
  await page.keyboard.press('1');
  await expectSaved(page);
  await dragSelect(page, paragraph, 'Steel tariffs and '.length, 'Steel tariffs and canola exports'.length);
  await page.keyboard.press('2');
  await expectSaved(page);
  await expect(highlights(page)).toHaveCount(2);

  await chooseFromMenu(page, 'Library…');
  const dialog = page.getByRole('dialog', { name: 'Library' });
  await expect(dialog).toBeVisible();
  const notes = dialog.getByRole('row', { name: 'Notes' });
  await expect(notes.getByRole('list', { name: 'Highlights per theme in Notes' }).getByRole('listitem')).toHaveText([
    'Trade: 1',
    'Security: 1',
  ]);
  await expect(notes).toContainText('2 highlights');
  const sample = dialog.getByRole('row', { name: SAMPLE_TITLE });
  await expect(sample).toContainText('No highlights');
  await expect(sample.getByRole('button', { name: `Remove ${SAMPLE_TITLE}` })).toBeDisabled();

  // Asked first; Keep keeps it.
  await notes.getByRole('button', { name: 'Remove Notes' }).click();
  await expect(notes).toContainText('Remove “Notes” and its 2 highlights? This cannot be undone.');
  await notes.getByRole('button', { name: 'Keep' }).click();
  await expect(dialog.getByRole('row', { name: 'Notes' })).toHaveCount(1);
  await notes.getByRole('button', { name: 'Remove Notes' }).click();
  await notes.getByRole('button', { name: 'Remove document' }).click();
  await expect(dialog.getByRole('row', { name: 'Notes' })).toHaveCount(0);
  await expect(dialog.locator('.library-item')).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(article(page).locator('h1')).toHaveText(SAMPLE_TITLE);
  await expect(picker(page).locator('option')).toHaveCount(1);
  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(picker(page).locator('option')).toHaveCount(1);
});

test('updates the bundled article from a changed file, then reviews its highlights: accept, re-target, delete', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  const paragraphs = article(page).locator('p');
  const first = 'China and Canada are actively working';
  await dragSelect(page, paragraphs.nth(0), 0, first.length);
  await page.keyboard.press('1');
  await expectSaved(page);
  const second = (await paragraphs.nth(1).textContent())!;
  const trust = 'restoring trust and reopening dialogue';
  await dragSelect(page, paragraphs.nth(1), second.indexOf(trust), second.indexOf(trust) + trust.length);
  await page.keyboard.press('3');
  await expectSaved(page);
  const third = (await paragraphs.nth(2).textContent())!;
  const challenge = 'Trade issues remain a central challenge';
  await dragSelect(page, paragraphs.nth(2), third.indexOf(challenge), third.indexOf(challenge) + challenge.length);
  await page.keyboard.press('2');
  await expectSaved(page);
  await expect(highlights(page)).toHaveCount(3);

  // The new version: a paragraph before everything, one passage reworded, one sentence gone.
  const raw = await readFile(join(import.meta.dirname, '..', '..', 'samples', 'canada-china-trust.txt'), 'utf8');
  const lines = raw.split('\n');
  lines.splice(1, 0, 'Editor’s note: this article was updated with new reporting.');
  const changed = lines
    .join('\n')
    .replace(trust, 'rebuilding confidence and resuming talks')
    .replace(/Trade issues remain a central challenge in China-Canada relations\. /, '');
  await chooseFromMenu(page, 'Library…');
  const dialog = page.getByRole('dialog', { name: 'Library' });
  await dialog.getByRole('button', { name: `Update ${SAMPLE_TITLE} from a new version of its file` }).click();
  await page
    .locator('#update-input')
    .setInputFiles({ name: 'canada-china-trust-v2.txt', mimeType: 'text/plain', buffer: Buffer.from(changed) });
  await expect(article(page).locator('p').first()).toHaveText('Editor’s note: this article was updated with new reporting.');

  const review = page.getByRole('dialog', { name: 'Review highlights' });
  await expect(review).toBeVisible();
  await expect(review.locator('.review-item')).toHaveCount(3);
  const moved = review.locator('.review-item', { hasText: first });
  await expect(moved.locator('.review-status')).toHaveText(/^Moved \(confidence \d+%\)$/);
  const reworded = review.locator('.review-item', { hasText: trust });
  await expect(reworded.locator('.review-status')).toHaveText(/Found approximately \(confidence \d+%\)|Not found in the new text/);
  const gone = review.locator('.review-item', { hasText: challenge });
  await expect(gone.locator('.review-status')).toHaveText(/Found approximately \(confidence \d+%\)|Not found in the new text/);
  // The review panel, like every dialog, passes axe's WCAG 2.2 AA rules.
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // Accept the moved one.
  await moved.getByRole('button', { name: 'Accept' }).click();
  await expect(review.locator('.review-item')).toHaveCount(2);
  // Re-target the reworded one: select its new words, then Use selection.
  const newSecond = (await paragraphs.nth(2).textContent())!;
  const replacement = 'rebuilding confidence and resuming talks';
  await dragSelect(page, paragraphs.nth(2), newSecond.indexOf(replacement), newSecond.indexOf(replacement) + replacement.length);
  await reworded.getByRole('button', { name: 'Use selection' }).click();
  await expect(review.locator('.review-item')).toHaveCount(1);
  // Delete the one whose sentence is gone; the review ends.
  await gone.getByRole('button', { name: 'Delete' }).click();
  await expect(review).toBeHidden();
  await expectSaved(page);
  await expect(highlights(page)).toHaveCount(2);
  await expect(page.locator(`.ProseMirror [data-themes="diplomacy"]`)).toHaveText(replacement);
  await expect(page.locator(`.ProseMirror [data-themes="trade"]`)).toHaveText(first);

  // After a reload: no review, the two highlights where the reader put them.
  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(highlights(page)).toHaveCount(2);
  await expect(page.getByRole('dialog', { name: 'Review highlights' })).toBeHidden();
  await chooseFromMenu(page, 'Library…');
  await expect(page.getByRole('dialog', { name: 'Library' })).not.toContainText('await review');
});

for (const appearance of ['light', 'dark'] as const) {
  test(`finds a document by searching the Library table and sorts it by a column, by mouse and keyboard (${appearance})`, async ({
    page,
    gloss,
  }, info) => {
    await page.emulateMedia({ colorScheme: appearance });
    await openGloss(page, gloss);
    for (const [name, text] of [
      ['arctic.md', '# Arctic patrols\n\nSecurity in the north.\n'],
      ['canola.md', '# Canola and tariffs\n\nTrade and seeds.\n'],
      ['article-9.md', '# Article 9 of the treaty\n\nDiplomacy and its words.\n'],
    ] as const) {
      await page.locator('#open-input').setInputFiles({ name, mimeType: 'text/markdown', buffer: Buffer.from(text) });
      await expect(article(page).locator('h1')).toHaveText(text.slice(2, text.indexOf('\n')));
    }
    const paragraph = article(page).locator('p').first();
    await dragSelect(page, paragraph, 0, 'Diplomacy'.length);
    await page.keyboard.press('3');
    await expectSaved(page);

    await chooseFromMenu(page, 'Library…');
    const dialog = page.getByRole('dialog', { name: 'Library' });
    const titles = dialog.locator('tbody .library-title');
    await expect(titles).toHaveText([SAMPLE_TITLE, 'Arctic patrols', 'Canola and tariffs', 'Article 9 of the treaty']);
    await expect(dialog.getByRole('row', { name: 'Article 9 of the treaty' })).toContainText('1 highlight');
    await expect(dialog.getByRole('row', { name: 'Arctic patrols' }).locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
    for (const [width, height] of [
      [1400, 900],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      await snap(page, info, `library-${width}x${height}-${appearance}`);
    }

    // Sorted by title (a click), then turned round from the keyboard.
    const title = dialog.getByRole('columnheader', { name: /Title/ });
    await title.getByRole('button').click();
    await expect(title).toHaveAttribute('aria-sort', 'ascending');
    await expect(titles).toHaveText(['Arctic patrols', 'Article 9 of the treaty', SAMPLE_TITLE, 'Canola and tariffs']);
    await expect(title.getByRole('button')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(title).toHaveAttribute('aria-sort', 'descending');
    await expect(titles).toHaveText(['Canola and tariffs', SAMPLE_TITLE, 'Article 9 of the treaty', 'Arctic patrols']);
    await dialog
      .getByRole('columnheader', { name: /Highlights/ })
      .getByRole('button')
      .click();
    await expect(titles.first()).toHaveText('Article 9 of the treaty');

    // The search keeps the documents whose title or file name has every word, and says how many.
    await dialog.getByRole('searchbox', { name: 'Search the library' }).fill('TREATY canola');
    await expect(titles).toHaveText([]);
    await expect(dialog).toContainText('No document matches the search.');
    await dialog.getByRole('searchbox', { name: 'Search the library' }).fill('canola.md');
    await expect(titles).toHaveText(['Canola and tariffs']);
    await expect(dialog.locator('#library-shown')).toHaveText('1 of 4 documents');
    await snap(page, info, `library-search-1024x700-${appearance}`);
    await expectNoViolations(page, `the Library table, ${appearance}`);
    await dialog.getByRole('row', { name: 'Canola and tariffs' }).getByRole('button', { name: 'Open Canola and tariffs' }).click();
    await expect(article(page).locator('h1')).toHaveText('Canola and tariffs');
  });
}
