// Scenarios 1-4 and 8: open, add, change/delete, sidebar and memory, in Chromium against the real browser edition;
// then the plain ProseMirror peer in the same browser, and scenarios 1-3 as ratios to it.
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import type { Annotation } from '../../annotations/annotation';
import { blockIndexAt } from '../../annotations/document';
import type { Corpus } from './corpus';
import type { FrameLog, OpenTiming, OpTiming } from './page-probes';
import { peerRatioRows } from './peer-ratios';
import { runPeerScenarios, type Driver, type Passage, type PeerPlan } from './peer-scenarios';
import { Random } from './prng';
import { residentMB, type BenchServer } from './server';
import { row, type BenchRow } from './stats';

/** How much each browser scenario does. */
export interface BrowserCounts {
  openRuns: number;
  additions: number;
  themeChanges: number;
  deletions: number;
  sidebarRuns: number;
  /** Animation frames one scroll from top to bottom of the list takes. */
  scrollSteps: number;
  /**
   * Time allowed for each interactive scenario (2, 3 change, 3 delete); once spent, the scenario
   * stops early (after at least MIN_SAMPLES) and its row says how many it measured, so that a slow
   * build cannot stretch the bench past its budget.
   */
  budgetMs: number;
}

/** The fewest interactions a budget may cut a scenario down to (p95 needs some). */
const MIN_SAMPLES = 20;

/** The Chromium the bench drives: GLOSS_CHROMIUM, else Debian's (never a downloaded one). */
export const CHROMIUM_PATH = process.env.GLOSS_CHROMIUM ?? '/usr/bin/chromium';

/** Interactions run first and left out of the figures, so the JIT has warmed up. */
const WARM_UP = 3;

/** The page probes as one script, bundled without name-keeping helpers that would not exist in the page. */
export function probeScript(): string {
  const entry = fileURLToPath(new URL('./page-probes.ts', import.meta.url));
  const out = buildSync({ entryPoints: [entry], bundle: true, format: 'iife', target: 'es2022', write: false, keepNames: false });
  return out.outputFiles[0]!.text;
}

/** Calls a probe in the page (a string expression, so no bundler helper leaks into the page). */
export async function probe<T>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  const list = args.map((a) => JSON.stringify(a)).join(', ');
  return (await page.evaluate(`window.glossBench.${method}(${list})`)) as T;
}

/** Where an annotation sits: block index and offsets inside the block, or null if it crosses blocks. */
function inBlock(corpus: Corpus, start: number, end: number): { index: number; from: number; to: number } | null {
  const blocks = corpus.document.blocks;
  const index = blockIndexAt(blocks, start);
  const block = blocks[index];
  if (!block || end > block.end) return null;
  return { index, from: start - block.start, to: end - block.start };
}

function rangeKey(a: Annotation): string {
  const [position] = a.target.selector;
  return `${position.start}:${position.end}`;
}

interface OpResult {
  timings: OpTiming[];
  failed: number;
  /** Whether the time budget ended the scenario before `count` interactions. */
  cut: boolean;
}

async function opTimings(count: number, budgetMs: number, step: (i: number) => Promise<OpTiming | null>): Promise<OpResult> {
  const timings: OpTiming[] = [];
  let failed = 0;
  const started = performance.now();
  for (let i = 0; i < count + WARM_UP; i += 1) {
    if (timings.length >= MIN_SAMPLES && performance.now() - started > budgetMs) return { timings, failed, cut: true };
    const timing = await step(i);
    if (!timing) failed += 1;
    else if (i >= WARM_UP) timings.push(timing);
  }
  return { timings, failed, cut: false };
}

function opRows(scenario: string, what: string, result: OpResult, target: number, count: number): BenchRow[] {
  const { timings, failed, cut } = result;
  const total = timings.map((t) => t.painted - t.input);
  const withHost = timings.filter((t) => t.answered !== null);
  const notes: string[] = [];
  if (cut) notes.push(`The time budget stopped it after ${timings.length} of ${count}.`);
  if (failed > 0) notes.push(`${failed} interaction(s) did not show within the timeout and are left out.`);
  const note = notes.length > 0 ? notes.join(' ') : undefined;
  return [
    row(scenario, `${what}: input to painted`, 'ms', total, { on: 'p95', atMost: target }, note),
    row(
      scenario,
      `${what}: input to host answer parsed`,
      'ms',
      withHost.map((t) => t.answered! - t.input),
    ),
    row(
      scenario,
      `${what}: answer to painted (render)`,
      'ms',
      withHost.map((t) => t.painted - t.answered!),
    ),
    row(
      scenario,
      `${what}: answer to DOM changed (script)`,
      'ms',
      withHost.map((t) => t.dom - t.answered!),
    ),
  ];
}

