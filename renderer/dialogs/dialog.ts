// The one dialog module: every dialog Gloss shows is built by `build` (a <dialog> named by its heading,
// an optional description, a body and a row of actions), shown by `open` (focus placed, opened at its
// top, Escape closes, focus given back), and every yes/no question is asked by `confirm`.
import { append, button, h, type Child } from '../ui/dom';

/** What a dialog is made of. */
export interface DialogSpec {
  /** The dialog's id; its heading is `${id}-title`, its description `${id}-description`. */
  id: string;
  /** Its class (the styles that size it); every dialog also has the class "dialog". */
  className?: string;
  /** The heading, which is also the dialog's accessible name. */
  title: string;
  /** A paragraph under the heading that describes the dialog to screen readers (aria-describedby). */
  description?: string;
  /** What sits between the description and the actions. */
  body?: Child[];
  /** The buttons of the foot row (class "dialog-actions"); none, no row. */
  actions?: Child[];
  /** Wrap the content in a <form> (for dialogs whose fields are read as FormData), with this id. */
  formId?: string;
  /** "alertdialog" for a question that interrupts (confirm); "dialog" otherwise. */
  role?: 'dialog' | 'alertdialog';
}

/** A built dialog and the parts its owner fills in or wires. */
export interface BuiltDialog {
  dialog: HTMLDialogElement;
  title: HTMLHeadingElement;
  description: HTMLParagraphElement | null;
  /** The form holding the content, when `formId` was given. */
  form: HTMLFormElement | null;
}

/** Builds a dialog (not yet in the page). */
export function build(spec: DialogSpec): BuiltDialog {
  const title = h('h2', { props: { id: `${spec.id}-title` } }, spec.title);
  const description = spec.description === undefined ? null : h('p', { props: { id: `${spec.id}-description` } }, spec.description);
  const dialog = h('dialog', {
    props: { id: spec.id, className: ['dialog', spec.className].filter(Boolean).join(' ') },
    attrs: {
      'aria-labelledby': title.id,
      'aria-describedby': description?.id,
      role: spec.role === 'alertdialog' ? 'alertdialog' : undefined,
    },
  });
  const content: Child[] = [
    title,
    description,
    ...(spec.body ?? []),
    spec.actions && spec.actions.length > 0 ? h('div', 'dialog-actions', ...spec.actions) : null,
  ];
  const form = spec.formId === undefined ? null : h('form', { props: { id: spec.formId, method: 'dialog' } });
  if (form) {
    append(form, content);
    dialog.append(form);
  } else {
    append(dialog, content);
  }
  return { dialog, title, description, form };
}

/**
 * The dialog with this id, made by `make` and added to the page the first time it is asked for; for
 * dialogs that keep what the reader chose (or are refreshed while open) from one opening to the next.
 */
export function kept(id: string, make: () => HTMLDialogElement): HTMLDialogElement {
  const existing = document.getElementById(id);
  if (existing instanceof HTMLDialogElement) return existing;
  const dialog = make();
  document.body.append(dialog);
  return dialog;
}

/** A button that closes the dialog it sits in (Close, Cancel). */
export function closer(text = 'Close', id?: string): HTMLButtonElement {
  return button(text, (event) => (event.currentTarget as HTMLElement).closest('dialog')?.close(), { props: id ? { id } : {} });
}

/** How a dialog opens. */
export interface OpenOptions {
  /** What gets focus; by default the first field, or else the heading. */
  focus?: HTMLElement | null;
  /** False: a panel beside the page (show()), which neither traps focus nor closes on Escape. */
  modal?: boolean;
  /** Take the dialog out of the page when it closes (a dialog built for one opening). */
  removeOnClose?: boolean;
  /**
   * What gets focus back on closing; by default what had it when the dialog opened. A dialog that
   * asks the host first passes what had focus when the reader asked, before the wait.
   */
  returnTo?: HTMLElement | null;
}

