// The agreement table of two coders: one row per theme per document, and the corpus overall, each with its counts
// and figures, over all units and over coded text only. What the app's dialog, the CLI and the report all show.
import type { Annotation } from '../annotation';
import type { Theme } from '../codebook';
import type { GlossDocument } from '../document';
import { compareCoverage, coverageOf, type AgreementUnit, type Disagreement } from './coding';
import { addCounts, agreementFigures, codedOnly, type AgreementFigures } from './figures';
import { layerOf } from './layers';

/** What the table is computed from. */
export interface AgreementInput {
  documents: readonly GlossDocument[];
  annotations: readonly Annotation[];
  codebook: readonly Theme[];
  /** The two coders compared, A then B. */
  coders: readonly [string, string];
  /** The data folder's own coder (annotations without a creator are theirs). */
  ownCoder: string;
  unit: AgreementUnit;
  /** The themes to report; all of the codebook when absent. */
  themeIds?: readonly string[];
}

/** One theme in one document. */
export interface AgreementRow {
  documentId: string;
  documentTitle: string;
  themeId: string;
  themeLabel: string;
  all: AgreementFigures;
  /** The same over the units at least one coder coded. */
  codedOnly: AgreementFigures;
  /** Where the coders disagree, in reading order (for the compare view and a cell's list). */
  disagreements: Disagreement[];
}

/** The whole table. */
export interface AgreementTable {
  unit: AgreementUnit;
  coders: [string, string];
  rows: AgreementRow[];
  /** Every row's counts added up: the corpus overall, all themes pooled. */
  overall: { all: AgreementFigures; codedOnly: AgreementFigures };
  /** Each theme over the corpus (its rows added up), in codebook order. */
  themes: Array<{ themeId: string; themeLabel: string; all: AgreementFigures; codedOnly: AgreementFigures }>;
}

/** One theme in one document: both coders' coverage compared over the document's units. */
export function agreementRow(
  doc: GlossDocument,
  layers: readonly [readonly Annotation[], readonly Annotation[]],
  codebook: readonly Theme[],
  theme: Theme,
  unit: AgreementUnit,
): AgreementRow {
  const a = coverageOf(doc.text, layers[0], codebook, theme.id);
  const b = coverageOf(doc.text, layers[1], codebook, theme.id);
  const { disagreements, ...counts } = compareCoverage(doc, a, b, unit);
  return {
    documentId: doc.id,
    documentTitle: doc.title,
    themeId: theme.id,
    themeLabel: theme.label,
    all: agreementFigures(counts),
    codedOnly: agreementFigures(codedOnly(counts)),
    disagreements,
  };
}

/** The agreement table of two coders over the given documents and themes. */
export function agreementTable(input: AgreementInput): AgreementTable {
  const [coderA, coderB] = input.coders;
  const themes = input.themeIds ? input.codebook.filter((t) => input.themeIds!.includes(t.id)) : [...input.codebook];
  const rows: AgreementRow[] = [];
  for (const doc of input.documents) {
    const mine = input.annotations.filter((x) => x.documentId === doc.id);
    const layers = [layerOf(mine, coderA, input.ownCoder), layerOf(mine, coderB, input.ownCoder)] as const;
    for (const theme of themes) rows.push(agreementRow(doc, layers, input.codebook, theme, input.unit));
  }
  const pooled = (of: readonly AgreementRow[]) => {
    const counts = addCounts(of.map((r) => r.all));
    return { all: agreementFigures(counts), codedOnly: agreementFigures(codedOnly(counts)) };
  };
  return {
    unit: input.unit,
    coders: [coderA, coderB],
    rows,
    overall: pooled(rows),
    themes: themes.map((t) => ({ themeId: t.id, themeLabel: t.label, ...pooled(rows.filter((r) => r.themeId === t.id)) })),
  };
}
