// The parts every dialog Gloss builds in script shares: a labelled <dialog> with its heading, buttons, and a Close row.

/** A button that runs `onClick`; an id and class when given. */
export function button(text: string, onClick: () => void, options: { id?: string; className?: string } = {}): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = text;
  if (options.id) element.id = options.id;
  if (options.className) element.className = options.className;
  element.addEventListener('click', onClick);
  return element;
}

/** A dialog named by its heading (for screen readers and axe), and that heading. */
export function labelledDialog(id: string, className: string, heading: string): { dialog: HTMLDialogElement; title: HTMLHeadingElement } {
  const dialog = document.createElement('dialog');
  dialog.id = id;
  dialog.className = className;
  dialog.setAttribute('aria-labelledby', `${id}-title`);
  const title = document.createElement('h2');
  title.id = `${id}-title`;
  title.textContent = heading;
  return { dialog, title };
}

/** The row of buttons at the foot of a dialog, holding one that closes it. */
export function closeRow(dialog: HTMLDialogElement, text = 'Close', id?: string): HTMLDivElement {
  const actions = document.createElement('div');
  actions.className = 'dialog-actions';
  actions.append(button(text, () => dialog.close(), { id }));
  return actions;
}
