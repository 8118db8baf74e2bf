// The main window's size, position and maximised state, remembered between launches in a small JSON
// file in userData. Restored only where a display can show it: a window last seen on a monitor
// that has since been unplugged comes back on one that is there. No 'electron' at runtime.
import { join } from 'node:path';
import { readJsonFile, writeJsonFileAtomic } from './json-file';

/** A rectangle in screen coordinates (Electron's Rectangle). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is remembered: the window's normal (not maximised) bounds and whether it was maximised. */
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

/** The slice of Electron's Display the placement reads: the area not taken by docks, task bars and menu bars. */
export interface DisplayArea {
  workArea: Rect;
}

/** The window's size on first launch, and its smallest size. */
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 860 } as const;
export const MIN_WINDOW_SIZE = { width: 640, height: 480 } as const;

/** The file's name inside userData. */
export const WINDOW_STATE_FILE = 'window-state.json';

/**
 * How much of the window must overlap a display for it to count as visible there: enough of the
 * title bar to grab and drag. Less than this and the window is treated as off-screen.
 */
export const MIN_VISIBLE = { width: 120, height: 48 } as const;

function overlap(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y),
  };
}

/**
 * Where remembered `bounds` may be restored, or null when no display shows enough of them (the
 * caller then uses the default size, centred). The display overlapping the window most wins; the
 * window is shrunk to fit that display's work area (never below MIN_WINDOW_SIZE, or the work area if
 * that is smaller) and moved inside it, so it comes back whole and reachable.
 */
export function clampToDisplays(bounds: Rect, displays: readonly DisplayArea[]): Rect | null {
  if (![bounds.x, bounds.y, bounds.width, bounds.height].every(Number.isFinite)) return null;
  if (bounds.width <= 0 || bounds.height <= 0) return null;
  let best: { area: Rect; shown: number } | null = null;
  for (const { workArea } of displays) {
    const shared = overlap(bounds, workArea);
    if (shared.width < Math.min(MIN_VISIBLE.width, bounds.width) || shared.height < Math.min(MIN_VISIBLE.height, bounds.height)) continue;
    const shown = shared.width * shared.height;
    if (!best || shown > best.shown) best = { area: workArea, shown };
  }
  if (!best) return null;
  const area = best.area;
  const width = Math.min(Math.max(bounds.width, Math.min(MIN_WINDOW_SIZE.width, area.width)), area.width);
  const height = Math.min(Math.max(bounds.height, Math.min(MIN_WINDOW_SIZE.height, area.height)), area.height);
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
}

function isRect(value: unknown): value is Rect {
  if (typeof value !== 'object' || value === null) return false;
  const { x, y, width, height } = value as Record<string, unknown>;
  return [x, y, width, height].every((n) => typeof n === 'number' && Number.isFinite(n));
}

/** Reads stored state; anything malformed reads as null (first launch), never as an error. */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { bounds, maximized } = value as Record<string, unknown>;
  if (!isRect(bounds) || bounds.width <= 0 || bounds.height <= 0) return null;
  return { bounds: { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height }, maximized: maximized === true };
}

/**
 * The BrowserWindow options for a window restored from `state` on `displays`: remembered bounds
 * where they are visible, else the default size (Electron centres a window given no position).
 */
export function initialWindowBounds(
  state: WindowState | null,
  displays: readonly DisplayArea[],
): Partial<Rect> & { width: number; height: number } {
  const restored = state ? clampToDisplays(state.bounds, displays) : null;
  return restored ?? { ...DEFAULT_WINDOW_SIZE };
}

/** Loads the remembered state from `userData`. */
export function loadWindowState(userData: string): WindowState | null {
  return parseWindowState(readJsonFile(join(userData, WINDOW_STATE_FILE)));
}

/** Remembers `state` in `userData`; a failure is logged, not thrown (losing the window's place is not worth an error box). */
export function saveWindowState(userData: string, state: WindowState): void {
  try {
    writeJsonFileAtomic(join(userData, WINDOW_STATE_FILE), state);
  } catch (error) {
    console.error('Gloss: the window position could not be saved:', error);
  }
}
