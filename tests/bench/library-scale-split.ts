// Part of scenario 9: what the data folder's layout costs at corpus scale, today's single data file against a split
// into a library file (documents' metadata, codebook, per-document counts) and one file per document (its text,
// annotations and undo history). Reads a real data folder, writes the split to a temporary folder the way the
// store writes a snapshot (temp file, fsync, rename), and times reading and rewriting each kind of file.
// Also runnable alone: node --import tsx tests/bench/library-scale-split.ts DATA_DIR
import { mkdtemp, open, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countByTheme } from '../../annotations/codebook';
import { readDataFolder } from '../../annotations/node/read-folder';
import type { DataFile } from './corpus';
import { renderTable, row, type BenchRow } from './stats';

/** Writes `text` as the store writes a snapshot: a temp file flushed to disk, then renamed over the file. */
async function durableWrite(file: string, text: string): Promise<void> {
  const temp = `${file}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

async function timed(runs: number, work: () => Promise<unknown> | unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const began = performance.now();
    await work();
    times.push(performance.now() - began);
  }
  return times;
}

/** The split of one data file: the library file's text and each document file's text, by document id. */
export function splitLayout(data: DataFile & { history?: Array<{ documentId: string }> }): {
  library: string;
  documents: Map<string, string>;
} {
  const documents = new Map<string, string>();
  const library = {
    schemaVersion: data.schemaVersion,
    codebook: data.codebook,
    documents: data.documents.map((doc) => {
      const { text: _text, blocks: _blocks, ...meta } = doc;
      const annotations = data.annotations.filter((a) => a.documentId === doc.id);
      const history = data.history?.find((h) => h.documentId === doc.id);
      documents.set(doc.id, JSON.stringify({ schemaVersion: data.schemaVersion, document: doc, annotations, history }));
      const themeCounts = Object.fromEntries([...countByTheme(data.codebook, annotations)].filter(([, n]) => n > 0));
      return { ...meta, summary: { annotationCount: annotations.length, themeCounts } };
    }),
  };
  return { library: JSON.stringify(library), documents };
}

/** Times today's data file and the split layout for the data folder `dataDir`; answers bench rows. */
export async function runSplitProbe(dataDir: string, scenario: string, runs = 3): Promise<BenchRow[]> {
  // The folder as one data file (it is split on disk now): what a single data file of it holds.
  const data = (await readDataFolder(dataDir)).raw as DataFile;
  const text = JSON.stringify(data);
  const { library, documents } = splitLayout(data);
  // The document with the most highlights stands for one being coded.
  const counts = new Map<string, number>();
  for (const a of data.annotations) counts.set(a.documentId, (counts.get(a.documentId) ?? 0) + 1);
  const busiest = data.documents.reduce((a, b) => ((counts.get(b.id) ?? 0) > (counts.get(a.id) ?? 0) ? b : a));
  const documentText = documents.get(busiest.id)!;
  const kb = (s: string): string => `${(Buffer.byteLength(s) / 1024).toFixed(0)} KB`;
  const work = await mkdtemp(join(tmpdir(), 'gloss-split-'));
  try {
    const today = join(work, 'gloss-data.json');
    const file = today;
    await durableWrite(today, text);
    const libraryFile = join(work, 'library.json');
    const documentFile = join(work, 'document.json');
    await durableWrite(libraryFile, library);
    await durableWrite(documentFile, documentText);
    const n = data.documents.length;
    return [
      row(
        scenario,
        `today: the one data file read and parsed (${n} documents, ${kb(text)})`,
        'ms',
        await timed(runs, async () => JSON.parse(await readFile(file, 'utf8'))),
      ),
      row(
        scenario,
        `today: the one data file rewritten (stringify, fsync, rename: a compaction)`,
        'ms',
        await timed(runs, () => durableWrite(today, JSON.stringify(data))),
      ),
      row(
        scenario,
        `split: library file read and parsed (${kb(library)})`,
        'ms',
        await timed(runs * 3, async () => JSON.parse(await readFile(libraryFile, 'utf8'))),
      ),
      row(scenario, `split: library file rewritten`, 'ms', await timed(runs * 3, () => durableWrite(libraryFile, library))),
      row(
        scenario,
        `split: one document file read and parsed (${kb(documentText)})`,
        'ms',
        await timed(runs * 3, async () => JSON.parse(await readFile(documentFile, 'utf8'))),
      ),
      row(scenario, `split: one document file rewritten`, 'ms', await timed(runs * 3, () => durableWrite(documentFile, documentText))),
    ];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('Usage: node --import tsx tests/bench/library-scale-split.ts DATA_DIR');
    process.exitCode = 2;
  } else console.log(renderTable(await runSplitProbe(dir, 'split')));
}
