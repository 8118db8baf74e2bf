// Shared fixtures for the report tests: small and sample documents, annotation makers, a CSV parser, XML/HTML structure checks, hostile strings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Annotation } from '../../annotations/annotation';
import { describeRange } from '../../annotations/anchoring/anchor';
import { DEFAULT_CODEBOOK, type Codebook } from '../../annotations/codebook';
import { documentFromBlocks } from '../../annotations/blocks';
import { parsePlainText, type GlossDocument } from '../../annotations/document';

/** A document from raw plain text. */
export function makeDocument(raw: string, id = 'doc', source = 'fixture.txt'): GlossDocument {
  return { id, source, added: '2025-01-02T03:04:05.000Z', ...parsePlainText(raw) };
}

/** The bundled sample article as a document. */
export const SAMPLE_RAW = readFileSync(fileURLToPath(new URL('../../samples/canada-china-trust.txt', import.meta.url)), 'utf8');
export const SAMPLE_DOC = makeDocument(SAMPLE_RAW, 'canada-china-trust', 'canada-china-trust.txt');

/** A short document of a title and two paragraphs. */
export const SMALL_DOC = makeDocument('A small title\nAlpha beta gamma delta epsilon.\nZeta eta theta iota kappa.');

export const CODEBOOK: Codebook = structuredClone(DEFAULT_CODEBOOK);

/** The default codebook with Tariffs, a sub-theme of Trade. */
export const WITH_TARIFFS: Codebook = [
  ...structuredClone(DEFAULT_CODEBOOK),
  { id: 'tariffs', label: 'Tariffs', colour: '#2e7d32', cue: 'double', description: '', shortcut: '4', parent: 'trade' },
];

let counter = 0;

/** An annotation on the n-th occurrence of quote in doc. */
export function annotate(
  doc: GlossDocument,
  quote: string,
  themes: string[],
  note = '',
  options: { n?: number; id?: string; created?: string } = {},
): Annotation {
  let at = -1;
  for (let i = 0; i <= (options.n ?? 0); i++) at = doc.text.indexOf(quote, at + 1);
  assert.notEqual(at, -1, `"${quote}" is in the document`);
  counter += 1;
  const created = options.created ?? `2025-02-01T10:00:${String(counter % 60).padStart(2, '0')}.000Z`;
  return {
    id: options.id ?? `ann-${counter}`,
    documentId: doc.id,
    target: { source: doc.id, selector: describeRange(doc.text, at, at + quote.length) },
    themes,
    note,
    created,
    modified: created,
  };
}

/** An annotation whose quote is nowhere in the document. */
export function orphan(doc: GlossDocument, themes: string[], note = ''): Annotation {
  counter += 1;
  return {
    id: `orphan-${counter}`,
    documentId: doc.id,
    target: {
      source: doc.id,
      selector: [
        { type: 'TextPositionSelector', start: 0, end: 20 },
        { type: 'TextQuoteSelector', exact: 'qqqq wwww zzzz xxxx!', prefix: '', suffix: '' },
      ],
    },
    themes,
    note,
    created: '2025-02-01T10:00:00.000Z',
    modified: '2025-02-01T10:00:00.000Z',
  };
}

/** Annotations on the sample: overlapping, nested, multi-theme, with and without notes. */
export function sampleAnnotations(doc: GlossDocument = SAMPLE_DOC): Annotation[] {
  return [
    annotate(doc, 'restore diplomatic trust', ['diplomacy'], 'The headline frames it as trust.'),
    annotate(doc, 'Trade issues remain a central challenge in China-Canada relations', ['trade'], 'Core trade claim.'),
    annotate(doc, 'central challenge', ['security', 'diplomacy'], 'Nested inside the trade passage.'),
    annotate(doc, 'reciprocal tariffs', ['trade']),
    annotate(doc, 'arrest of Huawei executive Meng Wanzhou', ['security', 'diplomacy'], 'Detention as a turning point.'),
    annotate(doc, 'Huawei executive Meng Wanzhou in 2018', ['trade'], 'Overlaps the arrest passage.'),
    annotate(doc, 'naval frigate through the Taiwan Strait', ['security']),
    annotate(doc, 'diversified trade ties', ['trade', 'diplomacy'], 'Diversification.\nSecond line of the note.'),
  ];
}

/** Parses RFC 4180 CSV (CRLF records, quoted fields) into rows; fails on anything malformed. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        assert.ok(i < text.length, 'a quoted field is closed');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else {
            i += 1;
            break;
          }
        } else cell += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        assert.notEqual(text[i], '"', 'an unquoted field holds no quote');
        cell += text[i++];
      }
    }
    row.push(cell);
    if (text[i] === ',') {
      i += 1;
    } else {
      assert.equal(text.slice(i, i + 2), '\r\n', `records end in CRLF (at ${i})`);
      i += 2;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

const XML_NAME = '[A-Za-z_][A-Za-z0-9_.:-]*';
const BAD_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * A minimal well-formedness check of XML: one root, matching start and end tags, quoted
 * unique attributes without "<", only the predefined or numeric entities, no forbidden characters.
 * Returns the element names in document order.
 */
