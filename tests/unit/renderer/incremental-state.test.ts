// The reader state changed edit by edit (renderer/state/modules/annotations.ts) must always be what it would be
// built from scratch: the list in document order, the theme tally, the lookups. Checked over random sessions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { AnchorResult } from '../../../annotations/anchoring/anchor';
import { countByTheme, countByThemeSets, DEFAULT_CODEBOOK } from '../../../annotations/codebook';
import type { Action, AnchoredAnnotation } from '../../../renderer/state/actions';
import { selectAnnotationAt } from '../../../renderer/state/modules/annotations';
import { INITIAL_STATE, type ReaderState } from '../../../renderer/state/reader-state';
import { readerReducer } from '../../../renderer/state/reducer';
import { annotate, makeDocument } from '../../fixtures/report-fixtures';

const DOC = makeDocument(`Title\n${'word '.repeat(60).trim()}`);
const THEMES = DEFAULT_CODEBOOK.map((t) => t.id);

function anchored(id: string, start: number, end: number, themes: string[], created: string): AnchoredAnnotation {
  const annotation = { ...annotate(DOC, DOC.text.slice(start, end), themes, '', { id }), created };
  const anchor: AnchorResult = { status: 'anchored', start, end, method: 'exact', confidence: 1 };
  return { annotation, anchor };
}

const opened = (list: AnchoredAnnotation[]): Action => ({
  type: 'document-opened',
  document: DOC,
  codebook: DEFAULT_CODEBOOK,
  annotations: list,
  history: { canUndo: false, canRedo: false },
});

/** One step of a session: a highlight made, changed or moved (an upsert), or deleted. */
const stepArb = fc.record({
  id: fc.integer({ min: 0, max: 11 }).map((n) => `a${n}`),
  remove: fc.boolean(),
  start: fc.integer({ min: 6, max: 200 }),
  length: fc.integer({ min: 1, max: 40 }),
  themes: fc.subarray(THEMES, { minLength: 1 }),
  created: fc.integer({ min: 0, max: 3 }).map((n) => `2026-01-0${n + 1}T00:00:00.000Z`),
});

test('keeps the list, the tally and the lookups as a fresh build would, edit after edit', () => {
  fc.assert(
    fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
      let state: ReaderState = readerReducer(INITIAL_STATE, opened([]));
      for (const step of steps) {
        const end = Math.min(DOC.text.length, step.start + step.length);
        const action: Action = step.remove
          ? { type: 'annotations-changed', upserted: [], removed: [step.id] }
          : { type: 'annotations-changed', upserted: [anchored(step.id, step.start, end, step.themes, step.created)], removed: [] };
        state = readerReducer(state, action);
        const fresh = readerReducer(INITIAL_STATE, opened(state.entries.map((e) => ({ ...e }))));
        assert.deepEqual(
          state.entries.map((e) => e.annotation.id),
          fresh.entries.map((e) => e.annotation.id),
        );
        assert.equal(state.entries.length, state.annotations.size);
        assert.deepEqual(
          countByThemeSets(DEFAULT_CODEBOOK, state.themeSets.values()),
          countByTheme(DEFAULT_CODEBOOK, [...state.annotations.values()]),
        );
        for (const { annotation, anchor } of state.entries) {
          if (anchor.status !== 'anchored') continue;
          const found = selectAnnotationAt(state, anchor.start, anchor.end);
          assert.ok(found, `a highlight at ${anchor.start}-${anchor.end} is found there`);
          assert.equal(found.target.selector[0].start, annotation.target.selector[0].start);
        }
      }
    }),
    { numRuns: 150 },
  );
});

test('an edit leaves the state it was made on as it was', () => {
  const before = readerReducer(INITIAL_STATE, opened([anchored('a', 6, 10, ['trade'], '2026-01-01T00:00:00.000Z')]));
  const ids = before.entries.map((e) => e.annotation.id);
  const tally = [...before.themeSets.values()].map((s) => s.count);
  readerReducer(before, {
    type: 'annotations-changed',
    upserted: [anchored('b', 11, 15, ['security'], '2026-01-02T00:00:00.000Z')],
    removed: ['a'],
  });
  assert.deepEqual(
    before.entries.map((e) => e.annotation.id),
    ids,
  );
  assert.deepEqual(
    [...before.themeSets.values()].map((s) => s.count),
    tally,
  );
  assert.ok(before.annotations.has('a') && !before.annotations.has('b'));
});
