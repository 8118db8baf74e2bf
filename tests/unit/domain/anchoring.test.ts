// Covers annotations/anchoring (anchor.ts, match-quote.ts): describing a range as selectors and finding it again in changed text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { AnnotationTarget } from '../../../annotations/annotation';
import { CONTEXT_LENGTH, anchorTarget, describeRange, type AnchorResult } from '../../../annotations/anchoring/anchor';
import { similarity } from '../../../annotations/anchoring/edit-distance';
import { matchApproximateQuote, matchExactQuote, matchQuoteWithContext } from '../../../annotations/anchoring/match-quote';
import { blockTexts, parsePlainText } from '../../../annotations/document';

const SAMPLE = parsePlainText(readFileSync(fileURLToPath(new URL('../../../samples/canada-china-trust.txt', import.meta.url)), 'utf8'));
const TEXT = SAMPLE.text;

/** Offset of the n-th (0-based) occurrence of `needle`; fails the test when there is none. */
function occurrence(text: string, needle: string, n = 0): number {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    assert.notEqual(at, -1, `"${needle}" occurs at least ${n + 1} times`);
  }
  return at;
}

/** Highlights the n-th occurrence of `quote` in `text`. */
function highlight(text: string, quote: string, n = 0): { target: AnnotationTarget; start: number; end: number } {
  const start = occurrence(text, quote, n);
  const end = start + quote.length;
  return { target: { source: 'doc', selector: describeRange(text, start, end) }, start, end };
}

/** Replaces the only occurrence of `find`; fails the test when it is missing or repeated. */
function replaceOnce(text: string, find: string, replacement: string): string {
  const at = text.indexOf(find);
  assert.notEqual(at, -1, `"${find}" is in the text`);
  assert.equal(text.indexOf(find, at + 1), -1, `"${find}" occurs only once`);
  return text.slice(0, at) + replacement + text.slice(at + find.length);
}

function insertAt(text: string, offset: number, insertion: string): string {
  return text.slice(0, offset) + insertion + text.slice(offset);
}

function assertAnchored(result: AnchorResult, method: string, start: number, end: number): void {
  assert.equal(result.status, 'anchored', `anchored, got ${JSON.stringify(result)}`);
  if (result.status !== 'anchored') return;
  assert.deepEqual({ method: result.method, start: result.start, end: result.end }, { method, start, end });
  assert.ok(result.confidence > 0 && result.confidence <= 1, 'confidence is in (0, 1]');
  if (method === 'exact') assert.equal(result.confidence, 1);
  else assert.ok(result.confidence < 1, 'a moved or approximate match is less than certain');
}

function assertOrphan(result: AnchorResult): void {
  assert.equal(result.status, 'orphan', `orphan, got ${JSON.stringify(result)}`);
  if (result.status === 'orphan') assert.ok(result.reason.length > 0, 'an orphan says why');
}

describe('describeRange', () => {
  test('describes a range by its offsets and its quote with 32 characters of context either side', () => {
    assert.equal(CONTEXT_LENGTH, 32);
    const start = occurrence(TEXT, 'Wang Yi articulated');
    const end = start + 'Wang Yi articulated'.length;
    const [position, quote] = describeRange(TEXT, start, end);
    assert.deepEqual(position, { type: 'TextPositionSelector', start, end });
    assert.deepEqual(quote, {
      type: 'TextQuoteSelector',
      exact: 'Wang Yi articulated',
      prefix: 'e across all diplomatic levels. ',
      suffix: ' Beijing’s readiness to resume c',
    });
    assert.equal(quote.prefix.length, 32);
    assert.equal(quote.suffix.length, 32);
  });

  test('keeps shorter context where the range is near the start or end of the text', () => {
    const [, atStart] = describeRange(TEXT, 0, 6);
    assert.deepEqual(atStart, { type: 'TextQuoteSelector', exact: 'Canada', prefix: '', suffix: TEXT.slice(6, 38) });
    const [, nearStart] = describeRange(TEXT, 4, 10);
    assert.equal(nearStart.prefix, 'Cana');
    const [, atEnd] = describeRange(TEXT, TEXT.length - 8, TEXT.length);
    assert.equal(atEnd.exact, 'discord.');
    assert.equal(atEnd.suffix, '');
    assert.equal(atEnd.prefix, TEXT.slice(TEXT.length - 40, TEXT.length - 8));
  });

  test('describes a range that crosses a paragraph break with the separator in the quote', () => {
    const boundary = SAMPLE.blocks[1]!.end;
    const [position, quote] = describeRange(TEXT, boundary - 10, boundary + 7);
    assert.deepEqual(position, { type: 'TextPositionSelector', start: boundary - 10, end: boundary + 7 });
    assert.equal(quote.exact, 'relations.\nDuring');
  });

  test('rejects a range that is empty, reversed, fractional or outside the text', () => {
    const text = 'short text';
    for (const [start, end] of [
      [3, 3],
      [5, 2],
      [-1, 4],
      [2, 11],
      [1.5, 4],
      [0, Number.NaN],
    ] as const) {
      assert.throws(() => describeRange(text, start, end), RangeError, `${start}-${end}`);
    }
    assert.doesNotThrow(() => describeRange(text, 0, text.length));
  });
});

