// Finding the Electron executable for the end-to-end tests without ever downloading it.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MISSING_BINARY_REASON, findElectronBinary, rootSandboxProblem } from '../../../scripts/electron-binary';

describe('findElectronBinary', () => {
  let base: string;

  before(async () => {
    base = await mkdtemp(join(tmpdir(), 'gloss-electron-binary-'));
  });

  after(async () => {
    await rm(base, { recursive: true, force: true });
  });

  async function electronPackage(name: string, files: Record<string, string>): Promise<string> {
    const dir = join(base, name);
    await mkdir(join(dir, 'dist'), { recursive: true });
    for (const [file, content] of Object.entries(files)) {
      await mkdir(join(dir, file, '..'), { recursive: true });
      await writeFile(join(dir, file), content);
    }
    return dir;
  }

  it('finds the executable path.txt names in dist', async () => {
    const dir = await electronPackage('installed', { 'path.txt': 'electron', 'dist/electron': '' });
    assert.deepEqual(findElectronBinary(dir, {}), { available: true, executablePath: join(dir, 'dist', 'electron') });
  });

  it('skips with the reason when path.txt is missing', async () => {
    const dir = await electronPackage('no-path-txt', {});
    assert.deepEqual(findElectronBinary(dir, {}), { available: false, reason: MISSING_BINARY_REASON });
  });

  it('skips with the reason when path.txt names a missing file', async () => {
    const dir = await electronPackage('no-binary', { 'path.txt': 'electron' });
    assert.deepEqual(findElectronBinary(dir, {}), { available: false, reason: MISSING_BINARY_REASON });
  });

  it('skips when the electron package is not installed at all', () => {
    assert.equal(findElectronBinary(null, {}).available, false);
  });

  it('looks in ELECTRON_OVERRIDE_DIST_PATH when set, defaulting the name to electron', async () => {
    const dir = await electronPackage('override-pkg', {});
    const dist = join(base, 'custom-dist');
    await mkdir(dist, { recursive: true });
    await writeFile(join(dist, 'electron'), '');
    assert.deepEqual(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: dist }), {
      available: true,
      executablePath: join(dist, 'electron'),
    });
  });
});

describe('rootSandboxProblem', () => {
  it('says why the desktop window cannot open as root on Linux', () => {
    assert.match(rootSandboxProblem(0, 'linux', {}) ?? '', /sandbox as root/);
  });

  it('has nothing against a normal user, other systems, or a user who turned the OS sandbox off', () => {
    assert.equal(rootSandboxProblem(1000, 'linux', {}), null);
    assert.equal(rootSandboxProblem(0, 'darwin', {}), null);
    assert.equal(rootSandboxProblem(undefined, 'win32', {}), null);
    assert.equal(rootSandboxProblem(0, 'linux', { ELECTRON_DISABLE_SANDBOX: '1' }), null);
  });
});
