// Opening in stages: the article's text is readable before any annotation arrives, highlights follow in pages
// while the reader can already code, notes come after and on demand, and what was acknowledged is what comes back.
import type { Page, Route } from '@playwright/test';
import { describeRange } from '../../annotations/anchoring/anchor';
import { GlossService } from '../../annotations/node/service';
import {
  article,
  chooseFromMenu,
  dragSelect,
  expect,
  expectSaved,
  highlights,
  sidebar,
  startGloss,
  test,
  type RunningGloss,
} from './gloss';

/** More than one page of the rest (STAGE_PAGE in renderer/commands/placement.ts), so the screen's stage comes first. */
const MANY = 2600;
const LEDGER_TITLE = 'Ledger of tariffs';

/** A data folder with a long article coded once per paragraph (every tenth with a note), opened first. */
async function seedLedger(dataDir: string, count: number): Promise<string> {
  const service = await GlossService.open({ dataDir, edition: 'browser', version: 'e2e', lock: false });
  try {
    const paragraphs = Array.from({ length: count }, (_, i) => `Entry ${i + 1} records duties on grain and steel.`);
    const raw = [LEDGER_TITLE, ...paragraphs].join('\n');
    const { id } = await service.importDocument({ fileName: 'ledger.txt', dataBase64: Buffer.from(raw).toString('base64') });
    const { document } = await service.openDocument({ documentId: id });
    const made = document.blocks.slice(1).map((block, i) => ({
      target: { source: id, selector: describeRange(document.text, block.start, block.start + `Entry ${i + 1}`.length) },
      themes: [i % 2 === 0 ? 'trade' : 'security'],
      note: i % 10 === 0 ? `Note on entry ${i + 1}` : undefined,
    }));
    for (let from = 0; from < made.length; from += 5000) {
      await service.createAnnotations({ documentId: id, annotations: made.slice(from, from + 5000) });
    }
    return id;
  } finally {
    await service.close();
  }
}

/** Opens Gloss on the ledger (the document read last) without waiting for it to be ready. */
async function gotoLedger(page: Page, gloss: RunningGloss, id: string): Promise<void> {
  await page.addInitScript((documentId) => localStorage.setItem('gloss:last-document', documentId), id);
  await page.goto(gloss.url);
}

/** Holds the host's answers to one method until released; `calls` records each request's input. */
function hold(page: Page, method: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const calls: unknown[] = [];
  const ready = page.route(`**/api/${method}`, async (route: Route) => {
    calls.push(route.request().postDataJSON());
    await released;
    await route.continue();
  });
  return { ready, release, calls };
}

/** Waits until the sidebar counts `count` highlights of a theme. */
async function expectCount(page: Page, label: string, count: number): Promise<void> {
  await expect(sidebar(page).locator('#theme-counts button[data-theme]', { hasText: label })).toHaveAttribute(
    'aria-label',
    `${label} (${count})`,
  );
}

test('shows the article before any highlight arrives and says the highlights are loading', async ({ page, dataDir }) => {
  const id = await seedLedger(dataDir, 40);
  const gloss = await startGloss(dataDir);
  try {
    const held = hold(page, 'openAnnotations');
    await held.ready;
    await gotoLedger(page, gloss, id);
    await expect(article(page).locator('p').first()).toHaveText('Entry 1 records duties on grain and steel.');
    await expect(page.locator('#save-state')).toHaveText('Loading highlights…');
    await expect(highlights(page)).toHaveCount(0);
    expect(held.calls.length).toBeGreaterThan(0);
    // The menus already work while the highlights are held back: Tools › Shortcuts opens its dialog.
    await chooseFromMenu(page, 'Shortcuts');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await page.keyboard.press('Escape');

    held.release();
    await expect(highlights(page).first()).toBeVisible();
    await expectSaved(page);
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
    await expectCount(page, 'Trade', 20);
  } finally {
    await gloss.stop();
  }
});

