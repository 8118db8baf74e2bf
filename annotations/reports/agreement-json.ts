// The agreement table as plain JSON, the shape the `npm run agreement` command and its users read: per row the
// counts and percent/kappa/alpha (null where undefined, the reason beside), and the same over coded text only.
import type { AgreementFigures } from '../agreement/figures';
import type { AgreementTable } from '../agreement/table';

/** The figures of a row or of the overall, as numbers or null. */
export interface AgreementFiguresJson {
  units: number;
  both: number;
  aOnly: number;
  bOnly: number;
  neither: number;
  /** 0-100. */
  percent: number | null;
  kappa: number | null;
  alpha: number | null;
  /** Why a figure is null, by figure name; only those that are. */
  reasons: Partial<Record<'percent' | 'kappa' | 'alpha', string>>;
  /** The figures over the units at least one coder coded. */
  codedOnly: { units: number; percent: number | null; kappa: number | null; alpha: number | null };
}

/** One theme in one document. */
export interface AgreementRowJson extends AgreementFiguresJson {
  /** The document's id. */
  document: string;
  /** The theme's id. */
  theme: string;
}

/** The whole table. */
export interface AgreementJson {
  unit: AgreementTable['unit'];
  coders: [string, string];
  rows: AgreementRowJson[];
  overall: AgreementFiguresJson;
}

function figuresJson(all: AgreementFigures, coded: AgreementFigures): AgreementFiguresJson {
  const reasons: AgreementFiguresJson['reasons'] = {};
  for (const name of ['percent', 'kappa', 'alpha'] as const) if (all[name].reason !== null) reasons[name] = all[name].reason!;
  return {
    units: all.units,
    both: all.both,
    aOnly: all.aOnly,
    bOnly: all.bOnly,
    neither: all.neither,
    percent: all.percent.value,
    kappa: all.kappa.value,
    alpha: all.alpha.value,
    reasons,
    codedOnly: { units: coded.units, percent: coded.percent.value, kappa: coded.kappa.value, alpha: coded.alpha.value },
  };
}

/** The table as JSON data. */
export function agreementJson(table: AgreementTable): AgreementJson {
  return {
    unit: table.unit,
    coders: [...table.coders],
    rows: table.rows.map((r) => ({ document: r.documentId, theme: r.themeId, ...figuresJson(r.all, r.codedOnly) })),
    overall: figuresJson(table.overall.all, table.overall.codedOnly),
  };
}
