// Reading a data folder's files: a snapshot and its journal for opening them, and the whole folder from outside the
// store (the export command: the data, or the split layout's files put together, journals replayed, nothing written).
import { join } from 'node:path';
import { errorMessage, GlossError } from '../errors';
import { DATA_FILE_NAME } from './data-file';
import { documentFilePaths, LIBRARY_FILE_NAME, LIBRARY_JOURNAL_NAME } from './split-layout';
import { describeFsError, nodeFileOps, readIfThere, type FileOps } from './file-ops';
import { committedPart, fingerprintOf, isObject, JOURNAL_FILE_NAME, journalFit, parseJournal, type JournalRead } from './journal-format';
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
 * no recovery): the data file with its journal replayed, or in the split layout the library file and
 * every document file it lists, each with its journal replayed, put together in the data file's shape.
 * Safe beside a running Gloss: a compaction that lands between reading a journal and its snapshot is
 * noticed and the read repeated. Throws the file system's error when the data (or library) file cannot
 * be read, a SyntaxError when a file is not JSON.
 */
export async function readDataFolder(dataDir: string, fs: FileOps = nodeFileOps): Promise<FolderContent> {
  const library = await readPair(fs, join(dataDir, LIBRARY_FILE_NAME), join(dataDir, LIBRARY_JOURNAL_NAME)).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  });
  if (!library) return readPair(fs, join(dataDir, DATA_FILE_NAME), join(dataDir, JOURNAL_FILE_NAME));
  const raw = library.raw as {
    documents?: unknown;
    codebook?: unknown;
    schemaVersion?: unknown;
    coder?: unknown;
    rejectedSuggestions?: unknown;
    batch?: unknown;
  };
  const parts: FolderContent[] = [library];
  // The library's last committed batch, as opening reads it: a document's lines after it were never committed (see BatchLine).
  const committed =
    library.journal === 'ignored' ? undefined : Math.max(typeof raw.batch === 'number' ? raw.batch : 0, ...(library.numbers ?? []));
  const documents: unknown[] = [];
  const annotations: unknown[] = [];
  const history: unknown[] = [];
  for (const entry of Array.isArray(raw.documents) ? raw.documents : []) {
    if (!isObject(entry) || typeof entry.id !== 'string') continue;
    const paths = documentFilePaths(dataDir, entry.id);
    // A document whose file is missing is left out, as opening lists it without its content.
    const part = await readPair(fs, paths.file, paths.journal, committed).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    });
    if (!part) continue;
    parts.push(part);
    const file = part.raw as { documents?: unknown[]; annotations?: unknown[]; history?: unknown[] };
    documents.push(...(file.documents ?? []));
    annotations.push(...(file.annotations ?? []));
    history.push(...(file.history ?? []));
  }
  const joined = {
    schemaVersion: raw.schemaVersion,
    documents,
    codebook: raw.codebook,
    annotations,
    ...(history.length > 0 ? { history } : {}),
    ...(raw.coder !== undefined ? { coder: raw.coder } : {}),
    ...(raw.rejectedSuggestions !== undefined ? { rejectedSuggestions: raw.rejectedSuggestions } : {}),
  };
  const problem = parts.find((p) => p.problem)?.problem;
  const journal = parts.some((p) => p.journal === 'ignored')
    ? 'ignored'
    : parts.some((p) => p.journal === 'replayed')
      ? 'replayed'
      : parts.some((p) => p.journal === 'spent')
        ? 'spent'
        : 'none';
  return { raw: joined, journal, ...(problem ? { problem } : {}) };
}

/**
 * Reads one snapshot with its journal replayed onto it (see readDataFolder), as far as `committed` (see
 * committedPart); answers the numbers of the batches replayed too.
 */
async function readPair(
  fs: FileOps,
  file: string,
  journalFile: string,
  committed?: number,
): Promise<FolderContent & { numbers?: number[] }> {
  for (let attempt = 0; ; attempt += 1) {
    // The journal first: a compaction replaces the data file before it empties the journal.
    const journalBytes = await readIfThere(fs, journalFile);
    const bytes = await fs.readFile(file);
    const raw: unknown = JSON.parse(bytes.toString('utf8'));
    const whole: JournalRead = journalBytes ? parseJournal(journalBytes) : { kind: 'empty' };
    const journal = committed === undefined ? whole : committedPart(whole, committed);
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
      return { raw, journal: 'replayed', numbers: journal.numbers.filter((n): n is number => n !== undefined) };
    }
    if (journal.batches.length === 0) return { raw, journal: 'none' };
    if (attempt >= 10) return { raw, journal: 'ignored', problem: 'it belongs to another version of the data file' };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
