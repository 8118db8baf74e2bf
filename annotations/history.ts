// Undo history kept as data: each step says what it changed (annotations and the codebook, before and
// after), so the host can undo and redo it atomically with the change, and the history outlives a restart.
import type { Annotation } from './annotation';
import type { Codebook } from './codebook';

/** Steps kept per document; the oldest fall off beyond this. */
export const HISTORY_LIMIT = 200;

/** The label of the step an import of annotations makes (the reader's Cancel looks for it). */
export const IMPORT_STEP_LABEL = 'Annotations imported';

/** One annotation as a step found it and left it (null: it did not exist). */
export interface AnnotationChange {
  before: Annotation | null;
  after: Annotation | null;
}

/** One undoable step. */
export interface HistoryStep {
  /** Said to the reader when it is undone or redone ("Highlight added"). */
  label: string;
  /** Consecutive steps with the same key merge into one (typing a note in one sitting). */
  mergeKey?: string;
  codebook?: { before: Codebook; after: Codebook };
  annotations: AnnotationChange[];
}

/** The undo and redo stacks of one document (newest last). */
export interface DocumentHistory {
  documentId: string;
  done: HistoryStep[];
  undone: HistoryStep[];
}

/** The state of the data a step works on. */
export interface HistoryState {
  codebook: Codebook;
  annotations: Annotation[];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The history of a document (empty when it has none yet). */
export function historyOf(histories: readonly DocumentHistory[], documentId: string): DocumentHistory {
  return histories.find((h) => h.documentId === documentId) ?? { documentId, done: [], undone: [] };
}

/** The histories with one document's replaced (immutably; a history with no steps is dropped). */
export function withHistory(histories: readonly DocumentHistory[], next: DocumentHistory): DocumentHistory[] {
  const others = histories.filter((h) => h.documentId !== next.documentId);
  return next.done.length === 0 && next.undone.length === 0 ? others : [...others, next];
}

/** Records a step that has just been made: merged into the last one when their keys match; clears redo. */
export function recordStep(histories: readonly DocumentHistory[], documentId: string, step: HistoryStep): DocumentHistory[] {
  const current = historyOf(histories, documentId);
  const top = current.done[current.done.length - 1];
  let done: HistoryStep[];
  if (step.mergeKey && top?.mergeKey === step.mergeKey) {
    done = [...current.done.slice(0, -1), mergeSteps(top, step)];
  } else {
    done = [...current.done, step].slice(-HISTORY_LIMIT);
  }
  return withHistory(histories, { documentId, done, undone: [] });
}

/** Two consecutive steps as one: the first's "before", the second's "after". */
function mergeSteps(first: HistoryStep, second: HistoryStep): HistoryStep {
  const changes = new Map<string, AnnotationChange>();
  const idOf = (c: AnnotationChange): string => (c.before ?? c.after)!.id;
  for (const c of first.annotations) changes.set(idOf(c), c);
  for (const c of second.annotations) {
    const earlier = changes.get(idOf(c));
    changes.set(idOf(c), { before: earlier ? earlier.before : c.before, after: c.after });
  }
  const codebook =
    first.codebook || second.codebook
      ? { before: (first.codebook ?? second.codebook)!.before, after: (second.codebook ?? first.codebook)!.after }
      : undefined;
  return { ...second, annotations: [...changes.values()], ...(codebook ? { codebook } : {}) };
}

/** What applying a step (one way or the other) gives, or why it cannot be applied any more. */
export type StepResult = { ok: true; state: HistoryState; changed: Annotation[]; removed: Annotation[] } | { ok: false; reason: string };

/**
 * Applies a step backwards (undo) or forwards (redo). The data must still be as the step left it
 * (or found it): a step whose annotations or codebook were changed since by something outside
 * this history (another document's codebook edit, an import) is refused rather than guessed at.
 */
export function applyStep(
  state: HistoryState,
  step: HistoryStep,
  direction: 'undo' | 'redo',
  documentExists: (id: string) => boolean,
): StepResult {
  const from = direction === 'undo' ? 'after' : 'before';
  const to = direction === 'undo' ? 'before' : 'after';
  if (step.codebook && !same(state.codebook, step.codebook[from])) {
    return { ok: false, reason: 'the codebook was changed since' };
  }
  const byId = new Map(state.annotations.map((a) => [a.id, a]));
  const changed: Annotation[] = [];
  const removed: Annotation[] = [];
  for (const change of step.annotations) {
    const id = (change.before ?? change.after)!.id;
    const expected = change[from];
    const current = byId.get(id) ?? null;
    if (!same(current, expected)) return { ok: false, reason: 'a highlight it changed was changed since' };
    const target = change[to];
    if (target) {
      if (!documentExists(target.documentId)) return { ok: false, reason: 'its document is no longer in the library' };
      byId.set(id, target);
      changed.push(target);
    } else if (current) {
      byId.delete(id);
      removed.push(current);
    }
  }
  const codebook = step.codebook ? step.codebook[to] : state.codebook;
  const known = new Set(codebook.map((t) => t.id));
  for (const annotation of byId.values()) {
    if (annotation.themes.some((t) => !known.has(t))) {
      return { ok: false, reason: 'a theme it would remove is used by a highlight made since' };
    }
  }
  // Keep the stored order: changed annotations stay in place, restored ones go to the end.
  const annotations: Annotation[] = [];
  const placed = new Set<string>();
  for (const a of state.annotations) {
    const next = byId.get(a.id);
    if (next) {
      annotations.push(next);
      placed.add(a.id);
    }
  }
  for (const [id, a] of byId) if (!placed.has(id)) annotations.push(a);
  return { ok: true, state: { codebook, annotations }, changed, removed };
}
