// Scenario 5: one saved edit against a raw stringify+write+fsync baseline, and how many file writes a burst causes.
import { existsSync, watch } from 'node:fs';
import fsp from 'node:fs/promises';
import { join } from 'node:path';
import type { Annotation } from '../../annotations/annotation';
import { describeRange } from '../../annotations/anchoring/anchor';
import type { CreateAnnotationInput } from '../../annotations/contract';
import { GlossService } from '../../annotations/node/service';
import { writeCorpus, type Corpus, type DataFile } from './corpus';
import { Random } from './prng';
import { row, type BenchRow } from './stats';

/** How much the save scenario does. */
export interface SaveCounts {
  /** Single edits timed (each beside one baseline write). */
  writes: number;
  /** Edits fired at once for the write count. */
  burst: number;
}

/** Every file a rename put in place inside a folder: one per completed atomic file write. */
interface WriteWatch {
  /** Names (relative to the folder) of the files replaced, in order. */
  writes: string[];
  /** Resolves once the events of writes already made have been delivered. */
  settle(): Promise<void>;
  close(): void;
}

/**
 * Counts writes by watching the data folder (inotify on Linux): an atomic write ends with a
 * rename of its temp file onto the data file, which shows as a "rename" event named after the
 * data file. Temp files (dot names) and the backups subfolder (hard links, not writes) are left
 * out. This sees every writer, whatever module or fs wrapper it goes through.
 */
function watchWrites(dir: string): WriteWatch {
  const writes: string[] = [];
  // Not recursive: Node 20's recursive watch on Linux reports renames as "change". A store
  // that moves to one file per document in a subfolder needs that folder watched too.
  const watcher = watch(dir, (event, name) => {
    const file = name ? String(name) : '';
    if (event !== 'rename' || !file.endsWith('.json') || file.startsWith('.')) return;
    if (existsSync(join(dir, file))) writes.push(file);
  });
  return {
    writes,
    settle: () => new Promise((done) => setTimeout(done, 30)),
    close: () => watcher.close(),
  };
}

/** The files written and how often, relative to the data folder. */
function filesOf(writes: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const name of writes) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].map(([name, n]) => `${name} x${n}`).join(', ') || 'none seen';
}

/** New highlights over whole words of random paragraphs. */
function inputs(corpus: Corpus, count: number, seed: number): CreateAnnotationInput[] {
  const random = new Random(seed);
  const { text, blocks, id } = corpus.document;
  const list: CreateAnnotationInput[] = [];
  while (list.length < count) {
    const block = blocks[random.int(1, blocks.length - 1)]!;
    const spaces = [...text.slice(block.start, block.end).matchAll(/ /g)].map((m) => block.start + m.index);
    if (spaces.length < 4) continue;
    const first = random.int(0, spaces.length - 3);
    const start = spaces[first]! + 1;
    const end = spaces[Math.min(spaces.length - 1, first + random.int(2, 8))]!;
    list.push({ documentId: id, target: { source: id, selector: describeRange(text, start, end) }, themes: ['trade'] });
  }
  return list;
}

/** The raw baseline: serialise the data, write it, fsync, close. Answers ms and bytes. */
async function baselineWrite(file: string, data: DataFile): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const text = JSON.stringify(data);
  const handle = await fsp.open(file, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { ms: performance.now() - started, bytes: Buffer.byteLength(text) };
}

/** Runs scenario 5 in a fresh data folder under `workDir`; answers its rows. */
export async function runSaveScenario(corpus: Corpus, counts: SaveCounts, workDir: string): Promise<BenchRow[]> {
  const dataDir = join(workDir, 'save-data');
  const baselineDir = join(workDir, 'save-baseline');
  await fsp.mkdir(baselineDir, { recursive: true });
  await writeCorpus(corpus, dataDir);
  const service = await GlossService.open({ dataDir, edition: 'browser', version: 'bench' });
  const spy = watchWrites(dataDir);
  const rows: BenchRow[] = [];
  try {
    // The baseline serialises the same data the service holds: the corpus plus what was added so far.
    const mirror: DataFile = { ...corpus.data, annotations: [...corpus.data.annotations] };
    const serviceMs: number[] = [];
    const baselineMs: number[] = [];
    const ratios: number[] = [];
    const bytesRatio: number[] = [];
    const serviceBytes: number[] = [];
    const edits = inputs(corpus, counts.writes + counts.burst + 1, 99);
    // One unmeasured write first, so both sides start warm.
    mirror.annotations.push(await service.createAnnotation(edits[0]!));
    await baselineWrite(join(baselineDir, 'baseline.json'), mirror);
    for (let i = 1; i <= counts.writes; i += 1) {
      const before = spy.writes.length;
      const started = performance.now();
      const created: Annotation = await service.createAnnotation(edits[i]!);
      const ms = performance.now() - started;
      mirror.annotations.push(created);
      await spy.settle();
      let bytes = 0;
      for (const name of spy.writes.slice(before)) bytes += (await fsp.stat(join(dataDir, name))).size;
      const base = await baselineWrite(join(baselineDir, 'baseline.json'), mirror);
      serviceMs.push(ms);
      baselineMs.push(base.ms);
      ratios.push(ms / base.ms);
      serviceBytes.push(bytes / 1024 / 1024);
      bytesRatio.push(bytes / base.bytes);
    }
    const spyBlind = spy.writes.length === 0;
    rows.push(
      row('5 save', 'one edit: service write', 'ms', serviceMs),
      row('5 save', 'one edit: raw baseline (stringify+write+fsync)', 'ms', baselineMs),
      row('5 save', 'one edit: time ratio service/baseline', 'x', ratios, { on: 'median', atMost: 1.3 }),
      row('5 save', 'one edit: bytes written by service', 'MB', serviceBytes, undefined,
        spyBlind ? 'The folder watch saw no write: the service no longer writes by rename into the data folder; update the counter.' : undefined),
      row('5 save', 'one edit: bytes ratio service/baseline', 'x', bytesRatio),
    );

    // A burst: every edit fired at once, as a fast reader or an import would.
    const before = spy.writes.length;
    const started = performance.now();
    await Promise.all(edits.slice(counts.writes + 1).map((input) => service.createAnnotation(input)));
    const burstMs = performance.now() - started;
    await service.close();
    await spy.settle();
    const writes = spy.writes.length - before;
    rows.push(
      row('5 save', `burst of ${counts.burst} edits: file writes`, 'writes', [writes], { on: 'median', atMost: 3 }, `Files written: ${filesOf(spy.writes.slice(before))}.`),
      row('5 save', `burst of ${counts.burst} edits: until all acknowledged`, 'ms', [burstMs]),
    );
  } finally {
    spy.close();
  }
  return rows;
}
