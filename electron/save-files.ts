// Saving exports in the desktop app: the native save dialog, an atomic durable write, and PDF printed
// by Chromium from the HTML report in a hidden window that runs no script.
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { app, BrowserWindow, dialog, type IpcMain } from 'electron';
import { SAVE_FILE_CHANNEL, SAVE_PDF_CHANNEL } from '../annotations/contract';
import { GlossError, toErrorPayload, type Envelope } from '../annotations/errors';
import { paperSizeForLocale, writeReport } from '../annotations/node/export';
import { UNTRUSTED_SENDER_ENVELOPE } from './ipc';
import { parseSaveRequest } from './save-request';
import { isTrustedSender } from './security';

async function askWhere(defaultName: string): Promise<string | null> {
  const extension = extname(defaultName).slice(1);
  const parent = BrowserWindow.getFocusedWindow();
  const options: Electron.SaveDialogOptions = {
    title: 'Export',
    defaultPath: join(app.getPath('documents'), defaultName),
    filters: extension ? [{ name: extension.toUpperCase(), extensions: [extension] }] : [],
  };
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** Prints HTML to PDF in a hidden, script-less, sandboxed window; the HTML goes through a temp file. */
async function printToPdf(html: string): Promise<Uint8Array> {
  const temp = join(tmpdir(), `gloss-report-${randomBytes(6).toString('hex')}.html`);
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  });
  try {
    await writeFile(temp, html, { encoding: 'utf8', mode: 0o600 });
    await win.loadFile(temp);
    return await win.webContents.printToPDF({
      // The paper of the user's region, not of the UI language (French in Canada prints on Letter);
      // "und-CA" is a locale of undetermined language in that region.
      pageSize: paperSizeForLocale(`und-${app.getLocaleCountryCode()}`),
      printBackground: true,
      preferCSSPageSize: true,
    });
  } finally {
    win.destroy();
    await rm(temp, { force: true });
  }
}

async function answer(work: () => Promise<{ path: string | null }>): Promise<Envelope<{ path: string | null }>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: toErrorPayload(error) };
  }
}

/** Registers the save channels; each checks its sender like the contract's channels do. */
export function registerSaveIpc(ipc: Pick<IpcMain, 'handle'>): void {
  ipc.handle(SAVE_FILE_CHANNEL, (event, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) return UNTRUSTED_SENDER_ENVELOPE;
    return answer(async () => {
      const request = parseSaveRequest(input, 'dataBase64');
      if (!request) throw new GlossError('invalid-input', 'The export request is not valid.');
      const path = await askWhere(request.defaultName);
      if (path) await writeReport(path, Buffer.from(request.data, 'base64'));
      return { path };
    });
  });
  ipc.handle(SAVE_PDF_CHANNEL, (event, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) return UNTRUSTED_SENDER_ENVELOPE;
    return answer(async () => {
      const request = parseSaveRequest(input, 'html');
      if (!request) throw new GlossError('invalid-input', 'The export request is not valid.');
      const path = await askWhere(request.defaultName);
      if (path) await writeReport(path, await printToPdf(request.data));
      return { path };
    });
  });
}
