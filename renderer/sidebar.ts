// The "Annotations" panel's list: counts per theme, the theme filter, and one entry per highlight in
// document order. The list is virtualised (only the rows in view exist), so ten thousand highlights
// cost what twenty do. Built with DOM calls and textContent only: quotes and notes are never markup.
import type { Annotation } from '../annotations/annotation';
import type { AnchorResult } from '../annotations/anchoring/anchor';
import { belongsToTheme, countByTheme, countByThemeSets, type Codebook } from '../annotations/codebook';
import type { ThemeTally } from './state/theme-tally';
import { excerpt, matchesAll, searchWords, type Segment } from './search-excerpt';

/** Characters of a quote shown in the list before it is shortened. */
export const QUOTE_PREVIEW_CHARS = 140;
/** Characters of a note shown in the list. */
export const NOTE_PREVIEW_CHARS = 200;
/**
 * Characters shown ahead of the first match when a search shortens a quote or a note: the note shows
 * one line and the quote two (styles.css clamps them), so the match must come early to be seen.
 */
const QUOTE_CONTEXT_CHARS = 40;
const NOTE_CONTEXT_CHARS = 16;
/** A row's height when its quote takes two lines and it has a note (CSS clamps the lines to fit). */
export const ROW_HEIGHT = 104;
/** What a row is shorter by without a note: the note's line and its gap, so no empty line is left. */
export const NOTE_LINE_HEIGHT = 24;
/** What a row is shorter by when its quote fits on one line of the panel. */
export const QUOTE_LINE_HEIGHT = 20;
/** The space between two cards (each card is its row's height less this). */
export const ROW_GAP = 6;
/** Rows drawn beyond each edge of the view, so fast scrolling shows no gap. */
const OVERSCAN = 6;

/** One highlight as the list shows it. */
export interface SidebarEntry {
  annotation: Annotation;
  anchor: AnchorResult;
}

/** The elements the list is drawn into. */
export interface SidebarElements {
  /** The element that scrolls (the sidebar). */
  scroller: HTMLElement;
  counts: HTMLElement;
  filter: HTMLSelectElement;
  entries: HTMLOListElement;
  empty: HTMLElement;
  /** What stays in view at the top of the scroller (the sticky counts and filters), covering rows under it. */
  header?: HTMLElement;
}

/** What the list shows. */
export interface SidebarModel {
  /** In document order. */
  entries: readonly SidebarEntry[];
  codebook: Codebook;
  /** A theme id, or '' for all. */
  filter: string;
  activeId: string | null;
  /** How many entries carry each set of themes (the counts come from it); counted from the entries when absent. */
  themeSets?: ThemeTally;
  /** Highlights with edits the host has not acknowledged yet: their entries say "Saving…". */
  unsaved?: ReadonlyMap<string, unknown>;
  /** Words that each must occur in the quote or the note (case-insensitive); '' or absent for all. */
  query?: string;
  /** Only highlights with a note. */
  withNote?: boolean;
  /** Only highlights that were not found in the text. */
  orphaned?: boolean;
  /** Highlights whose note the host has not sent yet (opening in stages): their rows say it is loading. */
  notesToCome?: { has(id: string): boolean };
}

/** True when an entry passes the model's theme filter, search words and flags. */
export function passesFilters(
  entry: SidebarEntry,
  model: Pick<SidebarModel, 'query' | 'withNote' | 'orphaned' | 'codebook' | 'notesToCome'>,
  theme: string,
): boolean {
  const { annotation } = entry;
  // A parent theme's filter shows its sub-themes' highlights too, as its count does.
  if (theme && !belongsToTheme(model.codebook, annotation.themes, theme)) return false;
  if (model.withNote && annotation.note.trim() === '' && !model.notesToCome?.has(annotation.id)) return false;
  if (model.orphaned && entry.anchor.status !== 'orphan') return false;
  return matchesAll([annotation.target.selector[1].exact, annotation.note], searchWords(model.query));
}

function narrowedBeyondTheme(model: SidebarModel): boolean {
  return (model.query ?? '').trim() !== '' || model.withNote === true || model.orphaned === true;
}

/** Counts highlights per theme id, a sub-theme's toward its parent too (as the theme filter shows them). */
export function countThemes(entries: readonly SidebarEntry[], codebook: Codebook): Map<string, number> {
  return countByTheme(
    codebook,
    entries.map((e) => e.annotation),
  );
}

