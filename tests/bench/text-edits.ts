// A deterministic edit script over the corpus text that tracks where every original character went (the ground truth).
import type { Annotation } from '../../annotations/annotation';
import { blockIndexAt, type GlossDocument } from '../../annotations/document';
import { Random } from './prng';

/** How many edits of each kind to make. */
export interface EditPlan {
  wordInserts: number;
  wordDeletes: number;
  letterChanges: number;
  movedParagraphs: number;
  /** Quotes whose whole text is deleted (they must become orphans). */
  deletedQuotes: number;
  /** Share of word and letter edits made inside the sampled quotes rather than anywhere. */
  insideQuotes: number;
}

/** What the right answer is for one annotation after the edits. */
export type Expected =
  | { kind: 'placed'; start: number; end: number }
  /** Its text was deleted: the only right answer is an orphan. */
  | { kind: 'deleted' }
  /** A moved paragraph split it in two: no single right place, so it is left out of accuracy. */
  | { kind: 'split' }
  /** Most of its text went with a deleted neighbour: neither a place nor an orphan is clearly right. */
  | { kind: 'partial' };

/** The edited text and the ground truth for each sampled annotation. */
export interface EditedText {
  text: string;
  expected: Map<string, Expected>;
  /** Edits made, by kind. */
  made: Record<'wordInserts' | 'wordDeletes' | 'letterChanges' | 'movedParagraphs' | 'deletedQuotes', number>;
}

/** One paragraph as edited so far: its text and, per character, its offset in the original text (-1: inserted). */
interface Paragraph {
  text: string;
  origin: Int32Array;
}

const INSERTED_WORDS = 'notably reportedly however officially particularly again largely formerly quietly publicly reluctantly also'.split(
  ' ',
);

function splice(p: Paragraph, at: number, remove: number, insert: string): void {
  const origin = new Int32Array(p.origin.length - remove + insert.length);
  origin.set(p.origin.subarray(0, at), 0);
  origin.fill(-1, at, at + insert.length);
  origin.set(p.origin.subarray(at + remove), at + insert.length);
  p.text = p.text.slice(0, at) + insert + p.text.slice(at + remove);
  p.origin = origin;
}

/** Indices [from, to) in the paragraph of the characters that came from original offsets [start, end). */
function span(p: Paragraph, start: number, end: number): [number, number] | null {
  let from = -1;
  let to = -1;
  for (let i = 0; i < p.origin.length; i += 1) {
    const o = p.origin[i]!;
    if (o >= start && o < end) {
      if (from === -1) from = i;
      to = i + 1;
    }
  }
  return from === -1 ? null : [from, to];
}

