// Reading a data folder's two files: for opening it, and from outside the store (the export command: the data
// file with its journal replayed, without writing anything).
import { join } from 'node:path';
import { errorMessage, GlossError } from '../errors';
import { DATA_FILE_NAME } from './data-file';
import { describeFsError, nodeFileOps, readIfThere, type FileOps } from './file-ops';
import { fingerprintOf, isObject, JOURNAL_FILE_NAME, journalFit, parseJournal, type JournalRead } from './journal-format';
import { replayJournal } from './journal-replay';
import type { FolderRead } from './open-plan';

/** Reads the data file and the journal for opening them (each null when it is not there); throws a storage error. */
export async function readFolder(fs: FileOps, dataFile: string, journal: string): Promise<FolderRead> {
  const read: FolderRead = { dataFile: null, journal: null };
  try {
    read.dataFile = await readIfThere(fs, dataFile);
  } catch (error) {
    throw new GlossError('storage', `The data file ${dataFile} cannot be read: ${describeFsError(error)}.`);
  }
  try {
    read.journal = await readIfThere(fs, journal);
  } catch (error) {
    throw new GlossError('storage', `The journal ${journal} cannot be read: ${describeFsError(error)}.`);
  }
  return read;
}

/** What a reader outside the store finds in a data folder. */
export interface FolderContent {
  /** The data file's parsed JSON with the journal's changes applied; not validated or migrated. */
  raw: unknown;
  /** What became of the journal: none there, its changes applied, already in the data file, or left out (see problem). */
  journal: 'none' | 'replayed' | 'spent' | 'ignored';
  problem?: string;
}

/**
 * Reads a data folder the way opening it would, without writing anything (no lock, no compaction,
 * no recovery): the data file with its journal replayed. Safe beside a running Gloss: a compaction
 * that lands between reading the journal and the data file is noticed and the read repeated.
 * Throws the file system's error when the data file cannot be read, a SyntaxError when it is not JSON.
 */
export async function readDataFolder(dataDir: string, fs: FileOps = nodeFileOps): Promise<FolderContent> {
  const file = join(dataDir, DATA_FILE_NAME);
  const journalFile = join(dataDir, JOURNAL_FILE_NAME);
  for (let attempt = 0; ; attempt += 1) {
    // The journal first: a compaction replaces the data file before it empties the journal.
    const journalBytes = await readIfThere(fs, journalFile);
    const bytes = await fs.readFile(file);
    const raw: unknown = JSON.parse(bytes.toString('utf8'));
    const journal: JournalRead = journalBytes ? parseJournal(journalBytes) : { kind: 'empty' };
    if (journal.kind === 'empty') return { raw, journal: 'none' };
    if (journal.kind === 'unreadable') return { raw, journal: 'ignored', problem: journal.reason };
    const fit = journalFit(journal, fingerprintOf(bytes));
    if (fit === 'spent') return { raw, journal: 'spent' };
    if (fit === 'applies') {
      if (!isObject(raw)) return { raw, journal: 'ignored', problem: 'the data file is not an object' };
      try {
        replayJournal(raw, journal.batches);
      } catch (error) {
        return { raw: JSON.parse(bytes.toString('utf8')), journal: 'ignored', problem: errorMessage(error) };
      }
      return { raw, journal: 'replayed' };
    }
    if (journal.batches.length === 0) return { raw, journal: 'none' };
    if (attempt >= 10) return { raw, journal: 'ignored', problem: 'it belongs to another version of the data file' };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
