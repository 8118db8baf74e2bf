// Checks DESIGN.md's import rules: what each folder may import, read from the source files themselves.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

const root = resolve(import.meta.dirname, '..', '..', '..');

/** A folder's rule: which of our folders and which packages its files may import. */
interface Rule {
  folder: string;
  /** Our folders (repo-relative) a file here may import from. */
  folders: string[];
  /** Package names (or prefixes ending in "*") it may import. */
  packages: string[];
}

const RULES: Rule[] = [
  {
    folder: 'annotations',
    folders: ['annotations'],
    packages: [
      'valibot',
      'approx-string-match',
      'fflate',
      'fast-xml-parser',
      'uuid',
      'markdown-it',
      'markdown-it-footnote',
      'wink-nlp',
      'wink-eng-lite-web-model',
    ],
  },
  {
    folder: 'annotations/node',
    folders: ['annotations', 'annotations/node'],
    packages: ['node:*', 'lowdb', 'valibot', 'playwright', 'proper-lockfile', 'mammoth', 'pouchdb-*'],
  },
  { folder: 'electron', folders: ['annotations', 'annotations/node', 'electron'], packages: ['electron', 'electron-updater', 'node:*'] },
  { folder: 'web', folders: ['annotations', 'annotations/node', 'web'], packages: ['node:*'] },
  {
    folder: 'renderer',
    folders: ['annotations', 'renderer'],
    packages: ['prosemirror-state', 'prosemirror-view', 'prosemirror-model', 'prosemirror-keymap', 'immutable'],
  },
];

/** The specifiers of every static import, re-export, dynamic import and require in a source text. */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s[^'"]*?\sfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]!);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The most specific rule for a file. */
function ruleFor(file: string): Rule | undefined {
  const rel = relative(root, file).split(sep).join('/');
  return RULES.filter((r) => rel.startsWith(`${r.folder}/`)).sort((a, b) => b.folder.length - a.folder.length)[0];
}

/** Our folder an import lands in (most specific), or null when it leaves the rule folders. */
function folderOf(file: string): string | null {
  const rel = relative(root, file).split(sep).join('/');
  const matching = RULES.map((r) => r.folder).filter((f) => rel.startsWith(`${f}/`));
  return matching.sort((a, b) => b.length - a.length)[0] ?? null;
}

function packageAllowed(specifier: string, allowed: string[]): boolean {
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  return allowed.some((a) => (a.endsWith('*') ? specifier.startsWith(a.slice(0, -1)) : a === name));
}

/** Every import in the tree that breaks its folder's rule, as "file: specifier (why)". */
function violations(): string[] {
  const problems: string[] = [];
  for (const rule of RULES) {
    for (const file of sourceFiles(join(root, rule.folder))) {
      if (ruleFor(file) !== rule) continue;
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        const where = relative(root, file);
        if (specifier.startsWith('.')) {
          const target = folderOf(resolve(file, '..', specifier));
          if (!target || !rule.folders.includes(target)) problems.push(`${where}: ${specifier} (into ${target ?? 'outside'})`);
        } else if (!packageAllowed(specifier, rule.packages)) {
          problems.push(`${where}: ${specifier} (package not allowed here)`);
        }
      }
    }
  }
  return problems;
}

describe('import rules of DESIGN.md', () => {
  test('every folder imports only what its rule allows', () => {
    assert.deepEqual(violations(), []);
  });

  test('the checker sees static, type-only, side-effect and dynamic imports and requires', () => {
    const source = [
      "import { a } from './x';",
      "import type { B } from '../../y';",
      "export { c } from 'electron';",
      "import 'node:fs';",
      "const d = await import('lowdb');",
      "const e = require('prosemirror-view');",
    ].join('\n');
    assert.deepEqual(importsOf(source).sort(), ['../../y', './x', 'electron', 'lowdb', 'node:fs', 'prosemirror-view'].sort());
  });

  test('flags the imports the design forbids', () => {
    assert.equal(packageAllowed('electron', RULES[0]!.packages), false, 'the domain may not import electron');
    assert.equal(packageAllowed('node:fs', RULES[0]!.packages), false, 'the domain may not import node:*');
    assert.equal(packageAllowed('prosemirror-view', RULES[0]!.packages), false, 'the domain may not import ProseMirror');
    assert.equal(packageAllowed('lowdb', RULES[4]!.packages), false, 'the renderer may not import lowdb');
    assert.equal(packageAllowed('node:path', RULES[4]!.packages), false, 'the renderer may not import node:*');
    assert.equal(folderOf(join(root, 'annotations/node/service.ts')), 'annotations/node');
    assert.equal(RULES[4]!.folders.includes('annotations/node'), false, 'the renderer may not import the service');
  });
});
