// Every Gloss figure of scenarios 1-3 as a ratio to the plain ProseMirror peer's, measured in the same run, with the
// targets of issue 13: edits within 1.25x the peer's add p95, open within 1.25x its first paints.
import type { PeerResult } from './peer-scenarios';
import { judge, type BenchRow, type Limit } from './stats';

/** How much slower Gloss may be than the peer (issue 13). */
export const PEER_RATIO_TARGET = 1.25;

function divide(a: number | null | undefined, b: number | null | undefined): number | null {
  return a === null || a === undefined || !b ? null : a / b;
}

/** One Gloss row over one peer row, figure by figure (median over median, p95 over p95, max over max). */
export function ratioRow(gloss: BenchRow, peer: BenchRow, peerName: string, limit?: Limit): BenchRow {
  const figures = { median: divide(gloss.median, peer.median), p95: divide(gloss.p95, peer.p95), max: divide(gloss.max, peer.max) };
  return {
    scenario: gloss.scenario,
    metric: `${gloss.metric} / peer ${peerName}`,
    unit: 'x',
    samples: gloss.samples,
    ...figures,
    ...judge(figures, 'x', limit),
  };
}

/**
 * The ratio rows for Gloss's rows of scenarios 1-3. Open figures divide by the peer's bare first
 * paint, except highlights painted, by its first paint with every decoration; edit figures divide by
 * the peer's add (and a deletion's total also by its remove).
 */
export function peerRatioRows(glossRows: readonly BenchRow[], peer: PeerResult): BenchRow[] {
  const out: BenchRow[] = [];
  const edits: Limit = { on: 'p95', atMost: PEER_RATIO_TARGET };
  const open: Limit = { on: 'median', atMost: PEER_RATIO_TARGET };
  for (const gloss of glossRows) {
    if (gloss.unit !== 'ms' || gloss.samples === 0) continue;
    const total = gloss.metric.endsWith('input to painted');
    if (gloss.scenario.startsWith('1 ')) {
      if (gloss.metric.includes('highlights painted')) out.push(ratioRow(gloss, peer.decorated, 'first paint with every decoration', open));
      else out.push(ratioRow(gloss, peer.bare, 'bare first paint', gloss.metric.includes('text painted') ? open : undefined));
    } else if (gloss.scenario.startsWith('2 ') || gloss.scenario.startsWith('3 ')) {
      out.push(ratioRow(gloss, peer.add, 'add', total ? edits : undefined));
      if (total && gloss.metric.startsWith('delete')) out.push(ratioRow(gloss, peer.remove, 'remove'));
    }
  }
  return out;
}
