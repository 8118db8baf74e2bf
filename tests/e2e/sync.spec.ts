// A team's coding shared through CouchDB, end to end in the browser edition: two hosts on two data folders (Ann and
// Ben) connect to a pouchdb-server on loopback through the Shared project dialog; each sees the other's layer drawn
// beside their own, and the status area says the project is up to date. Screenshots of the dialog and the status,
// light and dark, at 1400x900 and 1024x700.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startCouchServer, type CouchServer } from '../../scripts/couch-server';
import { expectNoViolations } from './axe';
import { article, chooseFromMenu, dragSelect, expect, expectSaved, nameCoder, openGloss, snap, startGloss, test } from './gloss';

let server: CouchServer;
let serverDir: string;

test.beforeAll(async () => {
  serverDir = await mkdtemp(join(tmpdir(), 'gloss-e2e-couch-'));
  server = await startCouchServer(serverDir);
});

test.afterAll(async () => {
  await server?.stop();
  await rm(serverDir, { recursive: true, force: true });
});

async function connect(page: Page, url: string): Promise<void> {
  await chooseFromMenu(page, 'Shared project…');
  const dialog = page.getByRole('dialog', { name: 'Shared project' });
  await dialog.getByLabel('Database address').fill(url);
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Shared:');
}

for (const appearance of ['light', 'dark'] as const) {
  test.describe(`${appearance} appearance`, () => {
    test.use({ colorScheme: appearance, viewport: { width: 1400, height: 900 } });

    test("two data folders share their coding through a CouchDB server: each sees the other's layer, and the status says so", async ({
      page,
      gloss,
      browser,
    }, info) => {
      test.setTimeout(120_000);
      const url = await server.createDatabase(`project-${appearance}`);
      const benDir = await mkdtemp(join(tmpdir(), 'gloss-e2e-sync-ben-'));
      const ben = await startGloss(benDir);
      try {
        const benPage = await browser.newPage({ colorScheme: appearance, viewport: { width: 1400, height: 900 } });
        await openGloss(page, gloss);
        await openGloss(benPage, ben);
        await nameCoder(page, 'Ann');
        await nameCoder(benPage, 'Ben');
        await dragSelect(page, article(page).locator('p').nth(0), 0, 20);
        await page.keyboard.press('1');
        await expectSaved(page);
        await dragSelect(benPage, article(benPage).locator('p').nth(1), 0, 15);
        await benPage.keyboard.press('2');
        await expectSaved(benPage);

        await connect(page, url);
        const dialog = page.getByRole('dialog', { name: 'Shared project' });
        await expect(dialog.getByText('The browser edition keeps the password for this session only')).toBeVisible();
        await expectNoViolations(page, 'the Shared project dialog');
        await snap(page, info, `sync-dialog-${appearance}-1400x900`);
        await page.setViewportSize({ width: 1024, height: 700 });
        await snap(page, info, `sync-dialog-${appearance}-1024x700`);
        await page.setViewportSize({ width: 1400, height: 900 });
        await dialog.getByRole('button', { name: 'Close' }).click();
        await connect(benPage, url);
        await benPage.getByRole('dialog', { name: 'Shared project' }).getByRole('button', { name: 'Close' }).click();

        await expect(article(benPage).locator('mark.hl[data-coder="Ann"]').first()).toBeVisible({ timeout: 20_000 });
        await expect(article(page).locator('mark.hl[data-coder="Ben"]').first()).toBeVisible({ timeout: 20_000 });
        await expect(page.locator('#sync-status')).toHaveAccessibleName(/^Shared: last synced/);
        await expect(benPage.locator('#sync-status')).toHaveAccessibleName(/^Shared: last synced/);
        await expect(page.locator('#sync-status .sync-long')).toContainText('Synced');
        await snap(page, info, `sync-status-${appearance}-1400x900`);
        await page.setViewportSize({ width: 1024, height: 700 });
        await snap(page, info, `sync-status-${appearance}-1024x700`);

        // Offline: the server stops, Ben's edit is queued and the status says so; back, it reaches Ann.
        await server.kill();
        await dragSelect(benPage, article(benPage).locator('p').nth(2), 0, 10);
        await benPage.keyboard.press('3');
        await expectSaved(benPage);
        await expect(benPage.locator('#sync-status')).toHaveAccessibleName(/^Shared: offline, 1 change queued/, { timeout: 20_000 });
        await expect(benPage.locator('#sync-status .sync-long')).toHaveText('Offline · 1 queued');
        await benPage.setViewportSize({ width: 1024, height: 700 });
        await snap(benPage, info, `sync-status-offline-${appearance}-1024x700`);
        await server.restart();
        await expect(benPage.locator('#sync-status')).toHaveAccessibleName(/^Shared: last synced/, { timeout: 30_000 });
        await expect(article(page).locator('mark.hl[data-coder="Ben"]')).toHaveCount(2, { timeout: 30_000 });
        await benPage.close();
      } finally {
        await ben.stop();
        await rm(benDir, { recursive: true, force: true });
      }
    });
  });
}
