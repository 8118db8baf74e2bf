// Covers annotations/agreement/figures.ts: percent agreement, Cohen's kappa and Krippendorff's alpha from the four
// counts, against hand-computed examples (NVivo's published one among them) and an independent implementation of alpha.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { alpha as oracleAlpha } from 'krippendorff';
import { agreementFigures, codedOnly, type AgreementCounts } from '../../../annotations/agreement/figures';

/** NVivo's worked example: 1000 characters, 50 coded by both, 150 by one coder only, 800 by neither. */
const NVIVO: AgreementCounts = { both: 50, aOnly: 100, bOnly: 50, neither: 800 };

/** The units as two rows of ratings (1 coded, 0 not), as the oracle takes them. */
function ratings(c: AgreementCounts): number[][] {
  const a: number[] = [];
  const b: number[] = [];
  const push = (n: number, x: number, y: number) => {
    for (let i = 0; i < n; i += 1) {
      a.push(x);
      b.push(y);
    }
  };
  push(c.both, 1, 1);
  push(c.aOnly, 1, 0);
  push(c.bOnly, 0, 1);
  push(c.neither, 0, 0);
  return [a, b];
}

describe('agreement figures', () => {
  test("gives NVivo's published example 85 % agreement and the kappa computed by hand", () => {
    const f = agreementFigures(NVIVO);
    assert.equal(f.units, 1000);
    assert.equal(f.percent.value, 85);
    // p_A = 0.15, p_B = 0.10, p_e = 0.15 * 0.10 + 0.85 * 0.90 = 0.78, kappa = (0.85 - 0.78) / 0.22 = 7 / 22.
    assert.ok(Math.abs(f.kappa.value! - 7 / 22) < 1e-12, `kappa ${f.kappa.value}`);
    // n = 2000, n_1 = 2*50 + 150 = 250, n_0 = 1600 + 150 = 1750: alpha = 1 - 1999 * 150 / (250 * 1750).
    assert.ok(Math.abs(f.alpha.value! - (1 - (1999 * 150) / (250 * 1750))) < 1e-12, `alpha ${f.alpha.value}`);
  });

  test('counts "coded text only" over the units at least one coder coded: 50 of 200 in NVivo’s example', () => {
    const f = agreementFigures(codedOnly(NVIVO));
    assert.equal(f.units, 200);
    assert.equal(f.percent.value, 25);
  });

  test('gives a kappa of exactly 1 when the coders agree on every unit and both decisions occur', () => {
    const f = agreementFigures({ both: 30, aOnly: 0, bOnly: 0, neither: 70 });
    assert.equal(f.kappa.value, 1);
    assert.equal(f.percent.value, 100);
    assert.equal(f.alpha.value, 1);
  });

  test('gives a kappa of exactly 0 when the coders agree only as often as chance says', () => {
    // p_A = p_B = 0.5, p_o = 0.5 = p_e.
    const f = agreementFigures({ both: 25, aOnly: 25, bOnly: 25, neither: 25 });
    assert.equal(f.kappa.value, 0);
    assert.equal(f.percent.value, 50);
  });

  test('says why kappa and alpha are undefined when there is no variation, and still counts the agreement', () => {
    const f = agreementFigures({ both: 0, aOnly: 0, bOnly: 0, neither: 500 });
    assert.equal(f.percent.value, 100);
    assert.equal(f.kappa.value, null);
    assert.match(f.kappa.reason!, /no variation/);
    assert.equal(f.alpha.value, null);
    assert.match(f.alpha.reason!, /no variation.*left uncoded/);
  });

  test('says every figure is undefined for no units at all', () => {
    const f = agreementFigures({ both: 0, aOnly: 0, bOnly: 0, neither: 0 });
    for (const figure of [f.percent, f.kappa, f.alpha]) assert.deepEqual(figure, { value: null, reason: 'there are no units to compare' });
  });

  test('computes the alpha the krippendorff package computes from the same ratings, for any counts', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.nat(40), fc.nat(40), fc.nat(40), (both, aOnly, bOnly, neither) => {
        const counts = { both, aOnly, bOnly, neither };
        const ours = agreementFigures(counts).alpha.value;
        const theirs = both + aOnly + bOnly + neither === 0 ? NaN : oracleAlpha(ratings(counts));
        if (ours === null) return Number.isNaN(theirs) || !Number.isFinite(theirs);
        return Math.abs(ours - theirs) < 1e-9;
      }),
      { numRuns: 300 },
    );
  });
});
