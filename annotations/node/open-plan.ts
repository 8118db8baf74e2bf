// Opening a data folder, decided: from what was read (the data file's bytes and the journal's) to the data the
// store starts with and the steps that put the folder in order. Pure, so that every case can be tested without
// a disk; the store carries the steps out (see Store.open).
import { SCHEMA_VERSION } from '../schemas';
import { errorMessage } from '../errors';
import { dataFileKind, type FileKind, type Parsed, type Replay, type SchemaInfo, type StoreData } from './data-file';
import { committedPart, fingerprintOf, journalFit, parseJournal, type Fingerprint, type JournalRead } from './journal-format';

/** What opening read from the data folder: each file's bytes, or null when it is not there. */
export interface FolderRead {
  dataFile: Buffer | null;
  journal: Buffer | null;
}

/** Where the two files are (the notices name them). */
export interface FolderFiles {
  dataFile: string;
  journal: string;
}

/** One thing opening does to the folder, in order. */
export type OpenStep =
  /** Keep a journal that cannot be applied under a name of its own, and say so. */
  | { step: 'set-journal-aside'; reason: string; withDataFile: boolean }
  /** Delete a journal that holds nothing worth keeping. */
  | { step: 'remove-journal' }
  /** Empty a journal with nothing to replay (spent, or only a torn first append); a failure leaves it for the next compaction. */
  | { step: 'empty-journal' }
  /** Append after the journal's valid lines: its changes were replayed into the data. */
  | { step: 'continue-journal'; validBytes: number }
  /** Set the unreadable data file aside and start from the newest good backup, or empty. */
  | { step: 'recover'; reason: string }
  /** Keep copies of the data file (and its journal) as they were, then write the migrated data. */
  | { step: 'migrate'; from: number; withJournal: boolean }
  /** After a crash: fold the replayed journal into a clean snapshot; a failure (a full disk) leaves it for the first save. */
  | { step: 'compact-after-replay' }
  /** Tell the user something that needs no change on disk. */
  | { step: 'notice'; text: string };

/** How the store starts, and what it does before it is open. */
export interface OpenPlan<T = StoreData> {
  data: T;
  /** The data file as read, which the journal's header names; null when there is none (or it was unreadable). */
  snapshot: Fingerprint | null;
  /** Why the store only reads, or null. */
  readOnly: string | null;
  steps: OpenStep[];
}

/** Where a journal stands beside a readable data file: the changes to replay, or why it cannot be used. */
function journalAgainst(journal: JournalRead, snapshot: Fingerprint): { replay?: Replay; problem: string | null } {
  if (journal.kind === 'unreadable') return { problem: journal.reason };
  if (journal.kind === 'empty') return { problem: null };
  const fit = journalFit(journal, snapshot);
  if (fit === 'applies') {
    return { replay: { schemaVersion: journal.header.schemaVersion, batches: journal.batches, numbers: journal.numbers }, problem: null };
  }
  if (fit === 'foreign' && journal.batches.length > 0) return { problem: 'it belongs to another version of the data file' };
  // Spent (a compaction put its changes in the data file and stopped before emptying it), or foreign and empty.
  return { problem: null };
}

/** Decides how to open a folder's data file from what was read from it. */
export function planOpening(read: FolderRead, schema: SchemaInfo, files: FolderFiles): OpenPlan {
  return planFileOpening(read, dataFileKind(schema), files);
}

/**
 * Decides how to open one file of a kind, with its journal, from what was read of them. `committed`: for a
 * document file of the split layout, the number of the last batch the library file committed; the batches
 * after it are left out, and cut from the journal (see committedPart).
 */
export function planFileOpening<T>(read: FolderRead, kind: FileKind<T>, files: FolderFiles, committed?: number): OpenPlan<T> {
  const whole: JournalRead = read.journal && read.journal.length > 0 ? parseJournal(read.journal) : { kind: 'empty' };
  const journal = committed === undefined ? whole : committedPart(whole, committed);
  // Whether the journal holds anything worth keeping if it cannot be applied.
  const worthKeeping = journal.kind === 'unreadable' || (journal.kind === 'read' && journal.batches.length > 0);
  const dropJournal = (reason: string, withDataFile: boolean): OpenStep[] =>
    worthKeeping ? [{ step: 'set-journal-aside', reason, withDataFile }] : read.journal !== null ? [{ step: 'remove-journal' }] : [];

  if (read.dataFile === null) {
    return {
      data: kind.empty(),
      snapshot: null,
      readOnly: null,
      steps: dropJournal('there is no data file for its changes to apply to', false),
    };
  }
  const text = read.dataFile.toString('utf8');
  const snapshot = fingerprintOf(read.dataFile);
  let { replay, problem } = journalAgainst(journal, snapshot);
  if (replay && replay.batches.length === 0) replay = undefined;

  let parsed: Parsed<T> | undefined;
  try {
    parsed = kind.parse(text, replay);
  } catch (error) {
    if (replay) {
      // Was it the journal? The data file alone tells.
      try {
        parsed = kind.parse(text);
        problem = `its changes do not apply to the data file: ${errorMessage(error)}`;
        replay = undefined;
      } catch {
        parsed = undefined;
      }
    }
    if (!parsed) {
      const steps = [
        ...dropJournal('the data file it belongs to could not be read', true),
        { step: 'recover', reason: errorMessage(error) } as const,
      ];
      return { data: kind.empty(), snapshot: null, readOnly: null, steps };
    }
  }

  if (parsed.kind === 'newer') {
    const readOnly =
      `The data file was written by a newer Gloss (schema version ${parsed.version}; this Gloss knows ${SCHEMA_VERSION}). ` +
      `It is open read-only (${files.dataFile}): update Gloss to change it.`;
    // Read-only: nothing is written, renamed or truncated, the journal included.
    const steps: OpenStep[] =
      problem && worthKeeping
        ? [{ step: 'notice', text: `The latest changes, in ${files.journal}, cannot be shown (${problem}); the file is left as it is.` }]
        : [];
    return { data: parsed.data ?? kind.empty(), snapshot, readOnly, steps };
  }

  const replayed = replay !== undefined && journal.kind === 'read';
  const steps: OpenStep[] = [];
  if (problem !== null) steps.push({ step: 'set-journal-aside', reason: problem, withDataFile: false });
  else if (replayed) steps.push({ step: 'continue-journal', validBytes: journal.validBytes });
  // Spent, from another data file but empty, only a header, or only a torn first append: nothing to keep.
  else if (read.journal !== null && read.journal.length > 0) steps.push({ step: 'empty-journal' });
  if (parsed.migratedFrom !== undefined) steps.push({ step: 'migrate', from: parsed.migratedFrom, withJournal: replayed });
  else if (replayed) steps.push({ step: 'compact-after-replay' });
  return { data: parsed.data, snapshot, readOnly: null, steps };
}
