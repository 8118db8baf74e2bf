// What a new user meets in the first minutes: list markers, the highlight editor in view, Undo, a new
// document opening at its top, a visible way back after a delete, refused imports, and a large import's progress.
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { article, dragSelect, expect, expectSaved, highlights, openGloss, sidebar, test } from './gloss';

const SAMPLE_SOURCE = 'urn:gloss:document:canada-china-trust';

/** A W3C Web Annotation collection of `count` Trade highlights on the sample's title, as Gloss exports one. */
function jsonLdOfTitleHighlights(count: number): Buffer {
  const title = 'Canada and China take cautious steps to restore diplomatic trust amid US pressures';
  const items = Array.from({ length: count }, (_, index) => {
    const end = 10 + (index % 40);
    return {
      id: `urn:uuid:${randomUUID()}`,
      type: 'Annotation',
      created: '2026-12-01T10:00:00.000Z',
      modified: '2026-12-01T10:00:00.000Z',
      body: [{ type: 'TextualBody', purpose: 'tagging', id: 'urn:gloss:theme:trade', value: 'Trade' }],
      target: {
        source: SAMPLE_SOURCE,
        selector: [
          { type: 'TextPositionSelector', start: 0, end },
          { type: 'TextQuoteSelector', exact: title.slice(0, end), prefix: '', suffix: title.slice(end, end + 32) },
        ],
      },
    };
  });
  const collection = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'AnnotationCollection',
    total: count,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
  return Buffer.from(JSON.stringify(collection));
}

/** Highlights at the start of each paragraph and further in, so the list grows longer than its panel. */
async function highlightParagraphs(page: Page, paragraphs: number[]): Promise<void> {
  for (const index of paragraphs) {
    const paragraph = article(page).locator('p').nth(index);
    await paragraph.scrollIntoViewIfNeeded();
    for (const start of [0, 20, 40]) {
      await dragSelect(page, paragraph, start, start + 12);
      await page.keyboard.press('1');
      await expectSaved(page);
      await page.keyboard.press('Escape');
    }
  }
}

test('draws the bullets and numbers of a Markdown list beside its items', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  await page.locator('#open-input').setInputFiles({
    name: 'lists.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('# Lists\n\nBefore the list.\n\n- canola\n- pork\n\n1. first\n2. second\n'),
  });
  const item = article(page).locator('p.list-item').first();
  await expect(item).toHaveText('canola');
  // The marker's pixels: the item's left edge as shown, then with the marker hidden. They must differ.
  const box = (await item.boundingBox())!;
  const clip = { x: Math.max(0, box.x - 40), y: box.y, width: 40 + 20, height: box.height };
  const withMarker = await page.screenshot({ clip });
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('.article p.list-item::before { visibility: hidden; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
  const withoutMarker = await page.screenshot({ clip });
  expect(withMarker.equals(withoutMarker), 'the bullet is drawn').toBe(false);
});

test('shows and focuses the highlight editor when an entry far down the list is opened', async ({ page, gloss }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openGloss(page, gloss);
  await highlightParagraphs(page, [1, 2, 3, 4, 5, 6]);
  const panel = page.locator('#sidebar');
  await panel.evaluate((el) => (el.scrollTop = el.scrollHeight));
  const last = sidebar(page).locator('#entries a[data-entry-id]').last();
  await last.click();
  const editor = sidebar(page).getByRole('region', { name: 'Highlight' });
  await expect(editor.getByRole('button', { name: 'Delete highlight' })).toBeInViewport();
  await expect(editor.getByRole('checkbox', { name: 'Trade' })).toBeFocused();
});

test('enables Undo after the first change in a fresh data folder', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  const undo = page.getByRole('button', { name: 'Undo' });
  await expect(undo).toBeDisabled();
  await dragSelect(page, article(page).locator('p').nth(2), 0, 12);
  await page.keyboard.press('1');
  await expectSaved(page);
  await expect(undo).toBeEnabled();
});

test("opens a newly opened document at its title, not at the previous one's scroll position", async ({ page, gloss }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openGloss(page, gloss);
  await page.locator('#reader').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await page.locator('#open-input').setInputFiles({
    name: 'notes.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from(`# Field notes\n\n${Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} of the notes.`).join('\n\n')}\n`),
  });
  await expect(article(page).locator('h1')).toHaveText('Field notes');
  await expect(article(page).locator('h1')).toBeInViewport({ ratio: 1 });
});

test('offers Undo in a notice after a highlight is deleted, and brings it back from there', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  await dragSelect(page, article(page).locator('p').nth(2), 0, 12);
  await page.keyboard.press('1');
  await expectSaved(page);
  await sidebar(page).getByRole('button', { name: 'Delete highlight' }).click();
  await expect(highlights(page)).toHaveCount(0);
  const notice = page.locator('#toast');
  await expect(notice).toBeVisible();
  await expect(notice.getByRole('status')).toHaveText('Highlight deleted.');
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(highlights(page)).toHaveCount(1);
  await expect(notice).toBeHidden();
});

test('says a refused annotation file was not imported, keeps "All changes saved", and offers no Retry', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  await expectSaved(page);
  const input = page.locator('#import-annotations-input');
  const refused = [
    { name: 'empty.jsonld', buffer: Buffer.alloc(0), reason: /empty\.jsonld/ },
    { name: 'binary.jsonld', buffer: Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x00, 0xc3]), reason: /binary\.jsonld/ },
    { name: 'utf16.jsonld', buffer: Buffer.from('\ufeff{"type":"AnnotationCollection"}', 'utf16le'), reason: /utf16\.jsonld/ },
  ];
  for (const file of refused) {
    await input.setInputFiles({ name: file.name, mimeType: 'application/ld+json', buffer: file.buffer });
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Nothing was imported.');
    await expect(alert).toContainText(file.reason);
    await expect(page.locator('#banner-retry')).toBeHidden();
    await expect(page.locator('#save-state')).toHaveText('All changes saved');
  }
  await expect(highlights(page)).toHaveCount(0);
});

test('shows a large import step by step, and Cancel while the host imports adds nothing', async ({ page, gloss }) => {
  await openGloss(page, gloss);
  // The host's answer is held until Cancel has been pressed, so the press lands while it works.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/importAnnotations', async (route) => {
    await released;
    await route.continue();
  });
  await page
    .locator('#import-annotations-input')
    .setInputFiles({ name: 'many.jsonld', mimeType: 'application/ld+json', buffer: jsonLdOfTitleHighlights(300) });
  const panel = page.getByRole('region', { name: 'Importing many.jsonld' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('status')).toHaveText('Checking and anchoring each annotation…');
  await panel.getByRole('button', { name: 'Cancel' }).click();
  release();
  await expect(page.locator('#banner')).toContainText('Import cancelled: nothing was added.');
  await expect(panel).toBeHidden();
  await expect(highlights(page)).toHaveCount(0);
  await expectSaved(page);

  // Without Cancel the same file comes in, and the panel goes when its highlights are shown.
  await page.unroute('**/api/importAnnotations');
  await page
    .locator('#import-annotations-input')
    .setInputFiles({ name: 'many.jsonld', mimeType: 'application/ld+json', buffer: jsonLdOfTitleHighlights(300) });
  await expect(page.locator('#banner')).toContainText('Imported 300 annotations.');
  await expect(panel).toBeHidden();
  await expect(sidebar(page).locator('#theme-counts')).toContainText('300');
});
