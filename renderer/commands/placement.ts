// The shown document's annotations and where each is in the text. On opening, the host has anchored them (once
// per text) and sends them in stages: the screen's first, then all of them a page at a time in document order,
// yielding to input between pages, then their notes; a note wanted sooner (its highlight opened) is asked for at
// once. Anchoring here is left for the few annotations the page makes or the host sends whole.
import type { Annotation } from '../../annotations/annotation';
import { anchorTarget } from '../../annotations/anchoring/anchor';
import {
  MAX_ANNOTATION_PAGE,
  readRecord,
  type AnnotationPage,
  type AnnotationPageInput,
  type PageCursor,
} from '../../annotations/contract-open';
import type { GlossDocument } from '../../annotations/document';
import { errorMessage } from '../../annotations/errors';
import type { AnchoredAnnotation } from '../state/actions';
import type { Reader } from './context';

/** One annotation anchored in the document's text. */
export function anchored(doc: GlossDocument, annotation: Annotation): AnchoredAnnotation {
  return { annotation, anchor: anchorTarget(doc.text, annotation.target) };
}

/** Every annotation anchored. */
export function anchoredAll(doc: GlossDocument, annotations: readonly Annotation[]): AnchoredAnnotation[] {
  return annotations.map((annotation) => anchored(doc, annotation));
}

/**
 * Annotations per page of the rest: taking in a page (its JSON, the list merged, the highlights in the window
 * drawn) costs a few frames of script at most, and input waiting behind it is handled before the next page.
 */
export const STAGE_PAGE = 2500;

/** A page's annotations read back, and those whose note is still to come. */
export function arrivalsOf(doc: GlossDocument, page: AnnotationPage): { arrived: AnchoredAnnotation[]; notesToCome: string[] } {
  const arrived: AnchoredAnnotation[] = [];
  const notesToCome: string[] = [];
  for (const record of page.records) {
    const read = readRecord(doc, page, record);
    arrived.push({ annotation: read.annotation, anchor: read.anchor });
    if (read.hasNote) notesToCome.push(read.annotation.id);
  }
  arrived.push(...page.full);
  return { arrived, notesToCome };
}

/** Lets the browser handle input and paint before the next stage. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Brings in the annotations of `doc`, just shown without them (`total`: how many the host said it has). Each
 * page is asked for in order with the reader's edits (the step queue), so a page never holds what an edit
 * acknowledged before it had not changed yet; one the reader made or edited meanwhile is kept as shown.
 * Resolves when all are in, or when another document was opened meanwhile (whose stages then take over).
 */
export async function bringAnnotations(reader: Reader, doc: GlossDocument, total: number): Promise<void> {
  const shown = (): boolean => reader.store.getState().document === doc;
  const ask = (input: Omit<AnnotationPageInput, 'documentId'>) =>
    reader.steps.run(() => reader.host.openAnnotations({ documentId: doc.id, ...input }));
  watchNotes(reader);
  const range = total > STAGE_PAGE ? reader.article.screenRange() : null;
  try {
    if (range) {
      const page = await ask({ range });
      if (!shown()) return;
      reader.store.dispatch({ type: 'annotations-arrived', ...arrivalsOf(doc, page), loaded: 0, done: false });
    }
    let after: PageCursor | undefined;
    let loaded = 0;
    for (let first = true; first || after; first = false) {
      if (range || !first) await nextTask();
      if (!shown()) return;
      const page: AnnotationPage = await ask({ after, limit: STAGE_PAGE });
      if (!shown()) return;
      after = page.next ?? undefined;
      loaded += page.records.length + page.full.length;
      reader.store.dispatch({ type: 'annotations-arrived', ...arrivalsOf(doc, page), loaded, done: !after });
    }
  } catch (error) {
    if (!shown()) return;
    // Left as "Loading highlights…": some are not here, and saying all is saved would hide that.
    reader.notices.banner.error(
      `Some highlights could not be loaded: ${errorMessage(error)}`,
      () => void bringAnnotations(reader, doc, total),
    );
    return;
  }
  void bringNotes(reader, doc);
}

/** Ids whose notes were asked for, per document shown (so a note is asked for once). */
const asked = new WeakMap<GlossDocument, Set<string>>();

/** Asks the host for these annotations' notes (those still to come and not asked for yet) and shows them. */
export async function fetchNotes(reader: Reader, doc: GlossDocument, ids: readonly string[]): Promise<void> {
  let seen = asked.get(doc);
  if (!seen) asked.set(doc, (seen = new Set()));
  const { notesToCome } = reader.store.getState();
  const wanted = ids.filter((id) => notesToCome.has(id) && !seen.has(id)).slice(0, MAX_ANNOTATION_PAGE);
  if (wanted.length === 0) return;
  for (const id of wanted) seen.add(id);
  try {
    const notes = await reader.host.annotationNotes({ documentId: doc.id, ids: wanted });
    if (reader.store.getState().document === doc) reader.store.dispatch({ type: 'notes-arrived', notes });
  } catch (error) {
    for (const id of wanted) seen.delete(id);
    reader.notices.banner.error(`Notes could not be loaded: ${errorMessage(error)}`, () => void fetchNotes(reader, doc, wanted));
  }
}

/** The last stage: every note still to come, a page at a time. */
async function bringNotes(reader: Reader, doc: GlossDocument): Promise<void> {
  for (;;) {
    const state = reader.store.getState();
    if (state.document !== doc) return;
    const seen = asked.get(doc);
    const ids = [...state.notesToCome].filter((id) => !seen?.has(id));
    if (ids.length === 0) return;
    await fetchNotes(reader, doc, ids);
    if (asked.get(doc)?.has(ids[0]!) !== true) return; // failed: its banner offers Retry
    await nextTask();
  }
}

const watched = new WeakSet<Reader>();

/** Asks for an opened highlight's note at once when it is still to come (the detail pane shows it). */
function watchNotes(reader: Reader): void {
  if (watched.has(reader)) return;
  watched.add(reader);
  reader.store.subscribe((state, previous) => {
    const id = state.activeId;
    if (id && id !== previous.activeId && state.document && state.notesToCome.has(id)) void fetchNotes(reader, state.document, [id]);
  });
}
