// How the command-line tools end: exit 0 when done, 2 when called wrongly (with a pointer to --help), 1 when the work failed.
import { errorMessage, GlossError, type ErrorCode } from '../annotations/errors';

/** A failure the user caused by how the command was called (exit code 2) rather than one while working (1). */
export class UsageError extends Error {}

/**
 * Runs a command's main and exits with its code. Usage errors, parse errors and GlossErrors of the given codes
 * (the input was refused) exit 2; anything else exits 1, its message after `failure`.
 */
export function runCommand(main: () => Promise<number>, failure: string, usageCodes: readonly ErrorCode[] = ['invalid-input']): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const usageProblem =
        error instanceof UsageError ||
        (error instanceof GlossError && usageCodes.includes(error.code)) ||
        (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') === true;
      const message = errorMessage(error);
      console.error(usageProblem ? `${message}\nRun with --help for the options.` : `${failure}: ${message}`);
      process.exit(usageProblem ? 2 : 1);
    },
  );
}
