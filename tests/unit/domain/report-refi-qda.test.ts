// Covers annotations/reports/refi-qda.ts and uuid.ts: .qdc codebook, .qdpx project (zip, XML, positions in code points), deterministic GUIDs.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { strFromU8, unzipSync } from 'fflate';
import { buildReportModel } from '../../../annotations/reports/model';
import {
  buildQdc,
  buildQdpx,
  codeGuid,
  codePointOffsets,
  QDC_NAMESPACE,
  QDE_NAMESPACE,
  sourceGuid,
} from '../../../annotations/reports/refi-qda';
import { guidFor, isUuid, uuidV5 } from '../../../annotations/reports/uuid';
import {
  CODEBOOK,
  SAMPLE_DOC,
  annotate,
  assertWellFormedXml,
  makeDocument,
  orphan,
  sampleAnnotations,
} from '../../fixtures/report-fixtures';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const EXPORTED_AT = '2025-03-04T05:06:07.000Z';

/** The attributes of every element with a name, in document order. */
function elements(xml: string, name: string): Record<string, string>[] {
  return [...xml.matchAll(new RegExp(`<${name}((?:\\s+[\\w:]+="[^"]*")*)\\s*/?>`, 'g'))].map((m) =>
    Object.fromEntries([...m[1]!.matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])),
  );
}