describe('anchorTarget', () => {
  test('finds an unchanged passage at its exact position with full confidence', () => {
    const { target, start, end } = highlight(TEXT, 'reciprocal tariffs in recent years');
    assertAnchored(anchorTarget(TEXT, target), 'exact', start, end);
  });

  test('finds a highlight of the title and of the last words of the article', () => {
    const title = highlight(TEXT, 'Canada and China take cautious steps');
    assertAnchored(anchorTarget(TEXT, title.target), 'exact', 0, 36);
    const last = highlight(TEXT, 'years defined by discord.');
    assert.equal(last.end, TEXT.length);
    assertAnchored(anchorTarget(TEXT, last.target), 'exact', last.start, TEXT.length);
  });

  test('keeps a highlight in place when text is inserted after it', () => {
    const { target, start, end } = highlight(TEXT, 'reciprocal tariffs in recent years');
    const edited = insertAt(TEXT, end + 100, 'An inserted sentence. ');
    assertAnchored(anchorTarget(edited, target), 'exact', start, end);
  });

  test('keeps a highlight on its passage when text is inserted before it', () => {
    const { target, start, end } = highlight(TEXT, 'reciprocal tariffs in recent years');
    const insertion = 'An editor added this sentence near the top. ';
    const edited = insertAt(TEXT, SAMPLE.blocks[1]!.start, insertion);
    assertAnchored(anchorTarget(edited, target), 'moved', start + insertion.length, end + insertion.length);
    assert.equal(edited.slice(start + insertion.length, end + insertion.length), 'reciprocal tariffs in recent years');
  });

  test('keeps a highlight on its passage when text before it is deleted', () => {
    const { target, start, end } = highlight(TEXT, 'reciprocal tariffs in recent years');
    const removed =
      ' This renewed engagement comes amid escalating pressures from the United States, pushing both countries to rebalance their economic and political strategies.';
    const edited = replaceOnce(TEXT, removed, '');
    assertAnchored(anchorTarget(edited, target), 'moved', start - removed.length, end - removed.length);
  });

  test('keeps a highlight in place when the words right after it are edited', () => {
    const { target, start, end } = highlight(TEXT, 'Wang Yi articulated Beijing’s readiness');
    const edited = replaceOnce(TEXT, 'readiness to resume communication', 'readiness to restart communication');
    assertAnchored(anchorTarget(edited, target), 'exact', start, end);
  });

  test('finds a highlight again when the words right before it are rewritten and it shifts', () => {
    const { target, start, end } = highlight(TEXT, 'Wang Yi articulated Beijing’s readiness');
    const before = 'reopening dialogue across all diplomatic levels. ';
    const after = 'resuming talks at every level of government. ';
    const edited = replaceOnce(TEXT, before + 'Wang Yi articulated', after + 'Wang Yi articulated');
    const shift = after.length - before.length;
    assertAnchored(anchorTarget(edited, target), 'moved', start + shift, end + shift);
  });

  test('follows a passage whose typo was fixed to the corrected wording', () => {
    const withTypo = replaceOnce(TEXT, 'reciprocal tariffs in recent years', 'reciprocal tarifs in recent years');
    const { target, start } = highlight(withTypo, 'reciprocal tarifs in recent years');
    assertAnchored(anchorTarget(TEXT, target), 'approximate', start, start + 'reciprocal tariffs in recent years'.length);
  });

  test('follows a passage in which a word was changed, covering the new wording', () => {
    const { target, start } = highlight(TEXT, 'reciprocal tariffs in recent years');
    const edited = replaceOnce(TEXT, 'reciprocal tariffs in recent years', 'reciprocal tariffs in earlier years');
    assertAnchored(anchorTarget(edited, target), 'approximate', start, start + 'reciprocal tariffs in earlier years'.length);
  });

  test('follows a passage that was both edited inside and moved by an insertion before it', () => {
    const { target, start } = highlight(TEXT, 'impacting goods such as electric vehicles, steel, aluminium');
    const insertion = 'A new opening sentence was added here. ';
    let edited = replaceOnce(TEXT, 'impacting goods such as electric vehicles', 'affecting goods such as electric vehicles');
    edited = insertAt(edited, SAMPLE.blocks[1]!.start, insertion);
    const newStart = start + insertion.length;
    assertAnchored(
      anchorTarget(edited, target),
      'approximate',
      newStart,
      newStart + 'affecting goods such as electric vehicles, steel, aluminium'.length,
    );
  });

  describe('a quote that occurs several times', () => {
    const PHRASE = 'China and Canada';
    const occurrences = [0, 1, 2].map((n) => occurrence(TEXT, PHRASE, n));

    test('is the phrase the article repeats three times', () => {
      assert.equal(TEXT.split(PHRASE).length - 1, 3);
    });

    test('stays on each occurrence while the positions still hold', () => {
      for (let n = 0; n < 3; n++) {
        const { target } = highlight(TEXT, PHRASE, n);
        assertAnchored(anchorTarget(TEXT, target), 'exact', occurrences[n]!, occurrences[n]! + PHRASE.length);
      }
    });

    test('follows the right occurrence when text is inserted before all of them', () => {
      const insertion = 'Editor’s note: this article was updated. ';
      const edited = insertAt(TEXT, 0, insertion);
      for (let n = 0; n < 3; n++) {
        const { target } = highlight(TEXT, PHRASE, n);
        const start = occurrences[n]! + insertion.length;
        assertAnchored(anchorTarget(edited, target), 'moved', start, start + PHRASE.length);
      }
    });

    test('follows the right occurrence when text is inserted between two of them', () => {
      const insertion = 'A sentence inserted between the first and second mention. ';
      const edited = insertAt(TEXT, SAMPLE.blocks[2]!.start, insertion);
      const first = highlight(TEXT, PHRASE, 0);
      assertAnchored(anchorTarget(edited, first.target), 'exact', occurrences[0]!, occurrences[0]! + PHRASE.length);
      for (const n of [1, 2]) {
        const { target } = highlight(TEXT, PHRASE, n);
        const start = occurrences[n]! + insertion.length;
        assertAnchored(anchorTarget(edited, target), 'moved', start, start + PHRASE.length);
      }
    });

    test('picks the occurrence by its context even when another occurrence is now nearer the old position', () => {
      const { target } = highlight(TEXT, PHRASE, 1);
      // Pushes the first occurrence to within a few characters of where the second used to be.
      const padding = 'Background. '.repeat(Math.floor((occurrences[1]! - occurrences[0]! - 5) / 12));
      const edited = insertAt(TEXT, 0, padding);
      const firstNow = occurrences[0]! + padding.length;
      assert.ok(Math.abs(firstNow - occurrences[1]!) < 20, 'the first occurrence is now near the old position');
      const start = occurrences[1]! + padding.length;
      assertAnchored(anchorTarget(edited, target), 'moved', start, start + PHRASE.length);
    });

    test('does not take a copy of the words now at the old offsets as an exact anchor when the context changed', () => {
      const start = occurrence(TEXT, 'Wang Yi articulated');
      const short = describeRange(TEXT, start, start + 'Wang Yi'.length);
      const insertion = 'Wang Yi welcomed the visit. ';
      const edited = insertAt(TEXT, start, insertion);
      // The highlight was on "Wang Yi" of "Wang Yi articulated"; the new sentence's "Wang Yi" now sits at its old offsets.
      // Each copy keeps one side of the old context, so either may be chosen, but neither as an unchanged position.
      const result = anchorTarget(edited, { source: 'doc', selector: short });
      assert.equal(result.status, 'anchored');
      assert.equal(result.status === 'anchored' && result.method, 'moved');
      assert.ok(result.status === 'anchored' && result.confidence < 1, 'confidence reflects the changed context');
    });
  });

  describe('a moved paragraph', () => {
    const texts = blockTexts(SAMPLE);
    // Paragraph 1 (after the title) moved to after paragraph 3.
    const reordered = [texts[0], texts[2], texts[3], texts[1], ...texts.slice(4)].join('\n');
    const movedStart = texts[0]!.length + 1 + texts[2]!.length + 1 + texts[3]!.length + 1;

    test('finds a passage inside a paragraph that was moved further down', () => {
      const quote = 'This renewed engagement comes amid escalating pressures from the United States';
      const { target, start } = highlight(TEXT, quote);
      const offsetInParagraph = start - SAMPLE.blocks[1]!.start;
      const newStart = movedStart + offsetInParagraph;
      assertAnchored(anchorTarget(reordered, target), 'moved', newStart, newStart + quote.length);
      assert.equal(reordered.slice(newStart, newStart + quote.length), quote);
    });

    test('finds a highlight of a whole paragraph after the paragraph was moved', () => {
      const block = SAMPLE.blocks[1]!;
      const target: AnnotationTarget = { source: 'doc', selector: describeRange(TEXT, block.start, block.end) };
      assertAnchored(anchorTarget(reordered, target), 'moved', movedStart, movedStart + texts[1]!.length);
    });

    test('keeps a highlight in a paragraph that stayed in place', () => {
      const quote = 'Tensions flared again at the 2022 G20 summit';
      const { target, start } = highlight(TEXT, quote);
      assertAnchored(anchorTarget(reordered, target), 'exact', start, start + quote.length);
    });
  });

  describe('an orphan', () => {
    const firstParagraph = SAMPLE.blocks[1]!;
    const withoutFirstParagraph = TEXT.slice(0, firstParagraph.start) + TEXT.slice(firstParagraph.end + 1);

    test('makes a highlight an orphan when its paragraph is deleted, rather than anchoring it elsewhere', () => {
      const { target } = highlight(TEXT, 'signalling a cautious but meaningful "fresh start" in relations');
      assertOrphan(anchorTarget(withoutFirstParagraph, target));
    });

    test('makes a highlight an orphan when its sentence is deleted, though similar words remain nearby', () => {
      const sentence =
        'During her meetings with Chinese Foreign Minister Wang Yi, both sides expressed a commitment to restoring trust and reopening dialogue across all diplomatic levels. ';
      const { target } = highlight(TEXT, 'a commitment to restoring trust and reopening dialogue');
      const edited = replaceOnce(TEXT, sentence, '');
      // The article still speaks of "restoring communication" and "restore dialogue" elsewhere.
      assert.ok(edited.includes('restore dialogue'));
      assertOrphan(anchorTarget(edited, target));
    });

    test('makes a highlight an orphan when its passage was rewritten beyond recognition', () => {
      const quote = 'both sides expressed a commitment to restoring trust and reopening dialogue across all diplomatic levels';
      const { target } = highlight(TEXT, quote);
      const edited = replaceOnce(TEXT, quote, 'the two delegations promised to rebuild confidence and talk again at every level');
      assertOrphan(anchorTarget(edited, target));
    });

    test('does not match a short quote approximately', () => {
      const { target } = highlight(TEXT, 'canola');
      const edited = replaceOnce(TEXT, 'canola', 'canole');
      assertOrphan(anchorTarget(edited, target));
    });

    test('makes a highlight an orphan in an empty text', () => {
      const { target } = highlight(TEXT, 'canola');
      assertOrphan(anchorTarget('', target));
    });

    test('makes a highlight of a common phrase an orphan when its paragraph is deleted, not another copy of the phrase', () => {
      // "China and Canada" from the deleted paragraph still occurs, with different context, in two other paragraphs.
      const { target } = highlight(TEXT, 'China and Canada', 0);
      assertOrphan(anchorTarget(withoutFirstParagraph, target));
    });
  });
});

