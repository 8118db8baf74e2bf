// Coding found and suggested passages: several passages of the shown document coded with one or more themes in one
// host call (one undo step), and a rejected suggestion stored so it is not proposed again.
import { describeRange } from '../../annotations/anchoring/anchor';
import type { TextSpan } from '../../annotations/text/english';
import { selectThemeLabels } from '../state/modules/library';
import type { Reader } from './context';
import { anchoredAll } from './placement';
import { refuseIfReadOnly, save } from './saving';

/** Codes the passages of the shown document with the themes, as one undo step; answers how many were coded. */
export async function codePassages(reader: Reader, passages: readonly TextSpan[], themes: string[]): Promise<number> {
  if (passages.length === 0 || themes.length === 0 || refuseIfReadOnly(reader)) return 0;
  await reader.flushNote();
  const doc = reader.store.getState().document!;
  const annotations = passages.map((p) => ({
    id: crypto.randomUUID(),
    target: { source: doc.id, selector: describeRange(doc.text, p.start, p.end) },
    themes,
  }));
  // In order behind every earlier change, as each single edit is.
  const stored = await save(reader, () => reader.steps.run(() => reader.host.createAnnotations({ documentId: doc.id, annotations })));
  reader.store.dispatch({ type: 'annotations-changed', upserted: anchoredAll(doc, stored), removed: [] });
  reader.store.dispatch({ type: 'step-recorded' });
  return stored.length;
}

/** What coding said, for the live region and the panels: "Coded 3 passages with Trade and Diplomacy." */
export function codedMessage(reader: Reader, count: number, themes: string[]): string {
  const what = count === 1 ? '1 passage' : `${count} passages`;
  return `Coded ${what} with ${selectThemeLabels(reader.store.getState(), themes)}.`;
}

/** Stores that a suggestion was rejected for a theme. */
export async function rejectSuggestion(reader: Reader, documentId: string, themeId: string, span: TextSpan): Promise<void> {
  if (refuseIfReadOnly(reader)) return;
  await save(reader, () => reader.steps.run(() => reader.host.rejectSuggestion({ documentId, themeId, start: span.start, end: span.end })));
}
