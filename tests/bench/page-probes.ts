// In-page probes (bundled and installed as an init script): timestamps, host-call timings and the interaction drivers.

/** When one host call was sent, answered (headers) and parsed, in ms since navigation start. */
export interface CallTiming {
  method: string;
  sent: number;
  answered: number;
  parsed: number;
}

/** The timings of one interaction, in ms since navigation start. */
export interface OpTiming {
  /** The triggering input event (keydown or click). */
  input: number;
  /** The host's answer parsed in the page (null when the interaction made no host call). */
  answered: number | null;
  /** The DOM showed the change (MutationObserver). */
  dom: number;
  /** The frame after the change (requestAnimationFrame, then a task: paint has happened). */
  painted: number;
}

/** What opening the page cost. */
export interface OpenTiming {
  /** The frame after the article first showed its text (a title and a paragraph), highlights or not. */
  textPainted: number;
  /** The frame after the first highlight showed in the article (the screen's, when they come in stages). */
  screenPainted: number;
  /** body[data-ready=true]. */
  ready: number;
  /** The frame after it was painted. */
  painted: number;
  /** Highlight elements in the article when it became ready. */
  marks: number;
  /** Each host call made while opening. */
  calls: CallTiming[];
}

/** Frame times recorded while driving the sidebar. */
export interface FrameLog {
  /** ms between consecutive animation frames. */
  deltas: number[];
  /** Entries in the list at the end (elements present, which a virtualised list keeps small). */
  renderedEntries: number;
  /** Whether the scroller reached the bottom. */
  reachedEnd: boolean;
}

/** The probes' state, kept on window. */
interface ProbeState {
  calls: CallTiming[];
  ready: number | null;
  painted: number | null;
  marks: number;
  lastInput: number | null;
  whenPainted: Promise<void>;
  whenTextPainted: Promise<number>;
  whenScreenPainted: Promise<number>;
}

const MARK_SELECTOR = '.ProseMirror [data-annotation-id]';
/** The article's text is on screen once it has a block after the title. */
const TEXT_SELECTOR = '.ProseMirror > :nth-child(2)';

/** An interaction that does not show within this time counts as failed (null). */
const OP_TIMEOUT_MS = 15_000;

/** The moment after the frame that first shows an element matching `selector` (checked once per frame). */
function paintedOnceShown(selector: string): Promise<number> {
  return new Promise<number>((resolve) => {
    const check = (): void => {
      if (document.querySelector(selector)) setTimeout(() => resolve(performance.now()), 0);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

let resolvePainted: () => void = () => undefined;
const state: ProbeState = {
  calls: [],
  ready: null,
  painted: null,
  marks: 0,
  lastInput: null,
  whenPainted: new Promise<void>((resolve) => (resolvePainted = resolve)),
  // Checked once per frame: the frame that finds the text is the one that paints it, so the task
  // after it is the same moment afterPaint() gives for a change seen by a MutationObserver.
  whenTextPainted: paintedOnceShown(TEXT_SELECTOR),
  whenScreenPainted: paintedOnceShown(MARK_SELECTOR),
};

/** Resolves in the task after the next animation frame, i.e. once that frame has been painted. */
function afterPaint(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
}

// Host calls: wrap fetch to time each /api/ call.
const originalFetch = window.fetch.bind(window);
window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const method = /\/api\/(\w+)/.exec(url)?.[1];
  if (!method) return originalFetch(input, init);
  const timing: CallTiming = { method, sent: performance.now(), answered: 0, parsed: 0 };
  const response = await originalFetch(input, init);
  timing.answered = performance.now();
  const json = response.json.bind(response);
  response.json = async () => {
    const value: unknown = await json();
    timing.parsed = performance.now();
    state.calls.push(timing);
    return value;
  };
  return response;
};

// Inputs: the event's own timestamp, on the same clock as performance.now().
window.addEventListener('keydown', (event) => (state.lastInput = event.timeStamp), { capture: true });

// Open to interactive: body[data-ready=true], then the frame that paints it.
new MutationObserver((_records, observer) => {
  if (document.body?.dataset.ready !== 'true') return;
  observer.disconnect();
  state.ready = performance.now();
  state.marks = document.querySelectorAll(MARK_SELECTOR).length;
  void afterPaint().then((t) => {
    state.painted = t;
    resolvePainted();
  });
  // The document itself, since an init script runs before <html> exists.
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });

function article(): HTMLElement {
  const root = document.querySelector<HTMLElement>('.ProseMirror');
  if (!root) throw new Error('No article view in the page.');
  return root;
}

/** A DOM range over characters [from, to) of block `index` of the article. */
function blockRange(index: number, from: number, to: number): Range {
  const block = article().children[index];
  if (!block) throw new Error(`The article has no block ${index}.`);
  const range = document.createRange();
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let seen = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.textContent?.length ?? 0;
    if (!started && from <= seen + length) {
      range.setStart(node, from - seen);
      started = true;
    }
    if (started && to <= seen + length) {
      range.setEnd(node, to - seen);
      return range;
    }
    seen += length;
  }
  throw new Error(`Offsets ${from}-${to} are outside block ${index}.`);
}

/** Selects characters [from, to) of a block in the article, with the article focused (as a drag would leave it). */
function select(index: number, from: number, to: number): void {
  const range = blockRange(index, from, to);
  article().focus({ preventScroll: true });
  const selection = document.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
  range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
}

function elementsIn(records: MutationRecord[]): Element[] {
  const found: Element[] = [];
  for (const record of records) {
    if (record.type === 'attributes' && record.target instanceof Element) found.push(record.target);
    for (const node of record.addedNodes) if (node instanceof Element) found.push(node);
  }
  return found;
}

/**
 * Resolves with the interaction's timings once `done` holds after a DOM change in the article
 * (checked against the changed elements, so a check never scans 10,000 highlights).
 */
function watch(done: (changed: Element[]) => boolean, startedAt: () => number | null, callsBefore: number): Promise<OpTiming | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve(null);
    }, OP_TIMEOUT_MS);
    const observer = new MutationObserver((records) => {
      if (!done(elementsIn(records))) return;
      const dom = performance.now();
      observer.disconnect();
      clearTimeout(timer);
      void afterPaint().then((painted) => {
        const call = state.calls.slice(callsBefore).find((c) => c.method !== 'getStatus');
        resolve({ input: startedAt() ?? dom, answered: call?.parsed ?? null, dom, painted });
      });
    });
    observer.observe(article(), {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-annotation-id', 'data-themes'],
    });
  });
}