/**
 * A long article of plausible words (about 220,000 characters in 600 paragraphs), the same on
 * every run, long enough that a search far from the old position is seeded rather than a scan.
 */
function longArticle(): string {
  let a = 12345;
  const next = (n: number): number => {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    return (a >>> 8) % n;
  };
  const words = (
    'the ministry said officials would review the agreement before talks resumed in Ottawa while farmers ' +
    'exporters and analysts waited for a ruling on canola beef steel aluminium tariffs quotas and visas ' +
    'critics warned that pressure from Washington Beijing and Brussels might delay any deal this year'
  ).split(' ');
  const paragraphs: string[] = [];
  for (let p = 0; p < 600; p++) {
    const sentence = (): string => Array.from({ length: 8 + next(12) }, () => words[next(words.length)]!).join(' ');
    paragraphs.push(`Paragraph ${p}: ${Array.from({ length: 3 + next(3) }, sentence).join('. ')}.`);
  }
  return paragraphs.join('\n');
}

describe('anchorTarget in a long text', () => {
  const LONG = longArticle();
  const blocks = LONG.split('\n');
  const startOf = (p: number): number => blocks.slice(0, p).reduce((sum, b) => sum + b.length + 1, 0);

  test('is long enough for the far search to be seeded', () => {
    assert.ok(LONG.length > 200_000, `${LONG.length} characters`);
  });

  test('finds a passage edited inside a paragraph that moved far away', () => {
    const p = 20;
    const quoteStart = startOf(p) + 30;
    const target: AnnotationTarget = { source: 'doc', selector: describeRange(LONG, quoteStart, quoteStart + 90) };
    const quote = LONG.slice(quoteStart, quoteStart + 90);
    // One letter of the quote changed, then its paragraph moved to the end of the article.
    const changed = `${quote.slice(0, 40)}${quote[40] === 'x' ? 'y' : 'x'}${quote.slice(41)}`;
    const paragraph = blocks[p]!.replace(quote, changed);
    const edited = [...blocks.slice(0, p), ...blocks.slice(p + 1), paragraph].join('\n');
    const newStart = edited.lastIndexOf('\n') + 1 + 30;
    assert.ok(newStart - quoteStart > 200_000, 'the passage is now far from its old place');
    assertAnchored(anchorTarget(edited, target), 'approximate', newStart, newStart + 90);
  });

  test('finds an edited passage after a long insertion pushed it beyond the first window', () => {
    const quoteStart = startOf(300) + 15;
    const target: AnnotationTarget = { source: 'doc', selector: describeRange(LONG, quoteStart, quoteStart + 60) };
    const insertion = `${blocks.slice(500, 520).join(' ')} `;
    assert.ok(insertion.length > 5000);
    let edited = `${LONG.slice(0, quoteStart + 20)}${LONG[quoteStart + 20] === 'q' ? 'z' : 'q'}${LONG.slice(quoteStart + 21)}`;
    edited = insertAt(edited, startOf(299), insertion);
    const newStart = quoteStart + insertion.length;
    assertAnchored(anchorTarget(edited, target), 'approximate', newStart, newStart + 60);
  });

  test('makes a deleted passage an orphan though its words recur all over a long text', () => {
    const quoteStart = startOf(400) + 14;
    const target: AnnotationTarget = { source: 'doc', selector: describeRange(LONG, quoteStart, quoteStart + 70) };
    const edited = LONG.slice(0, quoteStart) + LONG.slice(quoteStart + 70);
    assertOrphan(anchorTarget(edited, target));
  });

  test('picks the copy of a phrase repeated in every paragraph by its context', () => {
    const phrase = 'the same stock phrase of this article';
    const repeated = blocks.map((b) => `${b} And ${phrase}.`).join('\n');
    const p = 250;
    const at = repeated.indexOf(phrase, startOf(p) + p * (phrase.length + 6));
    assert.ok(at > 0);
    const target: AnnotationTarget = { source: 'doc', selector: describeRange(repeated, at, at + phrase.length) };
    const insertion = 'A new first paragraph. '.repeat(400);
    const edited = insertion + repeated;
    assertAnchored(anchorTarget(edited, target), 'moved', at + insertion.length, at + insertion.length + phrase.length);
  });

  test('searches only near the old position or only beyond it when asked', () => {
    const quote = blocks[10]!.slice(12, 72);
    const far = LONG.indexOf(quote);
    const edited = LONG.slice(0, far + 30) + 'X' + LONG.slice(far + 31);
    const context = { hint: LONG.length - 1000 };
    assert.equal(matchApproximateQuote(edited, quote, context, 'near'), null);
    assert.equal(matchApproximateQuote(edited, quote, context, 'far')?.start, far);
    assert.equal(matchApproximateQuote(edited, quote, context)?.start, far);
  });
});

