// Scenario 9, library scale (issue 15): the same figures with a one-document library and a large one (500 articles
// x 200 highlights in the full profile), in the same run, and each as a ratio large/one: the service opening the
// data folder, one saved edit in the service, the browser edition starting, Gloss opened to the last document read
// and painted, switching to that document, one saved edit in the page (key press to the host's answer), the
// host's resident memory and the renderer's heap. The library's size must not show (ratios <= 1.25x). Then what
// reading and rewriting each file costs, today's single data file against a split into a library file and one
// file per document (library-scale-split.ts), on the large library.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright';
import type { DocumentSummary, OpenedDocument } from '../../annotations/contract';
import { describeRange } from '../../annotations/anchoring/anchor';
import { GlossService } from '../../annotations/node/service';
import { SAMPLE_DOCUMENT } from '../../annotations/node/sample';
import { buildCorpusLibrary, CORPUS_LIBRARY } from '../fixtures/corpus-library';
import { CHROMIUM_PATH, probe, probeScript } from './browser-scenarios';
import { wordSpans } from './corpus';
import { runSplitProbe } from './library-scale-split';
import type { OpenTiming, OpTiming } from './page-probes';
import { Random } from './prng';
import { residentMB, startServer } from './server';
import { judge, row, type BenchRow, type Limit } from './stats';

/** How much the scenario does. */
export interface LibraryScaleCounts {
  /** Documents in the large library (the small one has one, beside the bundled sample). */
  documents: number;
  highlights: number;
  /** Times the service opens each folder. */
  serviceOpens: number;
  /** Edits timed in the service and in the page. */
  edits: number;
  /** Times Gloss is opened in the browser. */
  pageOpens: number;
  /** Switches to the last document timed. */
  switches: number;
}

/** The full profile: the library. */
export const FULL_LIBRARY_SCALE: LibraryScaleCounts = {
  documents: CORPUS_LIBRARY.documents,
  highlights: CORPUS_LIBRARY.highlights,
  serviceOpens: 3,
  edits: 30,
  pageOpens: 5,
  switches: 10,
};
/** The quick profile: a tenth of the documents, fewer repetitions (the CI smoke run). */
export const QUICK_LIBRARY_SCALE: LibraryScaleCounts = {
  documents: 50,
  highlights: 200,
  serviceOpens: 2,
  edits: 10,
  pageOpens: 3,
  switches: 5,
};

/** The largest ratio large/one allowed for time figures (issue 15). */
export const LIBRARY_RATIO_TARGET = 1.25;

const SCENARIO = '9 library';
const SAMPLE_TEXT = await readFile(fileURLToPath(new URL(`../../samples/${SAMPLE_DOCUMENT.file}`, import.meta.url)), 'utf8');

/** The figures of one library, each a list of samples, by metric. */
type Figures = Map<string, { unit: string; samples: number[]; limit?: Limit; ratio?: Limit }>;

function openService(dataDir: string): Promise<GlossService> {
  return GlossService.open({
    dataDir,
    edition: 'browser',
    version: 'bench',
    samples: [{ id: SAMPLE_DOCUMENT.id, source: SAMPLE_DOCUMENT.file, text: SAMPLE_TEXT }],
  });
}

/**
 * A passage of `doc` inside one block, away from the title, that no highlight covers exactly (a theme key on
 * such a passage changes that highlight instead of adding one): block index and offsets in it. Taken as used.
 */
function passage(
  random: Random,
  doc: OpenedDocument['document'],
  taken: Set<string>,
): { index: number; from: number; to: number; start: number; end: number } {
  const words = wordSpans(doc);
  for (;;) {
    const index = random.int(1, doc.blocks.length - 1);
    const spans = words[index]!;
    if (spans.length < 6) continue;
    const first = random.int(0, spans.length - 4);
    const [start] = spans[first]!;
    const [, end] = spans[Math.min(spans.length - 1, first + random.int(1, 6))]!;
    if (taken.has(`${start}:${end}`)) continue;
    taken.add(`${start}:${end}`);
    const block = doc.blocks[index]!;
    return { index, from: start - block.start, to: end - block.start, start, end };
  }
}

/**
 * In the page: switches the document picker to a document and resolves with ms until it (and a highlight, when it
 * has some) is painted: the window's title names it once the article shows it. A string, so that no helper the bundler adds for names leaks into the page.
 */