let pending: Promise<OpTiming | null> | null = null;

/** The probes' API, called by the bench through page.evaluate. */
const api = {
  /** Resolves with the open timings once the article and its highlights are painted. */
  async openTiming(): Promise<OpenTiming> {
    await state.whenPainted;
    const textPainted = await state.whenTextPainted;
    // A page with no highlight never shows one: then it counts as shown with everything else.
    const screenPainted = state.marks > 0 ? await state.whenScreenPainted : state.painted!;
    return { textPainted, screenPainted, ready: state.ready!, painted: state.painted!, marks: state.marks, calls: state.calls.slice() };
  },

  /** How many highlight elements the article shows. */
  markCount(): number {
    return document.querySelectorAll(MARK_SELECTOR).length;
  },

  /**
   * Selects a new passage and arms a watch for the highlight the next theme key will create. Two
   * frames pass after the selection scrolled into view, as they would before a reader's key press,
   * so what scrolling itself costs is not counted as the addition's.
   */
  async armAdd(index: number, from: number, to: number): Promise<void> {
    state.lastInput = null;
    select(index, from, to);
    await afterPaint();
    await afterPaint();
    const before = state.calls.length;
    // Gloss draws a new highlight at input, before the host has answered with its id (and the peer
    // has no host): the new highlight is whichever element carries an id the article did not show.
    const known = new Set([...article().querySelectorAll('[data-annotation-id]')].map((el) => el.getAttribute('data-annotation-id')));
    const isNew = (el: Element): boolean => el.hasAttribute('data-annotation-id') && !known.has(el.getAttribute('data-annotation-id'));
    pending = watch(
      (changed) => changed.some((el) => isNew(el) || [...el.querySelectorAll('[data-annotation-id]')].some(isNew)),
      () => state.lastInput,
      before,
    );
  },

  /** Selects exactly an existing highlight's passage and arms a watch for it to show `themeId` (two frames later, as armAdd). */
  async armThemeChange(index: number, from: number, to: number, id: string, themeId: string): Promise<void> {
    state.lastInput = null;
    select(index, from, to);
    await afterPaint();
    await afterPaint();
    const before = state.calls.length;
    const selector = `[data-annotation-id="${CSS.escape(id)}"][data-themes~="${CSS.escape(themeId)}"]`;
    pending = watch(
      (changed) => changed.some((el) => el.matches(selector) || el.querySelector(selector) !== null),
      () => state.lastInput,
      before,
    );
  },

  /** Opens a highlight from the sidebar, then clicks Delete and times until its elements are gone. */
  async deleteViaSidebar(id: string): Promise<OpTiming | null> {
    // The list draws only the rows in view; a link to the highlight opens it wherever it is.
    window.location.hash = `annotation-${id}`;
    await afterPaint();
    await afterPaint();
    const button = document.getElementById('delete-button');
    if (!button || button.closest('[hidden]') !== null) return null;
    const before = state.calls.length;
    let input: number | null = null;
    const root = article();
    const timing = watch(
      () => root.querySelector(`[data-annotation-id="${CSS.escape(id)}"]`) === null,
      () => input,
      before,
    );
    input = performance.now();
    button.click();
    return timing;
  },

  /** The timings of the interaction armed last. */
  settle(): Promise<OpTiming | null> {
    return pending ?? Promise.resolve(null);
  },

  /**
   * Switches the theme filter to each value in turn (a few frames apart), then scrolls the list
   * from top to bottom in `steps` frames, recording the time between animation frames throughout.
   */
  async sidebarFrames(filters: string[], steps: number): Promise<FrameLog> {
    const select = document.getElementById('theme-filter') as HTMLSelectElement;
    const entries = document.getElementById('entries')!;
    let scroller: HTMLElement | null = entries;
    while (scroller && scroller.scrollHeight <= scroller.clientHeight + 1) scroller = scroller.parentElement;
    const deltas: number[] = [];
    let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
    const frame = (): Promise<void> =>
      new Promise((resolve) =>
        requestAnimationFrame((t) => {
          deltas.push(t - last);
          last = t;
          resolve();
        }),
      );
    for (const value of filters) {
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      for (let i = 0; i < 5; i += 1) await frame();
    }
    let reachedEnd = false;
    if (scroller) {
      scroller.scrollTop = 0;
      await frame();
      const step = Math.max(scroller.clientHeight / 2, (scroller.scrollHeight - scroller.clientHeight) / steps);
      for (let i = 0; i < steps * 2 && !reachedEnd; i += 1) {
        scroller.scrollTop += step;
        await frame();
        reachedEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
      }
    }
    return { deltas, renderedEntries: entries.querySelectorAll('[data-entry-id]').length, reachedEnd };
  },
};

/** The probes' API type, for the bench's calls. */
export type ProbeApi = typeof api;

(window as unknown as { glossBench: ProbeApi }).glossBench = api;
