// `npm run bench`: generates the stress corpus, runs every scenario, prints the results table and writes tests/bench/results.json.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runBrowserScenarios, CHROMIUM_PATH, type BrowserCounts } from './browser-scenarios';
import { crossingCount, FULL_CORPUS, generateCorpus, QUICK_CORPUS, writeCorpus, type CorpusSize } from './corpus';
import { FULL_CORPUS_VIEWS, QUICK_CORPUS_VIEWS, runCorpusViewsScenario } from './corpus-views-scenario';
import { runExportScenario } from './export-scenario';
import { FULL_LIBRARY_SCALE, QUICK_LIBRARY_SCALE, runLibraryScaleScenario } from './library-scale';
import { runReanchorScenario, type ReanchorCounts } from './reanchor-scenario';
import { runSaveScenario, type SaveCounts } from './save-scenario';
import { startServer } from './server';
import { runSuggestScenario } from './suggest-scenario';
import { renderTable, skipped, type BenchRow } from './stats';

/** Everything one bench run does. */
interface Profile {
  corpus: CorpusSize;
  browser: BrowserCounts;
  save: SaveCounts;
  reanchor: ReanchorCounts;
  exportRuns: number;
}

const FULL: Profile = {
  corpus: FULL_CORPUS,
  browser: { openRuns: 5, additions: 200, themeChanges: 50, deletions: 50, sidebarRuns: 2, scrollSteps: 200, budgetMs: 60_000 },
  save: { writes: 20, burst: 100 },
  reanchor: {
    annotations: 1000,
    plan: { wordInserts: 90, wordDeletes: 90, letterChanges: 85, movedParagraphs: 5, deletedQuotes: 30, insideQuotes: 0.5 },
    runs: 3,
  },
  exportRuns: 3,
};

/** A tenth of the corpus and fewer repetitions: a CI smoke run in well under two minutes. */
const QUICK: Profile = {
  corpus: QUICK_CORPUS,
  browser: { openRuns: 3, additions: 30, themeChanges: 20, deletions: 20, sidebarRuns: 1, scrollSteps: 60, budgetMs: 15_000 },
  save: { writes: 5, burst: 100 },
  reanchor: {
    annotations: 200,
    plan: { wordInserts: 18, wordDeletes: 18, letterChanges: 17, movedParagraphs: 1, deletedQuotes: 6, insideQuotes: 0.5 },
    runs: 2,
  },
  exportRuns: 1,
};

const USAGE = `Usage: npm run bench -- [--quick] [--only 1,2,...] [--keep]
  --quick   a tenth of the corpus and fewer runs (CI smoke run, under 2 minutes)
  --only    run only these scenarios (1 open, 2 add, 3 change/delete, 4 sidebar, 5 save, 6 re-anchor, 7 export, 8 memory,
            9 library scale: a one-document and a 500-document library side by side;
            10 suggestions against the labelled evaluation set;
            11 corpus views at library scale: Passages, matrix, corpus report;
            1-4 and 8 share one browser session, so any of them runs all five, and then the plain
            ProseMirror peer and scenarios 1-3 as ratios to it)
  --keep    keep the temporary data folders and print where they are`;

function log(line: string): void {
  console.log(line);
}

function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return `unknown (${CHROMIUM_PATH})`;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean' }, only: { type: 'string' }, keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return log(USAGE);
  const profile = values.quick ? QUICK : FULL;
  const only = new Set((values.only ?? '1,2,3,4,5,6,7,8,9,10,11').split(',').map((s) => s.trim()));
  const wants = (n: number): boolean => only.has(String(n));
  const began = performance.now();
  const rows: BenchRow[] = [];
  const workDir = await mkdtemp(join(tmpdir(), 'gloss-bench-'));

  try {
    let started = performance.now();
    const corpus = generateCorpus(profile.corpus);
    const summary = {
      chars: corpus.document.text.length,
      paragraphs: corpus.document.blocks.length - 1,
      annotations: corpus.annotations.length,
      crossing: crossingCount(corpus),
      withNotes: corpus.annotations.filter((a) => a.note).length,
      dataFileMB: Buffer.byteLength(JSON.stringify(corpus.data, null, 1)) / 1024 / 1024,
    };
    log(
      `Gloss bench (${values.quick ? 'quick' : 'full'}): corpus of ${summary.chars} characters in ${summary.paragraphs} paragraphs, ` +
        `${summary.annotations} annotations (${summary.crossing} crossing paragraphs, ${summary.withNotes} with notes), ` +
        `data file ${summary.dataFileMB.toFixed(1)} MB; generated in ${(performance.now() - started).toFixed(0)} ms.`,
    );

    if (wants(6)) {
      log('(6) re-anchoring after edits …');
      rows.push(...runReanchorScenario(corpus, profile.reanchor, log));
    }
    if (wants(10)) {
      log('(10) suggestions against the labelled evaluation set …');
      rows.push(...runSuggestScenario(log));
    }
    if (wants(5)) {
      log('(5) saving …');
      rows.push(...(await runSaveScenario(corpus, profile.save, workDir)));
    }
    if (wants(7)) {
      log('(7) exports …');
      rows.push(...(await runExportScenario(corpus, profile.exportRuns, log)));
    }
    if (wants(11)) {
      log('(11) corpus views on a generated library …');
      rows.push(...(await runCorpusViewsScenario(values.quick ? QUICK_CORPUS_VIEWS : FULL_CORPUS_VIEWS, workDir, log)));
    }
    if (wants(9)) {
      log('(9) library scale: one document, then a large library …');
      rows.push(...(await runLibraryScaleScenario(values.quick ? QUICK_LIBRARY_SCALE : FULL_LIBRARY_SCALE, workDir, log)));
    }
    if ([1, 2, 3, 4, 8].some(wants)) {
      log('(1-4, 8) Chromium against the browser edition, then the plain ProseMirror peer …');
      const dataDir = join(workDir, 'web-data');
      await writeCorpus(corpus, dataDir);
      started = performance.now();
      const server = await startServer(dataDir);
      log(`  server ready in ${(performance.now() - started).toFixed(0)} ms (pid ${server.pid})`);
      try {
        rows.push(...(await runBrowserScenarios(server, corpus, profile.browser, log)));
      } catch (error) {
        rows.push(skipped('1-4, 8 browser', `failed: ${(error as Error).message.split('\n')[0]}`));
        console.error(error);
      } finally {
        await server.stop();
      }
    }

    // The peer's own figures first: the ratios in scenarios 1-3 divide by them.
    const order = (r: BenchRow): number => (r.scenario === 'peer' ? 0 : Number.parseInt(r.scenario, 10) || 99);
    rows.sort((a, b) => order(a) - order(b));
    const seconds = (performance.now() - began) / 1000;
    log('');
    log(renderTable(rows));
    const missed = rows.filter((r) => r.verdict === 'MISS').length;
    log(`\n${rows.filter((r) => r.verdict === 'pass').length} targets met, ${missed} missed; ${seconds.toFixed(0)} s in all.`);
    const results = {
      generated: new Date().toISOString(),
      profile: values.quick ? 'quick' : 'full',
      command: `npm run bench${values.quick ? ' -- --quick' : ''}`,
      seconds,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGB: totalmem() / 1024 ** 3,
        node: process.version,
        chromium: chromiumVersion(),
        platform: process.platform,
      },
      corpus: summary,
      rows,
    };
    await writeFile(fileURLToPath(new URL('./results.json', import.meta.url)), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    if (values.keep) log(`Data kept in ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
