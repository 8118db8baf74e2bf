// Intercoder agreement of two coders over a set of units, each unit coded (or not) by each coder with one theme:
// the four counts, and from them percent agreement, Cohen's kappa and Krippendorff's alpha (nominal), each with the
// reason where it is undefined. Pure arithmetic, so every figure can be checked by hand.

/** How many units each combination of the two coders' decisions covers. */
export interface AgreementCounts {
  /** Coded by both coders. */
  both: number;
  /** Coded by coder A only. */
  aOnly: number;
  /** Coded by coder B only. */
  bOnly: number;
  /** Coded by neither. */
  neither: number;
}

/** A figure that may be undefined for the data, with the reason when it is. */
export interface Figure {
  value: number | null;
  /** Why value is null (no units, no variation), or null when it is defined. */
  reason: string | null;
}

/** The counts and the three figures computed from them. */
export interface AgreementFigures extends AgreementCounts {
  units: number;
  /** (both + neither) / units, as 0-100. */
  percent: Figure;
  kappa: Figure;
  alpha: Figure;
}

const defined = (value: number): Figure => ({ value, reason: null });
const undefinedBecause = (reason: string): Figure => ({ value: null, reason });

/** The number of units the counts cover. */
export function unitsOf(c: AgreementCounts): number {
  return c.both + c.aOnly + c.bOnly + c.neither;
}

/** Percent agreement: the share of units both coders decided alike (coded by both, or by neither), 0-100. */
export function percentAgreement(c: AgreementCounts): Figure {
  const n = unitsOf(c);
  if (n === 0) return undefinedBecause('there are no units to compare');
  return defined((100 * (c.both + c.neither)) / n);
}

/**
 * Cohen's kappa = (p_o - p_e) / (1 - p_e), with p_o the observed agreement and p_e = p_A p_B + (1 - p_A)(1 - p_B)
 * the agreement expected by chance, p_X the share of units coder X coded. Undefined when p_e = 1: both coders
 * gave every unit the same one decision, so there is no variation chance could explain.
 */
export function cohensKappa(c: AgreementCounts): Figure {
  const n = unitsOf(c);
  if (n === 0) return undefinedBecause('there are no units to compare');
  const pO = (c.both + c.neither) / n;
  const pA = (c.both + c.aOnly) / n;
  const pB = (c.both + c.bOnly) / n;
  const pE = pA * pB + (1 - pA) * (1 - pB);
  if (pE === 1) return undefinedBecause('no variation: both coders made the same one decision for every unit (p_e = 1)');
  return defined((pO - pE) / (1 - pE));
}

/**
 * Krippendorff's alpha for nominal data, two coders, no missing values: alpha = 1 - (n - 1) o_01 / (n_0 n_1), from
 * the coincidence matrix of the 2N pairable values (o_01 = aOnly + bOnly disagreeing pairs each way; n_1 = 2 both +
 * aOnly + bOnly values "coded", n_0 likewise "not coded"). Undefined when only one value occurs at all.
 */
export function krippendorffAlpha(c: AgreementCounts): Figure {
  const units = unitsOf(c);
  if (units === 0) return undefinedBecause('there are no units to compare');
  const n = 2 * units;
  const disagreeing = c.aOnly + c.bOnly;
  const coded = 2 * c.both + disagreeing;
  const uncoded = 2 * c.neither + disagreeing;
  if (coded === 0 || uncoded === 0)
    return undefinedBecause(`no variation: every unit was ${coded === 0 ? 'left uncoded' : 'coded'} by both coders`);
  return defined(1 - ((n - 1) * disagreeing) / (coded * uncoded));
}

/** Every figure of a set of counts. */
export function agreementFigures(c: AgreementCounts): AgreementFigures {
  return { ...c, units: unitsOf(c), percent: percentAgreement(c), kappa: cohensKappa(c), alpha: krippendorffAlpha(c) };
}

/** The same counts restricted to "coded text only": the units at least one coder coded (uncoded text inflates agreement). */
export function codedOnly(c: AgreementCounts): AgreementCounts {
  return { ...c, neither: 0 };
}

/** The sum of several counts (rows over a corpus). */
export function addCounts(rows: Iterable<AgreementCounts>): AgreementCounts {
  const sum: AgreementCounts = { both: 0, aOnly: 0, bOnly: 0, neither: 0 };
  for (const r of rows) {
    sum.both += r.both;
    sum.aOnly += r.aOnly;
    sum.bOnly += r.bOnly;
    sum.neither += r.neither;
  }
  return sum;
}
