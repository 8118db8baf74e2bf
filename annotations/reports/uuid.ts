// Deterministic UUIDs (RFC 9562 version 5) for things whose ids are not UUIDs, where formats demand GUIDs.
// The `uuid` package does the work: node:crypto's SHA-1 under Node, its own portable SHA-1 in the browser bundle.
import { v5, validate } from 'uuid';

/** The namespace of every UUID Gloss derives: an arbitrary constant, fixed forever so derived GUIDs stay stable across exports. */
export const GLOSS_UUID_NAMESPACE = '4f1d2a8e-6b3c-5d7e-9f10-2a3b4c5d6e7f';

/** Whether a string is a UUID (RFC 9562: versions 1-8, or the nil or max UUID), in any letter case. */
export function isUuid(value: string): boolean {
  return validate(value);
}

/** The version-5 UUID of a name in a namespace: the same name always gives the same UUID. Throws for a namespace that is not a UUID. */
export function uuidV5(name: string, namespace: string = GLOSS_UUID_NAMESPACE): string {
  return v5(name, namespace);
}

/** A GUID for something: its own id when that is already a UUID (lower-cased), else one derived from kind and id. */
export function guidFor(kind: string, id: string): string {
  return isUuid(id) ? id.toLowerCase() : uuidV5(`${kind}:${id}`);
}
