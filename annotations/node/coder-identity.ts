// The data folder's own coder: the name new annotations record, how it is chosen and renamed, and the rule that
// another coder's annotations (their layer) are never changed here.
import { userInfo } from 'node:os';
import type { CoderStatus } from '../contract';
import { isOwnAnnotation } from '../agreement/layers';
import { GlossError } from '../errors';
import type { DataDraft, StoreData, StoredAnnotation } from './data-file';
import { annotationIndexOrThrow } from './data-lookups';

/** The OS user's name, or "me" where the system has none (a container without a passwd entry). */
export function osUserName(): string {
  try {
    const name = userInfo().username.trim();
    return name === '' ? 'me' : name;
  } catch {
    return 'me';
  }
}

/** The own coder's name: the chosen one, else the OS user name the host gave. */
export function ownCoderOf(data: StoreData, osUser: string): string {
  return data.coder ?? osUser;
}

/** The own coder as getStatus answers it. */
export function coderStatus(data: StoreData, osUser: string): CoderStatus {
  return { name: ownCoderOf(data, osUser), chosen: data.coder !== undefined };
}

/**
 * Names the own coder. Annotations recorded under the former name are renamed with it, so the reader's own
 * coding stays theirs; a name another layer already has is refused, since the two would then be one.
 */
export function setCoderName(draft: DataDraft, name: string, osUser: string): CoderStatus {
  const before = ownCoderOf(draft, osUser);
  if (name !== before && draft.annotations.some((a) => a.creator === name)) {
    throw new GlossError(
      'invalid-input',
      `"${name}" is already the name of another coder's layer in this data folder; choose another name.`,
    );
  }
  if (name !== before && draft.annotations.some((a) => a.creator === before)) {
    draft.annotations = draft.annotations.map((a) => (a.creator === before ? { ...a, creator: name } : a));
  }
  draft.coder = name;
  return { name, chosen: true };
}

/** Throws a clear refusal when the annotation belongs to another coder's layer (read-only here). */
export function checkOwnAnnotation(data: StoreData, id: string, osUser: string): StoredAnnotation {
  const annotation = data.annotations[annotationIndexOrThrow(data, id)]!;
  if (!isOwnAnnotation(annotation, ownCoderOf(data, osUser))) {
    throw new GlossError(
      'read-only',
      `This highlight belongs to ${annotation.creator}'s layer, which is read-only here: only ${ownCoderOf(data, osUser)}'s own coding can be changed.`,
    );
  }
  return annotation;
}
