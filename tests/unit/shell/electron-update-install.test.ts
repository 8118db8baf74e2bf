// How Gloss tells its installs apart for updating (electron/install-kind.ts), how the update
// settings file is read back (electron/update-settings.ts), and the release notes as a message box
// shows them (electron/update-messages.ts). Plain Node: facts handed in, no 'electron'.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectInstall, type InstallFacts } from '../../../electron/install-kind';
import { plainReleaseNotes } from '../../../electron/update-messages';
import { parseUpdateSettings } from '../../../electron/update-settings';

function facts(overrides: Partial<InstallFacts>): InstallFacts {
  return {
    platform: 'linux',
    isPackaged: true,
    execPath: '/opt/Gloss/gloss',
    env: {},
    readText: () => null,
    exists: () => false,
    ...overrides,
  };
}

describe('detectInstall', () => {
  it('knows an AppImage by the APPIMAGE its runtime sets', () => {
    assert.equal(
      detectInstall(facts({ env: { APPIMAGE: '/home/ada/Apps/Gloss-0.1.0-x86_64.AppImage' }, execPath: '/tmp/.mount_GlossX/gloss' })),
      'appimage',
    );
  });

  it("knows a deb by dpkg's list of the gloss package's files", () => {
    const list = '/.\n/opt\n/opt/Gloss\n/opt/Gloss/gloss\n/usr/share/applications/gloss.desktop\n';
    const read = (path: string) => (path === '/var/lib/dpkg/info/gloss.list' ? list : null);
    assert.equal(detectInstall(facts({ readText: read })), 'deb');
  });

  it('takes an unpacked tar.gz for what it is, even with electron-builder\'s "deb" marker in its resources', () => {
    const read = (path: string) => (path.endsWith('package-type') ? 'deb' : null);
    assert.equal(detectInstall(facts({ execPath: '/home/ada/gloss-0.1.0/gloss', readText: read, exists: () => true })), 'archive');
    // dpkg lists another Gloss (installed as a deb) than the one running from the tar.gz.
    const other = (path: string) => (path === '/var/lib/dpkg/info/gloss.list' ? '/opt/Gloss/gloss\n' : null);
    assert.equal(detectInstall(facts({ execPath: '/home/ada/gloss-0.1.0/gloss', readText: other })), 'archive');
  });

  it('knows the NSIS install by its uninstaller, and the portable exe by the variable it sets', () => {
    const execPath = 'C:\\Users\\ada\\AppData\\Local\\Programs\\Gloss\\Gloss.exe';
    const uninstaller = (path: string) => /Uninstall Gloss\.exe$/.test(path);
    assert.equal(detectInstall(facts({ platform: 'win32', execPath, exists: uninstaller })), 'nsis');
    assert.equal(detectInstall(facts({ platform: 'win32', execPath, exists: () => false })), 'archive');
    assert.equal(
      detectInstall(
        facts({
          platform: 'win32',
          execPath: 'C:\\Temp\\x\\Gloss.exe',
          env: { PORTABLE_EXECUTABLE_FILE: 'D:\\Gloss-Portable-0.1.0.exe' },
          exists: uninstaller,
        }),
      ),
      'portable',
    );
  });

  it('knows a macOS app by its bundle', () => {
    assert.equal(detectInstall(facts({ platform: 'darwin', execPath: '/Applications/Gloss.app/Contents/MacOS/Gloss' })), 'mac');
  });

  it('treats an unpackaged run as development, whatever its environment says', () => {
    assert.equal(detectInstall(facts({ isPackaged: false, env: { APPIMAGE: '/x.AppImage' } })), 'development');
  });
});

describe('parseUpdateSettings', () => {
  it('reads back what was saved, and falls back field by field on anything malformed', () => {
    assert.deepEqual(parseUpdateSettings({ automaticChecks: false, lastCheckedAt: 1700000000000 }), {
      automaticChecks: false,
      lastCheckedAt: 1700000000000,
    });
    assert.deepEqual(parseUpdateSettings(null), { automaticChecks: true, lastCheckedAt: null });
    assert.deepEqual(parseUpdateSettings({ automaticChecks: 'no', lastCheckedAt: 'yesterday' }), {
      automaticChecks: true,
      lastCheckedAt: null,
    });
    assert.deepEqual(parseUpdateSettings({ automaticChecks: false, lastCheckedAt: Number.NaN }), {
      automaticChecks: false,
      lastCheckedAt: null,
    });
  });
});

describe('plainReleaseNotes', () => {
  it("turns the GitHub release's HTML into text a message box can show, cut when long", () => {
    assert.equal(
      plainReleaseNotes('<p>Export keeps <b>headings</b> &amp; lists.</p><ul><li>One</li><li>Two</li></ul>'),
      'Export keeps headings & lists.\n• One\n• Two',
    );
    assert.equal(
      plainReleaseNotes([
        { version: '0.2.0', note: 'Second' },
        { version: '0.1.1', note: null },
      ]),
      'Second',
    );
    assert.equal(plainReleaseNotes(null), '');
    const long = plainReleaseNotes(`<p>${'word '.repeat(1000)}</p>`);
    assert.ok(long.length <= 1201 && long.endsWith('\u2026'), `${long.length}`);
  });
});
