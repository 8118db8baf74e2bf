// Backups of a folder in the split layout: each a set of hard links to the library file and every document file,
// taken when no journal holds anything (at a checkpoint, at closing), so that the files of one set restore together.
// Pruned as the data file's backups are (backupsToPrune).
import { basename, join } from 'node:path';
import { errorMessage, GlossError } from '../errors';
import { BACKUP_DIR, backupPattern, backupsToPrune, listBackups, type BackupInfo } from './backups';
import type { SchemaInfo, StoreData } from './data-file';
import type { FileOps } from './file-ops';
import { freeName, stampOf } from './folder-names';
import {
  DOCUMENTS_DIR,
  documentFileBase,
  documentFileKind,
  joinFiles,
  LIBRARY_FILE_NAME,
  libraryFileKind,
  NO_DOCUMENT_FILE,
  type StoredDocumentFile,
} from './split-layout';

/** The start of a set's folder name, inside the backups folder. */
export const SET_PREFIX = 'gloss-library-set';
const SET_NAME = backupPattern(SET_PREFIX, '');

/** The files of the split layout as they are now, all of them holding everything (no journal holds anything). */
export interface SplitFiles {
  library: string;
  documents: readonly string[];
}

/** The backup sets of one data folder. */
export class BackupSets {
  readonly dir: string;

  constructor(
    dataDir: string,
    private readonly fs: FileOps,
    private readonly now: () => Date,
  ) {
    this.dir = join(dataDir, BACKUP_DIR);
  }

  /** Whether a backup name is a set's. */
  static isSet(name: string): boolean {
    return SET_NAME.test(name);
  }

  /** Keeps the files as a set (links, or copies where links are not supported). Best effort: never blocks the caller. */
  async keep(files: SplitFiles): Promise<void> {
    try {
      await this.fs.mkdir(this.dir, { recursive: true });
      const set = await freeName(this.fs, this.dir, `${SET_PREFIX}.${stampOf(this.now())}`, '');
      await this.fs.mkdir(join(set, DOCUMENTS_DIR), { recursive: true });
      const share = async (file: string, target: string): Promise<void> => {
        try {
          await this.fs.link(file, target);
        } catch {
          await this.fs.copyFile(file, target);
        }
      };
      await share(files.library, join(set, LIBRARY_FILE_NAME));
      for (const file of files.documents) await share(file, join(set, DOCUMENTS_DIR, basename(file)));
      for (const name of backupsToPrune(await this.list(), this.now())) {
        await this.fs.rm(join(this.dir, name), { force: true, recursive: true });
      }
    } catch {
      // A backup that cannot be made never stops the store.
    }
  }

  /** Every set, newest first. */
  list(): Promise<BackupInfo[]> {
    return listBackups(this.fs, this.dir, SET_NAME);
  }

  /** Reads and checks a set's data (every file of it) without applying it. */
  async readData(name: string, schema: SchemaInfo): Promise<StoreData> {
    if (!BackupSets.isSet(name)) throw new GlossError('not-found', `No backup named "${name}".`);
    const set = join(this.dir, name);
    let text: string;
    try {
      text = (await this.fs.readFile(join(set, LIBRARY_FILE_NAME))).toString('utf8');
    } catch {
      throw new GlossError('not-found', `No backup named "${name}".`);
    }
    try {
      const library = libraryFileKind(schema).parse(text);
      if (library.kind !== 'current') throw new Error('it is from a newer Gloss');
      const files = new Map<string, StoredDocumentFile>();
      const kind = documentFileKind(schema, () => NO_DOCUMENT_FILE);
      for (const entry of library.data.documents) {
        const file = join(set, DOCUMENTS_DIR, `${documentFileBase(entry.id)}.json`);
        const parsed = kind.parse((await this.fs.readFile(file)).toString('utf8'));
        if (parsed.kind !== 'current') throw new Error('it is from a newer Gloss');
        files.set(entry.id, parsed.data);
      }
      return joinFiles(library.data, files);
    } catch (error) {
      throw new GlossError('invalid-document', `The backup "${name}" cannot be used: ${errorMessage(error)}.`);
    }
  }
}
