// Retrieving passages across the corpus (MAXQDA's Retrieved Segments, NVivo's node view): every highlight that
// matches a filter, grouped by document in the library's order, handed out a page at a time so a view of
// twenty thousand passages never receives them all at once.
import { expandThemes, type Theme } from '../codebook';
import type { CodedPassage, CorpusDocument } from './coded-passage';
import { belongingOf } from './document-coding';

/** Which passages to retrieve; every field narrows, an absent one does not. */
export interface PassageFilter {
  /** Only these documents. */
  documents?: string[];
  /** Only passages that belong to one of these themes (a sub-theme's passages belong to its parent too). */
  themes?: string[];
  /** Only passages whose note or quote contains this text (case-insensitive; blank matches all). */
  text?: string;
  /** True: only passages with a note; false: only those without one. */
  hasNote?: boolean;
  /**
   * Only passages where two themes meet, as co-occurrence counts them: one that belongs to both, or one that
   * belongs to either and shares text with another that belongs to the other.
   */
  cooccurring?: [string, string];
}

/** A document's run of passages in the filtered list. */
export interface PassageGroup {
  documentId: string;
  title: string;
  /** Index in the filtered list of the group's first passage. */
  offset: number;
  count: number;
}

/** The filtered passages, in order, with their groups. */
export interface RetrievedPassages {
  passages: CodedPassage[];
  groups: PassageGroup[];
}

function byPlace(x: CodedPassage, y: CodedPassage): number {
  return x.start - y.start || x.end - y.end || x.id.localeCompare(y.id);
}

/** Keeps the passages of one document where the two themes meet (see PassageFilter.cooccurring). */
function whereThemesMeet(sorted: readonly CodedPassage[], inA: (p: CodedPassage) => boolean, inB: (p: CodedPassage) => boolean) {
  const kept = new Set<CodedPassage>();
  for (let i = 0; i < sorted.length; i++) {
    const x = sorted[i]!;
    const [xa, xb] = [inA(x), inB(x)];
    if (xa && xb) kept.add(x);
    if (!xa && !xb) continue;
    // Sorted by start: only those starting before x ends can share text with it.
    for (let j = i + 1; j < sorted.length && sorted[j]!.start < x.end; j++) {
      const y = sorted[j]!;
      if ((xa && inB(y)) || (xb && inA(y))) {
        kept.add(x);
        kept.add(y);
      }
    }
  }
  return sorted.filter((p) => kept.has(p));
}

/** The passages that match the filter, grouped by document (in the documents' order), each group in reading order. */
export function retrievePassages(
  codebook: readonly Theme[],
  documents: readonly CorpusDocument[],
  passages: Iterable<CodedPassage>,
  filter: PassageFilter = {},
): RetrievedPassages {
  const belonging = belongingOf(codebook);
  const belongsToAny = (ids: readonly string[]) => {
    const covered = new Set(expandThemes(codebook, ids));
    return (p: CodedPassage) => p.themes.some((t) => covered.has(t));
  };
  const wantedDocuments = filter.documents ? new Set(filter.documents) : null;
  const inThemes = filter.themes ? belongsToAny(filter.themes) : null;
  const needle = filter.text?.trim().toLocaleLowerCase() ?? '';
  const byDocument = new Map<string, CodedPassage[]>();
  for (const d of documents) if (!wantedDocuments || wantedDocuments.has(d.id)) byDocument.set(d.id, []);
  for (const p of passages) {
    const list = byDocument.get(p.documentId);
    if (!list) continue;
    // A passage none of whose themes is in the codebook belongs nowhere, as in the counts.
    if (belonging(p.themes).length === 0) continue;
    if (inThemes && !inThemes(p)) continue;
    if (filter.hasNote !== undefined && (p.note.trim() !== '') !== filter.hasNote) continue;
    if (needle && !p.note.toLocaleLowerCase().includes(needle) && !p.quote.toLocaleLowerCase().includes(needle)) continue;
    list.push(p);
  }
  const pair = filter.cooccurring;
  const inA = pair && belongsToAny([pair[0]]);
  const inB = pair && belongsToAny([pair[1]]);
  const all: CodedPassage[] = [];
  const groups: PassageGroup[] = [];
  for (const d of documents) {
    const list = byDocument.get(d.id);
    if (!list) continue;
    list.sort(byPlace);
    const kept = inA && inB ? whereThemesMeet(list, inA, inB) : list;
    if (kept.length === 0) continue;
    groups.push({ documentId: d.id, title: d.title, offset: all.length, count: kept.length });
    for (const p of kept) all.push(p);
  }
  return { passages: all, groups };
}
