// How this copy of Gloss was installed, which decides whether it can update itself: an AppImage,
// the Windows NSIS installer and a macOS app can (electron-updater replaces them); a deb belongs to
// the system's package manager; a portable exe, an unpacked tar.gz or zip, and a development run do
// not. Read from the environment and the files beside the executable; no 'electron' at runtime.
import { basename, dirname, join } from 'node:path';

/** The ways Gloss can be installed, as far as updating goes. */
export type InstallKind = 'appimage' | 'nsis' | 'mac' | 'deb' | 'portable' | 'archive' | 'development';

/** What the detection reads; main.ts passes the real process and file system, tests their own. */
export interface InstallFacts {
  platform: NodeJS.Platform;
  /** app.isPackaged. */
  isPackaged: boolean;
  /** process.execPath: the Gloss executable. */
  execPath: string;
  env: NodeJS.ProcessEnv;
  /** The file's text, or null when it cannot be read. */
  readText(path: string): string | null;
  exists(path: string): boolean;
}

/** The kinds electron-updater installs itself: the others are told how to update instead. */
export const SELF_UPDATING: ReadonlySet<InstallKind> = new Set(['appimage', 'nsis', 'mac']);

/** The deb's package name (electron-builder's linuxPackageName: package.json's name). */
const DEB_PACKAGE = 'gloss';

/** The uninstaller electron-builder's NSIS installer puts beside the executable (`Uninstall ${productName}.exe`). */
const NSIS_UNINSTALLER = 'Uninstall Gloss.exe';

/**
 * How this copy was installed. The AppImage runtime sets APPIMAGE to the image's path; the portable
 * exe sets PORTABLE_EXECUTABLE_FILE; a deb's files are listed in dpkg's database. electron-builder's
 * own marker for a deb (resources/package-type) is not used: it is written into the unpacked folder
 * the tar.gz is made from too, so a tar.gz would claim to be a deb.
 */
export function detectInstall(facts: InstallFacts): InstallKind {
  if (!facts.isPackaged) return 'development';
  switch (facts.platform) {
    case 'linux': {
      if (facts.env.APPIMAGE) return 'appimage';
      const owned = facts.readText(`/var/lib/dpkg/info/${DEB_PACKAGE}.list`);
      if (owned !== null && owned.split('\n').includes(facts.execPath)) return 'deb';
      return 'archive';
    }
    case 'win32':
      if (facts.env.PORTABLE_EXECUTABLE_FILE) return 'portable';
      return facts.exists(join(dirname(facts.execPath), NSIS_UNINSTALLER)) ? 'nsis' : 'archive';
    case 'darwin':
      // Inside an app bundle (Gloss.app/Contents/MacOS/Gloss), as every packaged build is.
      return basename(dirname(dirname(dirname(facts.execPath)))).endsWith('.app') ? 'mac' : 'archive';
    default:
      return 'archive';
  }
}
