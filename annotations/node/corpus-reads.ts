// The corpus reads of the service: the library's documents and highlights handed to the corpus domain
// (annotations/corpus/, annotations/reports/corpus-*), which does the arithmetic. Nothing here writes.
import type { Annotation } from '../annotation';
import type { Codebook } from '../codebook';
import type { ExportedReport } from '../contract';
import type { ExportCorpusReportInput, ListPassagesInput, PassagePage } from '../contract-corpus';
import { MAX_PASSAGE_PAGE } from '../contract-corpus';
import type { CodedPassage, CorpusDocument } from '../corpus/coded-passage';
import { corpusCooccurrence, type CorpusCooccurrence } from '../corpus/cooccurrence';
import { themeDocumentMatrix, type ThemeDocumentMatrix } from '../corpus/matrix';
import { retrievePassages, type PassageFilter, type RetrievedPassages } from '../corpus/passages';
import type { GlossDocument } from '../document';
import { buildCorpusReport, corpusFileName } from '../reports/corpus-formats';
import { buildCorpusReportModel } from '../reports/corpus-model';
import { REPORT_FORMATS } from '../reports/formats';
import type { StoreData } from './data-file';
import { checkThemes, shared } from './data-lookups';

// A change replaces the fields of the data it changes and never edits them (write-queue.ts), so a result
// computed from the same documents, annotations and codebook (by reference) is still true: the reads below
// keep their last results and a view that asks again (a page after page, the matrix opened twice) pays once.

/** The library's documents as the corpus figures need them (kept per version of the documents). */
const documentsOf = new WeakMap<object, CorpusDocument[]>();
function corpusDocuments(data: StoreData): CorpusDocument[] {
  let found = documentsOf.get(data.documents);
  if (!found) documentsOf.set(data.documents, (found = data.documents.map((d) => ({ id: d.id, title: d.title, length: d.text.length }))));
  return found;
}

/** Every stored highlight where it was stored (the views read positions; reports anchor them again), kept per version. */
const passagesOf = new WeakMap<object, CodedPassage[]>();
function storedPassages(data: StoreData): CodedPassage[] {
  let found = passagesOf.get(data.annotations);
  if (found) return found;
  found = data.annotations.map((a) => ({
    id: a.id,
    documentId: a.documentId,
    start: a.target.selector[0].start,
    end: a.target.selector[0].end,
    themes: a.themes,
    note: a.note,
    quote: a.target.selector[1].exact,
  }));
  passagesOf.set(data.annotations, found);
  return found;
}

/** One kept result: what it was computed from and for which question. */
interface Kept<T> {
  from: readonly unknown[];
  key: string;
  value: T;
}

/** The value of `compute` for this data and key, from the last computation when neither changed. */
function keptOr<T>(slot: { last: Kept<T> | null }, data: StoreData, key: string, compute: () => T): T {
  const from = [data.documents, data.annotations, data.codebook];
  const last = slot.last;
  if (last && last.key === key && last.from.every((part, i) => part === from[i])) return last.value;
  const value = compute();
  slot.last = { from, key, value };
  return value;
}

const retrievals: { last: Kept<RetrievedPassages> | null } = { last: null };
const matrices: { last: Kept<ThemeDocumentMatrix> | null } = { last: null };
const cooccurrences: { last: Kept<CorpusCooccurrence> | null } = { last: null };

/** The passages that match a filter. */
function retrieved(data: StoreData, filter: PassageFilter): RetrievedPassages {
  return keptOr(retrievals, data, JSON.stringify(filter), () =>
    retrievePassages(shared<Codebook>(data.codebook), corpusDocuments(data), storedPassages(data), filter),
  );
}

/** One page of the passages that match the input's filter. */
export function listPassages(data: StoreData, input: ListPassagesInput): PassagePage {
  const found = retrieved(data, input.filter ?? {});
  const offset = Math.min(input.offset ?? 0, found.passages.length);
  const limit = input.limit ?? MAX_PASSAGE_PAGE;
  const groups = offset === 0 ? found.groups : [];
  return { total: found.passages.length, offset, groups, passages: found.passages.slice(offset, offset + limit) };
}

/** The theme x document matrix of the library. */
export function corpusMatrix(data: StoreData): ThemeDocumentMatrix {
  return keptOr(matrices, data, '', () =>
    themeDocumentMatrix(shared<Codebook>(data.codebook), corpusDocuments(data), storedPassages(data)),
  );
}

/** Co-occurrence of the codebook's themes over the library. */
export function cooccurrence(data: StoreData): CorpusCooccurrence {
  return keptOr(cooccurrences, data, '', () =>
    corpusCooccurrence(shared<Codebook>(data.codebook), corpusDocuments(data), storedPassages(data)),
  );
}

/** The corpus report in the format asked for. */
export function exportCorpusReport(data: StoreData, input: ExportCorpusReportInput, now: string): ExportedReport {
  if (input.themes) checkThemes(data, input.themes);
  const model = buildCorpusReportModel(
    shared<GlossDocument[]>(data.documents),
    shared<Annotation[]>(data.annotations),
    shared<Codebook>(data.codebook),
    {
      themes: input.themes,
      onlyWithNotes: input.onlyWithNotes,
    },
  );
  const content = buildCorpusReport(input.format, model, { exportedAt: now, bom: input.bom });
  return {
    fileName: corpusFileName(input.format),
    mimeType: REPORT_FORMATS[input.format].mime,
    dataBase64: Buffer.from(content, 'utf8').toString('base64'),
  };
}
