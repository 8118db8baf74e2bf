// Summary statistics and the results table of the bench: medians, p95, targets and verdicts.

/** One line of the results table. */
export interface BenchRow {
  scenario: string;
  metric: string;
  unit: string;
  /** How many samples the figures summarise (1 for a single measurement). */
  samples: number;
  median: number | null;
  p95: number | null;
  max?: number | null;
  /** The target as text, e.g. "<= 300 ms"; empty when the issue sets none. */
  target: string;
  verdict: 'pass' | 'MISS' | 'info' | 'skip';
  note?: string;
}

/** The value at quantile q (0..1) of the samples, by linear interpolation; null for no samples. */
export function quantile(samples: readonly number[], q: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** Median and p95 of samples. */
export function summarise(samples: readonly number[]): { median: number | null; p95: number | null; max: number | null } {
  return {
    median: quantile(samples, 0.5),
    p95: quantile(samples, 0.95),
    max: samples.length === 0 ? null : Math.max(...samples),
  };
}

/** A target of the form "value must be at most limit". */
export interface Limit {
  /** Which figure is compared: the median, the p95 or the max. */
  on: 'median' | 'p95' | 'max';
  atMost?: number;
  atLeast?: number;
}

/** A row's target as text and its verdict: the figure the limit names against the limit ('info' without one). */
export function judge(
  figures: Pick<BenchRow, 'median' | 'p95' | 'max'>,
  unit: string,
  limit?: Limit,
): Pick<BenchRow, 'target' | 'verdict'> {
  if (!limit) return { target: '', verdict: 'info' };
  const value = figures[limit.on] ?? null;
  const parts: string[] = [];
  let ok = value !== null;
  if (limit.atMost !== undefined) {
    parts.push(`${limit.on} <= ${format(limit.atMost)}`);
    ok = ok && value! <= limit.atMost;
  }
  if (limit.atLeast !== undefined) {
    parts.push(`${limit.on} >= ${format(limit.atLeast)}`);
    ok = ok && value! >= limit.atLeast;
  }
  return { target: `${parts.join(', ')} ${unit}`.trim(), verdict: ok ? 'pass' : 'MISS' };
}

/** Builds a row from samples, judging it against a limit when there is one. */
export function row(scenario: string, metric: string, unit: string, samples: readonly number[], limit?: Limit, note?: string): BenchRow {
  const { median, p95, max } = summarise(samples);
  const { target, verdict } = judge({ median, p95, max }, unit, limit);
  const result: BenchRow = { scenario, metric, unit, samples: samples.length, median, p95, max, target, verdict };
  if (note) result.note = note;
  return result;
}

/** A row for a scenario that could not run. */
export function skipped(scenario: string, note: string, metric = '-'): BenchRow {
  return { scenario, metric, unit: '', samples: 0, median: null, p95: null, target: '', verdict: 'skip', note };
}

/** A number shown with sensible precision. */
export function format(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '-';
  const abs = Math.abs(value);
  if (abs >= 1000) return value.toFixed(0);
  if (abs >= 100) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

/** The results as an aligned plain-text table, with notes under it. */
export function renderTable(rows: readonly BenchRow[]): string {
  const header = ['scenario', 'metric', 'median', 'p95', 'max', 'n', 'target', 'verdict'];
  const body = rows.map((r) => [
    r.scenario,
    r.unit ? `${r.metric} (${r.unit})` : r.metric,
    format(r.median),
    format(r.p95),
    format(r.max),
    String(r.samples),
    r.target,
    r.verdict,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
  const notes = rows.filter((r) => r.note).map((r) => `  [${r.scenario} / ${r.metric}] ${r.note}`);
  if (notes.length > 0) out.push('', 'Notes:', ...notes);
  return out.join('\n');
}
