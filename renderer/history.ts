// Undo and redo through the host: the steps live in the data file (per document), so they outlast a
// restart; this keeps the buttons' state and runs one step at a time.
import type { GlossHost, HistoryOutcome } from '../annotations/contract';

/** A document's undo history as the toolbar sees it. */
export class History {
  private undoable = false;
  private redoable = false;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly host: GlossHost,
    private readonly documentId: string,
  ) {}

  /** Asks the host what can be undone and redone (after opening a document). */
  async load(): Promise<void> {
    const summary = await this.host.getHistory({ documentId: this.documentId });
    this.undoable = summary.canUndo;
    this.redoable = summary.canRedo;
  }

  /** Notes that the host has just recorded a step (every change through the contract does). */
  record(): void {
    this.undoable = true;
    this.redoable = false;
  }

  get canUndo(): boolean {
    return this.undoable;
  }

  get canRedo(): boolean {
    return this.redoable;
  }

  /** Undoes the last step; resolves with what the host did. Steps run one at a time. */
  undo(): Promise<HistoryOutcome> {
    return this.step('undo');
  }

  /** Redoes the last undone step. */
  redo(): Promise<HistoryOutcome> {
    return this.step('redo');
  }

  private step(direction: 'undo' | 'redo'): Promise<HistoryOutcome> {
    const run = this.running.then(async () => {
      const outcome = await this.host[direction]({ documentId: this.documentId });
      this.undoable = outcome.canUndo;
      this.redoable = outcome.canRedo;
      return outcome;
    });
    this.running = run.catch(() => undefined);
    return run;
  }
}
