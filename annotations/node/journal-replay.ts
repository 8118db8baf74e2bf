// Replaying a journal: its batches applied, in order, to the snapshot's parsed JSON when a data folder is opened.
import { isObject, type Collection, type JournalOp } from './journal-format';

/** Thrown while reading or replaying a journal that cannot be used, with a reason a reader understands. */
export class JournalError extends Error {}
const KEY: Record<Collection, string> = { annotations: 'id', documents: 'id', history: 'documentId' };

/** A keyed list being replayed: a Map keeps the order (set on a known key keeps its place, a new key goes last). */
function listOf(raw: Record<string, unknown>, name: Collection, lists: Map<Collection, Map<string, unknown>>): Map<string, unknown> {
  let list = lists.get(name);
  if (list) return list;
  const items = raw[name] ?? [];
  if (!Array.isArray(items)) throw new JournalError(`the data file's ${name} is not a list`);
  list = new Map();
  for (const item of items) {
    const key = isObject(item) ? item[KEY[name]] : undefined;
    if (typeof key !== 'string') throw new JournalError(`the data file's ${name} hold an element without ${KEY[name]}`);
    list.set(key, item);
  }
  if (list.size !== items.length) throw new JournalError(`the data file's ${name} hold one ${KEY[name]} twice`);
  lists.set(name, list);
  return list;
}

function applySteps(before: unknown, patch: unknown, where: string): unknown[] {
  const stack = Array.isArray(before) ? before : [];
  if (!isObject(patch) || !Array.isArray(patch.keep) || !Array.isArray(patch.add)) throw new JournalError(`${where} is damaged`);
  const [from, count] = patch.keep as unknown[];
  if (
    !Number.isSafeInteger(from) ||
    !Number.isSafeInteger(count) ||
    (from as number) < 0 ||
    (count as number) < 0 ||
    (from as number) + (count as number) > stack.length
  ) {
    throw new JournalError(`${where} keeps steps the history does not have`);
  }
  return [...stack.slice(from as number, (from as number) + (count as number)), ...patch.add];
}

function isCollection(value: unknown): value is Collection {
  return value === 'annotations' || value === 'documents' || value === 'history';
}

/**
 * Applies the journal's batches, in order, to the snapshot's parsed JSON (before it is migrated and
 * validated: the whole result is then validated as one data file). Throws JournalError for a record
 * that does not apply.
 */
export function replayJournal(raw: Record<string, unknown>, batches: readonly (readonly JournalOp[])[]): void {
  const lists = new Map<Collection, Map<string, unknown>>();
  for (const [b, ops] of batches.entries()) {
    for (const [i, op] of ops.entries()) {
      const where = `change ${i + 1} of batch ${b + 1}`;
      if (!isObject(op)) throw new JournalError(`${where} is damaged`);
      switch (op.op) {
        case 'put': {
          if ((op.in !== 'annotations' && op.in !== 'documents') || !isObject(op.value) || typeof op.value.id !== 'string') {
            throw new JournalError(`${where} is damaged`);
          }
          listOf(raw, op.in, lists).set(op.value.id, op.value);
          break;
        }
        case 'delete': {
          if (!isCollection(op.in) || typeof op.id !== 'string') throw new JournalError(`${where} is damaged`);
          listOf(raw, op.in, lists).delete(op.id);
          break;
        }
        case 'order': {
          if (!isCollection(op.in) || !Array.isArray(op.ids)) throw new JournalError(`${where} is damaged`);
          const list = listOf(raw, op.in, lists);
          const ordered = new Map<string, unknown>();
          for (const id of op.ids as unknown[]) {
            if (typeof id !== 'string' || !list.has(id) || ordered.has(id))
              throw new JournalError(`${where} orders ids the data does not hold`);
            ordered.set(id, list.get(id));
          }
          if (ordered.size !== list.size) throw new JournalError(`${where} leaves ids out of the order`);
          lists.set(op.in, ordered);
          break;
        }
        case 'codebook': {
          if (!Array.isArray(op.value)) throw new JournalError(`${where} is damaged`);
          raw.codebook = op.value;
          break;
        }
        case 'history': {
          if (typeof op.documentId !== 'string') throw new JournalError(`${where} is damaged`);
          const list = listOf(raw, 'history', lists);
          const before = list.get(op.documentId);
          const prior = isObject(before) ? before : { done: [], undone: [] };
          list.set(op.documentId, {
            documentId: op.documentId,
            done: op.done === undefined ? prior.done : applySteps(prior.done, op.done, where),
            undone: op.undone === undefined ? prior.undone : applySteps(prior.undone, op.undone, where),
          });
          break;
        }
        default:
          throw new JournalError(`${where} is of an unknown kind`);
      }
    }
  }
  for (const [name, list] of lists) raw[name] = [...list.values()];
}