/** Whether a quote (as the list shows it, in its quotation marks) fits on one line of the panel. */
export type FitsOneLine = (quote: string) => boolean;

/** A row's height: compact when its highlight has no note, shorter again when its quote fits one line. */
export function rowHeight(entry: SidebarEntry, fitsOneLine: FitsOneLine, noteToCome = false): number {
  const { note, target } = entry.annotation;
  return ROW_HEIGHT - (note || noteToCome ? 0 : NOTE_LINE_HEIGHT) - (fitsOneLine(`“${target.selector[1].exact}”`) ? QUOTE_LINE_HEIGHT : 0);
}

/**
 * Each row's top (and, last, the list's height): the running sum of the rows' heights. Annotations are
 * replaced, never changed, so `known` heights (for one panel width) stay right for as long as their
 * annotation is shown: laying the list out after an edit measures only the edited row.
 */
export function rowOffsets(
  entries: readonly SidebarEntry[],
  fits: FitsOneLine,
  known?: WeakMap<Annotation, number>,
  toCome?: SidebarModel['notesToCome'],
): number[] {
  const offsets = new Array<number>(entries.length + 1);
  offsets[0] = 0;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    let height = known?.get(entry.annotation);
    if (height === undefined) {
      height = rowHeight(entry, fits, toCome?.has(entry.annotation.id));
      known?.set(entry.annotation, height);
    }
    offsets[i + 1] = offsets[i]! + height;
  }
  return offsets;
}

/**
 * Measures quotes in the list's quote font (canvas text metrics, no layout) against the width a card
 * gives its text; a quote that fits is drawn on one line, since the card wraps only what overflows.
 */
function quoteMeasure(list: HTMLElement): Measure {
  const context = document.createElement('canvas').getContext('2d');
  const style = getComputedStyle(list);
  // styles.css: .entry-quote is Georgia at 0.95em; a card has 8 px padding and a 1 px border each side.
  const width = list.clientWidth - 18;
  if (context) context.font = `${0.95 * parseFloat(style.fontSize)}px Georgia, serif`;
  const fits = (quote: string): boolean => !!context && width > 0 && context.measureText(quote).width <= width - 4;
  return { fits, width, heights: new WeakMap() };
}

/** How rows are measured at the panel's width, and the heights known at it. */
interface Measure {
  fits: FitsOneLine;
  width: number;
  heights: WeakMap<Annotation, number>;
}

/** The index of the row at `y` (clamped to the rows there are), found by bisecting the offsets. */
function rowAt(offsets: readonly number[], y: number): number {
  let low = 0;
  let high = offsets.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (offsets[middle]! <= y) low = middle;
    else high = middle - 1;
  }
  return Math.max(0, low);
}

