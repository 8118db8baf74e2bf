// Form parts the dialogs share, built with ./dom: a fieldset with its legend, a radio or checkbox
// with its words, and a control labelled by visible words.
import { h, type Child, type Props } from './dom';

/** A fieldset named by its legend. */
export function fieldset(
  legend: string,
  children: readonly Child[],
  options: Props<HTMLFieldSetElement> | string | null = null,
): HTMLFieldSetElement {
  return h('fieldset', options, h('legend', null, legend), ...children);
}

/** A radio button or checkbox inside its label, so clicking the words sets it. */
export function choice(
  type: 'radio' | 'checkbox',
  name: string,
  value: string,
  text: string,
  checked = false,
  id?: string,
): HTMLLabelElement {
  const input = h('input', { props: { type, name, value, checked, ...(id ? { id } : {}) } });
  return h('label', null, input, ` ${text}`);
}

/**
 * A control inside a label with its words. A wrapping label's text would include a select's
 * options, so a select is named by the visible words alone (aria-label).
 */
export function field(text: string, control: HTMLElement, className = 'codebook-field'): HTMLLabelElement {
  if (control instanceof HTMLSelectElement) control.setAttribute('aria-label', text);
  return h('label', className, h('span', null, text), control);
}
