// The update preference and the time of the last completed check, remembered between launches in a
// small JSON file of the shell's own in userData (beside window-state.json). No 'electron' at runtime.
import { join } from 'node:path';
import { readJsonFile, writeJsonFileAtomic } from './json-file';

/** What is remembered about updates. */
export interface UpdateSettings {
  /** Whether Gloss checks by itself (at start, at most once a day); Help > Check for Updates works either way. */
  automaticChecks: boolean;
  /** When a check last got an answer from the server (ms since the epoch), or null if never. */
  lastCheckedAt: number | null;
}

/** The file's name inside userData. */
export const UPDATE_SETTINGS_FILE = 'update-settings.json';

/** A first launch: checks on, never checked. */
export const DEFAULT_UPDATE_SETTINGS: UpdateSettings = { automaticChecks: true, lastCheckedAt: null };

/** Reads stored settings; anything malformed falls back to the default for that field, never to an error. */
export function parseUpdateSettings(value: unknown): UpdateSettings {
  if (typeof value !== 'object' || value === null) return { ...DEFAULT_UPDATE_SETTINGS };
  const { automaticChecks, lastCheckedAt } = value as Record<string, unknown>;
  return {
    automaticChecks: typeof automaticChecks === 'boolean' ? automaticChecks : DEFAULT_UPDATE_SETTINGS.automaticChecks,
    lastCheckedAt: typeof lastCheckedAt === 'number' && Number.isFinite(lastCheckedAt) ? lastCheckedAt : null,
  };
}

/** Where the update controller keeps its settings. */
export interface UpdateSettingsStore {
  load(): UpdateSettings;
  save(settings: UpdateSettings): void;
}

/** The store over userData's file; a failed write is logged, not thrown (a missed preference is not worth an error box). */
export function updateSettingsFile(userData: string): UpdateSettingsStore {
  const path = join(userData, UPDATE_SETTINGS_FILE);
  return {
    load: () => parseUpdateSettings(readJsonFile(path)),
    save(settings) {
      try {
        writeJsonFileAtomic(path, settings);
      } catch (error) {
        console.error('Gloss: the update settings could not be saved:', error);
      }
    },
  };
}
