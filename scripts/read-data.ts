// Reading a Gloss data folder for the command-line tools (export, suggest, agreement): the library and document files (or a data file not yet split) with their journals replayed,
// checked by the schema the app opens it with, and never written. Also the usage error the commands exit 2 for.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import type { Annotation } from '../annotations/annotation';
import type { Codebook } from '../annotations/codebook';
import type { GlossDocument } from '../annotations/document';
import { errorMessage, GlossError } from '../annotations/errors';
import { DATA_FILE_NAME } from '../annotations/node/service';
import { LIBRARY_FILE_NAME } from '../annotations/node/split-layout';
import { readDataFolder } from '../annotations/node/store';
import { DataFileSchema, SCHEMA_VERSION } from '../annotations/schemas';
import type { RejectedSuggestion } from '../annotations/suggest/rejections';

/** A failure the user caused by how the command was called (exit code 2) rather than one while working (1). */
export class UsageError extends Error {}

/** The data folder's content, read without opening the service (which would write). */
export interface Data {
  file: string;
  documents: GlossDocument[];
  codebook: Codebook;
  annotations: Annotation[];
  /** The data folder's own coder, when one was chosen (else the OS user name stands for it). */
  coder?: string;
  rejectedSuggestions: RejectedSuggestion[];
  /** Why the journal of the latest changes was left out, if it was. */
  journalProblem?: string;
}

/** The data file with its journal of the latest changes replayed, as Gloss would open it (read-only: nothing is written). */
export async function readData(dataDir: string): Promise<Data> {
  // The file the messages name: the library file, or in a folder not yet split the data file.
  const file = existsSync(join(dataDir, LIBRARY_FILE_NAME)) ? join(dataDir, LIBRARY_FILE_NAME) : join(dataDir, DATA_FILE_NAME);
  let json: unknown;
  let journalProblem: string | undefined;
  try {
    const folder = await readDataFolder(dataDir);
    json = folder.raw;
    if (folder.journal === 'ignored') journalProblem = folder.problem;
  } catch (error) {
    if (error instanceof SyntaxError) throw new Error(`${file} is not valid JSON (${error.message}).`, { cause: error });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`There is no Gloss data file in ${dataDir} (expected ${LIBRARY_FILE_NAME}).`, { cause: error });
    throw new Error(`Could not read ${file}: ${code === 'EACCES' ? 'permission denied' : errorMessage(error)}.`, { cause: error });
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > SCHEMA_VERSION) {
    throw new Error(
      `${file} was written by a newer Gloss (schema version ${version}; this one knows ${SCHEMA_VERSION}): export it with that Gloss.`,
    );
  }
  // The schema the app opens the data file with, so the command accepts exactly what Gloss accepts.
  const checked = v.safeParse(DataFileSchema, json);
  if (!checked.success) {
    const issue = checked.issues[0];
    const where = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    throw new Error(
      `${file} is not a Gloss data file of schema version ${SCHEMA_VERSION}${where ? ` (at ${where}: ${issue.message})` : ` (${issue.message})`}.`,
    );
  }
  const { documents, codebook, annotations, coder, rejectedSuggestions = [] } = checked.output;
  return { file, documents, codebook, annotations, coder, rejectedSuggestions, journalProblem };
}

/**
 * Prints a command's usage and then what the data folder holds (`list`: a heading and its lines), or why nothing
 * could be listed; answers the exit code 0.
 */
export async function printHelp(usage: string, dataDir: string, what: string, list: (data: Data) => string): Promise<number> {
  console.log(usage);
  try {
    console.log(`\n${list(await readData(dataDir))}`);
  } catch (error) {
    console.log(`\nNo ${what} listed: ${errorMessage(error)}`);
  }
  return 0;
}

/**
 * Runs a command's main and exits with its code: 2 and a hint to --help (or the `usage` itself, when given) when it
 * was called wrongly (a usage error, an input the domain refused, an unknown option), 1 with `failure` when the work
 * itself failed.
 */
export function runCommand(main: (argv: string[]) => Promise<number>, failure: string, usage?: string): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const usageProblem =
        error instanceof UsageError ||
        (error instanceof GlossError && error.code === 'invalid-input') ||
        (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') === true;
      const message = errorMessage(error);
      const hint = usage === undefined ? 'Run with --help for the options.' : `\n${usage}`;
      console.error(usageProblem ? `${message}\n${hint}` : `${failure}: ${message}`);
      process.exit(usageProblem ? 2 : 1);
    },
  );
}
