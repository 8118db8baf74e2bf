// The panel that shows long work (a large import) step by step, with a Cancel for as long as cancelling means something.

/** One step of the work as the panel shows it: a label and, when it is known, how far it has come (0-1). */
export interface ProgressStep {
  label: string;
  fraction?: number;
}

/** A non-modal panel: the reader can go on reading while the work runs. */
export class ProgressPanel {
  private onCancel: (() => void) | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly title: HTMLElement,
    private readonly bar: HTMLProgressElement,
    private readonly step: HTMLElement,
    private readonly cancel: HTMLButtonElement,
  ) {
    cancel.addEventListener('click', () => {
      const action = this.onCancel;
      this.onCancel = null;
      cancel.disabled = true;
      action?.();
    });
  }

  /** Shows the panel for a piece of work; `onCancel` is called once if the reader presses Cancel. */
  start(title: string, onCancel: () => void): void {
    this.title.textContent = title;
    this.onCancel = onCancel;
    this.cancel.disabled = false;
    this.cancel.hidden = false;
    this.root.hidden = false;
  }

  /**
   * Shows work another part of Gloss runs and the page cannot stop (the desktop shell importing a folder): the
   * panel, without Cancel, titled `title` when it was not showing already, at `step`.
   */
  follow(title: string, step: ProgressStep): void {
    if (this.root.hidden) {
      this.start(title, () => undefined);
      this.uncancellable();
    }
    this.show(step);
  }

  /** Moves to a step; without a fraction the bar shows that work goes on without saying how far. */
  show(step: ProgressStep): void {
    if (this.step.textContent !== step.label) this.step.textContent = step.label;
    if (step.fraction === undefined) this.bar.removeAttribute('value');
    else this.bar.value = Math.max(0, Math.min(1, step.fraction));
  }

  /** From here on the work cannot be stopped: Cancel goes away rather than pretending. */
  uncancellable(): void {
    this.onCancel = null;
    this.cancel.hidden = true;
  }

  finish(): void {
    this.onCancel = null;
    this.root.hidden = true;
  }
}
