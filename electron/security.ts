// The desktop shell's security decisions as pure functions: which URLs are ours, which files the
// app:// scheme may serve, who may call the host over IPC, what a window's web preferences are.
// Only types come from 'electron', so plain Node (the unit tests) can import this module.
import { isAbsolute, resolve, sep } from 'node:path';
import type { WebPreferences } from 'electron';

/** The custom scheme the renderer is served from. */
export const APP_SCHEME = 'app';
/** The one host of the app scheme; anything else on the scheme is not ours. */
export const APP_HOST = 'gloss';
/** Where the window starts. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Whether `url` is on app://gloss: scheme and host must match exactly, with no port and no
 * credentials, so look-alikes such as app://gloss.evil.com or app://user@gloss are refused.
 * Unparseable input is refused too.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Chromium lower-cases the host of a standard scheme; Node's URL leaves a non-special
  // scheme's host as written, so compare case-insensitively to agree with both.
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** The outcome of mapping an app:// URL to a file: a path inside the root, or a refusal with its HTTP status. */
export type AppPathResult = { ok: true; path: string } | { ok: false; status: 403 | 404; reason: string };

function refuse(status: 403 | 404, reason: string): AppPathResult {
  return { ok: false, status, reason };
}

/**
 * Maps an app://gloss URL to a file under `root`, or refuses it. Refused with 403: other schemes
 * or hosts, dot segments (plain or percent-encoded), encoded slashes, backslashes, control
 * characters (NUL included), drive letters and other colons, empty leading segments (`//etc`),
 * and anything that would still resolve outside `root`. Refused with 404: a URL that does not
 * parse or whose percent-encoding is broken. A path ending in "/" serves its index.html.
 *
 * The checks run on the URL as written, before any normalisation, so a request that only
 * becomes harmless after the URL parser folds its `..` away is refused rather than rewritten.
 */
export function resolveAppPath(root: string, url: string): AppPathResult {
  try {
    new URL(url);
  } catch {
    return refuse(404, 'The URL does not parse.');
  }
  if (!isAppUrl(url)) return refuse(403, `Only ${APP_SCHEME}://${APP_HOST}/ is served.`);
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url);
  const rawPath = match?.[1] || '/';
  if (/%2f|%5c|\\/i.test(rawPath)) return refuse(403, 'Encoded slashes and backslashes are not served.');
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return refuse(404, 'The path is not valid percent-encoding.');
  }

  if (/[\u0000-\u001f\u007f]/.test(decoded)) return refuse(403, 'Control characters are not served.');
  if (decoded.startsWith('//')) return refuse(403, 'Absolute paths are not served.');
  const segments = decoded.slice(1).split('/');
  if (segments.some((s) => s === '.' || s === '..')) return refuse(403, 'Dot segments are not served.');
  // A colon would let a Windows drive letter or an alternate data stream in.
  if (segments.some((s) => s.includes(':'))) return refuse(403, 'Colons are not served.');
  let relative = segments.join('/');
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  if (isAbsolute(relative)) return refuse(403, 'Absolute paths are not served.');
  const base = resolve(root);
  const full = resolve(base, relative);
  if (!full.startsWith(base + sep)) return refuse(403, 'The path leaves the app folder.');
  return { ok: true, path: full };
}

/**
 * The web preferences of every Gloss window: the renderer gets no Node, runs sandboxed and
 * isolated from the preload, and can only reach the host through the preload's bridge.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    // Dropping a file on the window would otherwise navigate to it.
    navigateOnDragDrop: false,
  };
}

/** Answers every permission request (camera, notifications, clipboard-read, ...) with no. */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** Answers every permission check with no. */
export function denyPermissionCheck(): boolean {
  return false;
}

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * Whether an IPC call comes from Gloss's own page: the top frame of a window showing
 * app://gloss. Subframes are refused (Gloss has none), and so is a frame that is gone;
 * Electron throws when a disposed frame is read, which counts as a refusal.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  try {
    if (!frame) return false;
    return frame.parent === null && isAppUrl(frame.url);
  } catch {
    return false;
  }
}

/** The schemes a link in a note may open, in the system's browser or mail client. */
export const EXTERNAL_LINK_PROTOCOLS: readonly string[] = ['http:', 'https:', 'mailto:'];

/** Longer than any link a note needs; refusing giants keeps the OS handler from being fed junk. */
const MAX_EXTERNAL_URL_LENGTH = 4096;

/**
 * Whether `url` may be handed to the OS (shell.openExternal): http, https and mailto only, parsed
 * with the URL parser, never compared as text. Refused too: web URLs with no host or with
 * credentials (`https://bank.example@evil.example` reads as one site and goes to another), and
 * anything with spaces, control characters, or unreasonably long. Everything else (file:, javascript:,
 * custom schemes that launch other apps, app://gloss itself) stays refused.
 */
export function isExternalLinkAllowed(url: string): boolean {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL_LENGTH) return false;
  // The URL parser would strip or drop these silently; Chromium hands over URLs already
  // serialised, so a URL that still has them did not come from a link and is refused whole.

  if (/[\u0000-\u0020\u007f]/.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!EXTERNAL_LINK_PROTOCOLS.includes(parsed.protocol)) return false;
  if (parsed.protocol === 'mailto:') return parsed.pathname.length > 0;
  return parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}