describe('deterministic GUIDs', () => {
  test('derives the same GUIDs as exports made before the uuid package did the hashing', () => {
    assert.equal(guidFor('theme', 'trade'), '2a45478a-a6dd-5759-8391-bd5d2fccaa52');
    assert.equal(guidFor('document', 'canada-china-trust'), '889bf623-3448-58c1-9be7-6f17027a6efb');
    assert.equal(guidFor('coding', 'a1:trade'), 'a6df7429-1c5e-5677-b2e7-4aec004250f7');
    assert.equal(uuidV5('import:https://example.org/anno/1'), 'c4087d0f-d4a3-53a0-a740-82ce9c48c38e');
    assert.equal(uuidV5('Ünïcødé ✓ 𝄞'), 'ff367b53-1edf-54f6-981a-337674489425');
  });

  test('version-5 UUIDs match published examples and are stable', () => {
    assert.equal(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
    assert.equal(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '886313e1-3b8a-5372-9b90-0c9aee199e5d');
    assert.equal(guidFor('theme', 'trade'), guidFor('theme', 'trade'));
    assert.notEqual(guidFor('theme', 'trade'), guidFor('document', 'trade'));
    assert.ok(isUuid(guidFor('theme', 'trade')));
    assert.equal(guidFor('annotation', 'AB6B1F2E-0000-4000-8000-000000000000'), 'ab6b1f2e-0000-4000-8000-000000000000');
  });

  test('derives the same GUIDs in the browser bundle, without Node built-ins', async () => {
    const bundle = await build({
      stdin: {
        contents: "import { guidFor } from './annotations/reports/uuid'; globalThis.result = guidFor('theme', 'trade');",
        resolveDir: ROOT,
        loader: 'ts',
      },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      write: false,
      logLevel: 'silent',
    });
    const code = bundle.outputFiles[0]!.text;
    assert.doesNotMatch(code, /node:crypto|require\(/);
    const sandbox: { result?: string } = {};
    runInNewContext(code, sandbox);
    assert.equal(sandbox.result, '2a45478a-a6dd-5759-8391-bd5d2fccaa52');
  });
});

describe('REFI-QDA export', () => {
  test('writes a .qdc codebook: well-formed, in the codebook namespace, one codable Code per theme', () => {
    const qdc = buildQdc(CODEBOOK);
    assert.ok(qdc.startsWith('<?xml version="1.0" encoding="utf-8"?>\n'));
    assert.deepEqual(assertWellFormedXml(qdc).slice(0, 3), ['CodeBook', 'Codes', 'Code']);
    assert.ok(qdc.includes(`<CodeBook xmlns="${QDC_NAMESPACE}" origin="Gloss">`));
    const codes = elements(qdc, 'Code');
    assert.deepEqual(
      codes.map((c) => [c.guid, c.name, c.isCodable, c.color]),
      CODEBOOK.map((t) => [codeGuid(t), t.label, 'true', t.colour.toUpperCase()]),
    );
    for (const code of codes) assert.ok(isUuid(code.guid!));
    for (const theme of CODEBOOK) assert.ok(qdc.includes(`<Description>${theme.description}</Description>`));
  });

  test('writes a .qdpx zip holding project.qde and the source text', () => {
    const model = buildReportModel(SAMPLE_DOC, [...sampleAnnotations(), orphan(SAMPLE_DOC, ['trade'])], CODEBOOK);
    const files = unzipSync(buildQdpx([model], { name: 'Sample', exportedAt: EXPORTED_AT, codebook: CODEBOOK }));
    const guid = sourceGuid(SAMPLE_DOC.id);
    assert.deepEqual(Object.keys(files).sort(), ['project.qde', `sources/${guid}.txt`]);
    assert.equal(strFromU8(files[`sources/${guid}.txt`]!), SAMPLE_DOC.text);
    const qde = strFromU8(files['project.qde']!);
    const names = assertWellFormedXml(qde);
    assert.equal(names[0], 'Project');
    assert.ok(qde.includes(`<Project xmlns="${QDE_NAMESPACE}" name="Sample" origin="Gloss" creationDateTime="${EXPORTED_AT}">`));
    // The schema's order: CodeBook before Sources; in a selection, Description before Coding.
    assert.ok(names.indexOf('CodeBook') < names.indexOf('Sources'));
    const [source] = elements(qde, 'TextSource');
    assert.deepEqual([source!.guid, source!.name, source!.plainTextPath], [guid, SAMPLE_DOC.title, `internal://${guid}.txt`]);
    const selections = elements(qde, 'PlainTextSelection');
    assert.equal(selections.length, model.highlights.length, 'one selection per highlight found in the text');
    selections.forEach((selection, i) => {
      const h = model.highlights[i]!;
      assert.equal(Number(selection.startPosition), h.start, 'the sample has no characters outside the BMP');
      assert.equal(Number(selection.endPosition), h.end);
      assert.ok(isUuid(selection.guid!));
    });
    const codeRefs = elements(qde, 'CodeRef').map((c) => c.targetGUID);
    assert.equal(
      codeRefs.length,
      model.highlights.reduce((n, h) => n + h.themes.length, 0),
    );
    const codeGuids = new Set(elements(qde, 'Code').map((c) => c.guid));
    for (const ref of codeRefs) assert.ok(codeGuids.has(ref), 'every coding refers to a code of the codebook');
    assert.match(qde, /<PlainTextSelection [^>]*>\n\s*<Description>Core trade claim\.<\/Description>\n\s*<Coding /);
  });

  test('counts positions in code points, so an emoji before the highlight counts once', () => {
    const doc = makeDocument('Emoji title\n😀 and 👍🏽 before the target words.');
    const a = annotate(doc, 'target', ['trade']);
    const files = unzipSync(buildQdpx([buildReportModel(doc, [a], CODEBOOK)], { name: 'E', exportedAt: EXPORTED_AT }));
    const [selection] = elements(strFromU8(files['project.qde']!), 'PlainTextSelection');
    const expectedStart = [...doc.text.slice(0, doc.text.indexOf('target'))].length;
    assert.equal(doc.text.indexOf('target') - expectedStart, 3, 'three characters outside the BMP precede it');
    assert.equal(Number(selection!.startPosition), expectedStart);
    assert.equal(Number(selection!.endPosition), expectedStart + 'target'.length);
  });

  test('converts UTF-16 offsets to code points in one pass', () => {
    const map = codePointOffsets('a😀b😀c', [0, 1, 3, 4, 6, 7]);
    assert.deepEqual(
      [...map.entries()],
      [
        [0, 0],
        [1, 1],
        [3, 2],
        [4, 3],
        [6, 4],
        [7, 5],
      ],
    );
  });

  test('gives the same GUIDs in every export, so other tools can merge re-imports', () => {
    const model = buildReportModel(SAMPLE_DOC, sampleAnnotations(), CODEBOOK);
    const first = strFromU8(unzipSync(buildQdpx([model], { name: 'S', exportedAt: EXPORTED_AT }))['project.qde']!);
    const second = strFromU8(unzipSync(buildQdpx([model], { name: 'S', exportedAt: EXPORTED_AT }))['project.qde']!);
    assert.equal(first, second);
  });
});
