// Scenario 11, the corpus views at library scale (issue 15): on a generated library (500 documents x 200
// highlights, tests/fixtures/corpus-library.ts), the Passages view of one theme (first screen painted, worst
// frame while scrolling it), the Theme x document matrix painted, and the corpus report in HTML built by the host.
// Runnable alone: node --import tsx tests/bench/corpus-views-scenario.ts [--quick]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright';
import { GlossService } from '../../annotations/node/service';
import { buildCorpusLibrary, CORPUS_LIBRARY, type LibrarySize } from '../fixtures/corpus-library';
import { CHROMIUM_PATH } from './browser-scenarios';
import { startServer } from './server';
import { row, type BenchRow } from './stats';

/** How much scenario 11 does. */
export interface CorpusViewsCounts {
  library: Partial<LibrarySize>;
  /** Times each view is opened and measured. */
  runs: number;
  /** Scroll steps through the Passages list (a screen each). */
  scrollSteps: number;
}

export const FULL_CORPUS_VIEWS: CorpusViewsCounts = { library: {}, runs: 5, scrollSteps: 150 };
export const QUICK_CORPUS_VIEWS: CorpusViewsCounts = { library: { documents: 50 }, runs: 2, scrollSteps: 40 };

// The page scripts are plain JavaScript strings: tsx would wrap named functions of a closure passed to
// page.evaluate in a helper (__name) that the page does not have.

/** Waits, in the page, until `ready` (an expression) holds, then for the next frame to be painted. */
const PAINTED = (ready: string): string => `await new Promise((done) => {
    const poll = () => ((${ready}) ? done() : requestAnimationFrame(poll));
    poll();
  });
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));`;

/** The time from a key press (as the page receives it) to the first frame after `ready` holds in the page. */
async function timeToPaint(page: Page, key: string, ready: string): Promise<number> {
  await page.evaluate(`window.pressedAt = 0;
    window.addEventListener('keydown', () => (window.pressedAt = performance.now()), { capture: true, once: true });`);
  await page.keyboard.press(key);
  return page.evaluate(`(async () => { ${PAINTED(ready)} return performance.now() - window.pressedAt; })()`);
}

/** Measures the Passages view of one theme: first screen, then the worst frame while scrolling a screen per frame. */
async function passagesOfOneTheme(page: Page, steps: number): Promise<{ firstScreen: number; worstFrame: number; total: number }> {
  await page.keyboard.press('Alt+Shift+P');
  await page
    .locator('#passages-status')
    .filter({ hasText: /passages in/ })
    .waitFor();
  const ready =
    "/passages in/.test(status.textContent) && list.querySelector('.passage-row') && !list.querySelector('.passage-quote.is-loading')";
  const result = await page.evaluate(`(async () => {
    const select = document.querySelector('#passages-theme');
    const status = document.querySelector('#passages-status');
    const list = document.querySelector('#passages-list');
    const started = performance.now();
    select.value = select.options[1].value;
    select.dispatchEvent(new Event('change'));
    status.textContent = '';
    ${PAINTED(ready)}
    const firstScreen = performance.now() - started;
    const total = Number(status.textContent.split(' ')[0].replace(/,/g, ''));
    // A screen a frame, the frames timed by requestAnimationFrame: the worst gap is the worst frame.
    // As scenario 4 scrolls the sidebar: half a screen or more a frame, timed by the frames' own timestamps.
    let worst = 0;
    let last = await new Promise((done) => requestAnimationFrame(done));
    const step = Math.max(list.clientHeight / 2, (list.scrollHeight - list.clientHeight) / ${steps});
    for (let i = 0; i < ${steps}; i++) {
      list.scrollTop += step;
      const now = await new Promise((done) => requestAnimationFrame(done));
      worst = Math.max(worst, now - last);
      last = now;
    }
    return { firstScreen, worstFrame: worst, total };
  })()`);
  await page.keyboard.press('Escape');
  return result as { firstScreen: number; worstFrame: number; total: number };
}

/** Runs scenario 11 in `workDir`; answers its rows. */
export async function runCorpusViewsScenario(counts: CorpusViewsCounts, workDir: string, log: (line: string) => void): Promise<BenchRow[]> {
  const dataDir = join(workDir, 'corpus-views');
  const size = { ...CORPUS_LIBRARY, ...counts.library };
  log(`  building a library of ${size.documents} documents x ${size.highlights} highlights …`);
  const built = await buildCorpusLibrary(dataDir, counts.library);
  log(`  built ${built.annotations} annotations in ${(built.milliseconds / 1000).toFixed(1)} s`);
  const rows: BenchRow[] = [];
  const label = `${built.documents} docs x ${size.highlights}`;

  // The corpus report in HTML, as the host builds it for the Export dialog (anchoring every highlight).
  const service = await GlossService.open({ dataDir, edition: 'browser', version: 'bench' });
  const report: number[] = [];
  let reportMB = 0;
  try {
    for (let run = 0; run < counts.runs; run++) {
      const started = performance.now();
      const exported = await service.exportCorpusReport({ format: 'html' });
      report.push(performance.now() - started);
      reportMB = (exported.dataBase64.length * 3) / 4 / 1024 / 1024;
    }
  } finally {
    await service.close();
  }
  rows.push(
    row('11 corpus views', `corpus report HTML (${label})`, 'ms', report, { on: 'median', atMost: 5000 }, `${reportMB.toFixed(1)} MB`),
  );

  const server = await startServer(dataDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    await page.goto(server.url);
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 120_000 });
    const firstScreen: number[] = [];
    const worstFrame: number[] = [];
    const matrix: number[] = [];
    let passages = 0;
    for (let run = 0; run < counts.runs; run++) {
      const measured = await passagesOfOneTheme(page, counts.scrollSteps);
      firstScreen.push(measured.firstScreen);
      worstFrame.push(measured.worstFrame);
      passages = measured.total;
      await page.locator('#passages-dialog').waitFor({ state: 'hidden' });
      matrix.push(await timeToPaint(page, 'Alt+Shift+M', "document.querySelector('#matrix-table') !== null"));
      await page.keyboard.press('Escape');
      await page.locator('#matrix-dialog').waitFor({ state: 'detached' });
      log(
        `  run ${run + 1}: passages first screen ${measured.firstScreen.toFixed(0)} ms, worst frame ${measured.worstFrame.toFixed(0)} ms, matrix ${matrix.at(-1)!.toFixed(0)} ms`,
      );
    }
    const note = `${passages.toLocaleString('en')} passages of one theme`;
    rows.push(
      row('11 corpus views', `Passages of one theme, first screen (${label})`, 'ms', firstScreen, { on: 'median', atMost: 200 }, note),
    );
    rows.push(row('11 corpus views', `Passages scrolling, worst frame (${label})`, 'ms', worstFrame, { on: 'max', atMost: 50 }, note));
    rows.push(row('11 corpus views', `matrix painted (${label})`, 'ms', matrix, { on: 'median', atMost: 300 }));
  } finally {
    await browser.close();
    await server.stop();
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const quick = process.argv.includes('--quick');
  const workDir = await mkdtemp(join(tmpdir(), 'gloss-corpus-views-'));
  try {
    const { renderTable } = await import('./stats');
    const rows = await runCorpusViewsScenario(quick ? QUICK_CORPUS_VIEWS : FULL_CORPUS_VIEWS, workDir, (line) => console.log(line));
    console.log(renderTable(rows));
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
