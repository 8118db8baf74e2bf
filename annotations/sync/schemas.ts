// The sync methods' input schemas (spread into schemas.ts's INPUT_SCHEMAS), and the limits on what they take.
import * as v from 'valibot';
import { Empty, CoderName, Id } from '../schema-parts';
import { MAX_URL_CHARS } from './address';

/** The longest user name and password accepted. */
export const MAX_CREDENTIAL_CHARS = 1_000;

const Credential = v.pipe(v.string(), v.maxLength(MAX_CREDENTIAL_CHARS, `is longer than ${MAX_CREDENTIAL_CHARS} characters`));

/** A CouchDB revision: generation, dash, hex digest. */
const Rev = v.pipe(v.string(), v.regex(/^\d{1,10}-[0-9a-f]{1,64}$/, 'must be a revision'));

/** The argument schema of each sync method. */
export const SYNC_INPUT_SCHEMAS = {
  getSyncStatus: Empty,
  connectSync: v.strictObject({
    url: v.pipe(v.string(), v.minLength(1, 'needs an address'), v.maxLength(MAX_URL_CHARS)),
    username: v.optional(Credential),
    password: v.optional(Credential),
  }),
  disconnectSync: Empty,
  listSyncConflicts: Empty,
  resolveSyncConflict: v.strictObject({ annotationId: Id, rev: Rev }),
  listCodebookProposals: Empty,
  answerCodebookProposal: v.strictObject({ coder: CoderName, accept: v.boolean() }),
};
