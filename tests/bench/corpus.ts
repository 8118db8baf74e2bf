// The deterministic stress corpus (about 1 MB, 2,000 paragraphs, 10,000 annotations), written as a real gloss-data.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeRange } from '../../annotations/anchoring/anchor';
import { DEFAULT_CODEBOOK } from '../../annotations/codebook';
import { parsePlainText, type GlossDocument } from '../../annotations/document';
import type { Annotation } from '../../annotations/annotation';
import type { Codebook } from '../../annotations/codebook';
import { Random } from './prng';

/** How big a corpus to build. */
export interface CorpusSize {
  paragraphs: number;
  /** Approximate length of the text in characters. */
  chars: number;
  annotations: number;
  /** Share of annotations that cross at least one paragraph boundary. */
  crossingShare: number;
  seed: number;
}

/** The full-size corpus of the issue. */
export const FULL_CORPUS: CorpusSize = { paragraphs: 2000, chars: 1_000_000, annotations: 10_000, crossingShare: 0.2, seed: 20240611 };
/** A tenth of it, for the quick smoke run. */
export const QUICK_CORPUS: CorpusSize = { paragraphs: 200, chars: 100_000, annotations: 1_000, crossingShare: 0.2, seed: 20240611 };

/** The document id the corpus is stored under (sorted first in the library, so the app opens it). */
export const CORPUS_DOCUMENT_ID = 'bench-corpus';

/**
 * The content of gloss-data.json at schema version 1, declared here rather than imported from the
 * service so that the bench keeps compiling while the service's internals change.
 */
export interface DataFile {
  schemaVersion: 1;
  documents: GlossDocument[];
  codebook: Codebook;
  annotations: Annotation[];
}

/** A generated corpus: the stored document, its annotations and the data file's content. */
export interface Corpus {
  document: GlossDocument;
  annotations: Annotation[];
  data: DataFile;
}

const COMMON = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were ' +
  'her she there been one all we their has would when if so no will more can who its out than them some could into other ' +
  'time only new about over after also two first any may these our most made between where many before those must through ' +
  'because while under both each much such during without should however another against since further within among ' +
  'along whether although around toward upon across rather often still even later already nearly almost several'
).split(' ');
const NOUNS = (
  'government minister ministry official officials ambassador embassy delegation summit talks agreement treaty dialogue ' +
  'relationship relations partnership trust tariff tariffs export exports import imports market markets canola beef pork ' +
  'steel aluminium investment investors company companies trade deal negotiations sanctions detention detentions citizen ' +
  'citizens consul consulate security intelligence agency espionage network infrastructure telecommunications supplier ' +
  'review policy strategy region province capital spokesperson statement report analysts scholars business farmers ' +
  'producers shipment shipments quota quotas dispute disputes court ruling extradition case visit visits leader leaders ' +
  'premier president prime council committee parliament opposition critics observers economy growth decline risk risks ' +
  'interference election influence campaign students universities research technology data standards cooperation climate ' +
  'fisheries energy pipeline oil gas mineral minerals supply chain chains port ports airline flights tourism visa visas'
).split(' ');
const VERBS = (
  'said announced warned argued noted suggested insisted declined welcomed criticised rejected signed suspended resumed ' +
  'imposed lifted raised lowered reviewed blocked approved expanded reduced confirmed denied reported claimed expected ' +
  'pledged urged accused released detained met visited hosted discussed negotiated restricted banned allowed promised'
).split(' ');
const ADJECTIVES = (
  'bilateral diplomatic economic strategic national foreign domestic political official public private new recent former ' +
  'major significant broader deeper difficult tense cautious careful renewed sudden gradual formal informal regional global ' +
  'agricultural industrial commercial legal arbitrary sensitive critical long short uncertain stable volatile modest sharp'
).split(' ');
const NAMES =
  'Ottawa Beijing Vancouver Toronto Shenzhen Shanghai Canberra Washington Brussels Geneva Meng Kovrig Spavor Trudeau Joly Wang'.split(' ');
const CONNECTORS = [
  'Meanwhile,',
  'In response,',
  'By contrast,',
  'At the same time,',
  'For now,',
  'Still,',
  'Even so,',
  'Later,',
  'According to officials,',
];

/** One sentence of plausible news prose. */
export function sentence(random: Random): string {
  const words: string[] = [];
  const length = random.int(8, 26);
  while (words.length < length) {
    const roll = random.next();
    if (roll < 0.42) words.push(random.pick(COMMON));
    else if (roll < 0.72) words.push(random.pick(NOUNS));
    else if (roll < 0.84) words.push(random.pick(VERBS));
    else if (roll < 0.96) words.push(random.pick(ADJECTIVES));
    else words.push(random.pick(NAMES));
    if (words.length > 4 && random.chance(0.06)) words[words.length - 1] += ',';
  }
  if (random.chance(0.12)) words.unshift(random.pick(CONNECTORS));
  const first = words[0]!;
  words[0] = first[0]!.toUpperCase() + first.slice(1);
  let text = words.join(' ').replace(/,$/, '');
  text += random.chance(0.08) ? '?' : '.';
  if (random.chance(0.05)) text = `“${text}”`;
  return text;
}

