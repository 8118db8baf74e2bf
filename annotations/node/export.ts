// Writing exports to disk: atomic and durable report files, and PDF printed from the HTML report by a Chromium engine.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errorMessage, GlossError } from '../errors';

/** Paper sizes a PDF can be printed on. */
export type PaperSize = 'A4' | 'Letter';

const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'a folder of that name is in the way',
  ENAMETOOLONG: 'the file name is too long',
  EMFILE: 'too many files are open',
  EIO: 'the disk reported an input/output error',
};

/** A user-facing cause for a file-system error ("the disk is full"), falling back to its message. */
export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && CAUSES[code]) return `${CAUSES[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Writes a report so that it is either entirely there or not changed at all: the content goes
 * to a temporary file in the same folder, is flushed to disk, then renamed over the target and
 * the folder entry flushed. On failure the temporary file is removed, an existing file is left
 * as it was, and a GlossError names the cause.
 */
export async function writeReport(path: string, content: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let created = false;
  try {
    const file = await open(temp, 'wx', 0o644);
    created = true;
    try {
      await file.writeFile(content);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
    created = false;
    // The rename is durable only once the folder entry is flushed (not possible on Windows).
    if (process.platform !== 'win32') {
      const folder = await open(dir, 'r');
      try {
        await folder.sync();
      } finally {
        await folder.close();
      }
    }
  } catch (error) {
    if (created) await rm(temp, { force: true }).catch(() => undefined);
    throw new GlossError('storage', `Could not write ${path}: ${describeWriteError(error)}. Nothing was written.`);
  }
}

/** Where a PDF engine was found, or why none was. */
export type PdfEngine = { path: string } | { path: null; message: string };

/** Chromium builds commonly installed by Linux distributions, tried in order. */
const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];

/**
 * Finds a Chromium to print PDFs with: GLOSS_CHROMIUM, then CHROMIUM_PATH, then a system
 * Chromium. A variable that names a missing file is an error rather than silently skipped.
 */
export function findPdfEngine(
  env: Readonly<Record<string, string | undefined>> = process.env,
  exists: (path: string) => boolean = existsSync,
): PdfEngine {
  for (const name of ['GLOSS_CHROMIUM', 'CHROMIUM_PATH']) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    if (exists(value)) return { path: value };
    return { path: null, message: `${name} is set to ${value}, but there is no file there.` };
  }
  const found = SYSTEM_CHROMIUM.find((candidate) => exists(candidate));
  if (found) return { path: found };
  return {
    path: null,
    message:
      'PDF needs a Chromium browser engine and none was found. Install Chromium or set GLOSS_CHROMIUM to its executable ' +
      '(or export HTML and print it from a browser).',
  };
}

/** The paper size usual for a locale: Letter in North America and a few others, A4 elsewhere. */
export function paperSizeForLocale(locale: string): PaperSize {
  const region = /[-_]([A-Za-z]{2})\b/.exec(locale)?.[1]?.toUpperCase();
  return region && ['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'GT', 'PR'].includes(region) ? 'Letter' : 'A4';
}

/** How a PDF is printed. */
export interface PdfOptions {
  browserPath: string;
  paperSize: PaperSize;
  /** Milliseconds to wait for the engine to start and print. */
  timeout?: number;
}

/**
 * Prints an HTML report to PDF with a headless Chromium: JavaScript off, every network request
 * refused, backgrounds printed. Playwright is loaded only here, so nothing else pays for it.
 */
export async function renderPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
  const { chromium } = await import('playwright');
  const timeout = options.timeout ?? 60_000;
  let browser;
  try {
    browser = await chromium.launch({ executablePath: options.browserPath, timeout });
  } catch (error) {
    throw new GlossError(
      'internal',
      `The browser engine at ${options.browserPath} could not be started: ${errorMessage(error).split('\n')[0]}`,
    );
  }
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    await page.setContent(html, { waitUntil: 'load', timeout });
    const pdf = await page.pdf({ format: options.paperSize, printBackground: true, preferCSSPageSize: false });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await browser.close();
  }
}