const FIELDS = 'input:not([type="hidden"]):not([hidden]):not(:disabled), select:not(:disabled), textarea:not(:disabled)';

/** The first field of a dialog; for a radio group, its checked radio (the one Tab reaches). */
function firstField(dialog: HTMLDialogElement): HTMLElement | null {
  const field = dialog.querySelector<HTMLElement>(FIELDS);
  if (field instanceof HTMLInputElement && field.type === 'radio' && field.name) {
    const checked = [...dialog.querySelectorAll<HTMLInputElement>('input[type="radio"]:checked')].find((r) => r.name === field.name);
    return checked ?? field;
  }
  return field;
}

/**
 * Shows a dialog (if it is not open already): focus on `options.focus`, the first field or the
 * heading; scrolled to its top. Escape closes a modal dialog here rather than reaching the window
 * (where it would also close the open highlight). On closing, focus goes back to what had it.
 */
export function open(dialog: HTMLDialogElement, options: OpenOptions = {}): void {
  if (dialog.open) return;
  const returnTo = options.returnTo !== undefined ? options.returnTo : focusedElement();
  const modal = options.modal ?? true;
  const onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    dialog.close();
  };
  if (modal) dialog.addEventListener('keydown', onKey);
  // Where focus was as the dialog opened: closing puts it back there at once, and the close event comes
  // a task later, by which time a quick reader may have moved on (Space on a menu button just after
  // Escape). Focus is given back only if it is still there, in the dialog, or nowhere.
  const before = focusedElement();
  dialog.addEventListener(
    'close',
    () => {
      dialog.removeEventListener('keydown', onKey);
      const now = focusedElement();
      const unmoved = now === null || now === document.body || now === before || dialog.contains(now);
      if (options.removeOnClose) dialog.remove();
      if (returnTo?.isConnected && modal && unmoved) returnTo.focus();
    },
    { once: true },
  );
  if (modal) dialog.showModal();
  else dialog.show();
  if (!modal && options.focus === undefined) return;
  const heading = dialog.querySelector<HTMLElement>('h2');
  const target = options.focus ?? firstField(dialog) ?? heading;
  // A heading takes focus only from script (tabindex -1), so Tab still starts at the first control.
  if (target === heading && heading) heading.tabIndex = -1;
  target?.focus({ preventScroll: true });
  dialog.scrollTop = 0;
}

/** The element that has focus now, if any. */
export function focusedElement(): HTMLElement | null {
  return document.activeElement instanceof HTMLElement ? document.activeElement : null;
}

/** A question with a yes and a no. */
export interface ConfirmOptions {
  /** The heading (the dialog's name), e.g. "Remove document". */
  title: string;
  /** The question in full. */
  message: string;
  /** The button that says yes, e.g. "Remove document". */
  confirmLabel: string;
  /** The button that says no; "Cancel" unless given. */
  cancelLabel?: string;
  /** Yes destroys something: its button is styled as dangerous and focus starts on the no. */
  danger?: boolean;
  /** Where in the page the question sits (the row it is about, so it reads as part of it); the body unless given. */
  within?: HTMLElement;
}

/** Asks a yes/no question in a modal dialog; true when the reader said yes (Escape and the no are false). */
export function confirm(options: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    let answer = false;
    const no = button(options.cancelLabel ?? 'Cancel', () => dialog.close());
    const yes = button(
      options.confirmLabel,
      () => {
        answer = true;
        dialog.close();
      },
      { props: { className: options.danger ? 'danger' : '' } },
    );
    const { dialog } = build({
      id: 'confirm-dialog',
      className: 'confirm-dialog',
      role: 'alertdialog',
      title: options.title,
      description: options.message,
      actions: [no, yes],
    });
    dialog.addEventListener('close', () => resolve(answer), { once: true });
    (options.within ?? document.body).append(dialog);
    open(dialog, { focus: options.danger ? no : yes, removeOnClose: true });
  });
}
