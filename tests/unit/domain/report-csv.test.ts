// Covers annotations/reports/csv.ts and csvCell: one row per highlight and theme, RFC 4180 quoting, BOM, formula neutralisation.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildCsv, CSV_COLUMNS } from '../../../annotations/reports/csv';
import { csvCell } from '../../../annotations/reports/escape';
import { buildReportModel } from '../../../annotations/reports/model';
import { CODEBOOK, SAMPLE_DOC, SMALL_DOC, annotate, orphan, parseCsv, sampleAnnotations } from '../../fixtures/report-fixtures';

describe('CSV export', () => {
  test('quotes cells with commas, quotes and line breaks per RFC 4180, doubling quotes', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('cr\r\nlf'), '"cr\r\nlf"');
    assert.equal(csvCell(42), '42');
  });

  test('neutralises cells a spreadsheet would run as formulas', () => {
    assert.equal(csvCell('=HYPERLINK("https://evil.example","x")'), '"\'=HYPERLINK(""https://evil.example"",""x"")"');
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-1'), "'-1");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\tx'), "'\tx");
    assert.equal(csvCell('\rx'), '"\'\rx"');
    assert.equal(csvCell('a=b'), 'a=b', 'only a leading formula character counts');
  });

  test('writes a header and one row per highlight and theme, with CRLF line ends', () => {
    const a = annotate(SMALL_DOC, 'Alpha beta', ['trade', 'security'], 'note, with "quotes"\nand a line');
    const csv = buildCsv([buildReportModel(SMALL_DOC, [a], CODEBOOK)]);
    assert.ok(csv.startsWith(`${CSV_COLUMNS.join(',')}\r\n`));
    assert.ok(csv.endsWith('\r\n'));
    const rows = parseCsv(csv);
    assert.equal(rows.length, 3);
    assert.deepEqual(rows[1], [
      'doc',
      a.id,
      'Trade',
      'Alpha beta',
      'note, with "quotes"\nand a line',
      '14',
      '24',
      'A small title\n',
      ' gamma delta epsilon.\nZeta eta t',
      a.created,
      a.modified,
      '',
    ]);
    assert.equal(rows[2]![2], 'Security');
  });

  test('starts with a byte-order mark only when asked', () => {
    const model = buildReportModel(SMALL_DOC, [], CODEBOOK);
    assert.ok(buildCsv([model], { bom: true }).startsWith('\uFEFFdocument,'));
    assert.ok(buildCsv([model]).startsWith('document,'));
  });

  test('keeps a passage not found in the text, with empty positions', () => {
    const csv = buildCsv([buildReportModel(SMALL_DOC, [orphan(SMALL_DOC, ['trade'], 'lost')], CODEBOOK)]);
    const row = parseCsv(csv)[1]!;
    assert.deepEqual([row[3], row[4], row[5], row[6]], ['qqqq wwww zzzz xxxx!', 'lost', '', '']);
  });

  test('reads back the sample export with quotes and positions that match the text', () => {
    const annotations = sampleAnnotations();
    const rows = parseCsv(buildCsv([buildReportModel(SAMPLE_DOC, annotations, CODEBOOK)]));
    assert.equal(
      rows.length - 1,
      annotations.reduce((n, a) => n + a.themes.length, 0),
    );
    for (const row of rows.slice(1)) {
      assert.equal(row.length, CSV_COLUMNS.length);
      const [document, id, , quote, note, start, end, prefix, suffix] = row as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      assert.equal(document, SAMPLE_DOC.id);
      assert.equal(SAMPLE_DOC.text.slice(Number(start), Number(end)), quote);
      assert.ok(SAMPLE_DOC.text.slice(0, Number(start)).endsWith(prefix));
      assert.ok(SAMPLE_DOC.text.slice(Number(end)).startsWith(suffix));
      assert.equal(note, annotations.find((a) => a.id === id)!.note);
    }
  });

  test('puts several documents in one file', () => {
    const small = buildReportModel(SMALL_DOC, [annotate(SMALL_DOC, 'Zeta', ['trade'])], CODEBOOK);
    const sample = buildReportModel(SAMPLE_DOC, sampleAnnotations(), CODEBOOK);
    const documents = new Set(
      parseCsv(buildCsv([small, sample]))
        .slice(1)
        .map((row) => row[0]),
    );
    assert.deepEqual([...documents], ['doc', 'canada-china-trust']);
  });
});
