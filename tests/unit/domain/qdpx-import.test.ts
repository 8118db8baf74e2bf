// Covers reading and planning a REFI-QDA project import (annotations/reports/qdpx-read.ts, qdpx-import.ts) on
// projects as other QDA programs write them: refusals of a broken file with the reason, codes matched to the
// codebook, texts whose lines differ from Gloss's, and one selection coded by two users.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { DEFAULT_CODEBOOK } from '../../../annotations/codebook';
import { parsePlainText, type GlossDocument } from '../../../annotations/document';
import { annotationsOfSource, planQdpxImport, type QdpxImportContext } from '../../../annotations/reports/qdpx-import';
import { MAX_SOURCE_BYTES, readQdpx } from '../../../annotations/reports/qdpx-read';
import { codeGuid } from '../../../annotations/reports/refi-qda';

const NOW = '2026-12-02T04:00:00.000Z';
const TEXT = 'Harbour news\r\n\r\n  The   tariff on steel rose.  \r\nShips wait.';
const TRADE_GUID = codeGuid(DEFAULT_CODEBOOK[0]!);

function qde(body: string, users = '<Users><User guid="U-1" name="Ben"/><User guid="U-2" name="Cleo"/></Users>'): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Other tool">
  ${users}
  <CodeBook><Codes>
    <Code guid="${TRADE_GUID.toUpperCase()}" name="Commerce" isCodable="true"/>
    <Code guid="C-2" name="security" isCodable="true"/>
    <Code guid="C-3" name="Logistics" isCodable="true" color="#00838F">
      <Description>Ships &amp; ports</Description>
      <Code guid="C-4" name="Waiting" isCodable="true"><Code guid="C-5" name="Queues" isCodable="true"/></Code>
    </Code>
  </Codes></CodeBook>
  <Sources>${body}</Sources>
