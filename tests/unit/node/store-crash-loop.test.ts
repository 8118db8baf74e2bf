// Crash loop: a child writing annotations is SIGKILLed at random moments; after each kill every file of the data
// folder (the library file and each document file) parses and validates alone, and with the journals replayed
// they hold every acknowledged change.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import * as v from 'valibot';
import { GlossService } from '../../../annotations/node/service';
import { readDataFolder } from '../../../annotations/node/store';
import { DataFileSchema } from '../../../annotations/schemas';
import { DOCUMENTS_DIR, DocumentFileSchema, LIBRARY_FILE_NAME, LibraryFileSchema } from '../../../annotations/node/split-layout';
import { Random } from '../../bench/prng';
import type { CrashWriterOp } from '../../fixtures/crash-writer';

const KILLS = 100;
const SEED = 0x91055;
const SAMPLE_PATH = fileURLToPath(new URL('../../../samples/canada-china-trust.txt', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../../fixtures/crash-writer.ts', import.meta.url));
/** A snapshot's temp file: the library file's, or a document file's in the documents folder. */
const TEMP_FILE = /^\..*\.json\..*\.tmp$/;

let root: string;
let child: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-crash-loop-'));
  child = join(root, 'crash-writer.mjs');
  await build({
    entryPoints: [FIXTURE],
    outfile: child,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
    // proper-lockfile is CommonJS and calls require(); an ESM bundle has none of its own.
    banner: {
      js: "import { createRequire as glossCreateRequire } from 'node:module'; const require = glossCreateRequire(import.meta.url);",
    },
  });
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

interface Run {
  lines: string[];
  stderr: string;
  signal: NodeJS.Signals | null;
  code: number | null;
}

/**
 * Runs the writer and SIGKILLs it `delayMs` after it starts, or after it reports ready when
 * `fromReady` (so that some kills land while it opens and most while it writes).
 */
async function runAndKill(dataDir: string, seed: number, delayMs: number, fromReady: boolean): Promise<Run> {
  const report = join(root, 'report.txt');
  // A writer killed before it opens its report must not leave the last run's report to be read as its own.
  await rm(report, { force: true });
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, dataDir, SAMPLE_PATH, String(seed), report], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      if (timer === undefined) timer = setTimeout(() => proc.kill('SIGKILL'), delayMs);
    };
    // A writer that never gets going is killed anyway (bounded).
    const guard = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    if (!fromReady) arm();
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (fromReady && out.includes('ready')) arm();
    });
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      readFile(report, 'utf8')
        .catch(() => '')
        .then((text) => {
          // A line cut by the kill is dropped: only whole lines were reported.
          const lines = text.split('\n');
          lines.pop();
          resolve({ lines, stderr, signal, code });
        }, reject);
    });
  });
}

type OnDisk = Map<string, string>;

/** Asserts that a file of the folder validates on its own against its schema. */
async function validatesAlone(file: string, schema: v.GenericSchema): Promise<void> {
  const alone = v.safeParse(schema, JSON.parse(await readFile(file, 'utf8')));
  assert.ok(alone.success, `${file} validates: ${JSON.stringify(alone.issues?.[0]?.message)}`);
}

/** What the folder holds durably: the library file and each document file (each of which must validate on its own) with their journals replayed. */
async function readOnDisk(dataDir: string): Promise<OnDisk | null> {
  const library = join(dataDir, LIBRARY_FILE_NAME);
  if (!existsSync(library)) return null;
  await validatesAlone(library, LibraryFileSchema);
  const documents = join(dataDir, DOCUMENTS_DIR);
  for (const name of await readdir(documents)) {
    if (name.endsWith('.json') && !name.startsWith('.')) await validatesAlone(join(documents, name), DocumentFileSchema);
  }
  const folder = await readDataFolder(dataDir);
  assert.notEqual(folder.journal, 'ignored', `the journal is usable: ${folder.problem}`);
  const checked = v.safeParse(DataFileSchema, folder.raw);
  assert.ok(checked.success, `the data file with its journal replayed validates: ${JSON.stringify(checked.issues?.[0]?.message)}`);
  return new Map(checked.output.annotations.map((a) => [a.id, a.note]));
}

/** The temp files in the data folder and its documents folder. */
async function tempFiles(dataDir: string): Promise<string[]> {
  const names = [
    ...(await readdir(dataDir).catch(() => [] as string[])),
    ...(await readdir(join(dataDir, DOCUMENTS_DIR)).catch(() => [] as string[])),
  ];
  return names.filter((n) => TEMP_FILE.test(n));
}

