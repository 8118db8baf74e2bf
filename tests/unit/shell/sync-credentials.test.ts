// Covers electron/credentials.ts: the shared project's password kept encrypted by the system (safeStorage, here a
// fake that reverses and marks the text), never in clear, and for the session only where encryption is unavailable.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { encryptedCredentials, type SafeStorageLike } from '../../../electron/credentials';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gloss-credentials-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function fakeSafeStorage(available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`enc:${[...text].reverse().join('')}`),
    decryptString: (bytes) => [...bytes.toString().replace(/^enc:/, '')].reverse().join(''),
  };
}

describe('the desktop credential store', () => {
  test('keeps the password encrypted in its file, gives it back after a restart, and forgets it', async () => {
    const file = join(dir, 'sync-credentials.json');
    const url = 'https://couch.example.org/project';
    await encryptedCredentials(fakeSafeStorage(), file).save(url, { username: 'ann', password: 'hunter2-secret' });
    const text = await readFile(file, 'utf8');
    assert.ok(!text.includes('hunter2-secret'), 'the password is not in the file in clear');
    assert.ok(text.includes('ann'));
    const restarted = encryptedCredentials(fakeSafeStorage(), file);
    assert.deepEqual(await restarted.load(url), { username: 'ann', password: 'hunter2-secret' });
    await restarted.forget(url);
    assert.equal(await encryptedCredentials(fakeSafeStorage(), file).load(url), null);
  });

  test('keeps the password for the session only, and writes nothing, where the system cannot encrypt', async () => {
    const file = join(dir, 'sync-credentials.json');
    const store = encryptedCredentials(fakeSafeStorage(false), file);
    await store.save('https://couch.example.org/p', { username: 'ann', password: 'hunter2-secret' });
    assert.deepEqual(await store.load('https://couch.example.org/p'), { username: 'ann', password: 'hunter2-secret' });
    await assert.rejects(readFile(file, 'utf8'), { code: 'ENOENT' });
    assert.equal(await encryptedCredentials(fakeSafeStorage(false), file).load('https://couch.example.org/p'), null);
    assert.equal(await encryptedCredentials(undefined, file).load('https://couch.example.org/p'), null);
  });
});
