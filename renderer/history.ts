// Undo and redo of annotation changes: each change is recorded with the host calls that undo and redo it.

/** One undoable change. */
export interface Change {
  /** Said to the user when it is undone or redone ("Highlight added"). */
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Consecutive changes with the same key merge into one step (typing a note). */
  mergeKey?: string;
}

/** The undo and redo stacks. Steps run one at a time, so a fast double Ctrl+Z cannot interleave. */
export class History {
  private done: Change[] = [];
  private undone: Change[] = [];
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly limit = 200) {}

  /** Records a change that has just been made. */
  record(change: Change): void {
    const top = this.done[this.done.length - 1];
    if (change.mergeKey && top?.mergeKey === change.mergeKey) {
      this.done[this.done.length - 1] = { ...change, undo: top.undo };
    } else {
      this.done.push(change);
      if (this.done.length > this.limit) this.done.shift();
    }
    this.undone = [];
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** Undoes the last change; resolves with its label, or null when there was nothing to undo. */
  undo(): Promise<string | null> {
    return this.step(this.done, this.undone, 'undo');
  }

  /** Redoes the last undone change. */
  redo(): Promise<string | null> {
    return this.step(this.undone, this.done, 'redo');
  }

  private step(from: Change[], to: Change[], direction: 'undo' | 'redo'): Promise<string | null> {
    const run = this.running.then(async () => {
      const change = from.pop();
      if (!change) return null;
      try {
        await change[direction]();
      } catch (error) {
        from.push(change);
        throw error;
      }
      to.push({ ...change, mergeKey: undefined });
      return change.label;
    });
    this.running = run.catch(() => undefined);
    return run;
  }
}
