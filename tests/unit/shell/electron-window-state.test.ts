// The remembered window: restored where a display shows it, moved back on screen when its monitor
// is gone, stored atomically, and a damaged file read as a first launch.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { readJsonFile, writeJsonFileAtomic } from '../../../electron/json-file';
import {
  DEFAULT_WINDOW_SIZE,
  MIN_WINDOW_SIZE,
  WINDOW_STATE_FILE,
  clampToDisplays,
  initialWindowBounds,
  loadWindowState,
  parseWindowState,
  saveWindowState,
  type DisplayArea,
  type Rect,
} from '../../../electron/window-state';

const LAPTOP: DisplayArea = { workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const MONITOR_RIGHT: DisplayArea = { workArea: { x: 1440, y: 0, width: 2560, height: 1400 } };

function inside(rect: Rect, area: Rect): boolean {
  return rect.x >= area.x && rect.y >= area.y && rect.x + rect.width <= area.x + area.width && rect.y + rect.height <= area.y + area.height;
}

describe('clampToDisplays', () => {
  it('restores a window that fits on its display exactly where it was', () => {
    const bounds = { x: 100, y: 80, width: 1000, height: 700 };
    assert.deepEqual(clampToDisplays(bounds, [LAPTOP]), bounds);
    const right = { x: 2000, y: 100, width: 1200, height: 900 };
    assert.deepEqual(clampToDisplays(right, [LAPTOP, MONITOR_RIGHT]), right);
  });

  it('answers null for a window on a monitor that is no longer there', () => {
    assert.equal(clampToDisplays({ x: 2000, y: 100, width: 1200, height: 900 }, [LAPTOP]), null);
  });

  it('answers null when only a sliver would show, too little to grab', () => {
    assert.equal(clampToDisplays({ x: 1400, y: 300, width: 800, height: 600 }, [LAPTOP]), null);
    assert.equal(clampToDisplays({ x: 100, y: -580, width: 800, height: 600 }, [LAPTOP]), null);
  });

  it('pulls a window that hangs off the edge back inside the work area', () => {
    const restored = clampToDisplays({ x: 1000, y: 500, width: 800, height: 600 }, [LAPTOP]);
    assert.deepEqual(restored, { x: 640, y: 300, width: 800, height: 600 });
  });

  it('shrinks a window larger than the display it is on to the work area', () => {
    assert.deepEqual(clampToDisplays({ x: -10, y: 0, width: 2560, height: 1400 }, [LAPTOP]), LAPTOP.workArea);
  });

  it('puts a window spanning two displays on the one that shows most of it', () => {
    const restored = clampToDisplays({ x: 1300, y: 100, width: 1000, height: 700 }, [LAPTOP, MONITOR_RIGHT]);
    assert.ok(restored && inside(restored, MONITOR_RIGHT.workArea), JSON.stringify(restored));
  });

  it('grows a remembered size below the minimum back to the minimum', () => {
    const restored = clampToDisplays({ x: 100, y: 100, width: 200, height: 150 }, [LAPTOP]);
    assert.deepEqual(restored, { x: 100, y: 100, width: MIN_WINDOW_SIZE.width, height: MIN_WINDOW_SIZE.height });
  });

  it('refuses nonsense bounds and an empty display list', () => {
    for (const bounds of [
      { x: Number.NaN, y: 0, width: 800, height: 600 },
      { x: 0, y: 0, width: 0, height: 600 },
      { x: 0, y: 0, width: 800, height: -1 },
      { x: Infinity, y: 0, width: 800, height: 600 },
    ]) {
      assert.equal(clampToDisplays(bounds, [LAPTOP]), null, JSON.stringify(bounds));
    }
    assert.equal(clampToDisplays({ x: 0, y: 0, width: 800, height: 600 }, []), null);
  });

  it('always answers a window inside one display, whatever was stored and however displays are laid out', () => {
    const rect = fc.record({
      x: fc.integer({ min: -5000, max: 5000 }),
      y: fc.integer({ min: -5000, max: 5000 }),
      width: fc.integer({ min: 1, max: 6000 }),
      height: fc.integer({ min: 1, max: 4000 }),
    });
    const display = fc.record({
      x: fc.integer({ min: -4000, max: 4000 }),
      y: fc.integer({ min: -4000, max: 4000 }),
      width: fc.integer({ min: 320, max: 5000 }),
      height: fc.integer({ min: 240, max: 3000 }),
    });
    fc.assert(
      fc.property(rect, fc.array(display, { minLength: 1, maxLength: 3 }), (bounds, areas) => {
        const displays = areas.map((workArea) => ({ workArea }));
        const restored = clampToDisplays(bounds, displays);
        if (restored === null) return true;
        return areas.some((area) => inside(restored, area));
      }),
    );
  });
});

describe('initialWindowBounds', () => {
  it('uses the default size, unpositioned (so centred), on first launch or when the place is gone', () => {
    assert.deepEqual(initialWindowBounds(null, [LAPTOP]), { ...DEFAULT_WINDOW_SIZE });
    const gone = { bounds: { x: 3000, y: 0, width: 900, height: 700 }, maximized: false };
    assert.deepEqual(initialWindowBounds(gone, [LAPTOP]), { ...DEFAULT_WINDOW_SIZE });
  });

  it('uses the remembered place when a display shows it', () => {
    const state = { bounds: { x: 50, y: 60, width: 900, height: 700 }, maximized: true };
    assert.deepEqual(initialWindowBounds(state, [LAPTOP]), state.bounds);
  });
});

describe('parseWindowState', () => {
  it('reads bounds and the maximised flag', () => {
    assert.deepEqual(parseWindowState({ bounds: { x: 1, y: 2, width: 3, height: 4 }, maximized: true, extra: 1 }), {
      bounds: { x: 1, y: 2, width: 3, height: 4 },
      maximized: true,
    });
    assert.equal(parseWindowState({ bounds: { x: 1, y: 2, width: 3, height: 4 } })?.maximized, false);
  });

  it('reads anything malformed as no state', () => {
    for (const value of [
      null,
      'x',
      [],
      {},
      { bounds: { x: 1, y: 2, width: '3', height: 4 } },
      { bounds: { x: 1, y: 2, width: 0, height: 4 } },
    ]) {
      assert.equal(parseWindowState(value), null, JSON.stringify(value));
    }
  });
});

describe('the window state file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gloss-window-state-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips through userData and leaves no temporary file behind', () => {
    const state = { bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: true };
    saveWindowState(dir, state);
    assert.deepEqual(loadWindowState(dir), state);
    assert.deepEqual(readdirSync(dir), [WINDOW_STATE_FILE]);
  });

  it('reads a damaged or missing file as a first launch', () => {
    writeFileSync(join(dir, WINDOW_STATE_FILE), '{"bounds": {"x": 1,');
    assert.equal(loadWindowState(dir), null);
    assert.equal(loadWindowState(join(dir, 'missing')), null);
  });

  it('replaces the file whole and cleans up when the write fails', () => {
    const file = join(dir, 'value.json');
    writeJsonFileAtomic(file, { a: 1 });
    writeJsonFileAtomic(file, { a: 2 });
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { a: 2 });
    assert.deepEqual(readJsonFile(file), { a: 2 });
    assert.throws(() => writeJsonFileAtomic(join(dir, 'no-such-dir', 'x.json'), {}));
    assert.ok(!readdirSync(dir).some((name) => name.endsWith('.tmp')));
  });

  it('logs rather than throws when the state cannot be saved', () => {
    const original = console.error;
    const logged: unknown[] = [];
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      saveWindowState(join(dir, 'no-such-dir'), { bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: false });
    } finally {
      console.error = original;
    }
    assert.equal(logged.length, 1);
  });
});
