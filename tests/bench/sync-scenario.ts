// Scenario 12, a team's coding shared through CouchDB (issue 20): the corpus bench's library (500 documents x 200
// highlights in the full profile) coded by ann in one data folder goes to a pouchdb-server on loopback, then into an
// empty folder (ben's) in full; then one edit's round trip, from ann's saved edit to the highlight in ben's folder.
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { describeRange } from '../../annotations/anchoring/anchor';
import { GlossService } from '../../annotations/node/service';
import { startCouchServer } from '../../scripts/couch-server';
import { buildCorpusLibrary } from '../fixtures/corpus-library';
import { row, type BenchRow } from './stats';

/** How much the scenario does. */
export interface SyncCounts {
  documents: number;
  highlights: number;
  /** Round trips timed. */
  roundTrips: number;
}

/** The full profile: the 500 documents and 100,000 annotations. */
export const FULL_SYNC: SyncCounts = { documents: 500, highlights: 200, roundTrips: 10 };
/** The quick profile. */
export const QUICK_SYNC: SyncCounts = { documents: 50, highlights: 200, roundTrips: 5 };

const SCENARIO = '12 sync';

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

function open(dataDir: string, coder: string): Promise<GlossService> {
  return GlossService.open({ dataDir, edition: 'browser', version: 'bench', osUser: coder, sync: { maxRetryMs: 1_000 } });
}

/** Runs the scenario in `workDir`; the server is started and stopped here. */
export async function runSyncScenario(counts: SyncCounts, workDir: string, log: (line: string) => void): Promise<BenchRow[]> {
  const root = await mkdtemp(join(workDir, 'sync-'));
  const built = await buildCorpusLibrary(join(root, 'ann'), { documents: counts.documents, highlights: counts.highlights });
  log(
    `  ann's library: ${built.documents} documents, ${built.annotations} highlights built in ${(built.milliseconds / 1000).toFixed(1)} s`,
  );
  const server = await startCouchServer(join(root, 'server'));
  const rows: BenchRow[] = [];
  let ann: GlossService | null = null;
  let ben: GlossService | null = null;
  try {
    const url = await server.createDatabase('project');
    ann = await open(join(root, 'ann'), 'ann');
    await ann.setCoderName({ name: 'ann' });
    let started = performance.now();
    await ann.connectSync({ url });
    const pushed = await until(
      async () => (await ann!.getSyncStatus({})).queued === 0 && (await ann!.getSyncStatus({})).lastSynced !== null,
      600_000,
    );
    const push = performance.now() - started;
    log(`  ann's initial push: ${(push / 1000).toFixed(1)} s${pushed ? '' : ' (timed out)'}`);
    rows.push(row(SCENARIO, `initial push, ${built.annotations} annotations`, 'ms', [push]));

    ben = await open(join(root, 'ben'), 'ben');
    started = performance.now();
    await ben.connectSync({ url });
    const total = built.annotations;
    const arrived = await until(async () => {
      const coders = await ben!.listCoders({});
      return (coders.find((c) => c.name === 'ann')?.annotationCount ?? 0) >= total;
    }, 900_000);
    const initial = performance.now() - started;
    log(`  initial sync into an empty folder: ${(initial / 1000).toFixed(1)} s${arrived ? '' : ' (timed out)'}`);
    rows.push(row(SCENARIO, `initial sync into an empty folder, ${total} annotations`, 'ms', [initial], { on: 'max', atMost: 60_000 }));

    const library = await ann.listDocuments({});
    const doc = await ann.openDocument({ documentId: library.at(-1)!.id });
    const trips: number[] = [];
    for (let i = 0; i < counts.roundTrips; i += 1) {
      const start = 40 + i * 37;
      const began = performance.now();
      const made = await ann.createAnnotation({
        documentId: doc.document.id,
        target: { source: doc.document.id, selector: describeRange(doc.document.text, start, start + 12) },
        themes: ['trade'],
      });
      const seen = await until(async () => {
        const there = await ben!.listAnnotations({ documentId: doc.document.id }).catch(() => []);
        return there.some((a) => a.id === made.id);
      }, 30_000);
      trips.push(seen ? performance.now() - began : Number.POSITIVE_INFINITY);
    }
    log(`  one edit A -> B: ${trips.map((t) => t.toFixed(0)).join(', ')} ms`);
    rows.push(row(SCENARIO, 'one edit, saved at A to stored at B', 'ms', trips, { on: 'p95', atMost: 2_000 }));
  } finally {
    await ann?.close();
    await ben?.close();
    await server.stop();
  }
  return rows;
}
