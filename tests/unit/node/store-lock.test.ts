// Covers the data folder's inter-process lock: a second service on the same folder is refused with a reason, and gets in once the first closes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { GlossError } from '../../../annotations/errors';
import { GlossService } from '../../../annotations/node/service';

const SAMPLE = { id: 'sample', source: 'sample.txt', text: 'Title\nA paragraph.' };

describe('one writer per data folder', () => {
  let dir = '';
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('refuses a second service on a folder in use, saying why, and lets it in once the first has closed', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-lock-'));
    const first = await GlossService.open({ freeze: true, dataDir: dir, edition: 'browser', version: 'test', samples: [SAMPLE] });
    await assert.rejects(
      GlossService.open({ freeze: true, dataDir: dir, edition: 'desktop', version: 'test', samples: [SAMPLE] }),
      (error: unknown) =>
        error instanceof GlossError && error.code === 'locked' && /Another Gloss .* is using the data folder/.test(error.message),
    );
    await first.close();
    const second = await GlossService.open({ freeze: true, dataDir: dir, edition: 'desktop', version: 'test', samples: [SAMPLE] });
    assert.equal((await second.listDocuments({})).length, 1);
    await second.close();
  });

  test('holds the lock across processes: another process cannot open the folder while this one has it', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'gloss-lock-'));
    const held = await GlossService.open({ freeze: true, dataDir: folder, edition: 'browser', version: 'test', samples: [SAMPLE] });
    try {
      const script = [
        "import { GlossService } from './annotations/node/service.ts';",
        `GlossService.open({ dataDir: ${JSON.stringify(folder)}, edition: 'desktop', version: 'test' })`,
        "  .then(() => { console.log('opened'); process.exit(0); }, (e) => { console.log(e.code + ': ' + e.message); process.exit(3); });",
      ].join('\n');
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: join(import.meta.dirname, '..', '..', '..'),
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.equal(code, 3, out);
      assert.match(out, /^locked: Another Gloss/);
    } finally {
      await held.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
