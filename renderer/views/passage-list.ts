// The Passages view's list: every passage of a filter across the library, under its document's heading. It is
// virtualised twice over: only the rows in view exist in the page, and only the pages of passages near the view
// are asked of the host, so twenty thousand passages cost what a screenful does. Keyboard: the list is one tab
// stop (a listbox whose active option follows the arrow keys, Home, End, Page Up and Page Down); Enter opens it.
import type { Codebook } from '../../annotations/codebook';
import type { PassagePage } from '../../annotations/contract-corpus';
import type { CodedPassage } from '../../annotations/corpus/coded-passage';
import type { PassageGroup } from '../../annotations/corpus/passages';
import { h } from '../ui/dom';

/** A document heading's height and a passage row's (styles in corpus.css keep to them). */
export const GROUP_HEIGHT = 36;
export const PASSAGE_HEIGHT = 88;
/** Passages asked of the host at a time. */
export const PAGE_SIZE = 200;
/**
 * How long the list waits for the scrolling to rest before asking for the pages it shows: a fast scroll
 * passes pages it would be a waste to fetch (their rows say "Loading…" meanwhile).
 */
const FETCH_REST_MS = 60;
/** Pixels drawn beyond each edge of the view, so fast scrolling shows no gap. */
const OVERSCAN_PX = 240;

/** Asks the host for passages of the current filter. */
export type FetchPage = (offset: number, limit: number) => Promise<PassagePage>;

/** What the list tells its owner. */
export interface PassageListEvents {
  /** A passage was activated (Enter, a click). */
  open(passage: CodedPassage): void;
  /** A page could not be loaded. */
  error(message: string): void;
}

/** Where each group sits: its top, in pixels, and its passages' range in the list. */
interface PlacedGroup extends PassageGroup {
  top: number;
}

