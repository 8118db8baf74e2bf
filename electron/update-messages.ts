// What Gloss tells the user about updates: the native message boxes (Electron's MessageBoxOptions,
// so main shows them as they are) and the Help menu item's label. Plain functions of the facts; the
// update controller decides when each is shown.
import type { MessageBoxOptions } from 'electron';
import type { UpdateInfo } from 'electron-updater';
import type { InstallKind } from './install-kind';

/** A message box: what dialog.showMessageBox takes. The answer is the index of the button chosen. */
export type UpdateMessage = Pick<MessageBoxOptions, 'type' | 'title' | 'message' | 'detail' | 'buttons' | 'defaultId' | 'cancelId'>;

/** The buttons of the "ready" message, in order: the index of RESTART_BUTTON is the answer that installs. */
export const RESTART_BUTTON = 'Restart to Update';
export const LATER_BUTTON = 'Later';

const TITLE = 'Gloss Updates';
/** Release notes longer than this are cut in the message box, which does not scroll. */
const NOTES_LIMIT = 1200;

function ok(type: UpdateMessage['type'], message: string, detail?: string): UpdateMessage {
  return { type, title: TITLE, message, ...(detail ? { detail } : {}), buttons: ['OK'], defaultId: 0, cancelId: 0 };
}

/**
 * Release notes as plain text for a message box. The GitHub provider hands over the release's body
 * as HTML; with fullChangelog a list of notes per version.
 */
export function plainReleaseNotes(notes: UpdateInfo['releaseNotes']): string {
  const text = Array.isArray(notes) ? notes.map((note) => note.note ?? '').join('\n\n') : (notes ?? '');
  const plain = text
    .replace(/<\s*(br|\/p|\/li|\/h[1-6])\s*\/?>/gi, '\n')
    .replace(/<\s*li[^>]*>/gi, '• ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return plain.length > NOTES_LIMIT ? `${plain.slice(0, NOTES_LIMIT).trimEnd()}\u2026` : plain;
}

/** Help > Check for Updates found nothing newer. */
export function upToDateMessage(version: string): UpdateMessage {
  return ok('info', 'Gloss is up to date.', `Version ${version} is the newest.`);
}

/** Help > Check for Updates found a newer version, which now downloads in the background. */
export function downloadingMessage(version: string): UpdateMessage {
  return ok(
    'info',
    `Gloss ${version} is available.`,
    'It is downloading in the background; Gloss will ask you to restart when it is ready.',
  );
}

/** Help > Check for Updates while a download is under way. */
export function stillDownloadingMessage(version: string, percent: number): UpdateMessage {
  return ok('info', `Gloss ${version} is downloading (${percent}%).`, 'Gloss will ask you to restart when it is ready.');
}

/** The download is complete and verified: restart now, or later (it is installed when Gloss quits). */
export function readyMessage(version: string, notes: string): UpdateMessage {
  const later = 'If you choose Later, it is installed when you quit Gloss.';
  return {
    type: 'info',
    title: TITLE,
    message: `Gloss ${version} is ready to install.`,
    detail: notes ? `${notes}\n\n${later}` : later,
    buttons: [RESTART_BUTTON, LATER_BUTTON],
    defaultId: 0,
    cancelId: 1,
  };
}

/** A check or download that failed: nothing was installed, the running version stays. */
export function failedMessage(version: string, stage: 'check' | 'download', error: Error): UpdateMessage {
  const what = stage === 'check' ? 'Gloss could not check for updates.' : 'The update could not be downloaded.';
  return ok('warning', what, `Nothing was changed: Gloss ${version} stays installed.\n\n${error.message}`);
}

/** Why this copy does not update itself, and what to do instead; null for the kinds that do. */
export function cannotUpdateMessage(kind: InstallKind, version: string): UpdateMessage | null {
  const current = `This is Gloss ${version}.`;
  switch (kind) {
    case 'deb':
      return ok(
        'info',
        'Gloss was installed with your package manager.',
        `${current} Update it there: install the new gloss_<version>_amd64.deb from the project's releases with apt.`,
      );
    case 'portable':
      return ok(
        'info',
        'The portable Gloss does not update itself.',
        `${current} Download the new Gloss-Portable exe from the project's releases, or use the installer, which updates itself.`,
      );
    case 'archive':
      return ok(
        'info',
        'This copy of Gloss does not update itself.',
        `${current} Download the new version from the project's releases; the AppImage, the Windows installer and the macOS app update themselves.`,
      );
    case 'development':
      return ok('info', 'Updates are for installed builds.', `${current} It runs from its sources, which update with git.`);
    default:
      return null;
  }
}

/** The update item's label in the Help menu (the app menu on macOS), which shows where things stand. */
export function updateMenuLabel(
  phase: { kind: 'idle' } | { kind: 'checking' } | { kind: 'downloading'; percent: number } | { kind: 'ready' },
): string {
  switch (phase.kind) {
    case 'checking':
      return 'Checking for Updates\u2026';
    case 'downloading':
      return `Downloading Update (${phase.percent}%)\u2026`;
    case 'ready':
      return 'Restart to Update\u2026';
    default:
      return 'Check for Updates\u2026';
  }
}