describe('a short quote and its context', () => {
  test('finds a short quote that lost a word through its unchanged context', () => {
    const { target, start } = highlight(TEXT, 'in recent years');
    const edited = replaceOnce(TEXT, 'tariffs in recent years,', 'tariffs in years,');
    assertAnchored(anchorTarget(edited, target), 'approximate', start, start + 'in years'.length);
  });

  test('takes the whole of a short quote that gained a word, from the end of its prefix to the start of its suffix', () => {
    const { target, start } = highlight(TEXT, 'in recent years');
    const [position, quote] = target.selector;
    const edited = replaceOnce(TEXT, 'tariffs in recent years,', 'tariffs in rather recent years,');
    const match = matchQuoteWithContext(edited, quote.exact, { prefix: quote.prefix, suffix: quote.suffix, hint: position.start });
    assert.deepEqual({ start: match?.start, end: match?.end }, { start, end: start + 'in rather recent years'.length });
    assert.ok(match!.score < 1);
  });

  test('makes a deleted short quote an orphan though its old neighbours now touch', () => {
    const { target } = highlight(TEXT, 'in recent years');
    const edited = replaceOnce(TEXT, 'tariffs in recent years,', 'tariffs,');
    assertOrphan(anchorTarget(edited, target));
  });

  test('needs a prefix and a suffix to match a quote through its context', () => {
    assert.equal(matchQuoteWithContext('tariffs in years, impacting', 'in recent years', { prefix: 'tariffs ' }), null);
    assert.equal(matchQuoteWithContext('tariffs in years, impacting', 'in recent years', { suffix: ', impacting' }), null);
  });
});

