// The corpus report's model: every document's report model (each highlight anchored in its text, orphans kept
// apart), and over them the corpus figures (matrix, co-occurrence) and each theme's passages across documents.
import type { Annotation } from '../annotation';
import { expandThemes, type Codebook, type Theme } from '../codebook';
import type { CodedPassage, CorpusDocument } from '../corpus/coded-passage';
import { corpusCooccurrence, type CorpusCooccurrence } from '../corpus/cooccurrence';
import { themeDocumentMatrix, type ThemeDocumentMatrix } from '../corpus/matrix';
import { retrievePassages, type RetrievedPassages } from '../corpus/passages';
import type { GlossDocument } from '../document';
import { GlossError } from '../errors';
import { buildReportModel, type ReportModel } from './model';

/** What a corpus report includes. */
export interface CorpusReportOptions {
  /** Theme ids to report on (with their sub-themes); all when absent. */
  themes?: string[];
  /** Only highlights that carry a note. */
  onlyWithNotes?: boolean;
}

/** One theme's passages across the corpus, grouped by document. */
export interface CorpusThemeSection {
  theme: Theme;
  retrieved: RetrievedPassages;
}

/** Everything a corpus report builder needs. */
export interface CorpusReportModel {
  /** Each document's model, in the library's order. */
  models: ReportModel[];
  documents: CorpusDocument[];
  /** The themes reported on, in codebook order. */
  themes: Theme[];
  /** Every anchored highlight of the reported themes, as the corpus figures read them. */
  passages: CodedPassage[];
  matrix: ThemeDocumentMatrix;
  cooccurrence: CorpusCooccurrence;
  sections: CorpusThemeSection[];
  /** Highlights that could not be found in their text (left out of the figures, as in a document's report). */
  orphans: number;
  options: Required<Omit<CorpusReportOptions, 'themes'>>;
}

/** The anchored highlights of a document's report model, as corpus passages (where they are found now). */
export function passagesOf(model: ReportModel): CodedPassage[] {
  return model.highlights.map((h) => ({
    id: h.annotation.id,
    documentId: model.document.id,
    start: h.start,
    end: h.end,
    themes: h.annotation.themes,
    note: h.annotation.note,
    quote: h.quote,
  }));
}

/** Builds the corpus report's model; throws a GlossError for a theme the codebook does not have. */
export function buildCorpusReportModel(
  documents: readonly GlossDocument[],
  annotations: readonly Annotation[],
  codebook: Codebook,
  options: CorpusReportOptions = {},
): CorpusReportModel {
  const unknown = (options.themes ?? []).filter((id) => !codebook.some((t) => t.id === id));
  if (unknown.length > 0) throw new GlossError('invalid-input', `Unknown theme ${unknown.map((id) => `"${id}"`).join(', ')}.`);
  const wanted = options.themes ? new Set(expandThemes(codebook, options.themes)) : null;
  const themes = wanted ? codebook.filter((t) => wanted.has(t.id)) : [...codebook];
  const byDocument = new Map<string, Annotation[]>(documents.map((d) => [d.id, []]));
  for (const a of annotations) byDocument.get(a.documentId)?.push(a);
  const onlyWithNotes = options.onlyWithNotes ?? false;
  const models = documents.map((doc) =>
    buildReportModel(doc, byDocument.get(doc.id)!, codebook, {
      themes: themes.map((t) => t.id),
      onlyWithNotes,
      includeArticle: false,
    }),
  );
  const corpusDocuments = documents.map((d) => ({ id: d.id, title: d.title, length: d.text.length }));
  const passages = models.flatMap(passagesOf);
  return {
    models,
    documents: corpusDocuments,
    themes,
    passages,
    matrix: themeDocumentMatrix(themes, corpusDocuments, passages),
    cooccurrence: corpusCooccurrence(themes, corpusDocuments, passages),
    sections: themes.map((theme) => ({
      theme,
      retrieved: retrievePassages(themes, corpusDocuments, passages, { themes: [theme.id] }),
    })),
    orphans: models.reduce((n, m) => n + m.orphans.length, 0),
    options: { onlyWithNotes },
  };
}
