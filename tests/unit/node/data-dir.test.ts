// Covers annotations/node/data-dir.ts: the default data folder per platform, matching Electron's userData for "Gloss".
import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { APP_NAME, defaultDataDir } from '../../../annotations/node/data-dir';

const HOME = '/home/reader';

describe('defaultDataDir', () => {
  test('names the folder after the app', () => {
    assert.equal(APP_NAME, 'Gloss');
  });

  test('uses XDG_CONFIG_HOME on Linux when it is set', () => {
    assert.equal(defaultDataDir('linux', { XDG_CONFIG_HOME: '/custom/config' }, HOME), join('/custom/config', 'Gloss'));
  });

  test('falls back to ~/.config on Linux when XDG_CONFIG_HOME is unset', () => {
    assert.equal(defaultDataDir('linux', {}, HOME), join(HOME, '.config', 'Gloss'));
  });

  test('falls back to ~/.config on Linux when XDG_CONFIG_HOME is empty', () => {
    assert.equal(defaultDataDir('linux', { XDG_CONFIG_HOME: '' }, HOME), join(HOME, '.config', 'Gloss'));
  });

  test('treats other Unix-like platforms like Linux', () => {
    assert.equal(defaultDataDir('freebsd', {}, HOME), join(HOME, '.config', 'Gloss'));
    assert.equal(defaultDataDir('openbsd', { XDG_CONFIG_HOME: '/x' }, HOME), join('/x', 'Gloss'));
  });

  test('uses ~/Library/Application Support on macOS, ignoring XDG_CONFIG_HOME', () => {
    const expected = join(HOME, 'Library', 'Application Support', 'Gloss');
    assert.equal(defaultDataDir('darwin', {}, HOME), expected);
    assert.equal(defaultDataDir('darwin', { XDG_CONFIG_HOME: '/custom/config' }, HOME), expected);
  });

  test('uses APPDATA on Windows', () => {
    const appData = 'C:\\Users\\reader\\AppData\\Roaming';
    assert.equal(defaultDataDir('win32', { APPDATA: appData }, 'C:\\Users\\reader'), join(appData, 'Gloss'));
  });

  test('falls back to AppData\\Roaming under the home folder on Windows when APPDATA is unset', () => {
    assert.equal(defaultDataDir('win32', {}, HOME), join(HOME, 'AppData', 'Roaming', 'Gloss'));
  });

  test('falls back to AppData\\Roaming under the home folder on Windows when APPDATA is empty', () => {
    // An empty APPDATA would otherwise give the relative path "Gloss", i.e. data in the current folder.
    assert.equal(defaultDataDir('win32', { APPDATA: '' }, HOME), join(HOME, 'AppData', 'Roaming', 'Gloss'));
  });

  test('defaults to this process’s platform, environment and home folder', () => {
    assert.equal(defaultDataDir(), defaultDataDir(process.platform, process.env, homedir()));
  });
});
