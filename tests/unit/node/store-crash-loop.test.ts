// Crash loop: a child writing annotations is SIGKILLed at random moments; after each kill the data file parses and validates, and with its journal replayed holds every acknowledged change.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import * as v from 'valibot';
import { GlossService } from '../../../annotations/node/service';
import { readDataFolder } from '../../../annotations/node/store';
import { DataFileSchema } from '../../../annotations/schemas';
import { Random } from '../../bench/prng';
import type { CrashWriterOp } from '../../fixtures/crash-writer';

const KILLS = 100;
const SEED = 0x91055;
const SAMPLE_PATH = fileURLToPath(new URL('../../../samples/canada-china-trust.txt', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../../fixtures/crash-writer.ts', import.meta.url));
const TEMP_FILE = /^\.gloss-data\.json\..*\.tmp$/;

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
function runAndKill(dataDir: string, seed: number, delayMs: number, fromReady: boolean): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, dataDir, SAMPLE_PATH, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
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
      if (fromReady && out.includes('ready ')) arm();
    });
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      // A line cut by the kill is dropped: only whole lines were reported.
      const lines = out.split('\n');
      lines.pop();
      resolve({ lines, stderr, signal, code });
    });
  });
}

type OnDisk = Map<string, string>;

/** What the folder holds durably: the data file (which must validate on its own) with its journal replayed. */
async function readOnDisk(dataDir: string, file: string): Promise<OnDisk | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const alone = v.safeParse(DataFileSchema, JSON.parse(text));
  assert.ok(alone.success, `the data file validates: ${JSON.stringify(alone.issues?.[0]?.message)}`);
  const folder = await readDataFolder(dataDir);
  assert.notEqual(folder.journal, 'ignored', `the journal is usable: ${folder.problem}`);
  const checked = v.safeParse(DataFileSchema, folder.raw);
  assert.ok(checked.success, `the data file with its journal replayed validates: ${JSON.stringify(checked.issues?.[0]?.message)}`);
  return new Map(checked.output.annotations.map((a) => [a.id, a.note]));
}

test(`keeps every acknowledged change through ${KILLS} SIGKILLs of a writing process`, { timeout: 120_000 }, async (t) => {
  const dataDir = join(root, 'data');
  const file = join(dataDir, 'gloss-data.json');
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

    const names = await readdir(dataDir).catch(() => [] as string[]);
    tempsLeftByKills += names.filter((n) => TEMP_FILE.test(n)).length;

    const disk = await readOnDisk(dataDir, file);
    if (disk === null) {
      assert.equal(expected.size, 0, `kill ${i}: the data file is missing although changes were acknowledged`);
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
      const left = (await readdir(dataDir)).filter((n) => TEMP_FILE.test(n));
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
