// Guards the renderer against turning untrusted text into markup or code: no HTML sinks, no eval, outside an (empty) allow-list.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const RENDERER = join(REPO, 'renderer');

/** Each sink, and why it is banned. */
const SINKS: Array<{ pattern: RegExp; why: string }> = [
  { pattern: /\.innerHTML\b/, why: 'parses a string as HTML' },
  { pattern: /\.outerHTML\b/, why: 'parses a string as HTML' },
  { pattern: /\binsertAdjacentHTML\s*\(/, why: 'parses a string as HTML' },
  { pattern: /\bdocument\.write(ln)?\s*\(/, why: 'writes markup into the page' },
  { pattern: /\bDOMParser\b/, why: 'parses a string as HTML' },
  { pattern: /\bcreateContextualFragment\s*\(/, why: 'parses a string as HTML' },
  { pattern: /\bsetHTMLUnsafe\s*\(|\bparseHTMLUnsafe\s*\(/, why: 'parses a string as HTML' },
  { pattern: /\.srcdoc\b/, why: 'loads a string as a document' },
  { pattern: /(?<![\w.$])eval\s*\(/, why: 'runs a string as code' },
  { pattern: /\bnew\s+Function\s*\(/, why: 'runs a string as code' },
  { pattern: /\bset(Timeout|Interval)\s*\(\s*['"`]/, why: 'runs a string as code' },
  { pattern: /\.(href|src|action)\s*=\s*[^;]*javascript:/i, why: 'a javascript: URL runs code' },
];

/**
 * Uses that were reviewed and are allowed: "path:line-text-fragment". Empty on purpose; adding
 * one needs a reason next to it (for instance a constant, trusted string).
 */
const ALLOWED: ReadonlySet<string> = new Set<string>([
  // HTML documents are parsed into an inert document (no scripts run, nothing loads) that never
  // joins the page: only the article schema's parse rules read it, and they keep text alone.
  "renderer/document-import.ts:import { DOMParser as PMDOMParser } from 'prosemirror-model';",
  "renderer/document-import.ts:const dom = new DOMParser().parseFromString(html, 'text/html');",
]);

async function typeScriptFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await typeScriptFiles(path)));
    else if (entry.name.endsWith('.ts')) files.push(path);
  }
  return files;
}

/** The code of a line, without comments (a rough cut that keeps line numbers). */
function codeLines(source: string): string[] {
  const withoutBlocks = source.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  return withoutBlocks.split('\n').map((line) => line.replace(/(^|[^:'"`\\])\/\/.*$/, '$1'));
}

/** Every banned use in one source text, as "file:line: sink (why)". */
export function findSinks(file: string, source: string): string[] {
  const found: string[] = [];
  codeLines(source).forEach((line, index) => {
    for (const { pattern, why } of SINKS) {
      if (!pattern.test(line)) continue;
      const key = `${file}:${line.trim()}`;
      if (!ALLOWED.has(key)) found.push(`${file}:${index + 1}: ${line.trim()} — ${why}`);
    }
  });
  return found;
}

test('the renderer never turns strings into markup or code', async () => {
  const files = await typeScriptFiles(RENDERER);
  assert.ok(files.length >= 5, `found the renderer's sources (${files.length})`);
  const found: string[] = [];
  for (const path of files) found.push(...findSinks(relative(REPO, path), await readFile(path, 'utf8')));
  assert.deepEqual(found, [], `markup or code sinks in the renderer:\n${found.join('\n')}`);
});

test('the scan finds each kind of sink, and ignores it in comments', () => {
  const source = [
    'el.innerHTML = note;',
    'el.outerHTML = x;',
    "el.insertAdjacentHTML('beforeend', x);",
    'document.write(x);',
    'new DOMParser().parseFromString(x, "text/html");',
    'range.createContextualFragment(x);',
    'frame.srcdoc = x;',
    'eval(x);',
    'const f = new Function("return 1");',
    "setTimeout('alert(1)', 0);",
    "link.href = 'javascript:alert(1)';",
    '// el.innerHTML is never used',
    '/* eval(x) */',
    'el.textContent = "innerHTML";',
  ].join('\n');
  const found = findSinks('example.ts', source);
  assert.equal(found.length, 11, found.join('\n'));
  assert.match(found[0]!, /^example\.ts:1: el\.innerHTML = note; — parses a string as HTML$/);
});
