// The update logic (electron/update-controller.ts) in plain Node: a stand-in for electron-updater's
// AppUpdater (an EventEmitter with its events and methods, typed by the controller's UpdaterPort,
// which AppUpdater itself satisfies) and a clock the test moves. What is asserted is what the user
// sees (message boxes, the taskbar progress, the menu item) and what reaches the updater.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { AppUpdater, UpdateCheckResult, UpdateInfo } from 'electron-updater';
import type { InstallKind } from '../../../electron/install-kind';
import {
  CHECK_INTERVAL_MS,
  createUpdateController,
  START_DELAY_MS,
  type Clock,
  type UpdateController,
  type UpdaterPort,
} from '../../../electron/update-controller';
import { LATER_BUTTON, RESTART_BUTTON, type UpdateMessage } from '../../../electron/update-messages';
import { UPDATE_SETTINGS_FILE, updateSettingsFile, type UpdateSettings, type UpdateSettingsStore } from '../../../electron/update-settings';

// electron-updater's own updater fits the port the controller takes: this fails to compile if not.
const fits = (updater: AppUpdater): UpdaterPort => updater;
void fits;

const HOUR = 60 * 60 * 1000;
const START = Date.UTC(2026, 11, 1, 9, 0, 0);
const NEWER: UpdateInfo = {
  version: '0.2.0',
  files: [{ url: 'Gloss-0.2.0-x86_64.AppImage', sha512: 'c2hhNTEy', size: 1000 }],
  path: 'Gloss-0.2.0-x86_64.AppImage',
  sha512: 'c2hhNTEy',
  releaseDate: '2026-12-01T00:00:00.000Z',
  releaseNotes: '<h2>What changed</h2><ul><li>Faster export &amp; import</li><li>Fixes</li></ul>',
};

/** electron-updater's events and calls, played by the test. */
class FakeUpdater extends EventEmitter implements UpdaterPort {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  checks = 0;
  installs: [boolean | undefined, boolean | undefined][] = [];
  /** What the next checkForUpdates() settles with. */
  answer: () => Promise<UpdateCheckResult | null> = () =>
    Promise.resolve({ isUpdateAvailable: false, updateInfo: NEWER, versionInfo: NEWER });

  checkForUpdates(): Promise<UpdateCheckResult | null> {
    this.checks += 1;
    this.emit('checking-for-update');
    return this.answer();
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

class FakeClock implements Clock {
  at = START;
  private timers: { due: number; run: () => void; handle: number }[] = [];
  private next = 1;
  now(): number {
    return this.at;
  }
  setTimeout(run: () => void, ms: number): unknown {
    const handle = this.next++;
    this.timers.push({ due: this.at + ms, run, handle });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.handle !== handle);
  }
  /** Moves time on, running each timer that falls due on the way. */
  advance(ms: number): void {
    const until = this.at + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.due <= until).sort((a, b) => a.due - b.due)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.at = due.due;
      due.run();
    }
    this.at = until;
  }
}

function memorySettings(initial: Partial<UpdateSettings> = {}): UpdateSettingsStore & { current: UpdateSettings } {
  const store = {
    current: { automaticChecks: true, lastCheckedAt: null, ...initial } as UpdateSettings,
    load: () => ({ ...store.current }),
    save: (settings: UpdateSettings) => void (store.current = { ...settings }),
  };
  return store;
}

interface Setup {
  controller: UpdateController;
  updater: FakeUpdater;
  clock: FakeClock;
  messages: UpdateMessage[];
  progress: (number | null)[];
  labels: string[];
  /** The answer the next message box gets (an index into its buttons). */
  answer: (message: UpdateMessage) => number;
  /** When set, message boxes stay open until the test settles them through it. */
  hold?: (message: UpdateMessage) => Promise<number>;
}

function setUp(options: { install?: InstallKind; settings?: UpdateSettingsStore; clock?: FakeClock; updater?: FakeUpdater } = {}): Setup {
  const updater = options.updater ?? new FakeUpdater();
  const clock = options.clock ?? new FakeClock();
  const setup: Setup = { updater, clock, messages: [], progress: [], labels: [], answer: () => 0 } as unknown as Setup;
  setup.controller = createUpdateController({
    install: options.install ?? 'appimage',
    version: '0.1.0',
    updater,
    clock,
    settings: options.settings ?? memorySettings(),
    shell: {
      showMessage: (message) => {
        setup.messages.push(message);
        return setup.hold ? setup.hold(message) : Promise.resolve(setup.answer(message));
      },
      setProgress: (fraction) => void setup.progress.push(fraction),
      menuChanged: () => void setup.labels.push(setup.controller.menu().label),
      log: () => undefined,
    },
  });
  return setup;
}

/** Lets the promises the controller chained settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** electron-updater's events for a found update that downloads completely. */
async function playDownload(updater: FakeUpdater, percents: number[] = [12.5, 42.9, 100]): Promise<void> {
  updater.emit('update-available', NEWER);
  for (const percent of percents)
    updater.emit('download-progress', { percent, bytesPerSecond: 1, total: 1000, transferred: percent * 10, delta: 1 });
  updater.emit('update-downloaded', { ...NEWER, downloadedFile: '/cache/gloss-updater/pending/Gloss-0.2.0-x86_64.AppImage' });
  await settle();
}

