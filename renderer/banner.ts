// The message bar at the bottom of the window: errors (with Retry when the action can be repeated) and notices.

/** Shows one message at a time; a newer message replaces an older one. */
export class Banner {
  private retryAction: (() => void) | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly text: HTMLElement,
    private readonly retry: HTMLButtonElement,
    dismiss: HTMLButtonElement,
  ) {
    retry.addEventListener('click', () => {
      const action = this.retryAction;
      this.hide();
      action?.();
    });
    dismiss.addEventListener('click', () => this.hide());
  }

  /** An error; with `retry`, a Retry button runs it again. */
  error(message: string, retry?: () => void): void {
    this.show(message, false, retry);
  }

  /** Something the user should know that is not a failure of what they just did. */
  info(message: string): void {
    this.show(message, true);
  }

  hide(): void {
    this.root.hidden = true;
    this.retryAction = null;
  }

  private show(message: string, info: boolean, retry?: () => void): void {
    this.text.textContent = message;
    this.root.classList.toggle('is-info', info);
    this.retryAction = retry ?? null;
    this.retry.hidden = !retry;
    this.root.hidden = false;
  }
}
