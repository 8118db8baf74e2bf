// Merging two coders' coding of a theme in a document into a new layer: agreements kept once, each disagreement as
// the reader decided it. The two source layers stay as they were; the merge is one undo step.
import { randomUUID } from 'node:crypto';
import type { Annotation } from '../annotation';
import { describeRange } from '../anchoring/anchor';
import { layerOf } from '../agreement/layers';
import { mergedPassages, passageGroups, type MergeChoice } from '../agreement/passages';
import type { MergeLayersInput, MergeLayersResult } from '../agreement/requests';
import { themeAndChildren } from '../codebook';
import { GlossError } from '../errors';
import { checkCoders } from './agreement-report';
import type { DataDraft, DataFile } from './data-file';
import { documentOrThrow, shared } from './data-lookups';
import { record } from './history-changes';

/** Writes the merged layer named `input.name`; refuses a name that is already a coder's. */
export function mergeLayers(draft: DataDraft, input: MergeLayersInput, ownCoder: string, now: string): MergeLayersResult {
  const annotations = shared<Annotation[]>(draft.annotations);
  const data = shared<DataFile>(draft);
  const [a, b] = checkCoders(data, ownCoder, input.coders);
  if (input.name === ownCoder || annotations.some((x) => (x.creator ?? ownCoder) === input.name)) {
    throw new GlossError('invalid-input', `"${input.name}" is already a coder's layer; a merge makes a new one, so give it a new name.`);
  }
  const doc = documentOrThrow(draft, input.documentId);
  if (!draft.codebook.some((t) => t.id === input.themeId)) throw new GlossError('invalid-input', `Unknown theme "${input.themeId}".`);
  const inDoc = annotations.filter((x) => x.documentId === doc.id);
  const groups = passageGroups(doc.text, [layerOf(inDoc, a, ownCoder), layerOf(inDoc, b, ownCoder)], data.codebook, input.themeId);
  const choices = new Map<number, MergeChoice>(input.choices.map((c) => [c.start, c.choice]));
  const family = themeAndChildren(data.codebook, input.themeId);
  const seen = new Set<string>();
  const created: Annotation[] = [];
  for (const passage of mergedPassages(groups, choices)) {
    const themes = passage.annotation.themes.filter((t) => family.has(t));
    const key = `${passage.start}:${passage.end}:${themes.join(' ')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    created.push({
      id: randomUUID(),
      documentId: doc.id,
      target: { source: doc.id, selector: describeRange(doc.text, passage.start, passage.end) },
      themes,
      note: passage.annotation.note,
      created: now,
      modified: now,
      creator: input.name,
    });
  }
  draft.annotations = [...draft.annotations, ...created];
  if (created.length > 0) {
    record(draft, { documentId: doc.id, step: { label: 'Layers merged', annotations: created.map((x) => ({ before: null, after: x })) } });
  }
  return { coder: input.name, created: created.length, disagreements: groups.filter((g) => !g.agree).length };
}
