// Covers Markdown import through markdown-it (annotations/markdown.ts) beyond the basics in library.test.ts:
// entities, footnotes, tables, nesting, raw HTML, and that the parser runs in a browser bundle with no Node.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, test } from 'node:test';
import { build } from 'esbuild';
import { blockTexts, type ParsedText } from '../../../annotations/document';
import { markdownBlocks, parseMarkdown } from '../../../annotations/markdown';

/** Each block as "type text" (with its level or list kind), in order, the title left out. */
function outline(doc: ParsedText): string[] {
  const texts = blockTexts(doc);
  return doc.blocks.slice(1).map((b, i) => `${b.type}${b.level ? b.level : ''}${b.ordered ? '#' : ''} ${texts[i + 1]}`);
}

describe('Markdown import', () => {
  test('decodes every named and numeric entity, not only the common few', () => {
    const doc = parseMarkdown(
      '# T\n\n&copy; 2024 &eacute;t&eacute; &frac12; &Omega; &euro;5 &#8212; &#x2014; &hellip; &amp;amp; &bogus;\n',
    );
    assert.deepEqual(outline(doc), ['paragraph © 2024 été ½ Ω €5 — — … &amp; &bogus;']);
  });

  test('keeps footnote numbers in the text and the notes as paragraphs at the end', () => {
    const doc = parseMarkdown('# T\n\nTariffs rose[^a] twice[^b].\n\n[^a]: In *March*.\n[^b]: And in May.\n\nAfter.\n');
    assert.deepEqual(outline(doc), [
      'paragraph Tariffs rose[1] twice[2].',
      'paragraph After.',
      'paragraph [1] In March.',
      'paragraph [2] And in May.',
    ]);
  });

  test('reads a table as one paragraph per row, its cells in order', () => {
    const doc = parseMarkdown('# T\n\n| Good | Tariff |\n|---|---|\n| steel | 25% |\n| *canola* | 100% |\n');
    assert.deepEqual(outline(doc), ['paragraph Good | Tariff', 'paragraph steel | 25%', 'paragraph canola | 100%']);
  });

  test('makes whatever a quote holds a quote, and only the first block of a list item the item', () => {
    const doc = parseMarkdown(
      [
        '# T',
        '',
        '> ## Said',
        '> - first',
        '',
        '1. one',
        '',
        '   more of one',
        '   - nested',
        '2. two',
        '',
        'Lazy',
        '> quote',
        'continued',
      ].join('\n'),
    );
    assert.deepEqual(outline(doc), [
      'blockquote Said',
      'blockquote first',
      'list_item# one',
      'paragraph more of one',
      'list_item nested',
      'list_item# two',
      'paragraph Lazy',
      'blockquote quote continued',
    ]);
  });

  test('keeps the text of raw HTML blocks and drops scripts and styles', () => {
    const doc = parseMarkdown(
      '# T\n\n<div align="center">\nCentred &amp; <b>bold</b>\n</div>\n\n<script>alert(1)</script>\n\n<style>p { color: red }</style>\n\nEnd.\n',
    );
    assert.deepEqual(outline(doc), ['paragraph Centred & bold', 'paragraph End.']);
  });

  test('reads a byte-order mark as nothing and Windows line ends as line ends', () => {
    assert.deepEqual(markdownBlocks('\uFEFF# Title\r\n\r\nBody\r\nline\r\n'), [
      { type: 'heading', level: 1, text: 'Title' },
      { type: 'paragraph', text: 'Body line' },
    ]);
  });
});

describe('Markdown import in the browser', () => {
  test('bundles for the browser and parses with no Node built-ins present', async () => {
    const entry = fileURLToPath(new URL('../../../annotations/markdown.ts', import.meta.url));
    const result = await build({
      stdin: {
        contents: `import { parseMarkdown } from ${JSON.stringify(entry)}; globalThis.parsed = parseMarkdown('# Ti&shy;tle\\n\\n- *one* &mdash; two\\n');`,
        resolveDir: '.',
        loader: 'ts',
      },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      write: false,
      logLevel: 'silent',
    });
    const sandbox: { parsed?: ParsedText } = {};
    // A context with no require, process or Buffer: what a renderer has.
    runInNewContext(result.outputFiles[0]!.text, sandbox);
    assert.equal(sandbox.parsed?.title, 'Ti\u00adtle');
    assert.equal(sandbox.parsed?.text, 'Ti\u00adtle\none — two');
    assert.equal(sandbox.parsed?.blocks[1]?.type, 'list_item');
  });
});