const SWITCH_SCRIPT = `(documentId, title, marked) => new Promise((resolve, reject) => {
  const picker = document.getElementById('document-picker');
  const started = performance.now();
  // Checked once per frame: the frame that finds it shown is the one that paints it.
  const check = () => {
    const root = document.querySelector('.ProseMirror');
    if (document.title === title + ' — Gloss' && (!marked || root.querySelector('[data-annotation-id]'))) {
      setTimeout(() => resolve(performance.now() - started), 0);
    } else if (performance.now() - started > 30000) {
      reject(new Error('"' + title + '" did not show within 30 s'));
    } else requestAnimationFrame(check);
  };
  picker.value = documentId;
  picker.dispatchEvent(new Event('change'));
  requestAnimationFrame(check);
})`;

/**
 * In the page: keeps the time of the last key press and of each createAnnotation answer read, on the same clock,
 * so that an edit is timed from the key to the host's acknowledgement (the highlight itself shows at once).
 */
const EDIT_CLOCK_SCRIPT = `(() => {
  const edits = { key: 0, saved: [] };
  window.glossEdits = edits;
  window.addEventListener('keydown', (event) => { edits.key = event.timeStamp; }, { capture: true });
  const original = window.fetch;
  window.fetch = async (input, init) => {
    const response = await original(input, init);
    const url = typeof input === 'string' ? input : input.url;
    if (!url.includes('/api/createAnnotation')) return response;
    await response.clone().text();
    edits.saved.push(performance.now() - edits.key);
    return response;
  };
})()`;

/** Waits until the page has read `count` createAnnotation answers; the time of the last. */
async function lastSaved(page: Page, count: number): Promise<number> {
  for (let waited = 0; waited < 15_000; waited += 20) {
    const saved = (await page.evaluate('window.glossEdits.saved')) as number[];
    if (saved.length >= count) return saved[count - 1]!;
    await page.waitForTimeout(20);
  }
  throw new Error(`Edit ${count} was not saved within 15 s.`);
}

/** Switches to `documentId` and answers ms until it is painted. */
async function timeSwitch(page: Page, documentId: string, title: string, marked: boolean): Promise<number> {
  const args = [documentId, title, marked].map((a) => JSON.stringify(a)).join(', ');
  return (await page.evaluate(`(${SWITCH_SCRIPT})(${args})`)) as number;
}

/** Measures one library in `dataDir`: `target`, its last document, is the one read; switching to it starts from `sample`. */
async function measure(
  dataDir: string,
  target: DocumentSummary,
  sample: DocumentSummary,
  counts: LibraryScaleCounts,
  log: (line: string) => void,
): Promise<Figures> {
  const figures: Figures = new Map();
  const add = (metric: string, unit: string, value: number, limit?: Limit, ratio?: Limit): void => {
    const entry = figures.get(metric) ?? { unit, samples: [], limit, ratio };
    entry.samples.push(value);
    figures.set(metric, entry);
  };
  const timeRatio: Limit = { on: 'median', atMost: LIBRARY_RATIO_TARGET };
  const editRatio: Limit = { on: 'median', atMost: LIBRARY_RATIO_TARGET };
  const random = new Random(20261202);

  // The service in this process: opening the folder, and edits saved durably one after another.
  let opened: OpenedDocument | null = null;
  const taken = new Set<string>();
  for (let run = 0; run < counts.serviceOpens; run += 1) {
    const began = performance.now();
    const service = await openService(dataDir);
    add('service opens the data folder', 'ms', performance.now() - began, undefined, timeRatio);
    try {
      const t = performance.now();
      opened = await service.openDocument({ documentId: target.id });
      for (const a of opened.annotations) taken.add(`${a.target.selector[0].start}:${a.target.selector[0].end}`);
      add('service opens the last document', 'ms', performance.now() - t, undefined, timeRatio);
      if (run === 0) {
        for (let i = 0; i < counts.edits; i += 1) {
          const { start, end } = passage(random, opened.document, taken);
          const e = performance.now();
          await service.createAnnotation({
            documentId: target.id,
            target: { source: target.id, selector: describeRange(opened.document.text, start, end) },
            themes: ['trade'],
          });
          add('service: one edit saved durably', 'ms', performance.now() - e, undefined, editRatio);
        }
      }
    } finally {
      await service.close();
    }
  }
  if (!opened) throw new Error('The service never opened the document.');

  // The browser edition, as a user starts it, and Chromium against it.
  let began = performance.now();
  const server = await startServer(dataDir);
  add('browser edition started (host open)', 'ms', performance.now() - began, undefined, timeRatio);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-first-run', '--disable-sync'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await context.addInitScript({ content: probeScript() });
    await context.addInitScript({ content: EDIT_CLOCK_SCRIPT });
    // Gloss opens the document read last: the library's last one.
    await context.addInitScript(`localStorage.setItem('gloss:last-document', ${JSON.stringify(target.id)})`);
    let page: Page | null = null;
    for (let run = 0; run < counts.pageOpens; run += 1) {
      await page?.close();
      page = await context.newPage();
      await page.goto(server.url);
      const timing = await probe<OpenTiming>(page, 'openTiming');
      add('open Gloss to the last document painted', 'ms', timing.painted, undefined, timeRatio);
    }
    page = page!;
    for (let i = 0; i < counts.switches; i += 1) {
      await timeSwitch(page, SAMPLE_DOCUMENT.id, sample.title, false);
      add(
        'switch to the last document: painted',
        'ms',
        await timeSwitch(page, target.id, opened.document.title, true),
        undefined,
        timeRatio,
      );
    }
    for (let i = 0; i < counts.edits; i += 1) {
      const { index, from, to } = passage(random, opened.document, taken);
      await probe<void>(page, 'armAdd', index, from, to);
      await page.keyboard.press('1');
      await probe<OpTiming | null>(page, 'settle');
      const saved = await lastSaved(page, i + 1);
      add('page: one edit, key press to saved answer', 'ms', saved, undefined, editRatio);
    }
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN) / 1024 / 1024;
    add('renderer JS heap used', 'MB', heap, { on: 'median', atMost: 150 });
    const rss = await residentMB(server.pid);
    if (rss !== null) add('host process resident size', 'MB', rss, { on: 'median', atMost: 300 });
    log(
      `  ${figures
        .get('open Gloss to the last document painted')
        ?.samples.map((n) => n.toFixed(0))
        .join(', ')} ms to open`,
    );
  } finally {
    await browser.close();
    began = performance.now();
    await server.stop();
    log(`  host stopped in ${(performance.now() - began).toFixed(0)} ms`);
  }
  return figures;
}

