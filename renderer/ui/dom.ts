// The one way the renderer builds elements: `h(tag, props, ...children)`. Text goes in as text nodes,
// never as markup, so a quote or a note can hold anything without becoming HTML.

/** A child of an element: a node, text, or nothing (null, undefined and false are skipped). */
export type Child = Node | string | number | null | undefined | false;

type EventMap = HTMLElementEventMap;

/** What `h` sets on an element besides its children. */
export interface Props<E extends HTMLElement> {
  /** Element properties (id, className, type, value, checked, disabled, hidden, title, …). */
  props?: Partial<Pick<E, WritableKeys<E>>>;
  /** Attributes, for what has no property (aria-*, role, for, data-*). */
  attrs?: Record<string, string | number | boolean | null | undefined>;
  /** Entries of `dataset`. */
  data?: Record<string, string>;
  /** Event listeners. */
  on?: { [K in keyof EventMap]?: (event: EventMap[K]) => void };
}

type WritableKeys<E> = {
  [K in keyof E]-?: E[K] extends (...args: never[]) => unknown ? never : K extends 'style' | 'dataset' | 'classList' ? never : K;
}[keyof E];

/**
 * An element with its properties, attributes, data, listeners and children. An attribute given as
 * `false`, `null` or `undefined` is left off; `true` sets it empty (as boolean attributes are).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: Props<HTMLElementTagNameMap[K]> | string | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  // A bare string is the class name, the commonest property by far.
  const spec: Props<HTMLElementTagNameMap[K]> = typeof options === 'string' ? { props: { className: options } as never } : (options ?? {});
  if (spec.props) Object.assign(element, spec.props);
  for (const [name, value] of Object.entries(spec.attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [name, value] of Object.entries(spec.data ?? {})) element.dataset[name] = value;
  for (const [type, listener] of Object.entries(spec.on ?? {})) element.addEventListener(type, listener as EventListener);
  append(element, children);
  return element;
}

/** Appends children to `parent`, skipping empty ones; strings become text nodes. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** A button of type "button" (never a form's submit) that runs `onClick`. */
export function button(text: string, onClick: (event: MouseEvent) => void, options: Props<HTMLButtonElement> = {}): HTMLButtonElement {
  const element = h('button', { ...options, on: { ...options.on, click: onClick } }, text);
  element.type = 'button';
  return element;
}

/** The element with this id, typed; a missing one is a bug in index.html, said at once. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no element #${id}.`);
  return element as T;
}
