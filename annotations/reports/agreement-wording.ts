// How agreement figures read in the text, CSV and HTML reports and the app's table: one decimal for a percentage,
// three for kappa and alpha, and a dash where a figure is undefined (its reason said beside it).
import type { Figure } from '../agreement/figures';

/** A percentage figure (0-100) as "85.0 %", or "–" when undefined. */
export function percentText(figure: Figure): string {
  return figure.value === null ? '–' : `${figure.value.toFixed(1)} %`;
}

/** A coefficient (kappa, alpha) with three decimals, or "–" when undefined. */
export function coefficientText(figure: Figure): string {
  return figure.value === null ? '–' : figure.value.toFixed(3);
}

/** The unit's name in a sentence: "characters", "sentences", "paragraphs". */
export function unitNoun(unit: 'character' | 'sentence' | 'paragraph'): string {
  return `${unit}s`;
}

/** Why the figures of a row are undefined, in one line, or '' when all are defined. */
export function reasonsText(figures: { percent: Figure; kappa: Figure; alpha: Figure }): string {
  const kappa = figures.kappa.reason;
  const alpha = figures.alpha.reason;
  if (figures.percent.reason) return figures.percent.reason;
  if (kappa && alpha) return kappa === alpha ? kappa : `kappa: ${kappa}; alpha: ${alpha}`;
  return kappa ? `kappa: ${kappa}` : alpha ? `alpha: ${alpha}` : '';
}