describe('the update controller', () => {
  it('checks a few seconds after the first start, then not again until a day after the last check', async () => {
    const settings = memorySettings();
    const first = setUp({ settings });
    first.controller.start();
    first.clock.advance(START_DELAY_MS - 1);
    assert.equal(first.updater.checks, 0, 'not while the window opens');
    first.clock.advance(1);
    assert.equal(first.updater.checks, 1);
    first.updater.emit('update-not-available', NEWER);
    assert.equal(settings.current.lastCheckedAt, START + START_DELAY_MS);
    first.controller.stop();

    // Gloss is started again an hour later: the day is not up, so no check at start.
    const clock = new FakeClock();
    clock.at = START + HOUR;
    const second = setUp({ settings, clock });
    second.controller.start();
    clock.advance(CHECK_INTERVAL_MS - HOUR - 1);
    assert.equal(second.updater.checks, 0);
    clock.advance(HOUR);
    assert.equal(second.updater.checks, 1, 'checked once the day was up, while running');
    second.controller.stop();
  });

  it('never checks by itself with automatic checks off, remembers that in userData, and still checks from the menu', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gloss-update-settings-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const first = setUp({ settings: updateSettingsFile(dir) });
    first.controller.start();
    assert.equal(first.controller.menu().automaticChecks, true);
    first.controller.setAutomaticChecks(false);
    first.clock.advance(10 * CHECK_INTERVAL_MS);
    assert.equal(first.updater.checks, 0);
    assert.equal((JSON.parse(readFileSync(join(dir, UPDATE_SETTINGS_FILE), 'utf8')) as UpdateSettings).automaticChecks, false);

    const second = setUp({ settings: updateSettingsFile(dir) });
    second.controller.start();
    second.clock.advance(10 * CHECK_INTERVAL_MS);
    assert.equal(second.updater.checks, 0, 'still off after a restart');
    assert.equal(second.controller.menu().automaticChecks, false);
    second.controller.checkNow();
    assert.equal(second.updater.checks, 1);
  });

  it('says nothing when an automatic check finds nothing, and "up to date" when the user asked', async () => {
    const { controller, updater, clock, messages } = setUp();
    controller.start();
    clock.advance(START_DELAY_MS);
    updater.emit('update-not-available', NEWER);
    await settle();
    assert.equal(messages.length, 0);
    controller.checkNow();
    updater.emit('update-not-available', NEWER);
    await settle();
    assert.deepEqual(
      messages.map((m) => [m.message, m.detail]),
      [['Gloss is up to date.', 'Version 0.1.0 is the newest.']],
    );
    controller.stop();
  });

  it('downloads a found update in the background with progress in the taskbar and the menu, then restarts into it when asked', async () => {
    const { controller, updater, messages, progress, labels } = setUp();
    controller.checkNow();
    assert.equal(updater.autoDownload, true, 'the download starts as soon as an update is found');
    assert.equal(controller.menu().enabled, false, 'no second check while one runs');
    await playDownload(updater);
    assert.deepEqual(progress, [0, 0.12, 0.42, 1, null]);
    assert.deepEqual(labels, [
      'Checking for Updates\u2026',
      'Downloading Update (0%)\u2026',
      'Downloading Update (12%)\u2026',
      'Downloading Update (42%)\u2026',
      'Downloading Update (100%)\u2026',
      'Restart to Update\u2026',
    ]);
    assert.deepEqual(messages[0]?.message, 'Gloss 0.2.0 is available.');
    const ready = messages[1]!;
    assert.equal(ready.message, 'Gloss 0.2.0 is ready to install.');
    assert.deepEqual(ready.buttons, [RESTART_BUTTON, LATER_BUTTON]);
    assert.match(
      ready.detail!,
      /^What changed\n• Faster export & import\n• Fixes\n\nIf you choose Later, it is installed when you quit Gloss\.$/,
    );
    assert.deepEqual(updater.installs, [[true, true]], 'installed silently and started again');
  });

  it('installs nothing when the user chooses Later, and offers the restart again from the menu', async () => {
    const setup = setUp();
    setup.answer = (message) => message.buttons!.indexOf(LATER_BUTTON);
    setup.controller.checkNow();
    await playDownload(setup.updater);
    assert.deepEqual(setup.updater.installs, []);
    assert.equal(setup.updater.autoInstallOnAppQuit, true, 'the verified download is installed when Gloss quits');
    assert.equal(setup.controller.menu().label, 'Restart to Update\u2026');
    setup.answer = (message) => message.buttons!.indexOf(RESTART_BUTTON);
    setup.controller.checkNow();
    await settle();
    assert.equal(setup.updater.checks, 1, 'no new check: the update is here');
    assert.deepEqual(setup.updater.installs, [[true, true]]);
  });

  it('installs nothing after an interrupted download, clears the progress and says nothing was changed', async () => {
    const { controller, updater, messages, progress } = setUp();
    controller.checkNow();
    updater.emit('update-available', NEWER);
    updater.emit('download-progress', { percent: 30, bytesPerSecond: 1, total: 1000, transferred: 300, delta: 1 });
    updater.emit('error', new Error('net::ERR_CONNECTION_RESET'));
    await settle();
    assert.deepEqual(progress, [0, 0.3, null]);
    assert.deepEqual(updater.installs, []);
    const failed = messages.at(-1)!;
    assert.equal(failed.message, 'The update could not be downloaded.');
    assert.match(failed.detail!, /^Nothing was changed: Gloss 0\.1\.0 stays installed\.\n\nnet::ERR_CONNECTION_RESET$/);
    assert.equal(controller.menu().label, 'Check for Updates\u2026', 'ready to try again');
  });

  it('keeps a failed automatic check quiet and does not count it, so the next start tries again', async () => {
    const settings = memorySettings();
    const { controller, updater, clock, messages } = setUp({ settings });
    updater.answer = () => Promise.reject(new Error('getaddrinfo ENOTFOUND github.com'));
    controller.start();
    clock.advance(START_DELAY_MS);
    updater.emit('error', new Error('getaddrinfo ENOTFOUND github.com'));
    await settle();
    assert.equal(messages.length, 0);
    assert.equal(settings.current.lastCheckedAt, null);
    controller.checkNow();
    updater.emit('error', new Error('getaddrinfo ENOTFOUND github.com'));
    await settle();
    assert.equal(messages[0]?.message, 'Gloss could not check for updates.');
    controller.stop();
  });

  it('tells a deb user to update with the package manager, and never checks or offers automatic checks', async () => {
    const { controller, updater, clock, messages } = setUp({ install: 'deb' });
    controller.start();
    clock.advance(10 * CHECK_INTERVAL_MS);
    controller.checkNow();
    await settle();
    assert.equal(updater.checks, 0);
    assert.equal(controller.menu().automaticChecks, null);
    assert.equal(messages[0]?.message, 'Gloss was installed with your package manager.');
    assert.match(messages[0]!.detail!, /apt/);
  });

  it('tells the user of a copy that does not update itself where the new version is', async () => {
    for (const [install, said] of [
      ['portable', 'The portable Gloss does not update itself.'],
      ['archive', 'This copy of Gloss does not update itself.'],
      ['development', 'Updates are for installed builds.'],
    ] as const) {
      const { controller, updater, messages } = setUp({ install });
      controller.checkNow();
      await settle();
      assert.equal(updater.checks, 0, install);
      assert.equal(messages[0]?.message, said, install);
    }
  });

  it('answers Check for Updates during a download with how far it is, without a second download', async () => {
    const { controller, updater, messages } = setUp();
    controller.start();
    controller.checkNow();
    updater.emit('update-available', NEWER);
    updater.emit('download-progress', { percent: 55.2, bytesPerSecond: 1, total: 1000, transferred: 552, delta: 1 });
    controller.checkNow();
    await settle();
    assert.equal(updater.checks, 1);
    assert.equal(messages.at(-1)?.message, 'Gloss 0.2.0 is downloading (55%).');
    controller.stop();
  });

  it('checks again at start when the last check seems to be in the future (the clock was put back), at most a day on', async () => {
    const settings = memorySettings({ lastCheckedAt: START + 30 * CHECK_INTERVAL_MS });
    const { controller, updater, clock } = setUp({ settings });
    controller.start();
    clock.advance(CHECK_INTERVAL_MS);
    assert.equal(updater.checks, 1);
    controller.stop();
  });

  it('does not check over an update that waits for its restart when the next day comes', async () => {
    const setup = setUp();
    setup.answer = (message) => message.buttons!.indexOf(LATER_BUTTON);
    setup.controller.start();
    setup.clock.advance(START_DELAY_MS);
    await playDownload(setup.updater);
    setup.clock.advance(3 * CHECK_INTERVAL_MS);
    assert.equal(setup.updater.checks, 1);
    assert.equal(setup.controller.menu().label, 'Restart to Update\u2026');
    setup.controller.stop();
  });

  it('opens one Restart to Update box at a time, however often the menu item is clicked', async () => {
    const setup = setUp();
    let close: (answer: number) => void = () => undefined;
    setup.controller.checkNow();
    setup.hold = (message) =>
      message.buttons?.includes(RESTART_BUTTON) ? new Promise((resolve) => (close = resolve)) : Promise.resolve(0);
    await playDownload(setup.updater);
    setup.controller.checkNow();
    setup.controller.checkNow();
    await settle();
    assert.equal(setup.messages.filter((m) => m.buttons?.includes(RESTART_BUTTON)).length, 1);
    close(1);
    await settle();
    setup.controller.checkNow();
    await settle();
    assert.equal(setup.messages.filter((m) => m.buttons?.includes(RESTART_BUTTON)).length, 2, 'offered again once the first was answered');
  });
});