/** Applies the plan to the document's text; `sample` are the annotations whose right places are tracked. */
export function editText(
  doc: Pick<GlossDocument, 'text' | 'blocks'>,
  sample: readonly Annotation[],
  plan: EditPlan,
  seed: number,
): EditedText {
  const random = new Random(seed);
  const byBlock: Paragraph[] = doc.blocks.map((b) => ({
    text: doc.text.slice(b.start, b.end),
    origin: Int32Array.from({ length: b.end - b.start }, (_, i) => b.start + i),
  }));
  const order = byBlock.slice();
  const made: EditedText['made'] = { wordInserts: 0, wordDeletes: 0, letterChanges: 0, movedParagraphs: 0, deletedQuotes: 0 };
  const deleted = new Set<string>();

  // Whole quotes deleted: single-paragraph quotes of some length, never overlapping one another.
  const claimed: Array<[number, number]> = [];
  for (const a of sample) {
    if (made.deletedQuotes >= plan.deletedQuotes) break;
    const { start, end } = a.target.selector[0];
    const block = blockIndexAt(doc.blocks, start);
    const b = doc.blocks[block]!;
    if (end > b.end || end - start < 20 || end - start > 300 || end - start > (b.end - b.start) * 0.7) continue;
    if (claimed.some(([s, e]) => s < end + 40 && start - 40 < e)) continue;
    const p = byBlock[block]!;
    const where = span(p, start, end);
    if (!where) continue;
    // Take the space before it too, so the sentence closes up as an author's deletion would.
    const from = where[0] > 0 && p.text[where[0] - 1] === ' ' ? where[0] - 1 : where[0];
    splice(p, from, where[1] - from, '');
    claimed.push([start, end]);
    deleted.add(a.id);
    made.deletedQuotes += 1;
  }

  const kinds: Array<'wordInserts' | 'wordDeletes' | 'letterChanges'> = [];
  for (const kind of ['wordInserts', 'wordDeletes', 'letterChanges'] as const) for (let i = 0; i < plan[kind]; i += 1) kinds.push(kind);
  const live = sample.filter((a) => !deleted.has(a.id));
  const tryEdit = (kind: (typeof kinds)[number]): boolean => {
    // Where: inside a sampled quote (which then needs the approximate path), or anywhere.
    let p: Paragraph;
    let lo: number;
    let hi: number;
    if (random.chance(plan.insideQuotes) && live.length > 0) {
      const a = random.pick(live);
      const { start, end } = a.target.selector[0];
      p = byBlock[blockIndexAt(doc.blocks, start)]!;
      const where = span(p, start, end);
      if (!where || where[1] - where[0] < 12) return false;
      [lo, hi] = where;
    } else {
      p = byBlock[random.int(1, byBlock.length - 1)]!;
      [lo, hi] = [0, p.text.length];
    }
    const spaces: number[] = [];
    for (let i = lo; i < hi; i += 1) if (p.text[i] === ' ') spaces.push(i);
    if (kind === 'letterChanges') {
      const letters: number[] = [];
      for (let i = lo; i < hi; i += 1) if (/[a-z]/.test(p.text[i]!)) letters.push(i);
      if (letters.length === 0) return false;
      const at = random.pick(letters);
      const origin = p.origin[at]!;
      let letter = p.text[at]!;
      while (letter === p.text[at]) letter = String.fromCharCode(97 + random.int(0, 25));
      splice(p, at, 1, letter);
      // A changed letter is still the same place in the text.
      p.origin[at] = origin;
      made.letterChanges += 1;
      return true;
    } else if (kind === 'wordInserts') {
      if (spaces.length === 0) return false;
      splice(p, random.pick(spaces), 0, ` ${random.pick(INSERTED_WORDS)}`);
      made.wordInserts += 1;
      return true;
    } else {
      const at = spaces.length > 0 ? random.pick(spaces) : -1;
      const next = at === -1 ? -1 : p.text.indexOf(' ', at + 1);
      if (at === -1 || next === -1) return false;
      splice(p, at, next - at, '');
      made.wordDeletes += 1;
      return true;
    }
  };
  // A spot that cannot take the edit (no space, too short) is passed over for another.
  for (const kind of kinds) for (let attempt = 0; attempt < 20 && !tryEdit(kind); attempt += 1);

  for (let i = 0; i < plan.movedParagraphs; i += 1) {
    const from = random.int(1, order.length - 1);
    const [moved] = order.splice(from, 1);
    order.splice(random.int(1, order.length), 0, moved!);
    made.movedParagraphs += 1;
  }

  const text = order.map((p) => p.text).join('\n');
  const newPos = new Int32Array(doc.text.length).fill(-1);
  let offset = 0;
  for (const p of order) {
    for (let i = 0; i < p.origin.length; i += 1) if (p.origin[i]! >= 0) newPos[p.origin[i]!] = offset + i;
    offset += p.text.length + 1;
  }

  const expected = new Map<string, Expected>();
  for (const a of sample) {
    if (deleted.has(a.id)) {
      expected.set(a.id, { kind: 'deleted' });
      continue;
    }
    const { start, end } = a.target.selector[0];
    let min = Number.MAX_SAFE_INTEGER;
    let max = -1;
    let survivors = 0;
    for (let k = start; k < end; k += 1) {
      const at = newPos[k]!;
      if (at < 0) continue;
      survivors += 1;
      min = Math.min(min, at);
      max = Math.max(max, at);
    }
    // Survivors spread much wider than the quote: a moved paragraph now sits between its parts.
    if (survivors < (end - start) * 0.5) expected.set(a.id, { kind: 'partial' });
    else if (max - min + 1 > (end - start) * 1.5 + 30) expected.set(a.id, { kind: 'split' });
    else expected.set(a.id, { kind: 'placed', start: min, end: max + 1 });
  }
  return { text, expected, made };
}

/**
 * Whether a found range is the passage's place: it shares at least half of the longer of the two
 * ranges with the expected one. Edits inside or at the edge of a quote make its exact boundaries
 * a matter of taste (an approximate match of the old words may stop short of an inserted word);
 * another occurrence of similar words elsewhere shares nothing with it.
 */
export function isRightPlace(found: { start: number; end: number }, expected: { start: number; end: number }): boolean {
  const shared = Math.min(found.end, expected.end) - Math.max(found.start, expected.start);
  return shared >= 0.5 * Math.max(found.end - found.start, expected.end - expected.start);
}
