// The main process's side of talking to the page in the main window over the shell's channels
// (./page-channels): everything for the page waits until it says it listens, since ipcRenderer
// keeps nothing sent before a listener exists (electron/electron#35383); with no window at all
// (macOS, after its last window closed) one is opened for it; and main's requests (save before
// quit, import an HTML file) are answered by the page, each under its own token. Pure: the window's
// web contents and the way to open a window are passed in, so the unit tests drive it without Electron.
import { MENU_CHANNEL, type MenuCommand } from '../annotations/contract';
import type { HtmlFile } from './bridge';
import { FLUSH_REQUEST_CHANNEL, IMPORT_REQUEST_CHANNEL, type PageAnswer } from './page-channels';

/** The slice of WebContents the link uses. */
export interface PageContents {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** How a flush request ended. */
export type FlushOutcome = 'flushed' | 'timed-out' | 'no-page';

/** What main.ts holds. */
export interface PageLink {
  /**
   * Sends `command` to the page; resolves once it is sent to a page that listens. Until a page
   * says it listens the command waits, and `ensureWindow` is asked for a window to show it in.
   */
  deliver(command: MenuCommand): Promise<void>;
  /**
   * Has the page import an HTML file (waiting for a listening page as deliver does); resolves to
   * the new document's id, or rejects with the page's reason.
   */
  importHtml(file: HtmlFile): Promise<string>;
  /** Asks the listening page to save what it holds; resolves when it answers, or after `timeoutMs`. */
  flush(timeoutMs: number): Promise<FlushOutcome>;
  /** `contents`' page listens (its PAGE_READY_CHANNEL message): what waited is sent to it, in order. */
  pageReady(contents: PageContents): void;
  /** `contents`' page no longer listens (reloading, crashed, closed); its open requests end. */
  pageGone(contents: PageContents): void;
  /** `contents` answered the request `token` (its ANSWER_CHANNEL message). */
  answered(contents: PageContents, token: unknown, answer: unknown): void;
}

/** A page's answer as main reads it: anything not of PageAnswer's shape is a failure. */
function readAnswer(answer: unknown): PageAnswer {
  const { ok, documentId, message } = (typeof answer === 'object' && answer !== null ? answer : {}) as Record<string, unknown>;
  if (ok === true) return typeof documentId === 'string' ? { ok, documentId } : { ok };
  return { ok: false, message: typeof message === 'string' && message !== '' ? message : 'The window answered something unexpected.' };
}

/** Builds the link; `ensureWindow` opens the main window when there is none (and does nothing otherwise). */
export function createPageLink(ensureWindow: () => void): PageLink {
  let listening: PageContents | null = null;
  const waiting: ((page: PageContents) => void)[] = [];
  const requests = new Map<number, { contents: PageContents; settle: (answer: PageAnswer | 'gone') => void }>();
  let nextToken = 1;

  function live(): PageContents | null {
    if (listening?.isDestroyed()) listening = null;
    return listening;
  }

  /** The listening page, at once or once there is one; these resolve in the order they were asked. */
  function listeningPage(): Promise<PageContents> {
    const page = live();
    if (page) return Promise.resolve(page);
    return new Promise((resolve) => {
      waiting.push(resolve);
      ensureWindow();
    });
  }

  /** Sends a request to `page`; resolves to its answer, or 'gone' when the page goes away first. */
  function request(page: PageContents, channel: string, payload?: unknown): { token: number; answer: Promise<PageAnswer | 'gone'> } {
    const token = nextToken++;
    const answer = new Promise<PageAnswer | 'gone'>((settle) => requests.set(token, { contents: page, settle }));
    page.send(channel, token, payload);
    return { token, answer };
  }

  return {
    async deliver(command) {
      (await listeningPage()).send(MENU_CHANNEL, command);
    },
    async importHtml(file) {
      const answer = await request(await listeningPage(), IMPORT_REQUEST_CHANNEL, file).answer;
      if (answer === 'gone') throw new Error('The window closed before the file was imported.');
      if (!answer.ok) throw new Error(answer.message);
      if (!answer.documentId) throw new Error('The window imported the file but did not say which document it became.');
      return answer.documentId;
    },
    async flush(timeoutMs) {
      const page = live();
      if (!page) return 'no-page';
      const { token, answer } = request(page, FLUSH_REQUEST_CHANNEL);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<'timed-out'>((resolve) => (timer = setTimeout(() => resolve('timed-out'), timeoutMs)));
      const outcome = await Promise.race([answer, late]);
      clearTimeout(timer);
      requests.delete(token);
      return outcome === 'timed-out' ? outcome : outcome === 'gone' ? 'no-page' : 'flushed';
    },
    pageReady(contents) {
      listening = contents;
      for (const resolve of waiting.splice(0)) resolve(contents);
    },
    pageGone(contents) {
      if (listening === contents) listening = null;
      // A page that went away will not answer.
      for (const [token, pending] of requests) {
        if (pending.contents !== contents) continue;
        requests.delete(token);
        pending.settle('gone');
      }
    },
    answered(contents, token, answer) {
      const pending = typeof token === 'number' ? requests.get(token) : undefined;
      if (!pending || pending.contents !== contents) return;
      requests.delete(token as number);
      pending.settle(readAnswer(answer));
    },
  };
}