/** Runs the browser scenarios against a server holding the corpus; answers their rows. */
export async function runBrowserScenarios(
  server: BenchServer,
  corpus: Corpus,
  counts: BrowserCounts,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const newContext = async (): Promise<BrowserContext> => {
      const made = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      await made.addInitScript({ content: probeScript() });
      return made;
    };
    const context = await newContext();

    // (1) Open to interactive.
    let page: Page = await openRows(context, server.url, '1 open', counts.openRuns, rows, log);

    // (8) Memory with every highlight loaded.
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string): number => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
    const heapMB = metric('JSHeapUsedSize') / 1024 / 1024;
    rows.push(
      row('8 memory', 'renderer JS heap used', 'MB', [heapMB], { on: 'median', atMost: 150 }),
      row('8 memory', 'renderer DOM nodes', 'nodes', [metric('Nodes')]),
    );
    const rss = await residentMB(server.pid);
    rows.push(
      row(
        '8 memory',
        'host process resident size',
        'MB',
        rss === null ? [] : [rss],
        undefined,
        rss === null ? 'No /proc on this system.' : undefined,
      ),
    );

    // (4) Sidebar: filter by each theme, back to all, then scroll through every entry.
    const deltas: number[] = [];
    let lastLog: FrameLog | null = null;
    for (let run = 0; run < counts.sidebarRuns; run += 1) {
      lastLog = await probe<FrameLog>(page, 'sidebarFrames', [...corpus.data.codebook.map((t) => t.id), ''], counts.scrollSteps);
      deltas.push(...lastLog.deltas);
    }
    rows.push(
      row(
        '4 sidebar',
        'frame time while filtering and scrolling',
        'ms',
        deltas,
        { on: 'max', atMost: 50 },
        lastLog
          ? `${lastLog.renderedEntries} entry elements in the list; scrolled to the end: ${lastLog.reachedEnd ? 'yes' : 'no'}.`
          : undefined,
      ),
    );

    // (2, 3) Edits, recorded for the peer to replay.
    const plan: PeerPlan = { passages: [], deletions: [] };
    rows.push(...(await editRows(page, corpus, counts, '', plan)));
    await page.close();
    await context.close();

    // (1-3) again over a host in the page's own process: the renderer's floor, without HTTP.
    log('  Gloss over an in-page host …');
    const inPage = await newContext();
    await inPage.addInitScript({ content: inPageHostScript(corpus) });
    page = await openRows(inPage, server.url, '1 open (in-page host)', counts.openRuns, rows, log);
    rows.push(...(await editRows(page, corpus, counts, ' (in-page host)', null)));
    await page.close();
    await inPage.close();

    // The peer, in a context of its own, driven and timed as above.
    log('  plain ProseMirror peer …');
    const peerContext = await newContext();
    const drive: Driver = {
      newPage: () => peerContext.newPage(),
      probe,
      timings: (count, step) => opTimings(count, counts.budgetMs, step),
      warmUp: WARM_UP,
      openRuns: counts.openRuns,
    };
    const peer = await runPeerScenarios(corpus, plan, drive, log);
    await peerContext.close();
    rows.push(...peer.rows, ...peerRatioRows(rows, peer));
  } finally {
    await browser.close();
  }
  return rows;
}

/**
 * Opens Gloss `runs` times in fresh pages of `context` and adds the open rows under `scenario`; answers the last
 * page, left open with every highlight loaded.
 */
async function openRows(
  context: BrowserContext,
  url: string,
  scenario: string,
  runs: number,
  rows: BenchRow[],
  log: (line: string) => void,
) {
  const textPainted: number[] = [];
  const screenPainted: number[] = [];
  const painted: number[] = [];
  const ready: number[] = [];
  const opened: number[] = [];
  let marks = 0;
  let page: Page | null = null;
  for (let run = 0; run < runs; run += 1) {
    await page?.close();
    page = await context.newPage();
    await page.goto(url);
    const timing = await probe<OpenTiming>(page, 'openTiming');
    textPainted.push(timing.textPainted);
    screenPainted.push(timing.screenPainted);
    painted.push(timing.painted);
    ready.push(timing.ready);
    const open = timing.calls.find((c) => c.method === 'openDocumentText');
    if (open) opened.push(open.parsed);
    marks = timing.marks;
    log(
      `  ${scenario} run ${run + 1}/${runs}: text at ${timing.textPainted.toFixed(0)} ms, first highlights at ${timing.screenPainted.toFixed(0)} ms, all at ${timing.painted.toFixed(0)} ms, ${timing.marks} highlight elements`,
    );
  }
  rows.push(
    row(
      scenario,
      'navigation to highlights painted',
      'ms',
      painted,
      { on: 'median', atMost: 300 },
      `${marks} highlight elements in the article.`,
    ),
    row(scenario, 'navigation to text painted', 'ms', textPainted),
    row(scenario, "navigation to the first screen's highlights painted", 'ms', screenPainted),
    row(scenario, 'navigation to data-ready', 'ms', ready),
    row(scenario, 'navigation to openDocumentText parsed', 'ms', opened),
  );
  if (!page) throw new Error('No page was opened.');
  return page;
}

