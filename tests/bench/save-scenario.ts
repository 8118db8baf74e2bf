// Scenario 5: one saved edit (a journal append) against a raw stringify+write+fsync baseline, a compaction, and how many
// durable writes a burst causes.
import fsp from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Annotation } from '../../annotations/annotation';
import { describeRange } from '../../annotations/anchoring/anchor';
import type { CreateAnnotationInput } from '../../annotations/contract';
import { nodeFileOps, type FileOps } from '../../annotations/node/file-ops';
import { GlossService } from '../../annotations/node/service';
import type { Store } from '../../annotations/node/store';
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

/** How many compactions are timed. */
const COMPACTIONS = 3;

/** What the service wrote, as its file operations saw it. */
interface WriteCount {
  /** Bytes written into files. */
  bytes: number;
  /** Durable writes: flushes (fsync/fdatasync) of written files, folder flushes not counted. */
  flushes: number;
  /** Files written and flushed, by name, in order. */
  files: string[];
}

/**
 * Counts the writes of the store through the FileOps seam every store write goes through: bytes
 * written to any handle opened for writing, and each flush of one, which is what makes a write
 * durable (one per journal append; a snapshot rewrite flushes its temp file, plus the journal line
 * announcing it).
 */
function countingFileOps(): { fs: FileOps; count: WriteCount } {
  const count: WriteCount = { bytes: 0, flushes: 0, files: [] };
  const fs: FileOps = {
    ...nodeFileOps,
    open: (async (...args: Parameters<FileOps['open']>) => {
      const handle = await nodeFileOps.open(...args);
      if (args[1] === 'r') return handle;
      const name = basename(String(args[0])).replace(/^\.(.*)\.\d+\.tmp$/, '$1 (temp file)');
      const { write, writeFile, sync, datasync } = handle;
      handle.write = (async (...a: unknown[]) => {
        const result = await (write as (...x: unknown[]) => Promise<{ bytesWritten: number }>).apply(handle, a);
        count.bytes += result.bytesWritten;
        return result;
      }) as typeof write;
      handle.writeFile = (async (data: string | Uint8Array, options?: unknown) => {
        count.bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
        return (writeFile as (...x: unknown[]) => Promise<void>).call(handle, data, options);
      }) as typeof writeFile;
      const flushed = (): void => {
        count.flushes += 1;
        count.files.push(name);
      };
      handle.sync = () => (flushed(), sync.call(handle));
      handle.datasync = () => (flushed(), datasync.call(handle));
      return handle;
    }) as FileOps['open'],
  };
  return { fs, count };
}

/** The files flushed and how often. */
function filesOf(files: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const name of files) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].map(([name, n]) => `${name} x${n}`).join(', ') || 'none';
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
  const { fs, count } = countingFileOps();
  // The store as Gloss runs it (journal limits and idle compaction at their defaults).
  const service = await GlossService.open({ dataDir, edition: 'browser', version: 'bench', fs });
  // The bench times the store's compaction directly; GlossService keeps its store private.
  const store = (service as unknown as { store: Store }).store;
  const rows: BenchRow[] = [];
  // The baseline serialises the same data the service holds: the corpus plus what was added so far.
  const mirror: DataFile = { ...corpus.data, annotations: [...corpus.data.annotations] };
  const serviceMs: number[] = [];
  const baselineMs: number[] = [];
  const ratios: number[] = [];
  const bytesRatio: number[] = [];
  const serviceKB: number[] = [];
  const flushesPerEdit: number[] = [];
  const edits = inputs(corpus, counts.writes + COMPACTIONS + counts.burst + 1, 99);
  let next = 0;
  // One unmeasured write first, so both sides start warm.
  mirror.annotations.push(await service.createAnnotation(edits[next++]!));
  await baselineWrite(join(baselineDir, 'baseline.json'), mirror);
  for (let i = 0; i < counts.writes; i += 1) {
    const before = { ...count };
    const started = performance.now();
    const created: Annotation = await service.createAnnotation(edits[next++]!);
    const ms = performance.now() - started;
    const bytes = count.bytes - before.bytes;
    flushesPerEdit.push(count.flushes - before.flushes);
    mirror.annotations.push(created);
    const base = await baselineWrite(join(baselineDir, 'baseline.json'), mirror);
    serviceMs.push(ms);
    baselineMs.push(base.ms);
    ratios.push(ms / base.ms);
    serviceKB.push(bytes / 1024);
    bytesRatio.push((100 * bytes) / base.bytes);
  }
  const flushNote = `Durable writes per edit: ${[...new Set(flushesPerEdit)].join(' or ')} (a journal append and its fdatasync).`;
  rows.push(
    row('5 save', 'one edit: service save (journal append)', 'ms', serviceMs),
    row('5 save', 'one edit: raw baseline (stringify+write+fsync)', 'ms', baselineMs),
    row('5 save', 'one edit: time ratio service/baseline', 'x', ratios, { on: 'median', atMost: 1.3 }),
    row('5 save', 'one edit: bytes written by service', 'KB', serviceKB, undefined, flushNote),
    row('5 save', 'one edit: bytes ratio service/baseline', '%', bytesRatio),
  );

  // Compaction: the whole snapshot rewritten (with a backup of the one it replaces) and the journal emptied.
  const compactMs: number[] = [];
  const compactMB: number[] = [];
  for (let i = 0; i < COMPACTIONS; i += 1) {
    await service.createAnnotation(edits[next++]!);
    const before = { ...count };
    const started = performance.now();
    await store.checkpoint();
    compactMs.push(performance.now() - started);
    compactMB.push((count.bytes - before.bytes) / 1024 / 1024);
  }
  rows.push(
    row(
      '5 save',
      'compaction: snapshot rewrite + journal reset',
      'ms',
      compactMs,
      undefined,
      "Runs when the journal passes half the snapshot (64 KB to 4 MB), 5 s after the last change, on close, and for a restored backup; never on the path of an edit's acknowledgement unless the edit arrives while it runs.",
    ),
    row('5 save', 'compaction: bytes written', 'MB', compactMB),
  );

  // A burst: every edit fired at once, as a fast reader or an import would.
  const before = { ...count, files: count.files.length };
  const started = performance.now();
  await Promise.all(edits.slice(next).map((input) => service.createAnnotation(input)));
  const burstMs = performance.now() - started;
  const writes = count.flushes - before.flushes;
  rows.push(
    row(
      '5 save',
      `burst of ${counts.burst} edits: file writes`,
      'writes',
      [writes],
      { on: 'median', atMost: 3 },
      `Durable writes (flushes): ${filesOf(count.files.slice(before.files))}; ${((count.bytes - before.bytes) / 1024).toFixed(0)} KB written.`,
    ),
    row('5 save', `burst of ${counts.burst} edits: until all acknowledged`, 'ms', [burstMs]),
  );
  await service.close();
  return rows;
}
