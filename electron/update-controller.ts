// When Gloss checks for updates, what it tells the user, and what it does on each of
// electron-updater's events. The updater, the clock, the settings file and the shell (message
// boxes, taskbar progress, menu) are handed in, so this runs in Node without Electron and the unit
// tests play electron-updater's events at it. electron-updater downloads to a cache folder and
// verifies the file's SHA-512 before it says 'update-downloaded'; only then is anything installed,
// so a failed or interrupted download leaves the running version as it was.
import type { UpdateCheckResult } from 'electron-updater';
import type { AppUpdaterEvents } from 'electron-updater/out/AppUpdater';
import { SELF_UPDATING, type InstallKind } from './install-kind';
import {
  cannotUpdateMessage,
  downloadingMessage,
  failedMessage,
  plainReleaseNotes,
  readyMessage,
  RESTART_BUTTON,
  stillDownloadingMessage,
  updateMenuLabel,
  upToDateMessage,
  type UpdateMessage,
} from './update-messages';
import type { UpdateSettings, UpdateSettingsStore } from './update-settings';

/** The part of electron-updater's AppUpdater the controller uses; AppUpdater itself fits it. */
export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on<E extends keyof AppUpdaterEvents>(event: E, listener: AppUpdaterEvents[E]): unknown;
  checkForUpdates(): Promise<UpdateCheckResult | null>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

/** Time, so tests can move it. */
export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the controller asks of the shell. */
export interface UpdateShell {
  /** Shows a message box; resolves to the index of the button chosen. */
  showMessage(message: UpdateMessage): Promise<number>;
  /** The window's taskbar progress, 0 to 1, or null to remove it. */
  setProgress(fraction: number | null): void;
  /** The menu's update items changed (label, enabled, the automatic checkbox). */
  menuChanged(): void;
  log(message: string, error?: unknown): void;
}

export interface UpdateControllerOptions {
  install: InstallKind;
  /** The running Gloss's version. */
  version: string;
  /** electron-updater's updater for this install; null where Gloss does not update itself. */
  updater: UpdaterPort | null;
  clock: Clock;
  settings: UpdateSettingsStore;
  shell: UpdateShell;
}

/** What the menu shows for updates. */
export interface UpdateMenuState {
  label: string;
  enabled: boolean;
  /** The "Check for Updates Automatically" checkbox; null where Gloss does not update itself. */
  automaticChecks: boolean | null;
}

/** The update logic main.ts holds. */
export interface UpdateController {
  /** Schedules the automatic check (if on): soon after start when the last was a day ago or more, else when that day is up. */
  start(): void;
  /** Help > Check for Updates: checks now and reports the outcome, whatever it is. */
  checkNow(): void;
  /** Turns automatic checks on or off, and remembers it. */
  setAutomaticChecks(on: boolean): void;
  menu(): UpdateMenuState;
  /** Stops the scheduled check. */
  stop(): void;
}

/** At most one automatic check in this long. */
export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** The automatic check waits this long after start, so it does not compete with opening the window. */
export const START_DELAY_MS = 5000;

type Phase =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'downloading'; version: string; percent: number }
  | { kind: 'ready'; version: string; notes: string };

