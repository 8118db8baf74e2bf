// Test fixtures for the browser edition: a server per test on a temporary data folder, and helpers a user's hand would need.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { startBrowserEdition, type RunningGloss } from '../fixtures/browser-edition';

export type { RunningGloss } from '../fixtures/browser-edition';

/** Starts the browser edition's CLI on `dataDir` and waits for the line with its address. */
export function startGloss(dataDir: string, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<RunningGloss> {
  return startBrowserEdition(dataDir, { args: extraArgs, env });
}

/** Opens Gloss at its address and waits until the article is shown. */
export async function openGloss(page: Page, gloss: RunningGloss): Promise<void> {
  await page.goto(gloss.url);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
}

/** The article's ProseMirror view. */
export function article(page: Page): Locator {
  return page.locator('.ProseMirror');
}

/** Every highlight element. */
export function highlights(page: Page): Locator {
  return page.locator('.ProseMirror [data-annotation-id]');
}

/** The highlight element(s) of one annotation. */
export function highlight(page: Page, id: string): Locator {
  return page.locator(`.ProseMirror [data-annotation-id="${id}"]`);
}

/** The text an annotation's highlight covers (it may be split into several elements by other highlights). */
export async function highlightText(page: Page, id: string): Promise<string> {
  return highlight(page, id).evaluateAll((els) =>
    els
      .filter((el) => !el.parentElement?.closest(`[data-annotation-id="${el.getAttribute('data-annotation-id')}"]`))
      .map((el) => el.textContent)
      .join(''),
  );
}

/** Which toolbar menu holds each command. */
const MENU_OF = {
  'Open…': 'File',
  'Library…': 'File',
  'Import annotations…': 'File',
  'Export…': 'File',
  'Backups…': 'File',
  'Codebook…': 'Tools',
  'Find…': 'Tools',
  'Suggestions…': 'Tools',
  'View…': 'Tools',
  'Passages…': 'Tools',
  'Themes by document…': 'Tools',
  'Co-occurrence…': 'Tools',
  'Coders…': 'Tools',
  'Agreement…': 'Tools',
  'Compare coding…': 'Tools',
  Shortcuts: 'Tools',
} as const;

/** A command of the toolbar's menus. */
export type MenuCommand = keyof typeof MENU_OF;

/** Opens the toolbar menu that holds a command and clicks it, as a user with a mouse does. */
export async function chooseFromMenu(page: Page, command: MenuCommand): Promise<void> {
  await page.getByRole('button', { name: MENU_OF[command], exact: true }).click();
  await page.getByRole('menuitem', { name: command, exact: true }).click();
}

/** Opens the menu that holds a command from the keyboard (Enter), walks to it with ArrowDown and presses Enter. */
export async function chooseFromMenuByKeyboard(page: Page, command: MenuCommand): Promise<void> {
  await menuButtonOf(page, command).focus();
  await page.keyboard.press('Enter');
  const item = page.getByRole('menuitem', { name: command, exact: true });
  for (let i = 0; i < 12 && !(await item.evaluate((el) => el === document.activeElement)); i += 1) await page.keyboard.press('ArrowDown');
  await expect(item).toBeFocused();
  await page.keyboard.press('Enter');
}

/** The toolbar menu button that holds a command. */
export function menuButtonOf(page: Page, command: MenuCommand): Locator {
  return page.getByRole('button', { name: MENU_OF[command], exact: true });
}

/** The "Annotations" sidebar landmark. */
export function sidebar(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Annotations' });
}

/** Waits until every change has reached the host. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.locator('#save-state')).toHaveText('All changes saved');
}

/**
 * Selects characters [start, end) of a block's text by dragging the mouse from the left edge of
 * the first character to the right edge of the last, as a reader would.
 */
export async function dragSelect(page: Page, block: Locator, start: number, end: number): Promise<void> {
  const points = await block.evaluate(
    (el, [from, to]) => {
      const rectOf = (offset: number) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent!.length;
          if (offset < seen + length) {
            const range = document.createRange();
            range.setStart(node, offset - seen);
            range.setEnd(node, offset - seen + 1);
            const rects = range.getClientRects();
            return rects[rects.length - 1]!;
          }
          seen += length;
        }
        throw new Error(`offset ${offset} is past the block's text`);
      };
      const first = rectOf(from!);
      const last = rectOf(to! - 1);
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
    },
    [start, end],
  );
  await page.mouse.move(points.x1, points.y1);
  await page.mouse.down();
  await page.mouse.move((points.x1 + points.x2) / 2, (points.y1 + points.y2) / 2, { steps: 3 });
  await page.mouse.move(points.x2, points.y2, { steps: 3 });
  await page.mouse.up();
}

/** A per-test data folder and a server on it; the test may restart the server on the same folder. */
export const test = base.extend<{ dataDir: string; gloss: RunningGloss }>({
  dataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'gloss-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  gloss: async ({ dataDir }, use) => {
    const gloss = await startGloss(dataDir);
    await use(gloss);
    await gloss.stop();
  },
});

export { expect };

/** Attaches a screenshot to the report and keeps it in the test's output folder (to be looked at, not compared). */
export async function snap(page: Page, info: TestInfo, name: string): Promise<void> {
  const path = info.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await info.attach(name, { path, contentType: 'image/png' });
}
