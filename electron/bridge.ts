// Builds the object the preload exposes as window.gloss: one function per contract method, each an
// invoke on that method's channel, plus the shell's menu subscription, its save dialogs and the
// save-before-quit hook. The page's first subscription tells the main process the page listens
// (ipcRenderer keeps nothing sent before a listener exists, so main holds its commands until
// then). The IPC calls are passed in, so this stays free of 'electron' and the unit tests can
// check the exact shape.
import {
  MENU_CHANNEL,
  METHOD_NAMES,
  SAVE_FILE_CHANNEL,
  SAVE_PDF_CHANNEL,
  channelOf,
  type DesktopBridge,
  type DesktopShell,
  type HtmlFile,
  type MethodName,
} from '../annotations/contract';
import { parseHtmlFile, parseMenuCommand } from './menu-command';
import { ANSWER_CHANNEL, FLUSH_REQUEST_CHANNEL, IMPORT_REQUEST_CHANNEL, PAGE_READY_CHANNEL, type PageAnswer } from './page-channels';

/** The slice of ipcRenderer the bridge uses. */
export interface BridgeTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  send(channel: string, ...args: unknown[]): void;
}

/** Builds window.gloss over `transport`; the only channels it ever touches are the contract's and the shell's. */
export function createDesktopBridge(transport: BridgeTransport): DesktopBridge {
  const methods: Partial<Record<MethodName, (input: unknown) => Promise<unknown>>> = {};
  for (const method of METHOD_NAMES) {
    const channel = channelOf(method);
    // Exactly one argument crosses; the IPC event and any extra arguments never do.
    methods[method] = (input: unknown) => transport.invoke(channel, input);
  }
  let announced = false;
  const flushers = new Set<() => Promise<void> | void>();
  let importer: ((file: HtmlFile) => Promise<string>) | null = null;
  /** Answers main's requests on `channel`: each carries a token, which the answer carries back. */
  const answer = (channel: string, work: (payload: unknown) => Promise<PageAnswer>): void =>
    transport.on(channel, (_event, token, payload) => {
      if (!Number.isSafeInteger(token)) return;
      void work(payload)
        .catch((error: unknown): PageAnswer => ({ ok: false, message: error instanceof Error ? error.message : String(error) }))
        .then((reply) => transport.send(ANSWER_CHANNEL, token, reply));
    });
  answer(FLUSH_REQUEST_CHANNEL, async () => {
    // Every flush runs even when one fails: a failed save is the page's to report, not a reason to hold the quit.
    await Promise.allSettled([...flushers].map(async (flush) => flush()));
    return { ok: true };
  });
  answer(IMPORT_REQUEST_CHANNEL, async (payload) => {
    const file = parseHtmlFile(payload);
    if (!file) return { ok: false, message: 'The file to import did not arrive whole.' };
    if (!importer) return { ok: false, message: 'This window cannot import HTML files.' };
    return { ok: true, documentId: await importer(file) };
  });
  const shell: DesktopShell = {
    onMenuCommand(listener) {
      if (typeof listener !== 'function') throw new TypeError('onMenuCommand needs a listener function.');
      const relay = (_event: unknown, ...args: unknown[]): void => {
        const command = parseMenuCommand(args[0]);
        if (command) listener(command);
      };
      transport.on(MENU_CHANNEL, relay);
      if (!announced) {
        announced = true;
        transport.send(PAGE_READY_CHANNEL);
      }
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        transport.removeListener(MENU_CHANNEL, relay);
      };
    },
    onFlushRequest(flush) {
      if (typeof flush !== 'function') throw new TypeError('onFlushRequest needs a function.');
      const entry = (): Promise<void> | void => flush();
      flushers.add(entry);
      return () => void flushers.delete(entry);
    },
    onImportRequest(importHtml) {
      if (typeof importHtml !== 'function') throw new TypeError('onImportRequest needs a function.');
      const entry = (file: HtmlFile): Promise<string> => importHtml(file);
      importer = entry;
      return () => {
        if (importer === entry) importer = null;
      };
    },
    // The main process answers envelopes on these channels, as it does for every contract method.
    saveFile: (input) => transport.invoke(SAVE_FILE_CHANNEL, input) as ReturnType<DesktopShell['saveFile']>,
    savePdf: (input) => transport.invoke(SAVE_PDF_CHANNEL, input) as ReturnType<DesktopShell['savePdf']>,
  };
  return Object.freeze({
    ...(methods as Record<MethodName, (input: unknown) => Promise<unknown>>),
    shell: Object.freeze(shell),
  }) as unknown as DesktopBridge;
}