/** Builds the controller and subscribes it to the updater's events. */
export function createUpdateController(options: UpdateControllerOptions): UpdateController {
  const { clock, shell, version } = options;
  const updater = SELF_UPDATING.has(options.install) ? options.updater : null;
  let settings: UpdateSettings = options.settings.load();
  let phase: Phase = { kind: 'idle' };
  /** Whether the user asked for the check under way, so its outcome is reported (an automatic one stays quiet unless there is an update ready). */
  let userAsked = false;
  let timer: unknown = null;
  let lastLabel = '';

  const save = (next: Partial<UpdateSettings>): void => {
    settings = { ...settings, ...next };
    options.settings.save(settings);
  };
  const setPhase = (next: Phase): void => {
    phase = next;
    const label = menu().label;
    if (label !== lastLabel) {
      lastLabel = label;
      shell.menuChanged();
    }
  };
  const tell = (message: UpdateMessage): void => {
    shell.showMessage(message).catch((error: unknown) => shell.log('the update message could not be shown', error));
  };

  function menu(): UpdateMenuState {
    return {
      label: updateMenuLabel(phase),
      enabled: phase.kind !== 'checking',
      automaticChecks: updater ? settings.automaticChecks : null,
    };
  }

  function schedule(): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    if (!updater || !settings.automaticChecks) return;
    const now = clock.now();
    // A last check "in the future" means the clock was put back: count it as made now.
    const last = settings.lastCheckedAt === null ? null : Math.min(settings.lastCheckedAt, now);
    const due = last === null ? now : last + CHECK_INTERVAL_MS;
    timer = clock.setTimeout(
      () => {
        timer = null;
        if (settings.automaticChecks) check(false);
      },
      Math.max(START_DELAY_MS, due - now),
    );
  }

  function check(byUser: boolean): void {
    if (!updater) return;
    // A download under way or an update waiting for its restart is not checked over.
    if (phase.kind === 'downloading' || phase.kind === 'ready') return;
    userAsked = userAsked || byUser;
    if (phase.kind === 'checking') return;
    setPhase({ kind: 'checking' });
    updater
      .checkForUpdates()
      .then((result) => {
        // Failures do not reach here: electron-updater emits 'error' for them (handled below).
        void result?.downloadPromise?.catch(() => undefined);
        // null: electron-updater found itself inactive (it logs why) and emits nothing more.
        if (result === null && phase.kind === 'checking') {
          setPhase({ kind: 'idle' });
          if (userAsked) tell(failedMessage(version, 'check', new Error('The updater is not active in this copy of Gloss.')));
          userAsked = false;
        }
      })
      .catch(() => undefined);
  }

  /** A check got its answer: the next automatic one is a day from now. */
  function checked(): void {
    save({ lastCheckedAt: clock.now() });
    schedule();
  }

  /** Whether the Restart to Update box is open (the menu item would open a second one). */
  let offering = false;
  async function offerRestart(): Promise<void> {
    if (phase.kind !== 'ready' || offering) return;
    const message = readyMessage(phase.version, phase.notes);
    offering = true;
    const answer = await shell.showMessage(message).finally(() => (offering = false));
    if (message.buttons?.[answer] === RESTART_BUTTON) updater?.quitAndInstall(true, true);
  }

  if (updater) {
    // Downloaded when found; a verified download the user put off is installed when Gloss quits.
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    updater.on('checking-for-update', () => {
      if (phase.kind === 'idle') setPhase({ kind: 'checking' });
    });
    updater.on('update-not-available', () => {
      setPhase({ kind: 'idle' });
      checked();
      if (userAsked) tell(upToDateMessage(version));
      userAsked = false;
    });
    updater.on('update-available', (info) => {
      setPhase({ kind: 'downloading', version: info.version, percent: 0 });
      shell.setProgress(0);
      checked();
      if (userAsked) tell(downloadingMessage(info.version));
    });
    updater.on('download-progress', (progress) => {
      if (phase.kind !== 'downloading') return;
      const percent = Math.max(0, Math.min(100, Math.floor(progress.percent)));
      shell.setProgress(percent / 100);
      setPhase({ ...phase, percent });
    });
    updater.on('update-downloaded', (event) => {
      shell.setProgress(null);
      userAsked = false;
      setPhase({ kind: 'ready', version: event.version, notes: plainReleaseNotes(event.releaseNotes) });
      offerRestart().catch((error: unknown) => shell.log('the restart could not be offered', error));
    });
    updater.on('error', (error) => {
      shell.log('updating failed', error);
      // An install that failed after a complete download leaves that download to try again at quit.
      if (phase.kind === 'ready') return;
      const stage = phase.kind === 'downloading' ? 'download' : 'check';
      if (stage === 'download') shell.setProgress(null);
      setPhase({ kind: 'idle' });
      if (userAsked) tell(failedMessage(version, stage, error));
      userAsked = false;
    });
  }

  return {
    start: schedule,
    checkNow() {
      if (!updater) {
        const message = cannotUpdateMessage(options.install, version);
        if (message) tell(message);
        return;
      }
      if (phase.kind === 'downloading') return tell(stillDownloadingMessage(phase.version, phase.percent));
      if (phase.kind === 'ready')
        return void offerRestart().catch((error: unknown) => shell.log('the restart could not be offered', error));
      check(true);
    },
    setAutomaticChecks(on) {
      save({ automaticChecks: on });
      schedule();
      shell.menuChanged();
    },
    menu,
    stop() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
