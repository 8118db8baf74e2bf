// The words and figures every human-readable report shares: theme names, percentages, counts and the export time.
import type { Theme } from '../codebook';
import type { ThemeSection } from './model';

/** A theme's name for display (its id when the label is empty). */
export function themeName(theme: Theme): string {
  return theme.label.trim() === '' ? theme.id : theme.label;
}

/** A share as a percentage with one decimal, e.g. "12.5%". */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** "1 highlight", "2 highlights". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Where and how a time is shown: a BCP 47 locale and an IANA time zone; the runtime's own when absent. */
export interface TimeStyle {
  locale?: string;
  timeZone?: string;
}

/**
 * A time as people read it, in the reader's locale: "1 December 2026, 21:40" (en-GB),
 * "December 1, 2026, 9:40 PM" (en-US). Date and time are formatted apart and joined by a comma,
 * because the combined style says "at" in some locales and nothing in others. A value that is
 * not a time, or a locale or zone the runtime does not know, is shown as given.
 */
export function readableTime(iso: string, style: TimeStyle = {}): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  try {
    const date = new Intl.DateTimeFormat(style.locale, { dateStyle: 'long', timeZone: style.timeZone }).format(time);
    const clock = new Intl.DateTimeFormat(style.locale, { timeStyle: 'short', timeZone: style.timeZone }).format(time);
    return `${date}, ${clock}`;
  } catch {
    return iso;
  }
}

/** The sub-themes of a section's theme that its passage carries, in codebook order: what lists it under that theme besides the theme itself. */
export function subThemesIn(section: ThemeSection, passage: { themes: readonly Theme[] }): Theme[] {
  return passage.themes.filter((t) => t.parent === section.theme.id);
}

/**
 * The line under a parent theme's section heading that says which of its passages are there by a
 * sub-theme: "2 of these passages are coded with a sub-theme of Trade: Tariffs, Quotas." Such a
 * passage is listed once under the parent (its tags name the sub-theme) and once under the sub-theme's
 * own section; the parent's count includes it once. '' when no passage of the section has a sub-theme.
 */
export function subThemeLine(section: ThemeSection): string {
  const through = section.highlights.filter((h) => subThemesIn(section, h).length > 0);
  if (through.length === 0) return '';
  const named = [...new Set(through.flatMap((h) => subThemesIn(section, h)))].map(themeName);
  const many = through.length !== 1;
  return `${many ? `${through.length} of these passages are` : '1 of these passages is'} coded with a sub-theme of ${themeName(section.theme)}: ${named.join(', ')}.`;
}