describe('similarity', () => {
  test('is 1 for a needle found verbatim and drops by one per edit per character', () => {
    assert.equal(similarity('abc', 'zzabczz'), 1);
    assert.equal(similarity('abcd', 'abxd'), 0.75);
    assert.equal(similarity('abcd', 'zzabdzz'), 0.75);
  });

  test('treats an empty needle as found and an empty haystack as no match', () => {
    assert.equal(similarity('', 'anything'), 1);
    assert.equal(similarity('abc', ''), 0);
  });
});

describe('matchExactQuote', () => {
  test('answers null for an empty quote or one that is not in the text', () => {
    assert.equal(matchExactQuote('some text', ''), null);
    assert.equal(matchExactQuote('some text', 'other'), null);
  });

  test('prefers the first occurrence when nothing else tells them apart', () => {
    assert.deepEqual(matchExactQuote('a cat and a cat', 'cat'), { start: 2, end: 5, score: 1 });
  });

  test('breaks a tie by the nearest old position', () => {
    const match = matchExactQuote('a cat and a cat and a cat', 'cat', { hint: 13 });
    assert.equal(match?.start, 12);
    assert.equal(match?.end, 15);
  });

  test('lets matching context outweigh a nearer old position', () => {
    const text = 'the cat sat down. the cat ran off.';
    const match = matchExactQuote(text, 'cat', { prefix: 'the ', suffix: ' ran off', hint: 4 });
    assert.equal(match?.start, 22);
    assert.equal(match?.end, 25);
  });
});

