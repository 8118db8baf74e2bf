// Runs the export command as `npm run export` does, for the tests of scripts/export.ts.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** What one run of the command gave. */
export interface ExportRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs scripts/export.ts in a child Node with these arguments and extra environment variables. */
export function runExport(args: string[], env: Record<string, string> = {}): Promise<ExportRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/export.ts', ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
