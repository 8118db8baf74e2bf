// The "Annotations" panel's list: counts per theme, the theme filter, and one entry per highlight in
// document order. Built with DOM calls and textContent only: quotes and notes are never markup.
import type { Annotation } from '../annotations/annotation';
import type { AnchorResult } from '../annotations/anchoring/anchor';
import type { Codebook } from '../annotations/codebook';

/** Characters of a quote shown in the list before it is shortened. */
export const QUOTE_PREVIEW_CHARS = 140;
/** Characters of a note shown in the list. */
export const NOTE_PREVIEW_CHARS = 200;

/** One highlight as the list shows it. */
export interface SidebarEntry {
  annotation: Annotation;
  anchor: AnchorResult;
}

/** The elements the list is drawn into. */
export interface SidebarElements {
  counts: HTMLElement;
  filter: HTMLSelectElement;
  entries: HTMLOListElement;
  empty: HTMLElement;
}

/** What the list shows. */
export interface SidebarModel {
  entries: SidebarEntry[];
  codebook: Codebook;
  /** A theme id, or '' for all. */
  filter: string;
  activeId: string | null;
}

/** Shortens text to `max` characters at a word boundary, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function renderEntry(entry: SidebarEntry, codebook: Codebook, active: boolean): HTMLLIElement {
  const { annotation, anchor } = entry;
  const item = element('li', 'entry-item');
  const link = element('a', `entry${active ? ' is-active' : ''}${anchor.status === 'orphan' ? ' is-orphan' : ''}`);
  link.href = `#annotation-${annotation.id}`;
  link.dataset.entryId = annotation.id;
  if (active) link.setAttribute('aria-current', 'true');
  link.append(element('span', 'entry-quote', `“${shorten(annotation.target.selector[1].exact, QUOTE_PREVIEW_CHARS)}”`));
  const chips = element('span', 'entry-themes');
  for (const id of annotation.themes) {
    const label = codebook.find((t) => t.id === id)?.label ?? id;
    chips.append(element('span', `chip chip-${id}`, label));
  }
  link.append(chips);
  if (anchor.status === 'orphan') link.append(element('span', 'entry-orphan', 'Not found in the text'));
  if (annotation.note) link.append(element('span', 'entry-note', shorten(annotation.note, NOTE_PREVIEW_CHARS)));
  item.append(link);
  return item;
}

/** Redraws counts, filter options and entries. */
export function renderSidebar(els: SidebarElements, model: SidebarModel): void {
  const counts = new Map(model.codebook.map((t) => [t.id, 0]));
  for (const { annotation } of model.entries) {
    for (const id of annotation.themes) counts.set(id, (counts.get(id) ?? 0) + 1);
  }

  els.counts.replaceChildren(
    ...model.codebook.map((theme) => {
      const item = element('li', 'theme-count');
      item.dataset.theme = theme.id;
      item.append(element('span', `swatch swatch-${theme.id}`), element('span', 'theme-count-label', theme.label));
      item.append(element('span', 'theme-count-value', String(counts.get(theme.id) ?? 0)));
      return item;
    }),
  );

  const options = [
    { value: '', text: `All themes (${model.entries.length})` },
    ...model.codebook.map((t) => ({ value: t.id, text: `${t.label} (${counts.get(t.id) ?? 0})` })),
  ];
  const filter = model.codebook.some((t) => t.id === model.filter) ? model.filter : '';
  els.filter.replaceChildren(
    ...options.map((o) => {
      const option = document.createElement('option');
      option.value = o.value;
      option.textContent = o.text;
      return option;
    }),
  );
  els.filter.value = filter;

  const shown = model.entries.filter((e) => !filter || e.annotation.themes.includes(filter));
  els.entries.replaceChildren(...shown.map((e) => renderEntry(e, model.codebook, e.annotation.id === model.activeId)));
  els.empty.hidden = shown.length > 0;
  els.empty.textContent = model.entries.length === 0 ? 'No highlights yet.' : 'No highlights with this theme.';
}