test('keeps a highlight made while the rest are still arriving, once, and it is there after a reload', async ({ page, dataDir }) => {
  const id = await seedLedger(dataDir, MANY);
  const gloss = await startGloss(dataDir);
  try {
    // The screen's stage comes through; the first page of the rest is held while the reader codes a passage.
    let pages = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/openAnnotations', async (route) => {
      const input = route.request().postDataJSON() as { range?: unknown };
      if (!input.range && pages++ === 0) await released;
      await route.continue();
    });
    await gotoLedger(page, gloss, id);
    const second = article(page).locator('p').nth(1);
    await expect(second.locator('[data-annotation-id]')).toHaveCount(1);
    await expect(page.locator('#save-state')).toHaveText('Loading highlights…');
    await dragSelect(page, second, 'Entry 2 records '.length, 'Entry 2 records duties'.length);
    await page.keyboard.press('1');
    await expect(second.locator('[data-annotation-id]')).toHaveCount(2);

    release();
    await expectSaved(page);
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
    await expect(second.locator('[data-annotation-id]')).toHaveCount(2);
    await expectCount(page, 'Trade', MANY / 2 + 1);
    await expect(sidebar(page).locator('a[data-entry-id]', { hasText: '“duties”' })).toHaveCount(1);

    await page.unrouteAll();
    await page.reload();
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
    await expectCount(page, 'Trade', MANY / 2 + 1);
    await expect(article(page).locator('p').nth(1).locator('[data-annotation-id]')).toHaveCount(2);
  } finally {
    await gloss.stop();
  }
});

test('shows a note when its highlight is opened, though notes were not in the first stage', async ({ page, dataDir }) => {
  const id = await seedLedger(dataDir, 40);
  const gloss = await startGloss(dataDir);
  try {
    const held = hold(page, 'annotationNotes');
    await held.ready;
    await gotoLedger(page, gloss, id);
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
    const first = article(page).locator('p').first().locator('[data-annotation-id]');
    await first.click();
    const note = page.locator('#detail-note');
    await expect(note).toHaveAttribute('placeholder', 'Loading note…');
    await expect(note).toHaveJSProperty('readOnly', true);
    expect(held.calls.some((c) => (c as { ids: string[] }).ids.length > 0)).toBe(true);

    held.release();
    await expect(note).toHaveValue('Note on entry 1');
    await expect(note).toHaveJSProperty('readOnly', false);
    await expect(sidebar(page).locator('.entry-note').first()).toHaveText('Note on entry 1');
  } finally {
    await gloss.stop();
  }
});

test('shows exactly what the host acknowledged after a reload, with an edit lost on the way left out', async ({ page, dataDir }) => {
  const id = await seedLedger(dataDir, 40);
  const gloss = await startGloss(dataDir);
  try {
    await gotoLedger(page, gloss, id);
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
    const third = article(page).locator('p').nth(2);
    await dragSelect(page, third, 'Entry 3 records '.length, 'Entry 3 records duties'.length);
    await page.keyboard.press('2');
    await expectSaved(page);
    await page.keyboard.press('Escape');
    // This one never reaches the host.
    await page.route('**/api/createAnnotation', (route) => route.abort('connectionreset'));
    await dragSelect(page, third, 'Entry 3 records duties on '.length, 'Entry 3 records duties on grain'.length);
    await page.keyboard.press('3');
    await expect(page.locator('#save-state')).toHaveText('Not saved');

    await page.unrouteAll();
    await page.reload();
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
    await expect(article(page).locator('p').nth(2).locator('[data-annotation-id]')).toHaveCount(2);
    await expectCount(page, 'Security', 21);
    await expectCount(page, 'Diplomacy', 0);
  } finally {
    await gloss.stop();
  }
});

test('opens the review of highlights whose text changed, each found where the host anchored it', async ({ page, dataDir }) => {
  const id = await seedLedger(dataDir, 40);
  const service = await GlossService.open({ dataDir, edition: 'browser', version: 'e2e', lock: false });
  try {
    const { document } = await service.openDocument({ documentId: id });
    const changed = document.text.replace('Entry 1 records', 'Preface\nEntry 1 records');
    await service.updateDocument({ documentId: id, fileName: 'ledger.txt', dataBase64: Buffer.from(changed).toString('base64') });
  } finally {
    await service.close();
  }
  const gloss = await startGloss(dataDir);
  try {
    await gotoLedger(page, gloss, id);
    const review = page.getByRole('dialog', { name: 'Review highlights' });
    await expect(review).toBeVisible();
    await expect(review.locator('.review-item')).toHaveCount(40);
    await expect(review.locator('.review-item', { hasText: 'Entry 1' }).first().locator('.review-status')).toHaveText(/^Moved/);
    await expect(article(page).locator('p').nth(1).locator('[data-annotation-id]')).toHaveText('Entry 1');
  } finally {
    await gloss.stop();
  }
});

test.afterEach(async ({ page }) => {
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});