function ratio(metric: string, large: BenchRow, one: BenchRow, limit?: Limit): BenchRow {
  const divide = (a: number | null | undefined, b: number | null | undefined): number | null =>
    a === null || a === undefined || !b ? null : a / b;
  const figures = { median: divide(large.median, one.median), p95: divide(large.p95, one.p95), max: divide(large.max, one.max) };
  return {
    scenario: SCENARIO,
    metric: `${metric}: large / one`,
    unit: 'x',
    samples: large.samples,
    ...figures,
    ...judge(figures, 'x', limit),
  };
}

/** Builds both libraries in `workDir`, measures each, and answers rows for each figure and its ratio large/one. */
export async function runLibraryScaleScenario(
  counts: LibraryScaleCounts,
  workDir: string,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const root = await mkdtemp(join(workDir, 'library-'));
  const rows: BenchRow[] = [];
  const split: BenchRow[] = [];
  try {
    const measured: Record<'one' | 'large', Figures> = { one: new Map(), large: new Map() };
    for (const [kind, documents] of [
      ['one', 1],
      ['large', counts.documents],
    ] as const) {
      const dir = join(root, kind);
      const built = await buildCorpusLibrary(dir, { documents, highlights: counts.highlights });
      log(`  ${kind}: ${built.documents} documents, ${built.annotations} highlights built in ${(built.milliseconds / 1000).toFixed(1)} s`);
      const service = await openService(dir);
      const library = await service.listDocuments({});
      await service.close();
      const target = library.find((d) => d.id === built.documentIds.at(-1))!;
      const sample = library.find((d) => d.id === SAMPLE_DOCUMENT.id)!;
      measured[kind] = await measure(dir, target, sample, counts, log);
      if (kind === 'large') split.push(...(await runSplitProbe(dir, `${SCENARIO} layout`)));
    }
    for (const [metric, large] of measured.large) {
      const one = measured.one.get(metric);
      const label = (kind: string, n: number): string => `${metric} (${kind}: ${n} document${n === 1 ? '' : 's'})`;
      const largeRow = row(SCENARIO, label('large', counts.documents), large.unit, large.samples, large.limit);
      if (!one) {
        rows.push(largeRow);
        continue;
      }
      const oneRow = row(SCENARIO, label('one', 1), one.unit, one.samples);
      rows.push(oneRow, largeRow, ratio(metric, largeRow, oneRow, large.ratio));
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return [...rows, ...split];
}
