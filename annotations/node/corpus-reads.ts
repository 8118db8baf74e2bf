// The corpus reads of the service: the library's documents and highlights handed to the corpus domain
// (annotations/corpus/, annotations/reports/corpus-*), which does the arithmetic. Nothing here writes.
import type { Annotation } from '../annotation';
import type { Codebook } from '../codebook';
import type { ExportCorpusReportInput, ExportedReport, ListPassagesInput, PassagePage } from '../contract';
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

/** The library's documents as the corpus figures need them. */
function corpusDocuments(data: StoreData): CorpusDocument[] {
  return data.documents.map((d) => ({ id: d.id, title: d.title, length: d.text.length }));
}

/** Every stored highlight where it was stored (the views read positions; reports anchor them again). */
function storedPassages(data: StoreData): CodedPassage[] {
  return data.annotations.map((a) => ({
    id: a.id,
    documentId: a.documentId,
    start: a.target.selector[0].start,
    end: a.target.selector[0].end,
    themes: a.themes,
    note: a.note,
    quote: a.target.selector[1].exact,
  }));
}

/** The last retrieval, kept while the data and the filter stay the same: a view scrolling asks for page after page of one filter. */
let lastRetrieval: { data: readonly unknown[]; key: string; found: RetrievedPassages } | null = null;

/** The passages that match a filter, from the last retrieval when nothing changed since (a change replaces the fields it changes, never edits them). */
function retrieved(data: StoreData, filter: PassageFilter): RetrievedPassages {
  const key = JSON.stringify(filter);
  const inputs = [data.documents, data.annotations, data.codebook];
  if (lastRetrieval && lastRetrieval.key === key && lastRetrieval.data.every((part, i) => part === inputs[i])) return lastRetrieval.found;
  const found = retrievePassages(shared<Codebook>(data.codebook), corpusDocuments(data), storedPassages(data), filter);
  lastRetrieval = { data: inputs, key, found };
  return found;
}

/** One page of the passages that match the input's filter. */
export function listPassages(data: StoreData, input: ListPassagesInput): PassagePage {
  const found = retrieved(data, input.filter ?? {});
  const offset = Math.min(input.offset ?? 0, found.passages.length);
  const limit = input.limit ?? MAX_PASSAGE_PAGE;
  return { total: found.passages.length, offset, groups: found.groups, passages: found.passages.slice(offset, offset + limit) };
}

/** The theme x document matrix of the library. */
export function corpusMatrix(data: StoreData): ThemeDocumentMatrix {
  return themeDocumentMatrix(shared<Codebook>(data.codebook), corpusDocuments(data), storedPassages(data));
}

/** Co-occurrence of the codebook's themes over the library. */
export function cooccurrence(data: StoreData): CorpusCooccurrence {
  return corpusCooccurrence(shared<Codebook>(data.codebook), corpusDocuments(data), storedPassages(data));
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
