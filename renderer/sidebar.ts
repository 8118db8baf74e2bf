// The "Annotations" panel's list: counts per theme, the theme filter, and one entry per highlight in
// document order. The list is virtualised (only the rows in view exist), so ten thousand highlights
// cost what twenty do. Built with DOM calls and textContent only: quotes and notes are never markup.
import type { Annotation } from '../annotations/annotation';
import type { AnchorResult } from '../annotations/anchoring/anchor';
import { belongsToTheme, countByTheme, type Codebook } from '../annotations/codebook';
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
/** Every row has this height (CSS clamps its lines to fit), so a row's place is its index times it. */
export const ROW_HEIGHT = 104;
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
}

/** What the list shows. */
export interface SidebarModel {
  /** In document order. */
  entries: readonly SidebarEntry[];
  codebook: Codebook;
  /** A theme id, or '' for all. */
  filter: string;
  activeId: string | null;
  /** Highlights with edits the host has not acknowledged yet: their entries say "Saving…". */
  unsaved?: ReadonlyMap<string, unknown>;
  /** Words that each must occur in the quote or the note (case-insensitive); '' or absent for all. */
  query?: string;
  /** Only highlights with a note. */
  withNote?: boolean;
  /** Only highlights that were not found in the text. */
  orphaned?: boolean;
}

/** True when an entry passes the model's theme filter, search words and flags. */
export function passesFilters(
  entry: SidebarEntry,
  model: Pick<SidebarModel, 'query' | 'withNote' | 'orphaned' | 'codebook'>,
  theme: string,
): boolean {
  const { annotation } = entry;
  // A parent theme's filter shows its sub-themes' highlights too, as its count does.
  if (theme && !belongsToTheme(model.codebook, annotation.themes, theme)) return false;
  if (model.withNote && annotation.note.trim() === '') return false;
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

/** The rows [first, last) to draw for a view of the list. */
export function visibleRange(count: number, viewTop: number, viewHeight: number, rowHeight = ROW_HEIGHT): [number, number] {
  const first = Math.max(0, Math.floor(viewTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((viewTop + viewHeight) / rowHeight) + OVERSCAN);
  return [first, Math.max(first, last)];
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** What decides whether a drawn row is still right. */
function rowKey(entry: SidebarEntry, active: boolean, unsaved: boolean, index: number, words: readonly string[]): string {
  return `${entry.annotation.modified}|${entry.annotation.themes.join(' ')}|${entry.anchor.status}|${active}|${unsaved}|${index}|${words.join(' ')}`;
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
  codebook: Codebook,
  active: boolean,
  unsaved: boolean,
  index: number,
  total: number,
  words: readonly string[],
): HTMLLIElement {
  const { annotation, anchor } = entry;
  const item = element('li', 'entry-item');
  item.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
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
  if (annotation.note) link.append(excerptElement('entry-note', excerpt(annotation.note, words, NOTE_PREVIEW_CHARS, NOTE_CONTEXT_CHARS)));
  item.append(link);
  return item;
}

/** The list, its counts and its filter; `update` whenever the model changes, it redraws what changed. */
export class SidebarList {
  private model: SidebarModel = { entries: [], codebook: [], filter: '', activeId: null };
  private shown: readonly SidebarEntry[] = [];
  private readonly rows = new Map<string, { item: HTMLLIElement; key: string }>();
  private countsKey = '';
  private frame = 0;

  constructor(private readonly els: SidebarElements) {
    els.scroller.addEventListener('scroll', () => this.schedule(), { passive: true });
    window.addEventListener('resize', () => this.schedule());
  }

  /** The entries that pass the filter, in order. */
  get visibleEntries(): readonly SidebarEntry[] {
    return this.shown;
  }

  /** Takes a new model; counts and filter now, rows on the next frame (several updates in one frame draw once). */
  update(model: SidebarModel): void {
    this.model = model;
    const counts = countThemes(model.entries, model.codebook);
    const filter = model.codebook.some((t) => t.id === model.filter) ? model.filter : '';
    const narrowed = filter !== '' || (model.query ?? '').trim() !== '' || model.withNote === true || model.orphaned === true;
    this.shown = narrowed ? model.entries.filter((e) => passesFilters(e, model, filter)) : model.entries;
    const countsKey = JSON.stringify([model.entries.length, [...counts], model.codebook.map((t) => t.label)]);
    if (countsKey !== this.countsKey) {
      this.countsKey = countsKey;
      this.renderCounts(counts);
    }
    if (this.els.filter.value !== filter) this.els.filter.value = filter;
    this.els.entries.style.height = `${this.shown.length * ROW_HEIGHT}px`;
    this.els.empty.hidden = this.shown.length > 0;
    this.els.empty.textContent =
      model.entries.length === 0
        ? 'No highlights yet.'
        : filter && !narrowedBeyondTheme(model)
          ? 'No highlights with this theme.'
          : 'No highlights match.';
    this.schedule();
  }

  /** Scrolls the list so that an entry is in view (and drawn), then answers its link. */
  reveal(id: string): HTMLAnchorElement | null {
    const index = this.shown.findIndex((e) => e.annotation.id === id);
    if (index === -1) return null;
    const top = this.els.entries.offsetTop + index * ROW_HEIGHT;
    const { scroller } = this.els;
    if (top < scroller.scrollTop || top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight) {
      scroller.scrollTop = top - scroller.clientHeight / 2 + ROW_HEIGHT / 2;
    }
    this.draw();
    return this.rows.get(id)?.item.querySelector('a') ?? null;
  }

  private renderCounts(counts: Map<string, number>): void {
    const { codebook, entries } = this.model;
    this.els.counts.replaceChildren(
      ...codebook.map((theme) => {
        const item = element('li', 'theme-count');
        item.dataset.theme = theme.id;
        item.append(element('span', `swatch swatch-${theme.id}`), element('span', 'theme-count-label', theme.label));
        item.append(element('span', 'theme-count-value', String(counts.get(theme.id) ?? 0)));
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
    const [first, last] = visibleRange(this.shown.length, viewTop, scroller.clientHeight);
    const wanted = new Set<string>();
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.entryId : undefined;
    const words = searchWords(this.model.query);
    for (let i = first; i < last; i += 1) {
      const entry = this.shown[i]!;
      const id = entry.annotation.id;
      wanted.add(id);
      const active = id === this.model.activeId;
      const unsaved = this.model.unsaved?.has(id) ?? false;
      const key = rowKey(entry, active, unsaved, i, words);
      const drawn = this.rows.get(id);
      if (drawn?.key === key) continue;
      const item = renderRow(entry, this.model.codebook, active, unsaved, i, this.shown.length, words);
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
