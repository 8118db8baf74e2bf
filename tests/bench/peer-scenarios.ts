// The plain ProseMirror peer (peer-page.ts) in the Gloss scenarios' browser, timed by the same probes: its first
// paint bare and decorated, and its add and remove of a highlight, input to painted, replaying Gloss's own edits.
import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright';
import type { Corpus } from './corpus';
import type { OpenTiming, OpTiming } from './page-probes';
import { PEER_DATA_ID, PEER_MODES, type PeerData, type PeerMode } from './peer-contract';
import { startPageServer, type PageFile } from './server';
import { row, type BenchRow } from './stats';

/** Characters [from, to) of block `index`: a passage to select. */
export interface Passage {
  index: number;
  from: number;
  to: number;
}

/** What the peer does: the passages Gloss highlighted and the highlights it deleted, in order. */
export interface PeerPlan {
  passages: Passage[];
  deletions: string[];
}

/** How the Gloss scenarios drive a page, so the peer is driven and timed the same way. */
export interface Driver {
  /** A fresh page of the bench's browser context (probes installed, same viewport). */
  newPage(): Promise<Page>;
  probe<T>(page: Page, method: string, ...args: unknown[]): Promise<T>;
  /** Runs `count` interactions after the warm-up, within the budget, answering their timings. */
  timings(count: number, step: (i: number) => Promise<OpTiming | null>): Promise<{ timings: OpTiming[]; failed: number }>;
  /** Interactions left out at the start (the warm-up). */
  warmUp: number;
  openRuns: number;
}

/** The peer's figures the ratios divide by, and every peer row for the table. */
export interface PeerResult {
  rows: BenchRow[];
  /** First paint of the bare document. */
  bare: BenchRow;
  /** First paint with every annotation in one DecorationSet.create. */
  decorated: BenchRow;
  /** Add and remove with the set kept to the viewport (the peer, and how Gloss draws). */
  add: BenchRow;
  remove: BenchRow;
}

const MODE_LABEL: Record<PeerMode, string> = {
  bare: 'bare document',
  all: 'every annotation in one DecorationSet.create',
  viewport: 'decorations kept to the viewport',
};

/** The page, its script and the renderer's own stylesheet, so layout and paint cost what they cost in Gloss. */
function peerFiles(corpus: Corpus): Map<string, PageFile> {
  const entry = fileURLToPath(new URL('./peer-page.ts', import.meta.url));
  const script = buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome120'],
    write: false,
  });
  const styles = readFileSync('dist/renderer/styles.css', 'utf8');
  const { title, text, blocks } = corpus.document;
  const data: PeerData = {
    document: { title, text, blocks },
    codebook: corpus.data.codebook,
    annotations: corpus.annotations.map((a) => [a.id, a.target.selector[0].start, a.target.selector[0].end, a.themes]),
  };
  // Escaped so that no "</script>" in the text can end the element early.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Plain ProseMirror peer</title><link rel="icon" href="data:,"><link rel="stylesheet" href="styles.css"></head>
<body>
<button type="button" id="delete-button" style="position: fixed; top: 8px; right: 8px; z-index: 3">Delete</button>
<main class="reader" id="reader"><div id="article"></div></main>
<script type="application/json" id="${PEER_DATA_ID}">${json}</script>
<script src="peer.js"></script>
</body>
</html>`;
  return new Map<string, PageFile>([
    ['/peer.html', { type: 'text/html', body: html }],
    ['/peer.js', { type: 'text/javascript', body: script.outputFiles[0]!.text }],
    ['/styles.css', { type: 'text/css', body: styles }],
  ]);
}

function note(failed: number, measured: number, planned: number): string | undefined {
  const parts: string[] = [];
  if (measured < planned) parts.push(`Measured ${measured} of ${planned} (the budget, or Gloss's own run, stopped it).`);
  if (failed > 0) parts.push(`${failed} interaction(s) did not show within the timeout and are left out.`);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** Opens the peer in each mode, then adds and removes highlights in the decorated modes; answers its rows. */
export async function runPeerScenarios(corpus: Corpus, plan: PeerPlan, drive: Driver, log: (line: string) => void): Promise<PeerResult> {
  const server = await startPageServer(peerFiles(corpus));
  const rows: BenchRow[] = [];
  const painted = new Map<PeerMode, BenchRow>();
  const edits = new Map<PeerMode, { add: BenchRow; remove: BenchRow }>();
  const total = (t: OpTiming): number => t.painted - t.input;
  try {
    for (const mode of PEER_MODES) {
      const samples: number[] = [];
      let marks = 0;
      for (let run = 0; run < drive.openRuns; run += 1) {
        const page = await drive.newPage();
        await page.goto(`${server.url}peer.html?mode=${mode}`);
        const timing = await drive.probe<OpenTiming>(page, 'openTiming');
        samples.push(timing.painted);
        marks = timing.marks;
        await page.close();
      }
      log(`  peer ${mode}: painted at ${samples.map((s) => s.toFixed(0)).join(', ')} ms, ${marks} highlight elements`);
      const opened = row(
        'peer',
        `first paint, ${MODE_LABEL[mode]}: navigation to painted`,
        'ms',
        samples,
        undefined,
        `${marks} highlight elements in the article.`,
      );
      painted.set(mode, opened);
      rows.push(opened);
    }
    for (const mode of ['all', 'viewport'] as const) {
      const page = await drive.newPage();
      await page.goto(`${server.url}peer.html?mode=${mode}`);
      await drive.probe<OpenTiming>(page, 'openTiming');
      const passages = plan.passages;
      const added = await drive.timings(passages.length - drive.warmUp, async (i) => {
        const { index, from, to } = passages[i]!;
        await drive.probe<void>(page, 'armAdd', index, from, to);
        await page.keyboard.press('1');
        return drive.probe<OpTiming | null>(page, 'settle');
      });
      const removed = await drive.timings(plan.deletions.length - drive.warmUp, (i) =>
        drive.probe<OpTiming | null>(page, 'deleteViaSidebar', plan.deletions[i]!),
      );
      await page.close();
      const add = row(
        'peer',
        `add (${MODE_LABEL[mode]}): DecorationSet.add, input to painted`,
        'ms',
        added.timings.map(total),
        undefined,
        note(added.failed, added.timings.length, passages.length - drive.warmUp),
      );
      const remove = row(
        'peer',
        `remove (${MODE_LABEL[mode]}): DecorationSet.remove, input to painted`,
        'ms',
        removed.timings.map(total),
        undefined,
        note(removed.failed, removed.timings.length, plan.deletions.length - drive.warmUp),
      );
      log(`  peer ${mode}: add p95 ${add.p95?.toFixed(1)} ms, remove p95 ${remove.p95?.toFixed(1)} ms`);
      edits.set(mode, { add, remove });
      rows.push(add, remove);
    }
  } finally {
    await server.stop();
  }
  const viewport = edits.get('viewport')!;
  return { rows, bare: painted.get('bare')!, decorated: painted.get('all')!, add: viewport.add, remove: viewport.remove };
}
