// View settings: light, dark or the system's appearance; the article's text size; the reading column's width;
// whether coding stripes are shown. Applied as classes and a custom property on <html>, and remembered in localStorage.
import { ViewDialog } from './dialogs/view-dialog';
import { HIDE_STRIPES_CLASS } from './views/stripes';

/** Where the settings are remembered. */
export const VIEW_SETTINGS_KEY = 'gloss:view';

export type Appearance = 'system' | 'light' | 'dark';
export type ReadingWidth = 'narrow' | 'normal' | 'wide';

/** The reader's choices. */
export interface ViewSettings {
  appearance: Appearance;
  /** Index into TEXT_SCALES. */
  textSize: number;
  width: ReadingWidth;
  /** Coding stripes beside the article (views/stripes.ts). */
  stripes: boolean;
}

/** The article's text size as a share of the default; the default is 1. */
export const TEXT_SCALES = [0.8, 0.9, 1, 1.1, 1.25, 1.4, 1.6, 1.8, 2] as const;
const DEFAULT_SIZE = TEXT_SCALES.indexOf(1);
export const DEFAULT_VIEW: ViewSettings = { appearance: 'system', textSize: DEFAULT_SIZE, width: 'normal', stripes: true };

/** Settings read back from storage; anything unknown falls back to the default. */
export function parseViewSettings(raw: string | null): ViewSettings {
  let value: Partial<Record<keyof ViewSettings, unknown>> = {};
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (parsed && typeof parsed === 'object') value = parsed as typeof value;
  } catch {
    // A damaged entry is the defaults.
  }
  const appearance = (['system', 'light', 'dark'] as const).find((a) => a === value.appearance) ?? DEFAULT_VIEW.appearance;
  const width = (['narrow', 'normal', 'wide'] as const).find((w) => w === value.width) ?? DEFAULT_VIEW.width;
  const textSize =
    typeof value.textSize === 'number' && Number.isInteger(value.textSize) && value.textSize >= 0 && value.textSize < TEXT_SCALES.length
      ? value.textSize
      : DEFAULT_VIEW.textSize;
  const stripes = typeof value.stripes === 'boolean' ? value.stripes : DEFAULT_VIEW.stripes;
  return { appearance, textSize, width, stripes };
}

function load(): ViewSettings {
  try {
    return parseViewSettings(localStorage.getItem(VIEW_SETTINGS_KEY));
  } catch {
    return DEFAULT_VIEW;
  }
}

/** Puts the settings on <html>: theme-light / theme-dark override prefers-color-scheme; width-*; --text-scale. */
export function applyViewSettings(settings: ViewSettings, root: HTMLElement = document.documentElement): void {
  root.classList.toggle('theme-light', settings.appearance === 'light');
  root.classList.toggle('theme-dark', settings.appearance === 'dark');
  for (const width of ['narrow', 'wide'] as const) root.classList.toggle(`width-${width}`, settings.width === width);
  root.classList.toggle(HIDE_STRIPES_CLASS, !settings.stripes);
  root.style.setProperty('--text-scale', String(TEXT_SCALES[settings.textSize] ?? 1));
}

function percent(settings: ViewSettings): string {
  return `${Math.round((TEXT_SCALES[settings.textSize] ?? 1) * 100)}%`;
}

/** The settings and their dialog; the text-size keys (browser edition) reach `resize` through the keymap. */
export class ViewSettingsControl {
  private settings = load();
  private readonly dialog = new ViewDialog(this);

  constructor(private readonly announce: (message: string) => void) {
    applyViewSettings(this.settings);
  }

  get current(): ViewSettings {
    return this.settings;
  }

  /** Changes and remembers settings. */
  set(change: Partial<ViewSettings>): void {
    this.settings = { ...this.settings, ...change };
    applyViewSettings(this.settings);
    try {
      localStorage.setItem(VIEW_SETTINGS_KEY, JSON.stringify(this.settings));
    } catch {
      // Storage refused (private mode): the settings still hold for this session.
    }
    this.dialog.sync(this.settings, percent(this.settings));
  }

  /** Makes the article's text larger (1), smaller (-1) or the default size (0). */
  resize(step: 1 | -1 | 0): void {
    const textSize = step === 0 ? DEFAULT_SIZE : Math.max(0, Math.min(TEXT_SCALES.length - 1, this.settings.textSize + step));
    this.set({ textSize });
    this.announce(`Text size ${percent(this.settings)}.`);
  }

  /** Opens the View dialog. */
  open(): void {
    this.dialog.show(this.settings, percent(this.settings));
  }
}
