// What every command works with: the store, the host and shell, the article, and the ways to tell the reader.
import type { GlossHost, ShellCapabilities } from '../../annotations/contract';
import type { Banner } from '../banner';
import type { ProgressPanel } from '../progress-panel';
import type { Action } from '../state/actions';
import type { ReaderState } from '../state/reader-state';
import type { Store } from '../state/store';
import type { Toast } from '../toast';
import type { ArticleView } from '../views/article';

/** The ways the reader is told what happened. */
export interface Notices {
  banner: Banner;
  toast: Toast;
  progress: ProgressPanel;
  /** Said to screen readers (the live region). */
  announce(message: string): void;
}

/** The reader's parts a command may use. */
export interface Reader {
  store: Store<ReaderState, Action>;
  host: GlossHost;
  shell: ShellCapabilities;
  article: ArticleView;
  notices: Notices;
  /** Brings the open highlight's editor into view, and with `focus` moves focus into it. */
  showEditor(options: { focus: boolean }): void;
  /** Saves a note being typed now rather than after its delay (before anything that reads notes). */
  flushNote(): Promise<void>;
  /** Runs undo and redo one at a time, in the order asked. */
  steps: StepQueue;
}

/** A queue of host calls that must not overlap (undo and redo steps). */
export class StepQueue {
  private running: Promise<unknown> = Promise.resolve();

  /** Runs `call` after every call queued before it. */
  run<T>(call: () => Promise<T>): Promise<T> {
    const next = this.running.then(call);
    this.running = next.catch(() => undefined);
    return next;
  }
}
