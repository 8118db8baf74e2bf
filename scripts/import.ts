// `npm run import`: brings a corpus into a Gloss data folder from the command line: documents (.txt, .md, .html,
// .docx; folders searched for them) and W3C Web Annotation JSON-LD sets. One line per file, a summary, exit 1 if
// any file failed. Each file is one durable change or none: a file that fails leaves nothing of itself behind.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DOMParser as NodeDOMParser } from 'linkedom';
import { fileKind, takenFromFolder } from '../annotations/corpus/file-kinds';
import { errorMessage } from '../annotations/errors';
import { defaultDataDir } from '../annotations/node/data-dir';
import { SAMPLE_DOCUMENT } from '../annotations/node/sample';
import { GlossService } from '../annotations/node/service';
import { importJsonLd } from '../annotations/reports/jsonld-import';
import { isHtmlName, readHtmlFile } from '../renderer/document-import';

const USAGE = `Usage: npm run import -- --data-dir DIR [--as-coder NAME] FILE_OR_FOLDER...

Adds documents and annotation sets to a Gloss data folder (close Gloss first: the folder is locked while it runs).

  FILE_OR_FOLDER  a document (.txt, .md, .html, .docx), an annotation set (.jsonld, W3C Web Annotation
                  JSON-LD as Export… writes it), or a folder: every document and .jsonld in it and its
                  sub-folders (hidden files left out). Documents are added before annotation sets.
  --data-dir DIR  the Gloss data folder (default: ${defaultDataDir()})
  --as-coder NAME the annotation sets are NAME's coding: imported as NAME's layer, never mixed with the
                  folder's own (without it, each annotation's creator in the file decides)
  -h, --help      this help

Prints one line per file and a summary. Exit codes: 0 all imported, 1 a file failed, 2 called wrongly.`;

/**
 * HTML is read exactly as the window reads it (renderer/document-import.ts, through the article schema), on
 * linkedom's DOM. linkedom does not build the implied <body> of a page that leaves it out, as browsers do, so
 * such a page's content is put in one first.
 */
class BodyDOMParser {
  parseFromString(html: string, type: 'text/html'): Document {
    return new NodeDOMParser().parseFromString(withBody(html), type) as unknown as Document;
  }
}

/** The page with an explicit <body> around what follows its head (or its <html> tag). */
function withBody(html: string): string {
  if (/<body[\s>]/i.test(html)) return html;
  const head = /<\/head\s*>/i.exec(html);
  const rest = head ? html.slice(head.index + head[0].length) : html.replace(/^[\s\S]*?<html[^>]*>/i, '');
  return `<!doctype html><html><body>${rest.replace(/<\/html\s*>[\s\S]*$/i, '')}</body></html>`;
}

/** A failure in how the command was called (exit code 2). */
class UsageError extends Error {}

/** A file to import, with the name it is reported by. */
interface Candidate {
  path: string;
  shown: string;
  kind: 'document' | 'annotations' | null;
}

async function walk(folder: string, found: string[]): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await walk(path, found);
    else if (entry.isFile() && takenFromFolder(entry.name)) found.push(path);
  }
}

/** The files the arguments name, folders searched; documents first, then annotation sets, each in the order found. */
async function candidates(args: readonly string[]): Promise<Candidate[]> {
  const all: Candidate[] = [];
  for (const arg of args) {
    const path = resolve(arg);
    let isFolder = false;
    try {
      isFolder = (await stat(path)).isDirectory();
    } catch {
      // Reported as that file's failure below.
    }
    if (!isFolder) {
      all.push({ path, shown: arg, kind: fileKind(path) });
      continue;
    }
    const found: string[] = [];
    await walk(path, found);
    if (found.length === 0) all.push({ path, shown: arg, kind: null });
    for (const file of found) all.push({ path: file, shown: join(arg, relative(path, file)), kind: fileKind(file) });
  }
  return [...all.filter((c) => c.kind !== 'annotations'), ...all.filter((c) => c.kind === 'annotations')];
}

/**
 * Tries an annotation set against the library without writing (the importer is a pure function): a set any
 * annotation of which would fail is refused whole, so a file is imported entirely or not at all.
 */
