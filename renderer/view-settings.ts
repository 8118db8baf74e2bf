// View settings: light, dark or the system's appearance; the article's text size; the reading column's width;
// whether coding stripes are shown.
// Applied as classes and a custom property on <html>, and remembered in localStorage.
import { closeRow, labelledDialog } from './dialog-parts';
import { h } from './ui/dom';
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

function radios<T extends string>(name: string, legend: string, choices: Array<[T, string]>): HTMLFieldSetElement {
  const set = document.createElement('fieldset');
  const title = document.createElement('legend');
  title.textContent = legend;
  set.append(title);
  for (const [value, text] of choices) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = name;
    input.value = value;
    label.append(input, ` ${text}`);
    set.append(label);
  }
  return set;
}

/** The settings, their dialog and (in the browser edition) the text-size keys. */
export class ViewSettingsControl {
  private settings = load();
  private readonly parts = labelledDialog('view-dialog', 'view-dialog', 'View');
  private readonly dialog: HTMLDialogElement = this.parts.dialog;
  private readonly form = document.createElement('form');
  private readonly size = document.createElement('output');
  private readonly stripes = h('input', { props: { type: 'checkbox', id: 'view-stripes' } });

  constructor(private readonly announce: (message: string) => void) {
    applyViewSettings(this.settings);
    this.build();
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
    this.sync();
  }

  /** Makes the article's text larger (1), smaller (-1) or the default size (0). */
  resize(step: 1 | -1 | 0): void {
    const textSize = step === 0 ? DEFAULT_SIZE : Math.max(0, Math.min(TEXT_SCALES.length - 1, this.settings.textSize + step));
    this.set({ textSize });
    this.announce(`Text size ${percent(this.settings)}.`);
  }

  open(): void {
    this.sync();
    if (!this.dialog.open) this.dialog.showModal();
  }

  private sync(): void {
    for (const input of this.form.querySelectorAll<HTMLInputElement>('input[type="radio"]')) {
      input.checked = input.value === this.settings[input.name as 'appearance' | 'width'];
    }
    this.size.textContent = percent(this.settings);
    this.stripes.checked = this.settings.stripes;
  }

  private build(): void {
    const { title } = this.parts;
    const appearance = radios<Appearance>('appearance', 'Appearance', [
      ['system', 'Follow the system'],
      ['light', 'Light'],
      ['dark', 'Dark'],
    ]);
    const width = radios<ReadingWidth>('width', 'Reading width', [
      ['narrow', 'Narrow'],
      ['normal', 'Normal'],
      ['wide', 'Wide'],
    ]);
    const sizeSet = document.createElement('fieldset');
    sizeSet.className = 'view-size';
    const sizeLegend = document.createElement('legend');
    sizeLegend.textContent = 'Text size';
    this.size.id = 'view-size-value';
    this.size.setAttribute('aria-live', 'polite');
    const sizeButtons = (['Smaller', 'Default', 'Larger'] as const).map((text) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = text;
      b.id = `view-size-${text.toLowerCase()}`;
      b.addEventListener('click', () => this.resize(text === 'Smaller' ? -1 : text === 'Larger' ? 1 : 0));
      return b;
    });
    sizeSet.append(sizeLegend, ...sizeButtons, this.size);
    const actions = closeRow(this.dialog, 'Close', 'view-close');
    this.form.addEventListener('submit', (event) => event.preventDefault());
    const stripes = h('fieldset', null, h('legend', null, 'Margin'), h('label', null, this.stripes, ' Coding stripes beside the article'));
    this.stripes.addEventListener('change', () => this.set({ stripes: this.stripes.checked }));
    this.form.append(title, appearance, sizeSet, width, stripes, actions);
    this.form.addEventListener('change', (event) => {
      const input = event.target as HTMLInputElement;
      if (input.name === 'appearance') this.set({ appearance: input.value as Appearance });
      if (input.name === 'width') this.set({ width: input.value as ReadingWidth });
    });
    this.dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.dialog.close();
      }
    });
    this.dialog.append(this.form);
    document.body.append(this.dialog);
  }
}
