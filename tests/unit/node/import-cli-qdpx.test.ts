// Covers the REFI-QDA project import end to end, as a user runs it: a coded library exported with `npm run export
// -- --all --format qdpx` and brought into an empty data folder with `npm run import`, which then holds the same
// annotations, themes and coders; and a project that cannot be imported leaving nothing of itself behind.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { strToU8, unzipSync, zipSync, strFromU8 } from 'fflate';
import { describeRange } from '../../../annotations/anchoring/anchor';
import { GlossService } from '../../../annotations/node/service';
import { runScript } from '../../fixtures/export-cli-fixture';
import { SAMPLE_FILE, SAMPLE_ID } from '../../fixtures/temp-service';

let root = '';
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gloss-qdpx-cli-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function open(dataDir: string, osUser: string): Promise<GlossService> {
  return GlossService.open({
    dataDir,
    edition: 'desktop',
    version: 'test',
    lock: false,
    osUser,
    samples: [{ id: SAMPLE_ID, source: 'canada-china-trust.txt', text: SAMPLE_FILE }],
  });
}

/** Codes `quote` (its first occurrence) with the themes, as the service's own coder. */
async function code(service: GlossService, documentId: string, quote: string, themes: string[], note = ''): Promise<void> {
  const { document } = await service.openDocument({ documentId });
  const start = document.text.indexOf(quote);
  assert.ok(start >= 0, `"${quote}" is in the document`);
  const made = await service.createAnnotation({
    documentId,
    target: { source: documentId, selector: describeRange(document.text, start, start + quote.length) },
    themes,
  });
  if (note) await service.updateAnnotation({ id: made.id, note });
}

/**
 * A library coded by two coders: Ana (two documents, a sub-theme and a theme of her own, notes, a passage after an
 * emoji so that code points and UTF-16 differ) and Ben (his layer: the folder opened as his).
 */
async function codedLibrary(dataDir: string): Promise<void> {
  const ana = await open(dataDir, 'ana');
  const ports = await ana.importDocument({
    fileName: 'ports.txt',
    dataBase64: Buffer.from('Ports article\nThe 🚢 tariff on steel rose sharply.\nShips wait at the quay for days.').toString('base64'),
  });
  const codebook = await ana.getCodebook({});
  await ana.updateCodebook({
    codebook: [
      ...codebook.map(({ shortcut: _shortcut, ...theme }) => theme),
      { label: 'Tariffs', colour: '#2e7d32', description: 'Duties on goods.', parent: 'trade' },
      { label: 'Shipping', colour: '#00838f', description: 'Ports & ships <at sea>.' },
    ],
  });
  const themes = await ana.getCodebook({});
  const id = (label: string): string => themes.find((t) => t.label === label)!.id;
  await code(ana, ports.id, 'tariff on steel', [id('Tariffs'), 'security'], 'Steel & "duties"\non two lines.');
  await code(ana, ports.id, 'Ships wait', [id('Shipping')]);
  await code(ana, SAMPLE_ID, 'canola', ['trade']);
  await ana.close();
  const ben = await open(dataDir, 'ben');
  await code(ben, ports.id, 'quay for days', ['diplomacy'], 'Ben thinks so.');
  await ben.close();
}

/** What a reader compares: per document title, every highlight with its quote, place, themes, note, coder and date. */
async function contents(dataDir: string) {
  const service = await open(dataDir, 'someone-else');
  try {
    const codebook = await service.getCodebook({});
    const label = (id: string): string => codebook.find((t) => t.id === id)!.label;
    const documents: Record<string, unknown[]> = {};
    for (const doc of await service.listDocuments({})) {
      const { annotations } = await service.openDocument({ documentId: doc.id });
      documents[doc.title] = annotations
        .map((a) => ({
          exact: a.target.selector[1].exact,
          start: a.target.selector[0].start,
          end: a.target.selector[0].end,
          // As a set: the report model, and so the export, lists a highlight's themes in codebook order.
          themes: a.themes.map(label).sort(),
          note: a.note,
          creator: a.creator,
          created: a.created,
        }))
        .sort((x, y) => x.start - y.start);
    }
    const themes = codebook.map((t) => ({
      label: t.label,
      colour: t.colour,
      description: t.description,
      parent: t.parent === undefined ? undefined : label(t.parent),
    }));
    const coders = (await service.listCoders({})).filter((c) => c.annotationCount > 0).map((c) => [c.name, c.annotationCount]);
    return { documents, themes, coders: coders.sort() };
  } finally {
    await service.close();
  }
}

test('a coded library exported as .qdpx and imported into an empty folder has the same annotations, themes and coders', async () => {
  const source = join(root, 'source');
  await codedLibrary(source);
  const file = join(root, 'library.qdpx');
  const exported = await runScript('scripts/export.ts', ['--data-dir', source, '--all', '--format', 'qdpx', '--out', file]);
  assert.equal(exported.code, 0, exported.stdout + exported.stderr);

  const target = join(root, 'target');
  const run = await runScript('scripts/import.ts', ['--data-dir', target, file]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^ok {6}.*library\.qdpx: 4 annotation\(s\) imported, 0 already there; 1 document\(s\) and 2 theme\(s\) added$/m);

  const before = await contents(source);
  const after = await contents(target);
  assert.deepEqual(after, before);
  assert.deepEqual(before.coders, [
    ['ana', 3],
    ['ben', 1],
  ]);

  // The same project again adds nothing: its documents, themes and annotations are all found.
  const again = await runScript('scripts/import.ts', ['--data-dir', target, file]);
  assert.match(again.stdout, /0 annotation\(s\) imported, 4 already there; 0 document\(s\) and 0 theme\(s\) added/);
  assert.deepEqual(await contents(target), before);
});

test('imports a project as one coder’s layer with --as-coder', async () => {
  const source = join(root, 'source');
  await codedLibrary(source);
  const file = join(root, 'library.qdpx');
  assert.equal((await runScript('scripts/export.ts', ['--data-dir', source, '--all', '--format', 'qdpx', '--out', file])).code, 0);
  const target = join(root, 'target');
  const run = await runScript('scripts/import.ts', ['--data-dir', target, '--as-coder', 'Cleo', file]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.deepEqual((await contents(target)).coders, [['Cleo', 4]]);
});

test('refuses a project with a coding outside its text whole: its documents and themes are not added either', async () => {
  const source = join(root, 'source');
  await codedLibrary(source);
  const file = join(root, 'library.qdpx');
  assert.equal((await runScript('scripts/export.ts', ['--data-dir', source, '--all', '--format', 'qdpx', '--out', file])).code, 0);
  const entries = unzipSync(new Uint8Array(await readFile(file)));
  const qde = strFromU8(entries['project.qde']!).replace(/endPosition="\d+"/, 'endPosition="999999"');
  const bad = join(root, 'bad.qdpx');
  await writeFile(bad, zipSync({ ...entries, 'project.qde': strToU8(qde) }));

  const target = join(root, 'target');
  const run = await runScript('scripts/import.ts', ['--data-dir', target, bad]);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /^FAILED {2}.*bad\.qdpx: .*selection .* runs from \d+ to 999999, outside its text of \d+ characters\./m);
  const left = await contents(target);
  assert.deepEqual(Object.keys(left.documents), ['Canada and China take cautious steps to restore diplomatic trust amid US pressures']);
  assert.deepEqual(
    left.themes.map((t) => t.label),
    ['Trade', 'Security', 'Diplomacy'],
  );
});