async function checkAnnotationSet(service: GlossService, fileName: string, bytes: Buffer): Promise<void> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Error(`"${fileName}" is not UTF-8 JSON: Gloss imports W3C Web Annotation JSON-LD.`);
  }
  const opened = await Promise.all((await service.listDocuments({})).map((d) => service.openDocument({ documentId: d.id })));
  const found = importJsonLd(json, {
    documents: opened.map((o) => o.document),
    codebook: await service.getCodebook({}),
    existing: opened.flatMap((o) => o.annotations),
    now: new Date().toISOString(),
  });
  if (found.failures.length > 0) {
    const reasons = found.failures.slice(0, 3).map((f) => (f.id ? `${f.id}: ${f.reason}` : f.reason));
    const more = found.failures.length > 3 ? ` (and ${found.failures.length - 3} more)` : '';
    throw new Error(`${found.failures.length} of its annotations cannot be imported, so none was: ${reasons.join('; ')}${more}`);
  }
}

/** Imports one file; answers the line to print about it. Throws with the reason when it fails. */
async function importOne(service: GlossService, candidate: Candidate, asCoder: string | undefined): Promise<string> {
  const { path, kind } = candidate;
  const fileName = basename(path);
  if (kind === null) {
    const isFolder = await stat(path).then(
      (s) => s.isDirectory(),
      () => false,
    );
    throw new Error(
      isFolder
        ? 'the folder holds no document (.txt, .md, .html, .docx) and no .jsonld'
        : `not a kind Gloss imports (documents: .txt, .md, .html, .docx; annotations: .jsonld)`,
    );
  }
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new Error(error.code === 'ENOENT' ? 'there is no such file' : `it cannot be read (${error.code ?? errorMessage(error)})`);
  });
  if (kind === 'annotations') {
    await checkAnnotationSet(service, fileName, bytes);
    const result = await service.importAnnotations({ fileName, dataBase64: bytes.toString('base64'), ...(asCoder ? { asCoder } : {}) });
    return `${result.created} annotation(s) imported${asCoder ? ` as ${asCoder}'s layer` : ''}, ${result.skipped} already there`;
  }
  const summary = isHtmlName(fileName)
    ? await service.importParsedDocument({ fileName, blocks: await readHtmlFile(fileName, new Uint8Array(bytes)) })
    : await service.importDocument({ fileName, dataBase64: bytes.toString('base64') });
  return `added "${summary.title}" (${summary.id})`;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, 'as-coder': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('Name at least one file or folder to import.');
  const asCoder = values['as-coder']?.trim();
  if (values['as-coder'] !== undefined && !asCoder) throw new UsageError('--as-coder needs a coder name.');
  (globalThis as { DOMParser?: unknown }).DOMParser = BodyDOMParser;
  const files = await candidates(positionals);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const here = dirname(fileURLToPath(import.meta.url));
  const sampleText = await readFile(join(here, '..', 'samples', SAMPLE_DOCUMENT.file), 'utf8');
  const service = await GlossService.open({
    dataDir,
    edition: 'desktop',
    version: 'import',
    samples: [{ id: SAMPLE_DOCUMENT.id, source: SAMPLE_DOCUMENT.file, text: sampleText }],
  });
  let failed = 0;
  try {
    const readOnly = (await service.getStatus({})).readOnly;
    if (readOnly) throw new Error(`${dataDir} cannot be changed: ${readOnly}`);
    for (const file of files) {
      try {
        console.log(`ok      ${file.shown}: ${await importOne(service, file, asCoder)}`);
      } catch (error) {
        failed += 1;
        console.log(`FAILED  ${file.shown}: ${errorMessage(error)}`);
      }
    }
  } finally {
    await service.close();
  }
  console.log(
    `${files.length - failed} of ${files.length} file(s) imported into ${dataDir}${failed > 0 ? `; ${failed} failed (nothing of them was added)` : ''}.`,
  );
  return failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') === true;
    console.error(usage ? `${errorMessage(error)}\n\n${USAGE}` : `Import failed: ${errorMessage(error)}`);
    process.exit(usage ? 2 : 1);
  },
);