describe('matchApproximateQuote', () => {
  const quote = 'abcdefghijklmnopqrst';
  const prefix = 'The context before it: ';
  const suffix = ' and the context after it.';

  test('answers null for a quote shorter than eight characters', () => {
    assert.equal(matchApproximateQuote('xx abcdeXg xx', 'abcdefg'), null);
  });

  test('accepts a quote with up to 20% of its characters changed without any context', () => {
    const match = matchApproximateQuote('zz abcdefghijklmnoXqrXt zz', quote);
    assert.equal(match?.start, 3);
    assert.equal(match?.end, 23);
    assert.ok(match!.score < 1);
  });

  test('accepts a quote with up to 40% changed when its context still matches', () => {
    const text = `${prefix}aXcXeXgXiXkXmXoXqrst${suffix}`;
    const match = matchApproximateQuote(text, quote, { prefix, suffix });
    assert.equal(match?.start, prefix.length);
    assert.equal(match?.end, prefix.length + quote.length);
  });

  test('rejects a quote with 25% changed whose context does not match', () => {
    const text = 'Somewhere else entirely: abXdeXghXjkXmnXpqrst, in other words.';
    assert.equal(matchApproximateQuote(text, quote, { prefix, suffix }), null);
  });

  test('rejects a quote with more than 40% changed even when its context matches', () => {
    const text = `${prefix}aXcXeXgXiXkXmXoXqXst${suffix}`;
    assert.equal(matchApproximateQuote(text, quote, { prefix, suffix }), null);
  });

  test('rejects a quote with 25% changed when no context is known at all', () => {
    assert.equal(matchApproximateQuote('zz abXdeXghXjkXmnXpqrst zz', quote), null);
  });
});