test(`keeps every acknowledged change through ${KILLS} SIGKILLs of a writing process`, { timeout: 300_000 }, async (t) => {
  const dataDir = join(root, 'data');
  const random = new Random(SEED);
  let model: OnDisk = new Map();
  let acks = 0;
  let tempsLeftByKills = 0;
  let killedBeforeReady = 0;
  const started = Date.now();

  for (let i = 0; i < KILLS; i += 1) {
    const delay = random.int(20, 150);
    const fromReady = random.chance(0.7);
    const run = await runAndKill(dataDir, random.int(1, 2 ** 31), delay, fromReady);
    assert.equal(run.signal, 'SIGKILL', `kill ${i}: the writer ran until killed (exit ${run.code}): ${run.stderr}`);

    // What the writer tried and what it was told is durable, in order.
    const expected = new Map(model);
    const deleted = new Set<string>();
    const unackedUpdates = new Map<string, Set<string>>();
    const unackedDeletes = new Set<string>();
    const unackedCreateNotes = new Set<string>();
    const tried = new Map<number, CrashWriterOp>();
    let ready = false;
    for (const line of run.lines) {
      const space = line.indexOf(' ');
      const kind = line.slice(0, space);
      if (kind === 'ready') {
        ready = true;
        continue;
      }
      const op = JSON.parse(line.slice(space + 1)) as CrashWriterOp;
      if (kind === 'try') {
        tried.set(op.seq, op);
        continue;
      }
      assert.equal(kind, 'ack', `kill ${i}: unexpected line ${line}`);
      acks += 1;
      tried.delete(op.seq);
      if (op.op === 'delete') {
        expected.delete(op.id);
        deleted.add(op.id);
      } else {
        expected.set(op.id!, op.note);
      }
    }
    if (!ready) killedBeforeReady += 1;
    for (const op of tried.values()) {
      if (op.op === 'create') unackedCreateNotes.add(op.note);
      else if (op.op === 'delete') unackedDeletes.add(op.id);
      else unackedUpdates.set(op.id, (unackedUpdates.get(op.id) ?? new Set()).add(op.note));
    }

    tempsLeftByKills += (await tempFiles(dataDir)).length;

    const disk = await readOnDisk(dataDir);
    if (disk === null) {
      assert.equal(expected.size, 0, `kill ${i}: the library file is missing although changes were acknowledged`);
    } else {
      for (const [id, note] of expected) {
        if (!disk.has(id)) {
          assert.ok(unackedDeletes.has(id), `kill ${i}: the acknowledged annotation ${id} (note ${note}) was lost`);
          continue;
        }
        const found = disk.get(id)!;
        assert.ok(
          found === note || unackedUpdates.get(id)?.has(found),
          `kill ${i}: annotation ${id} holds note ${found}, expected the acknowledged ${note}`,
        );
      }
      for (const id of deleted) assert.ok(!disk.has(id), `kill ${i}: the acknowledged delete of ${id} was undone`);
      for (const [id, note] of disk) {
        if (expected.has(id)) continue;
        assert.ok(unackedCreateNotes.has(note), `kill ${i}: annotation ${id} (note ${note}) came from nowhere`);
      }
    }

    // A service opening the folder removes whatever temp file the kill left behind.
    const service = await GlossService.open({ freeze: true, dataDir, edition: 'desktop', version: 'test', lock: false });
    try {
      const left = await tempFiles(dataDir);
      assert.deepEqual(left, [], `kill ${i}: stale temp files remain after opening`);
      assert.deepEqual((await service.getStatus({})).notices, [], `kill ${i}: opening after the kill has nothing to report`);
      if (disk !== null) {
        const listed = await service.listAnnotations({ documentId: 'canada-china-trust' });
        assert.deepEqual(new Map(listed.map((a) => [a.id, a.note])), disk, `kill ${i}: the service reads what is on disk`);
      }
    } finally {
      await service.close();
    }
    // Whatever landed (acknowledged or not) is the starting point of the next run.
    model = disk ?? new Map();
  }

  const seconds = (Date.now() - started) / 1000;
  t.diagnostic(
    `${KILLS} kills in ${seconds.toFixed(1)} s; ${acks} acknowledged changes survived; ` +
      `${killedBeforeReady} kills landed while opening; ${tempsLeftByKills} temp files left by kills were cleaned`,
  );
  // The loop must actually exercise writes, not just process start-up.
  assert.ok(acks >= KILLS, `at least ${KILLS} changes were acknowledged across the loop (got ${acks})`);
});
