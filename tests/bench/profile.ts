// Developer tool, not part of the bench table: `node --import tsx tests/bench/profile.ts open|add|change` records a
// CPU profile and a timeline trace of opening the stress corpus, or of ADDS (default 10) additions or theme
// changes, in Chromium; prints the functions with the most self time and the browser's own work by kind
// (TIMELINE=1 lists it in order), and writes the profile to /tmp/prof/<what>.cpuprofile for DevTools.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { CHROMIUM_PATH } from './browser-scenarios';
import { FULL_CORPUS, generateCorpus, writeCorpus } from './corpus';
import { startServer } from './server';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function top(profile: CpuProfile, n = 30): string {
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (let i = 0; i < profile.samples.length; i += 1) {
    const node = byId.get(profile.samples[i]!)!;
    const f = node.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const total = (profile.endTime - profile.startTime) / 1000;
  return [
    `total ${total.toFixed(0)} ms`,
    ...[...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`),
  ].join('\n');
}

const what = process.argv[2] ?? 'open';
const corpus = generateCorpus(FULL_CORPUS);
const dir = await mkdtemp(join(tmpdir(), 'gloss-prof-'));
await writeCorpus(corpus, join(dir, 'data'));
const server = await startServer(join(dir, 'data'));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  if (what === 'open') {
    await browser.startTracing(page, { categories: ['devtools.timeline', 'blink', 'v8'] });
    await cdp.send('Profiler.start');
    const t0 = Date.now();
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
    console.log(`ready after ${Date.now() - t0} ms`);
  } else {
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
    await page.waitForTimeout(500);
    await browser.startTracing(page, { categories: ['devtools.timeline', 'blink'] });
    await cdp.send('Profiler.start');
    for (let i = 0; i < Number(process.env.ADDS ?? 10); i += 1) {
      await page.evaluate((i) => {
        const block = document.querySelector('.ProseMirror')!.children[100 + i * 37]!;
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        const node = walker.nextNode()!;
        const range = document.createRange();
        range.setStart(node, 0);
        range.setEnd(node, Math.min(10, node.textContent!.length));
        (document.querySelector('.ProseMirror') as HTMLElement).focus();
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(range);
      }, i);
      await page.keyboard.press(what === 'add' ? '1' : '2');
      await page.waitForTimeout(400);
    }
  }
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  {
    const trace = JSON.parse((await browser.stopTracing()).toString()) as {
      traceEvents: Array<{ name: string; dur?: number; ph: string; ts: number; tid: number }>;
    };
    const sums = new Map<string, [number, number]>();
    for (const e of trace.traceEvents)
      if (e.ph === 'X' && e.dur) {
        const s = sums.get(e.name) ?? [0, 0];
        s[0] += e.dur / 1000;
        s[1] += 1;
        sums.set(e.name, s);
      }
    if (process.env.TIMELINE) {
      const events = trace.traceEvents.filter((e) => e.ph === 'X' && (e.dur ?? 0) > 700);
      const t0 = Math.min(...events.map((e) => e.ts));
      for (const e of events.sort((a, b) => a.ts - b.ts))
        console.log(`${((e.ts - t0) / 1000).toFixed(1).padStart(9)} +${(e.dur! / 1000).toFixed(1).padStart(6)} t${e.tid} ${e.name}`);
    }
    console.log(
      [...sums.entries()]
        .sort((a, b) => b[1][0] - a[1][0])
        .slice(0, 25)
        .map(([k, [d, n]]) => `${d.toFixed(1).padStart(8)} ms ${String(n).padStart(5)}x  ${k}`)
        .join('\n'),
    );
  }
  await mkdir('/tmp/prof', { recursive: true });
  await writeFile(`/tmp/prof/${what}.cpuprofile`, JSON.stringify(profile));
  console.log(top(profile));
} finally {
  await browser.close();
  await server.stop();
}
