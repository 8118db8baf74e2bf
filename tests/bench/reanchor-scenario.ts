// Scenario 6: Gloss's anchorTarget beside Hypothesis's matcher after an edit script: time, accuracy, false anchors.
import type { Annotation } from '../../annotations/annotation';
import { anchorTarget } from '../../annotations/anchoring/anchor';
import type { Corpus } from './corpus';
import { hypothesisAnchor } from './hypothesis-match-quote';
import { Random } from './prng';
import { row, type BenchRow } from './stats';
import { editText, isRightPlace, type EditPlan, type Expected } from './text-edits';

/** How much scenario 6 does. */
export interface ReanchorCounts {
  annotations: number;
  plan: EditPlan;
  /** Passes over the sample per matcher (time is the median pass). */
  runs: number;
}

type Found = { start: number; end: number } | null;

interface Outcome {
  /** ms per pass over the whole sample. */
  passes: number[];
  /** ms per quote that has no exact copy left (the approximate path), from the last pass. */
  fuzzy: number[];
  right: number;
  wrong: number;
  missed: number;
  falseAnchors: number;
  deletedOrphaned: number;
}

function evaluate(
  sample: readonly Annotation[],
  text: string,
  expected: Map<string, Expected>,
  anchor: (a: Annotation) => Found,
  runs: number,
): Outcome {
  const outcome: Outcome = { passes: [], fuzzy: [], right: 0, wrong: 0, missed: 0, falseAnchors: 0, deletedOrphaned: 0 };
  const fuzzy = new Set(sample.filter((a) => !text.includes(a.target.selector[1].exact)).map((a) => a.id));
  let results: Found[] = [];
  for (let run = 0; run < runs; run += 1) {
    const last = run === runs - 1;
    const started = performance.now();
    results = sample.map((a) => {
      if (!last || !fuzzy.has(a.id)) return anchor(a);
      const t = performance.now();
      const found = anchor(a);
      outcome.fuzzy.push(performance.now() - t);
      return found;
    });
    outcome.passes.push(performance.now() - started);
  }
  sample.forEach((a, i) => {
    const found = results[i]!;
    const want = expected.get(a.id)!;
    if (want.kind === 'deleted') {
      if (found) outcome.falseAnchors += 1;
      else outcome.deletedOrphaned += 1;
    } else if (want.kind === 'placed') {
      if (!found) outcome.missed += 1;
      else if (isRightPlace(found, want)) outcome.right += 1;
      else outcome.wrong += 1;
    }
  });
  return outcome;
}

/** Runs scenario 6 on the corpus; answers its rows. */
export function runReanchorScenario(corpus: Corpus, counts: ReanchorCounts, log: (line: string) => void): BenchRow[] {
  const random = new Random(606);
  const sample = random.sample(corpus.annotations.length, counts.annotations).map((i) => corpus.annotations[i]!);
  const edited = editText(corpus.document, sample, counts.plan, 607);
  const kinds = { placed: 0, deleted: 0, split: 0, partial: 0 };
  for (const e of edited.expected.values()) kinds[e.kind] += 1;
  const madeTotal = Object.values(edited.made).reduce((a, b) => a + b, 0);
  log(`  ${madeTotal} edits (${JSON.stringify(edited.made)}); sample: ${JSON.stringify(kinds)}`);

  const gloss = evaluate(
    sample,
    edited.text,
    edited.expected,
    (a) => {
      const r = anchorTarget(edited.text, a.target);
      return r.status === 'anchored' ? { start: r.start, end: r.end } : null;
    },
    counts.runs,
  );
  const hypothesis = evaluate(sample, edited.text, edited.expected, (a) => hypothesisAnchor(edited.text, a.target), counts.runs);

  const judged = kinds.placed;
  const accuracy = (o: Outcome): number => (judged === 0 ? 1 : o.right / judged);
  const ratio = gloss.passes.map((g, i) => g / hypothesis.passes[i]!);
  const describe = (o: Outcome): string =>
    `${o.right} right, ${o.wrong} wrong place, ${o.missed} orphaned of ${judged} still in the text; ` +
    `${o.falseAnchors} of ${kinds.deleted} deleted quotes anchored somewhere.`;
  const context =
    `${sample.length} quotes after ${madeTotal} edits; ${kinds.split} split by a moved paragraph and ${kinds.partial} mostly deleted are left out of accuracy; ` +
    `${gloss.fuzzy.length} quotes have no exact copy left.`;
  return [
    row('6 re-anchor', `Gloss anchorTarget: pass over ${sample.length}`, 'ms', gloss.passes, undefined, context),
    row('6 re-anchor', `Hypothesis matchQuote: pass over ${sample.length}`, 'ms', hypothesis.passes),
    row('6 re-anchor', 'time ratio Gloss/Hypothesis', 'x', ratio, { on: 'median', atMost: 1 }),
    row('6 re-anchor', 'Gloss: approximate path per quote', 'ms', gloss.fuzzy),
    row('6 re-anchor', 'Hypothesis: approximate path per quote', 'ms', hypothesis.fuzzy),
    row(
      '6 re-anchor',
      'Gloss accuracy (share at the right place)',
      '%',
      [accuracy(gloss) * 100],
      { on: 'median', atLeast: accuracy(hypothesis) * 100 },
      describe(gloss),
    ),
    row(
      '6 re-anchor',
      'Hypothesis accuracy (share at the right place)',
      '%',
      [accuracy(hypothesis) * 100],
      undefined,
      describe(hypothesis),
    ),
    row('6 re-anchor', 'Gloss false anchors (deleted quotes placed)', 'quotes', [gloss.falseAnchors], { on: 'median', atMost: 0 }),
    row('6 re-anchor', 'Hypothesis false anchors (deleted quotes placed)', 'quotes', [hypothesis.falseAnchors]),
  ];
}
