// Codebook changes from other coders, as proposals: a theme another coder added (by id) or changed (label,
// colour, cue, description) is offered to the own codebook, never taken in silently. Themes are matched by id,
// so the same theme keeps one id on every machine, whatever it is called.
import type { Codebook, Theme } from '../codebook';
import type { CodebookProposal, ThemeInput } from '../contract';
import type { CodebookDoc } from '../sync/remote-docs';

function differs(a: Theme, b: Theme): boolean {
  return a.label !== b.label || a.colour !== b.colour || a.cue !== b.cue || a.description !== b.description;
}

/** What a coder's codebook proposes to the own one; null when it proposes nothing. */
export function proposalOf(doc: CodebookDoc, own: Codebook): CodebookProposal | null {
  const byId = new Map(own.map((t) => [t.id, t]));
  const added = doc.themes.filter((t) => !byId.has(t.id));
  const changed = doc.themes.filter((t) => byId.has(t.id) && differs(t, byId.get(t.id)!));
  return added.length + changed.length === 0 ? null : { coder: doc.coder, added, changed };
}

/** The own codebook with a proposal taken in: changed themes replaced in place, added ones at the end. */
export function acceptedCodebook(own: Codebook, proposal: CodebookProposal): ThemeInput[] {
  const changed = new Map(proposal.changed.map((t) => [t.id, t]));
  const ids = new Set([...own.map((t) => t.id), ...proposal.added.map((t) => t.id)]);
  const input = (t: Theme): ThemeInput => ({
    id: t.id,
    label: t.label,
    colour: t.colour,
    cue: t.cue,
    description: t.description,
    ...(t.parent !== undefined && ids.has(t.parent) ? { parent: t.parent } : {}),
  });
  return [...own.map((t) => input(changed.get(t.id) ?? t)), ...proposal.added.map(input)];
}
