// Stands in for sync-pouch-load.ts in the packaged desktop app, which carries no node_modules and so not LevelDB's
// native module (scripts/build.ts swaps it in): connecting says so instead of failing somewhere inside PouchDB.
import { GlossError } from '../errors';

/** Refuses, naming what to use instead. */
export async function loadPouchModules(): Promise<unknown> {
  throw new GlossError(
    'internal',
    'Sharing through CouchDB is not in this desktop build yet (its local database needs a native module the package does not carry); the browser edition (npm run web) has it.',
  );
}
