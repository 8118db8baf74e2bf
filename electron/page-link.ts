// The main process's side of talking to the page in the main window over the shell's channels
// (./page-channels): commands for the page wait until it says it listens, since ipcRenderer keeps
// nothing sent before a listener exists (electron/electron#35383); with no window at all (macOS,
// after its last window closed) one is opened for them; and at quit the page is asked to save what
// it holds, and answers when done. Pure: the window's web contents and the way to open a window are
// passed in, so the unit tests drive it without Electron.
import { MENU_CHANNEL, type MenuCommand } from '../annotations/contract';
import { FLUSH_REQUEST_CHANNEL } from './page-channels';

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
  /** `contents`' page listens (its PAGE_READY_CHANNEL message): what waited is sent to it, in order. */
  pageReady(contents: PageContents): void;
  /** `contents`' page no longer listens (reloading, crashed, closed). */
  pageGone(contents: PageContents): void;
  /** Asks the listening page to save what it holds; resolves when it answers, or after `timeoutMs`. */
  flush(timeoutMs: number): Promise<FlushOutcome>;
  /** `contents` answered the flush request `token` (its FLUSHED_CHANNEL message). */
  flushed(contents: PageContents, token: unknown): void;
}

/** Builds the link; `ensureWindow` opens the main window when there is none (and does nothing otherwise). */
export function createPageLink(ensureWindow: () => void): PageLink {
  let listening: PageContents | null = null;
  const waiting: { command: MenuCommand; sent: () => void }[] = [];
  const flushes = new Map<number, { contents: PageContents; done: (outcome: FlushOutcome) => void }>();
  let nextToken = 1;

  function live(): PageContents | null {
    if (listening?.isDestroyed()) listening = null;
    return listening;
  }

  return {
    deliver(command) {
      const page = live();
      if (page) {
        page.send(MENU_CHANNEL, command);
        return Promise.resolve();
      }
      return new Promise<void>((sent) => {
        waiting.push({ command, sent });
        ensureWindow();
      });
    },
    pageReady(contents) {
      listening = contents;
      for (const { command, sent } of waiting.splice(0)) {
        contents.send(MENU_CHANNEL, command);
        sent();
      }
    },
    pageGone(contents) {
      if (listening === contents) listening = null;
      // A page that went away will not answer; the quit does not wait for it.
      for (const [token, flush] of flushes) {
        if (flush.contents !== contents) continue;
        flushes.delete(token);
        flush.done('no-page');
      }
    },
    flush(timeoutMs) {
      const page = live();
      if (!page) return Promise.resolve('no-page');
      const token = nextToken++;
      return new Promise<FlushOutcome>((resolve) => {
        const timer = setTimeout(() => {
          flushes.delete(token);
          resolve('timed-out');
        }, timeoutMs);
        flushes.set(token, {
          contents: page,
          done: (outcome) => {
            clearTimeout(timer);
            resolve(outcome);
          },
        });
        page.send(FLUSH_REQUEST_CHANNEL, token);
      });
    },
    flushed(contents, token) {
      const flush = typeof token === 'number' ? flushes.get(token) : undefined;
      if (!flush || flush.contents !== contents) return;
      flushes.delete(token as number);
      flush.done('flushed');
    },
  };
}
