// Rolling backups of the data file: the last few versions and one a day for a week, kept as hard links (no copying).
import { join } from 'node:path';
import { errorMessage, GlossError } from '../errors';
import { parseDataFile, type SchemaInfo, type StoreData } from './data-file';
import type { FileOps } from './file-ops';
import { freeName, stampOf } from './folder-names';

/** The folder inside the data folder that holds backups. */
export const BACKUP_DIR = 'backups';
/** How many of the most recent versions are kept. */
export const KEEP_RECENT = 5;
/** For how many days the last version of each day is kept. */
export const KEEP_DAYS = 7;

/** The name a backup of the file `prefix`.json gets (or of a set of files, without an extension): its name and the time it was taken. */
export function backupPattern(prefix: string, extension = '.json'): RegExp {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(prefix)}\\.(\\d{4}-\\d{2}-\\d{2})T(\\d{2})-(\\d{2})-(\\d{2})-(\\d{3})Z(?:-\\d+)?${escape(extension)}$`);
}
const DATA_FILE_BACKUP = backupPattern('gloss-data');

/** A backup as the user picks it. */
export interface BackupInfo {
  name: string;
  /** When the version it holds was replaced (ISO 8601). */
  created: string;
}

/** The time a backup name records, or null when the name is not a backup's (of the data file, unless `pattern` says which). */
export function parseBackupName(name: string, pattern: RegExp = DATA_FILE_BACKUP): string | null {
  const match = pattern.exec(name);
  if (!match) return null;
  const [, day, h, m, s, ms] = match;
  return `${day}T${h}:${m}:${s}.${ms}Z`;
}

/** Newest first. */
export function newestFirst(backups: readonly BackupInfo[]): BackupInfo[] {
  return [...backups].sort((a, b) => b.created.localeCompare(a.created) || b.name.localeCompare(a.name));
}

/** The backups in `dir` whose names `pattern` reads, newest first (none when there is no such folder). */
export async function listBackups(fs: FileOps, dir: string, pattern: RegExp): Promise<BackupInfo[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  return newestFirst(
    names.map((name) => ({ name, created: parseBackupName(name, pattern) })).filter((b): b is BackupInfo => b.created !== null),
  );
}

/** The names to delete so that only the newest KEEP_RECENT and the newest of each of the last KEEP_DAYS days remain. */
export function backupsToPrune(backups: readonly BackupInfo[], now: Date): string[] {
  const ordered = newestFirst(backups);
  const keep = new Set(ordered.slice(0, KEEP_RECENT).map((b) => b.name));
  const oldestDay = new Date(now.getTime() - KEEP_DAYS * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const daysSeen = new Set<string>();
  for (const backup of ordered) {
    const day = backup.created.slice(0, 10);
    if (day < oldestDay || daysSeen.has(day)) continue;
    daysSeen.add(day);
    keep.add(backup.name);
  }
  return ordered.filter((b) => !keep.has(b.name)).map((b) => b.name);
}

/** The backups of one file of a data folder (the data file, unless `prefix` names another). */
export class Backups {
  readonly dir: string;
  private readonly pattern: RegExp;

  constructor(
    dataDir: string,
    private readonly fs: FileOps,
    private readonly now: () => Date,
    /** The backed-up file's name without ".json"; its backups are named after it. */
    private readonly prefix = 'gloss-data',
    /** The folder they are kept in, inside the data folder. */
    folder: string = BACKUP_DIR,
  ) {
    this.dir = join(dataDir, folder);
    this.pattern = backupPattern(prefix);
  }

  /**
   * Keeps the file about to be replaced. A hard link shares the old content without copying it
   * (the write that follows gives the data file a new inode); where links are not supported it
   * is copied. A backup that cannot be made never blocks the write that asked for it.
   */
  async keep(file: string): Promise<void> {
    try {
      await this.fs.access(file);
    } catch {
      return;
    }
    try {
      await this.fs.mkdir(this.dir, { recursive: true });
      const target = await freeName(this.fs, this.dir, `${this.prefix}.${stampOf(this.now())}`, '.json');
      try {
        await this.fs.link(file, target);
      } catch {
        await this.fs.copyFile(file, target);
      }
      await this.prune();
    } catch {
      // Best effort: the data file itself is what must be written.
    }
  }

  /** Every backup, newest first. */
  list(): Promise<BackupInfo[]> {
    return listBackups(this.fs, this.dir, this.pattern);
  }

  /** The text of one backup; the name must be one that list() gives. */
  async read(name: string): Promise<string> {
    if (parseBackupName(name, this.pattern) === null) throw new Error(`"${name}" is not a backup name`);
    return (await this.fs.readFile(join(this.dir, name))).toString('utf8');
  }

  /** Reads and checks a backup's data without applying it. */
  async readData(name: string, schema: SchemaInfo): Promise<StoreData> {
    let text: string;
    try {
      text = await this.read(name);
    } catch {
      throw new GlossError('not-found', `No backup named "${name}".`);
    }
    let parsed;
    try {
      parsed = parseDataFile(text, schema);
    } catch (error) {
      throw new GlossError('invalid-document', `The backup "${name}" cannot be used: ${errorMessage(error)}.`);
    }
    if (parsed.kind !== 'current') throw new GlossError('invalid-document', `The backup "${name}" is from a newer Gloss.`);
    return parsed.data;
  }

  private async prune(): Promise<void> {
    for (const name of backupsToPrune(await this.list(), this.now())) {
      await this.fs.rm(join(this.dir, name), { force: true });
    }
  }
}