</Project>`;
}

function source(selections: string, path = 'internal://s1.txt'): string {
  return `<TextSource guid="S-1" name="Harbour" plainTextPath="${path}">${selections}</TextSource>`;
}

/** A selection of `quote`'s first occurrence in TEXT (no characters outside the BMP, so code points are units). */
function selection(quote: string, codes: string[], attrs = '', description = ''): string {
  const start = TEXT.indexOf(quote);
  const codings = codes.map(
    (c, i) =>
      `<Coding guid="K-${quote.length}-${i}" ${c.includes('|') ? `creatingUser="${c.split('|')[1]}"` : ''}><CodeRef targetGUID="${c.split('|')[0]}"/></Coding>`,
  );
  return `<PlainTextSelection guid="P-${start}" startPosition="${start}" endPosition="${start + quote.length}" ${attrs}>${description ? `<Description>${description}</Description>` : ''}${codings.join('')}</PlainTextSelection>`;
}

function qdpx(xml: string, sources: Record<string, string> = { 's1.txt': TEXT }): Uint8Array {
  const files: Record<string, Uint8Array> = { 'project.qde': strToU8(xml) };
  for (const [name, text] of Object.entries(sources)) files[`sources/${name}`] = strToU8(text);
  return zipSync(files);
}

function context(documents: GlossDocument[] = []): QdpxImportContext {
  return { documents, codebook: DEFAULT_CODEBOOK, existing: [], now: NOW, ownCoder: 'Ana' };
}

function refusal(bytes: Uint8Array): string {
  try {
    readQdpx(bytes, 'p.qdpx');
  } catch (error) {
    return (error as Error).message;
  }
  return assert.fail('expected a refusal');
}

describe('reading a .qdpx', () => {
  test('refuses a file that is not a zip, a zip without project.qde, and XML that is not well formed, saying where', () => {
    assert.match(refusal(strToU8('not a zip at all')), /not a REFI-QDA project: it is not a readable zip/);
    assert.match(refusal(zipSync({ 'other.txt': strToU8('x') })), /holds no project\.qde/);
    assert.match(refusal(qdpx(qde(source('<PlainTextSelection>')))), /not well-formed XML \(line \d+, column \d+: /);
    assert.match(refusal(qdpx(`<!DOCTYPE x [<!ENTITY a "aaaa">]>${qde('')}`)), /declares a document type/);
  });

  test('refuses a missing source, one kept outside the project, and a position outside its text', () => {
    assert.match(refusal(qdpx(qde(source('')), {})), /The source "Harbour" names sources\/s1\.txt, which is not in the project/);
    assert.match(refusal(qdpx(qde(source('', 'file:///home/x.txt')))), /keeps its text outside the project \(file:\/\/\/home\/x\.txt\)/);
    const outside = `<PlainTextSelection guid="P" startPosition="5" endPosition="${TEXT.length + 1}"><Coding guid="K"><CodeRef targetGUID="C-2"/></Coding></PlainTextSelection>`;
    assert.match(refusal(qdpx(qde(source(outside)))), /selection P, runs from 5 to \d+, outside its text of \d+ characters/);
    const backwards = '<PlainTextSelection guid="Q" startPosition="9" endPosition="3"/>';
    assert.match(refusal(qdpx(qde(source(backwards)))), /selection Q, runs from 9 to 3/);
  });

  test('refuses an entry larger than a document can be before inflating it', () => {
    const huge = new Uint8Array(MAX_SOURCE_BYTES + 1024 * 1024).fill(0x61);
    assert.match(refusal(qdpx(qde(source('')), {})), /not in the project/);
    const bytes = zipSync({ 'project.qde': strToU8(qde(source(''))), 'sources/s1.txt': huge });
    assert.match(refusal(bytes), /holds entries too large to import: sources\/s1\.txt \(81\.0 MB; at most 80 MB\)/);
  });

  test('lists sources that are not text as left out', () => {
    const pdf =
      '<PDFSource guid="D" name="Scan"><PDFSelection guid="E"/><PDFSelection guid="F"/></PDFSource><PictureSource guid="G" name="Map"/>';
    const project = readQdpx(qdpx(qde(`${source('')}${pdf}`)), 'p.qdpx');
    assert.deepEqual(project.leftOut, [
      'The pdf source "Scan" was left out with its 2 selection(s): Gloss reads text sources only.',
      'The picture source "Map" was left out: Gloss reads text sources only.',
    ]);
  });
});

describe('planning a .qdpx import', () => {
  test('joins codes by GUID, then by label ignoring case, and adds the rest with their colour, description and parent', () => {
    const project = readQdpx(qdpx(qde(source(''))), 'p.qdpx');
    const plan = planQdpxImport(project, context());
    const byGuid = (guid: string) => plan.codebook.find((t) => t.id === plan.themeOf.get(guid.toLowerCase()))!;
    assert.equal(byGuid(TRADE_GUID).label, 'Trade');
    assert.equal(byGuid('C-2').label, 'Security');
    assert.deepEqual(
      plan.codebook.slice(3).map((t) => [t.label, t.colour, t.description, t.parent]),
      [
        ['Logistics', '#00838f', 'Ships & ports', undefined],
        ['Waiting', plan.codebook[4]!.colour, '', 'logistics'],
        // Nested two deep in the project: Gloss has one level, so it goes under its top-level code's theme.
        ['Queues', plan.codebook[5]!.colour, '', 'logistics'],
      ],
    );
    assert.equal(plan.themesAdded, 3);
  });

  test('refuses a coding of a code or by a user the project does not have', () => {
    const unknownCode = readQdpx(qdpx(qde(source(selection('Ships', ['C-9'])))), 'p.qdpx');
    assert.throws(() => planQdpxImport(unknownCode, context()), /applies the code c-9, which is not in the project's codebook/);
    const unknownUser = readQdpx(qdpx(qde(source(selection('Ships', ['C-2|U-7'])))), 'p.qdpx');
    assert.throws(() => planQdpxImport(unknownUser, context()), /made by the user u-7, who is not among the project's Users/);
  });

  test("places passages of a text whose lines Gloss tidies, and splits a selection two users coded into each one's layer", () => {
    const xml = qde(
      source(
        selection(
          'tariff on steel',
          [`${TRADE_GUID}|U-1`, 'C-2|U-2', 'C-3|U-1'],
          'creationDateTime="2025-01-02T03:04:05Z"',
          'Why &lt;this&gt;',
        ),
      ),
    );
    const plan = planQdpxImport(readQdpx(qdpx(xml), 'p.qdpx'), context());
    const planned = plan.sources[0]!;
    const document: GlossDocument = { id: 'harbour', source: 'p.qdpx', added: NOW, ...planned.parsed };
    assert.equal(document.title, 'Harbour');
    assert.equal(document.text, parsePlainText(TEXT).text);
    const { annotations, failures } = annotationsOfSource(plan, planned, document, { ...context(), codebook: plan.codebook });
    assert.deepEqual(failures, []);
    assert.deepEqual(
      annotations.map((a) => [
        a.creator,
        a.themes,
        a.target.selector[1].exact,
        document.text.slice(a.target.selector[0].start, a.target.selector[0].end),
        a.note,
        a.created,
      ]),
      [
        ['Ben', ['trade', 'logistics'], 'tariff on steel', 'tariff on steel', 'Why <this>', '2025-01-02T03:04:05.000Z'],
        ['Cleo', ['security'], 'tariff on steel', 'tariff on steel', 'Why <this>', '2025-01-02T03:04:05.000Z'],
      ],
    );
    assert.notEqual(annotations[0]!.id, annotations[1]!.id);
  });

  test('finds the library’s own document for a source of the same text instead of adding it again', () => {
    const plan = planQdpxImport(readQdpx(qdpx(qde(source(''))), 'p.qdpx'), context());
    const own: GlossDocument = { id: 'harbour-1', source: 'x.txt', added: NOW, ...parsePlainText(TEXT) };
    assert.equal(planQdpxImport(readQdpx(qdpx(qde(source(''))), 'p.qdpx'), context([own])).sources[0]!.existingId, 'harbour-1');
    assert.equal(plan.sources[0]!.existingId, undefined);
  });

  test('leaves out a selection with no coding, saying so', () => {
    const plan = planQdpxImport(readQdpx(qdpx(qde(source(selection('Ships', [])))), 'p.qdpx'), context());
    const planned = plan.sources[0]!;
    const document: GlossDocument = { id: 'harbour', source: 'p.qdpx', added: NOW, ...planned.parsed };
    const { annotations, failures } = annotationsOfSource(plan, planned, document, context());
    assert.equal(annotations.length, 0);
    assert.match(failures[0]!.reason, /applies no code; Gloss keeps coded passages only/);
  });
});