/** The index of the last item whose key is at most `value` (items sorted by key; 0 when none). */
function lastAtMost<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let low = 0;
  let high = items.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (key(items[mid]!) <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The passages' list, drawn into `scroller` (which must scroll and have a height). */
export class PassageList {
  private readonly spacer = h('div', 'passage-spacer');
  private groups: PlacedGroup[] = [];
  private total = 0;
  private height = 0;
  private pages = new Map<number, CodedPassage[] | Promise<void>>();
  private fetch: FetchPage | null = null;
  /** Bumped by each load, so a page that arrives for an earlier filter is dropped. */
  private generation = 0;
  private active = 0;
  private frame = 0;
  /** Pages the rows in view lack, asked for once the scrolling rests. */
  private readonly missing = new Set<number>();
  private fetchTimer = 0;

  constructor(
    private readonly scroller: HTMLElement,
    private codebook: Codebook,
    private readonly events: PassageListEvents,
  ) {
    scroller.classList.add('passage-list');
    scroller.tabIndex = 0;
    scroller.setAttribute('role', 'listbox');
    scroller.append(this.spacer);
    scroller.addEventListener('scroll', () => {
      // Still scrolling: the pages wanted are asked for only once it rests.
      if (this.missing.size > 0) this.want([...this.missing][0]!);
      this.schedule();
    });
    scroller.addEventListener('keydown', (event) => this.onKey(event));
    scroller.addEventListener('click', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
      if (!row) return;
      this.setActive(Number(row.dataset.index), false);
      const passage = this.passageAt(this.active);
      if (passage) this.events.open(passage);
    });
  }

  /** Shows the passages `fetch` gives, from the top; resolves with the first page once it is drawn, or null when a later load took its place. */
  async load(fetch: FetchPage, codebook: Codebook): Promise<PassagePage | null> {
    this.generation += 1;
    const generation = this.generation;
    this.fetch = fetch;
    this.codebook = codebook;
    const first = await fetch(0, PAGE_SIZE);
    if (generation !== this.generation) return null;
    this.pages = new Map([[0, first.passages]]);
    this.missing.clear();
    this.total = first.total;
    let top = 0;
    this.groups = first.groups.map((g) => {
      const placed = { ...g, top };
      top += GROUP_HEIGHT + g.count * PASSAGE_HEIGHT;
      return placed;
    });
    this.height = top;
    this.active = 0;
    this.spacer.style.height = `${this.height}px`;
    this.scroller.scrollTop = 0;
    this.render();
    return first;
  }

  /** How many passages the list holds. */
  get size(): number {
    return this.total;
  }

  /** The top of passage `index` in the list, in pixels. */
  topOf(index: number): number {
    const g = this.groups[lastAtMost(this.groups, index, (x) => x.offset)]!;
    return g.top + GROUP_HEIGHT + (index - g.offset) * PASSAGE_HEIGHT;
  }

  private passageAt(index: number): CodedPassage | undefined {
    const page = this.pages.get(Math.floor(index / PAGE_SIZE));
    return Array.isArray(page) ? page[index % PAGE_SIZE] : undefined;
  }

  /** Notes a page the view lacks; it is asked for when the scrolling has rested FETCH_REST_MS. */
  private want(pageIndex: number): void {
    if (this.pages.has(pageIndex) || !this.fetch) return;
    this.missing.add(pageIndex);
    clearTimeout(this.fetchTimer);
    this.fetchTimer = window.setTimeout(() => {
      const pages = [...this.missing];
      this.missing.clear();
      for (const page of pages) this.request(page);
    }, FETCH_REST_MS);
  }

  private request(pageIndex: number): void {
    if (this.pages.has(pageIndex) || !this.fetch) return;
    const generation = this.generation;
    const request = this.fetch(pageIndex * PAGE_SIZE, PAGE_SIZE).then(
      (page) => {
        if (generation !== this.generation) return;
        this.pages.set(pageIndex, page.passages);
        this.schedule();
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.pages.delete(pageIndex);
        this.events.error(error instanceof Error ? error.message : String(error));
      },
    );
    this.pages.set(pageIndex, request);
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** Draws the headings and rows in and near the view, asking for the pages they need. */
  private render(): void {
    const from = Math.max(0, this.scroller.scrollTop - OVERSCAN_PX);
    const to = this.scroller.scrollTop + this.scroller.clientHeight + OVERSCAN_PX;
    const rows: HTMLElement[] = [];
    if (this.groups.length > 0) {
      for (let gi = lastAtMost(this.groups, from, (g) => g.top); gi < this.groups.length; gi++) {
        const g = this.groups[gi]!;
        if (g.top > to) break;
        if (g.top + GROUP_HEIGHT >= from) rows.push(this.heading(g));
        const first = Math.max(0, Math.floor((from - g.top - GROUP_HEIGHT) / PASSAGE_HEIGHT));
        const last = Math.min(g.count - 1, Math.floor((to - g.top - GROUP_HEIGHT) / PASSAGE_HEIGHT));
        for (let i = first; i <= last; i++) rows.push(this.row(g, g.offset + i, g.top + GROUP_HEIGHT + i * PASSAGE_HEIGHT));
      }
    }
    this.spacer.replaceChildren(...rows);
    const active = this.spacer.querySelector<HTMLElement>(`[data-index="${this.active}"]`);
    if (active && this.total > 0) this.scroller.setAttribute('aria-activedescendant', active.id);
    else this.scroller.removeAttribute('aria-activedescendant');
  }

  private heading(g: PlacedGroup): HTMLElement {
    const heading = h(
      'div',
      { props: { className: 'passage-group' }, attrs: { 'aria-hidden': 'true' } },
      h('span', 'passage-group-title', g.title),
      h('span', 'passage-group-count', `${g.count.toLocaleString('en')} passage${g.count === 1 ? '' : 's'}`),
    );
    heading.style.top = `${g.top}px`;
    return heading;
  }

  private row(g: PlacedGroup, index: number, top: number): HTMLElement {
    const passage = this.passageAt(index);
    if (!passage) this.want(Math.floor(index / PAGE_SIZE));
    const labels = passage ? this.codebook.filter((t) => passage.themes.includes(t.id)) : [];
    const note = passage?.note.trim() ?? '';
    const row = h(
      'div',
      {
        props: { id: `passage-option-${index}`, className: `passage-row${index === this.active ? ' is-active' : ''}` },
        attrs: {
          role: 'option',
          'aria-selected': index === this.active ? 'true' : 'false',
          'aria-setsize': this.total,
          'aria-posinset': index + 1,
          'aria-label': passage
            ? `${g.title}: “${passage.quote.slice(0, 200)}”. ${labels.map((t) => t.label).join(', ')}.${note ? ` Note: ${note.slice(0, 200)}` : ''}`
            : 'Loading…',
        },
        data: { index: String(index), ...(passage ? { id: passage.id } : {}) },
      },
      h('p', `passage-quote${passage ? '' : ' is-loading'}`, passage ? `“${passage.quote}”` : 'Loading…'),
      passage
        ? h(
            'p',
            'passage-meta',
            ...labels.map((t) => h('span', `chip chip-${t.id}`, t.label)),
            note ? h('span', 'passage-note', note) : null,
          )
        : null,
    );
    row.style.top = `${top}px`;
    return row;
  }

  private setActive(index: number, scroll: boolean): void {
    this.active = Math.max(0, Math.min(this.total - 1, index));
    if (scroll) {
      const top = this.topOf(this.active);
      const view = this.scroller;
      // The group heading above the first passage of a group comes into view with it.
      if (top - GROUP_HEIGHT < view.scrollTop) view.scrollTop = top - GROUP_HEIGHT;
      else if (top + PASSAGE_HEIGHT > view.scrollTop + view.clientHeight) view.scrollTop = top + PASSAGE_HEIGHT - view.clientHeight;
    }
    this.render();
  }

  private onKey(event: KeyboardEvent): void {
    if (this.total === 0) return;
    const perPage = Math.max(1, Math.floor(this.scroller.clientHeight / PASSAGE_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: this.active + 1,
      ArrowUp: this.active - 1,
      PageDown: this.active + perPage,
      PageUp: this.active - perPage,
      Home: 0,
      End: this.total - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      this.setActive(moves[event.key]!, true);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const passage = this.passageAt(this.active);
      if (passage) this.events.open(passage);
    }
  }
}
