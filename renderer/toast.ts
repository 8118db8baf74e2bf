// A short-lived notice with one action (Undo after a delete): seen, not only announced, and out of the way.

/** How long a notice stays, in ms; a pointer over it or focus in it holds it (so it can be reached by Tab). */
export const TOAST_MS = 8000;

/** One notice at a time in the toast region; a newer one replaces an older one. */
export class Toast {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private action: (() => void) | null = null;
  private held = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly text: HTMLElement,
    private readonly button: HTMLButtonElement,
  ) {
    button.addEventListener('click', () => {
      const action = this.action;
      this.hide();
      action?.();
    });
    const hold = (): void => {
      this.held = true;
      clearTimeout(this.timer);
    };
    const release = (): void => {
      this.held = false;
      if (!root.hidden) this.arm();
    };
    root.addEventListener('pointerenter', hold);
    root.addEventListener('pointerleave', release);
    root.addEventListener('focusin', hold);
    root.addEventListener('focusout', release);
  }

  /** Shows `message` with a button labelled `label` that runs `action` once. */
  show(message: string, label: string, action: () => void): void {
    this.text.textContent = message;
    this.button.textContent = label;
    this.action = action;
    this.root.hidden = false;
    if (!this.held) this.arm();
  }

  hide(): void {
    clearTimeout(this.timer);
    this.root.hidden = true;
    this.action = null;
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.hide(), TOAST_MS);
  }
}