/** A paragraph of roughly `target` characters. */
export function paragraph(random: Random, target: number): string {
  const sentences: string[] = [];
  let length = 0;
  while (length < target) {
    const s = sentence(random);
    sentences.push(s);
    length += s.length + 1;
  }
  return sentences.join(' ');
}

/** The word spans [start, end) of each block, in plain-text offsets. */
export function wordSpans(doc: Pick<GlossDocument, 'text' | 'blocks'>): Array<Array<[number, number]>> {
  return doc.blocks.map((block) => {
    const spans: Array<[number, number]> = [];
    const re = /\S+/g;
    const slice = doc.text.slice(block.start, block.end);
    for (let m = re.exec(slice); m; m = re.exec(slice)) spans.push([block.start + m.index, block.start + m.index + m[0].length]);
    return spans;
  });
}

/** Builds the corpus for a size; the same size always yields the same corpus. */
export function generateCorpus(size: CorpusSize): Corpus {
  const random = new Random(size.seed);
  const meanParagraph = Math.round(size.chars / size.paragraphs);
  const lines = ['Trust, Trade and Security: A Long Record of Canada–China Relations, 1970–2024'];
  for (let i = 1; i < size.paragraphs; i += 1) {
    // Paragraph lengths vary from a line to a long block, as in real articles.
    lines.push(paragraph(random, random.int(Math.round(meanParagraph * 0.3), Math.round(meanParagraph * 1.6))));
  }
  const parsed = parsePlainText(lines.join('\n'));
  const document: GlossDocument = {
    id: CORPUS_DOCUMENT_ID,
    title: parsed.title,
    source: 'bench-corpus.txt',
    text: parsed.text,
    blocks: parsed.blocks,
    added: '2024-06-11T09:00:00.000Z',
  };
  const words = wordSpans(document);
  const themeIds = DEFAULT_CODEBOOK.map((t) => t.id);
  const annotations: Annotation[] = [];
  const base = Date.parse('2024-06-11T10:00:00.000Z');
  let previous: [number, number] | null = null;

  while (annotations.length < size.annotations) {
    let start: number;
    let end: number;
    if (previous && random.chance(0.15)) {
      // Deliberate overlap: start inside the previous highlight and run past it.
      const [ps, pe] = previous;
      const block = document.blocks.findIndex((b) => b.start <= ps && ps <= b.end);
      const inside = words[block]!.filter(([s]) => s > ps && s < pe);
      if (inside.length === 0) {
        previous = null;
        continue;
      }
      start = random.pick(inside)[0];
      const after = words[block]!.filter(([, e]) => e > pe);
      end = after.length > 0 ? after[Math.min(after.length - 1, random.int(0, 6))]![1] : pe;
      if (end <= start) continue;
    } else {
      const p = random.int(1, document.blocks.length - 1);
      const spans = words[p]!;
      if (spans.length < 4) continue;
      if (random.chance(size.crossingShare) && p + 1 < document.blocks.length) {
        // Crossing: from the end of one paragraph into the next (now and then the one after).
        const reach = random.chance(0.08) && p + 2 < document.blocks.length ? 2 : 1;
        const next = words[p + reach]!;
        if (next.length === 0) continue;
        start = spans[random.int(Math.floor(spans.length * 0.6), spans.length - 1)]![0];
        end = next[random.int(0, Math.min(next.length - 1, 25))]![1];
      } else {
        const first = random.int(0, spans.length - 2);
        const count = random.chance(0.7) ? random.int(2, 14) : random.int(15, 45);
        start = spans[first]![0];
        end = spans[Math.min(spans.length - 1, first + count)]![1];
      }
    }
    previous = [start, end];
    const themes = [random.pick(themeIds)];
    if (random.chance(0.2)) themes.push(random.pick(themeIds.filter((t) => !themes.includes(t))));
    if (random.chance(0.05)) themes.push(...themeIds.filter((t) => !themes.includes(t)).slice(0, 1));
    const stamp = new Date(base + annotations.length * 1000).toISOString();
    annotations.push({
      id: random.uuid(),
      documentId: document.id,
      target: { source: document.id, selector: describeRange(document.text, start, end) },
      themes,
      note: random.chance(0.2) ? Array.from({ length: random.int(1, 3) }, () => sentence(random)).join(' ') : '',
      created: stamp,
      modified: stamp,
    });
  }
  const data: DataFile = {
    schemaVersion: 1,
    documents: [document],
    codebook: structuredClone(DEFAULT_CODEBOOK),
    annotations,
  };
  return { document, annotations, data };
}

/** Writes the corpus as `gloss-data.json` in dataDir (created if missing), the way the service writes it. */
export async function writeCorpus(corpus: Corpus, dataDir: string): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, 'gloss-data.json');
  await writeFile(file, JSON.stringify(corpus.data, null, 1), 'utf8');
  return file;
}

/** How many annotations cross a paragraph boundary. */
export function crossingCount(corpus: Corpus): number {
  return corpus.annotations.filter((a) => a.target.selector[1].exact.includes('\n')).length;
}
