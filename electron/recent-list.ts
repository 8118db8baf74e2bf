// File > Open Recent's list on Windows and Linux (macOS keeps its own): the paths, newest first, kept in a
// JSON file in the user's data folder so they survive a restart. A list that cannot be saved is logged
// and kept in memory, since losing Open Recent must not stop an open.
import { parseRecentDocuments, withRecentDocument } from './documents';
import { readJsonFile, writeJsonFileAtomic } from './json-file';

/** The recent documents and their file. */
export class RecentList {
  private paths: string[] = [];

  /** `file`: where the list is kept; `changed`: called after the list changed (the menu is rebuilt). */
  constructor(
    private readonly file: string,
    private readonly changed: () => void,
  ) {}

  /** Reads the list kept last time (an unreadable or malformed file reads as empty). */
  load(): void {
    this.paths = parseRecentDocuments(readJsonFile(this.file));
  }

  /** The paths, newest first. */
  get documents(): readonly string[] {
    return this.paths;
  }

  /** Puts `path` first. */
  remember(path: string): void {
    this.paths = withRecentDocument(this.paths, path);
    this.save();
  }

  /** Empties the list. */
  clear(): void {
    this.paths = [];
    this.save();
  }

  private save(): void {
    try {
      writeJsonFileAtomic(this.file, { recent: this.paths });
    } catch (error) {
      console.error('Gloss: the recent documents could not be saved:', error);
    }
    this.changed();
  }
}