/** The rows [first, last) to draw for a view of the list, given `rowOffsets`. */
export function visibleRange(offsets: readonly number[], viewTop: number, viewHeight: number): [number, number] {
  const count = offsets.length - 1;
  if (count <= 0) return [0, 0];
  const first = Math.max(0, rowAt(offsets, viewTop) - OVERSCAN);
  const last = Math.min(count, rowAt(offsets, viewTop + viewHeight) + 1 + OVERSCAN);
  return [first, Math.max(first, last)];
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** What decides whether a drawn row is still right. */
function rowKey(entry: SidebarEntry, active: boolean, unsaved: boolean, index: number, place: string, words: readonly string[]): string {
  return `${entry.annotation.modified}|${entry.annotation.note.length}|${entry.annotation.themes.join(' ')}|${entry.anchor.status}|${active}|${unsaved}|${index}@${place}|${words.join(' ')}`;
}

/** An element holding the excerpt's text, its matches in <mark>. */
function excerptElement(className: string, segments: readonly Segment[], open = '', close = ''): HTMLSpanElement {
  const span = element('span', className);
  span.append(open);
  for (const segment of segments) {
    if (segment.match) span.append(element('mark', 'search-match', segment.text));
    else span.append(segment.text);
  }
  span.append(close);
  return span;
}

function renderRow(
  entry: SidebarEntry,
  { codebook, notesToCome }: SidebarModel,
  active: boolean,
  unsaved: boolean,
  index: number,
  top: number,
  height: number,
  total: number,
  words: readonly string[],
): HTMLLIElement {
  const { annotation, anchor } = entry;
  const item = element('li', 'entry-item');
  item.style.transform = `translateY(${top}px)`;
  item.style.height = `${height - ROW_GAP}px`;
  item.setAttribute('aria-setsize', String(total));
  item.setAttribute('aria-posinset', String(index + 1));
  const link = element('a', `entry${active ? ' is-active' : ''}${anchor.status === 'orphan' ? ' is-orphan' : ''}`);
  link.href = `#annotation-${annotation.id}`;
  link.dataset.entryId = annotation.id;
  if (active) link.setAttribute('aria-current', 'true');
  link.append(
    excerptElement('entry-quote', excerpt(annotation.target.selector[1].exact, words, QUOTE_PREVIEW_CHARS, QUOTE_CONTEXT_CHARS), '“', '”'),
  );
  const chips = element('span', 'entry-themes');
  for (const id of annotation.themes) {
    const label = codebook.find((t) => t.id === id)?.label ?? id;
    chips.append(element('span', `chip chip-${id}`, label));
  }
  if (anchor.status === 'orphan') chips.append(element('span', 'entry-orphan', 'Not found in the text'));
  if (unsaved) chips.append(element('span', 'entry-unsaved', 'Saving…'));
  link.append(chips);
  const note = notesToCome?.has(annotation.id) ? element('span', 'entry-note is-loading', 'Loading note…') : null;
  if (note || annotation.note)
    link.append(note ?? excerptElement('entry-note', excerpt(annotation.note, words, NOTE_PREVIEW_CHARS, NOTE_CONTEXT_CHARS)));
  item.append(link);
  return item;
}

/** The list, its counts and its filter; `update` whenever the model changes, it redraws what changed. */
export class SidebarList {
  private model: SidebarModel = { entries: [], codebook: [], filter: '', activeId: null };
  private shown: readonly SidebarEntry[] = [];
  private offsets: number[] = [0];
  private measure: Measure | null = null;
  private readonly rows = new Map<string, { item: HTMLLIElement; key: string }>();
  private countsKey = '';
  private frame = 0;

  constructor(private readonly els: SidebarElements) {
    els.scroller.addEventListener('scroll', () => this.schedule(), { passive: true });
    // The panel's width is read when it changes, not at each update: reading it there would lay the page
    // out in the middle of an edit's script, and again for the frame.
    new ResizeObserver(() => {
      if (this.measure?.width === this.els.entries.clientWidth - 18) return;
      this.measure = null;
      this.layOut();
      this.schedule();
    }).observe(els.entries);
  }

  /** The entries that pass the filter, in order. */
  get visibleEntries(): readonly SidebarEntry[] {
    return this.shown;
  }

  /** Takes a new model; counts and filter now, rows on the next frame (several updates in one frame draw once). */
  update(model: SidebarModel): void {
    this.model = model;
    const counts = model.themeSets
      ? countByThemeSets(model.codebook, model.themeSets.values())
      : countThemes(model.entries, model.codebook);
    const filter = model.codebook.some((t) => t.id === model.filter) ? model.filter : '';
    const narrowed = filter !== '' || (model.query ?? '').trim() !== '' || model.withNote === true || model.orphaned === true;
    this.shown = narrowed ? model.entries.filter((e) => passesFilters(e, model, filter)) : model.entries;
    const countsKey = JSON.stringify([model.entries.length, [...counts], model.codebook.map((t) => t.label)]);
    if (countsKey !== this.countsKey) {
      this.countsKey = countsKey;
      this.renderCounts(counts);
    }
    if (this.els.filter.value !== filter) this.els.filter.value = filter;
    for (const toggle of this.els.counts.querySelectorAll<HTMLElement>('button[data-theme]')) {
      toggle.setAttribute('aria-pressed', String(toggle.dataset.theme === filter));
    }
    this.layOut();
    this.els.empty.hidden = this.shown.length > 0;
    this.els.empty.textContent =
      model.entries.length === 0
        ? 'No highlights yet.'
        : filter && !narrowedBeyondTheme(model)
          ? 'No highlights with this theme.'
          : 'No highlights match.';
    this.schedule();
  }

  /** Places the rows for the panel's width now (a quote that fits one line gets a shorter row). */
  private layOut(): void {
    this.measure ??= quoteMeasure(this.els.entries);
    this.offsets = rowOffsets(this.shown, this.measure.fits, this.measure.heights, this.model.notesToCome);
    this.els.entries.style.height = `${this.offsets[this.shown.length]}px`;
  }

  /** Scrolls the list so that an entry is in view (and drawn), then answers its link. */
  reveal(id: string): HTMLAnchorElement | null {
    const index = this.shown.findIndex((e) => e.annotation.id === id);
    if (index === -1) return null;
    const top = this.els.entries.offsetTop + this.offsets[index]!;
    const height = this.offsets[index + 1]! - this.offsets[index]!;
    const { scroller } = this.els;
    const covered = this.els.header?.offsetHeight ?? 0;
    if (top < scroller.scrollTop + covered || top + height > scroller.scrollTop + scroller.clientHeight) {
      scroller.scrollTop = top - (scroller.clientHeight + covered) / 2 + height / 2;
    }
    this.draw();
    return this.rows.get(id)?.item.querySelector('a') ?? null;
  }

  private renderCounts(counts: Map<string, number>): void {
    const { codebook, entries } = this.model;
    this.els.counts.replaceChildren(
      ...codebook.map((theme) => {
        // A count is also the way to show only its theme: a toggle, pressed while its theme is the filter.
        const item = element('li', 'theme-count');
        item.dataset.theme = theme.id;
        const count = counts.get(theme.id) ?? 0;
        const toggle = element('button', 'theme-count-button');
        toggle.type = 'button';
        toggle.dataset.theme = theme.id;
        toggle.setAttribute('aria-label', `${theme.label} (${count})`);
        toggle.setAttribute('aria-pressed', 'false');
        toggle.title = `Show only the highlights of ${theme.label}; press again for all`;
        toggle.append(element('span', `swatch swatch-${theme.id}`), element('span', 'theme-count-label', theme.label));
        toggle.append(element('span', 'theme-count-value', String(count)));
        item.append(toggle);
        return item;
      }),
    );
    const options = [
      { value: '', text: `All themes (${entries.length})` },
      ...codebook.map((t) => ({ value: t.id, text: `${t.label} (${counts.get(t.id) ?? 0})` })),
    ];
    this.els.filter.replaceChildren(
      ...options.map((o) => {
        const option = document.createElement('option');
        option.value = o.value;
        option.textContent = o.text;
        return option;
      }),
    );
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Draws the rows in view, reusing the ones that are still right. */
  private draw(): void {
    const { scroller, entries: list } = this.els;
    const viewTop = scroller.scrollTop - list.offsetTop;
    const [first, last] = visibleRange(this.offsets, viewTop, scroller.clientHeight);
    const wanted = new Set<string>();
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.entryId : undefined;
    const words = searchWords(this.model.query);
    for (let i = first; i < last; i += 1) {
      const entry = this.shown[i]!;
      const id = entry.annotation.id;
      wanted.add(id);
      const active = id === this.model.activeId;
      const unsaved = this.model.unsaved?.has(id) ?? false;
      const key = rowKey(entry, active, unsaved, i, `${this.offsets[i]}-${this.offsets[i + 1]}`, words);
      const drawn = this.rows.get(id);
      if (drawn?.key === key) continue;
      const top = this.offsets[i]!;
      const item = renderRow(entry, this.model, active, unsaved, i, top, this.offsets[i + 1]! - top, this.shown.length, words);
      if (drawn) drawn.item.replaceWith(item);
      else list.append(item);
      this.rows.set(id, { item, key });
      if (focused === id) item.querySelector('a')?.focus();
    }
    for (const [id, drawn] of this.rows) {
      // A focused row stays, so that keyboard focus is never dropped by scrolling.
      if (wanted.has(id) || (focused === id && this.shown.some((e) => e.annotation.id === id))) continue;
      drawn.item.remove();
      this.rows.delete(id);
    }
    // Keep the DOM in list order, so Tab moves through entries in document order.
    const ordered = [...this.rows.entries()].sort(
      (a, b) => Number(a[1].item.getAttribute('aria-posinset')) - Number(b[1].item.getAttribute('aria-posinset')),
    );
    let previous: Element | null = null;
    for (const [, { item }] of ordered) {
      if (previous ? previous.nextElementSibling !== item : list.firstElementChild !== item) {
        if (previous) previous.after(item);
        else list.prepend(item);
      }
      previous = item;
    }
  }
}