export function assertWellFormedXml(xml: string): string[] {
  assert.doesNotMatch(xml, XML_FORBIDDEN, 'no character XML forbids');
  let i = 0;
  const declaration = /^<\?xml[^?]*\?>/.exec(xml);
  if (declaration) i = declaration[0].length;
  const stack: string[] = [];
  const names: string[] = [];
  let roots = 0;
  const startTag = new RegExp(`<(${XML_NAME})((?:\\s+${XML_NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`, 'y');
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = lt === -1 ? xml.slice(i) : xml.slice(i, lt);
    assert.doesNotMatch(text, BAD_ENTITY, `text has only valid entities: ${JSON.stringify(text.slice(0, 80))}`);
    if (stack.length === 0) assert.equal(text.trim(), '', 'no text outside the root element');
    if (lt === -1) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      assert.notEqual(end, -1, 'comments are closed');
      i = end + 3;
      continue;
    }
    if (xml.startsWith('</', lt)) {
      const gt = xml.indexOf('>', lt);
      const name = xml.slice(lt + 2, gt).trim();
      assert.equal(name, stack.pop(), `end tag </${name}> closes the open element`);
      i = gt + 1;
      continue;
    }
    startTag.lastIndex = lt;
    const match = startTag.exec(xml);
    assert.ok(match, `a well-formed start tag at ${lt}: ${JSON.stringify(xml.slice(lt, lt + 80))}`);
    const [whole, name, attributes, selfClosing] = match;
    const attrNames = [...attributes!.matchAll(new RegExp(`(${XML_NAME})\\s*=\\s*("[^"]*"|'[^']*')`, 'g'))].map((m) => {
      assert.doesNotMatch(m[2]!, BAD_ENTITY, `attribute ${m[1]} has only valid entities`);
      return m[1]!;
    });
    assert.equal(new Set(attrNames).size, attrNames.length, `<${name}> has no repeated attribute`);
    if (stack.length === 0) roots += 1;
    names.push(name!);
    if (!selfClosing) stack.push(name!);
    i = lt + whole.length;
  }
  assert.deepEqual(stack, [], 'every element is closed');
  assert.equal(roots, 1, 'exactly one root element');
  return names;
}

const VOID_ELEMENTS = new Set(['meta', 'br', 'hr', 'img', 'link', 'input', 'wbr', 'col', 'area', 'base', 'source']);

/** The tags of an HTML text (style and title contents skipped), each as its raw text. */
export function htmlTags(html: string): string[] {
  const withoutRaw = html.replace(/<(style|title)\b[^>]*>[\s\S]*?<\/\1>/g, '<$1></$1>');
  return [...withoutRaw.matchAll(/<[^>]*>/g)].map((m) => m[0]);
}

/** Checks that non-void HTML elements are properly nested and closed. */
export function assertBalancedHtml(html: string): void {
  const stack: string[] = [];
  for (const tag of htmlTags(html)) {
    if (tag.startsWith('<!')) continue;
    const close = /^<\/([a-zA-Z0-9]+)\s*>$/.exec(tag);
    if (close) {
      assert.equal(close[1]!.toLowerCase(), stack.pop(), `</${close[1]}> closes the open element`);
      continue;
    }
    const open = /^<([a-zA-Z][a-zA-Z0-9]*)/.exec(tag);
    assert.ok(open, `a start tag: ${tag.slice(0, 60)}`);
    const name = open[1]!.toLowerCase();
    if (!VOID_ELEMENTS.has(name) && !tag.endsWith('/>')) stack.push(name);
  }
  assert.deepEqual(stack, [], 'every element is closed');
}

/** Strings that try to break out of HTML, Markdown, CSV, XML or templates. */
export const HOSTILE: readonly string[] = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '<img src="javascript:alert(1)">',
  '<a href="javascript:alert(1)">click</a>',
  'javascript:alert(document.cookie)',
  '[click me](javascript:alert(1))',
  '![img](https://evil.example/x.png)',
  '<iframe src="https://evil.example"></iframe>',
  '</textarea><script>alert(1)</script>',
  '</style><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  ']]><script>alert(1)</script>',
  '<!-- comment --><script>alert(1)</script>',
  '<![CDATA[<script>alert(1)</script>]]>',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '\u202Egnp.exe\u202C',
  'nul\u0000byte',
  '<body onload=alert(1)>',
  '<div style="background:url(https://evil.example/x)">x</div>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  '<object data="https://evil.example/x.swf"></object>',
  '<base href="https://evil.example/">',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#x3C;script&#x3E;',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<details open ontoggle=alert(1)>',
  '`code` **bold** _em_ # heading',
  '# heading\n- list\n> quote',
  '=HYPERLINK("https://evil.example","click")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(1+1)',
  '\t=1+1',
  '"quoted", with comma\r\nand CRLF',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
  'x'.repeat(5000),
];

/** A document with a level-2 heading, a bulleted and a numbered list, a quote of two paragraphs, and an item starting with a dash. */
export function blocksDocument(): GlossDocument {
  const parsed = documentFromBlocks([
    { type: 'heading', text: 'Lists and quotes' },
    { type: 'paragraph', text: 'An opening paragraph.' },
    { type: 'heading', level: 2, text: 'A section' },
    { type: 'list_item', text: 'Point on steel' },
    { type: 'list_item', text: 'Point on aluminium' },
    { type: 'list_item', ordered: true, text: 'Step on quotas' },
    { type: 'list_item', ordered: true, text: 'Step on duties' },
    { type: 'blockquote', text: 'A remark on trust' },
    { type: 'blockquote', text: 'A second paragraph of it' },
    { type: 'paragraph', text: 'Between two lists.' },
    { type: 'list_item', text: '- a dash inside an item' },
  ]);
  return { id: 'blocks', source: 'blocks.md', added: '2025-01-02T03:04:05.000Z', ...parsed };
}