/** The page script that installs the in-page host over the corpus (its data embedded, as the peer's is). */
function inPageHostScript(corpus: Corpus): string {
  const entry = fileURLToPath(new URL('./in-page-host.ts', import.meta.url));
  const out = buildSync({ entryPoints: [entry], bundle: true, format: 'iife', target: 'es2022', write: false, keepNames: false });
  return `window.glossBenchData = JSON.parse(${JSON.stringify(JSON.stringify(corpus.data))});\n${out.outputFiles[0]!.text}`;
}

/** Scenarios 2 and 3 on an open page (rows named with `suffix`); the passages added and deleted go into `plan`. */
async function editRows(page: Page, corpus: Corpus, counts: BrowserCounts, suffix: string, plan: PeerPlan | null): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const random = new Random(corpus.data.annotations.length + 7);
  const taken = new Set(corpus.annotations.map(rangeKey));
  const blocks = corpus.document.blocks;
  const add = await opTimings(counts.additions, counts.budgetMs, async () => {
    for (;;) {
      const index = random.int(1, blocks.length - 1);
      const block = blocks[index]!;
      const text = corpus.document.text.slice(block.start, block.end);
      const spaces = [-1, ...[...text.matchAll(/ /g)].map((m) => m.index), text.length];
      if (spaces.length < 6) continue;
      const first = random.int(0, spaces.length - 4);
      const last = Math.min(spaces.length - 1, first + random.int(2, 10));
      const from = spaces[first]! + 1;
      const to = spaces[last]!;
      if (taken.has(`${block.start + from}:${block.start + to}`)) continue;
      taken.add(`${block.start + from}:${block.start + to}`);
      plan?.passages.push({ index, from, to } satisfies Passage);
      await probe<void>(page, 'armAdd', index, from, to);
      await page.keyboard.press('1');
      return probe<OpTiming | null>(page, 'settle');
    }
  });
  rows.push(...opRows(`2 add${suffix}`, 'add highlight', add, 16, counts.additions));

  // (3) Change a highlight's themes (add Security with key 2); delete one from the sidebar.
  const counted = new Map<string, number>();
  for (const a of corpus.annotations) counted.set(rangeKey(a), (counted.get(rangeKey(a)) ?? 0) + 1);
  const candidates = random
    .sample(corpus.annotations.length, corpus.annotations.length)
    .map((i) => corpus.annotations[i]!)
    .filter((a) => counted.get(rangeKey(a)) === 1 && !a.themes.includes('security'))
    .map((a) => ({ a, place: inBlock(corpus, a.target.selector[0].start, a.target.selector[0].end) }))
    .filter((c) => c.place !== null);
  const toChange = candidates.slice(0, counts.themeChanges + WARM_UP);
  const toDelete = candidates.slice(counts.themeChanges + WARM_UP, counts.themeChanges + counts.deletions + 2 * WARM_UP);
  const change = await opTimings(counts.themeChanges, counts.budgetMs, async (i) => {
    const { a, place } = toChange[i]!;
    await probe<void>(page, 'armThemeChange', place!.index, place!.from, place!.to, a.id, 'security');
    await page.keyboard.press('2');
    return probe<OpTiming | null>(page, 'settle');
  });
  rows.push(...opRows(`3 change/delete${suffix}`, 'change themes', change, 16, counts.themeChanges));
  const del = await opTimings(counts.deletions, counts.budgetMs, (i) => {
    plan?.deletions.push(toDelete[i]!.a.id);
    return probe<OpTiming | null>(page, 'deleteViaSidebar', toDelete[i]!.a.id);
  });
  rows.push(...opRows(`3 change/delete${suffix}`, 'delete highlight', del, 16, counts.deletions));
  return rows;
}
