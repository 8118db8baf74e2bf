// Scenario 7: every report format built with all annotations; skips with a note while the report builders are missing.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Corpus } from './corpus';
import { row, skipped, type BenchRow } from './stats';

/** A loaded module's exports, looked at by name. */
type Exports = Record<string, unknown>;

type Builder = (...args: unknown[]) => unknown;

const REPORTS = fileURLToPath(new URL('../../annotations/reports/', import.meta.url));
const EXPORTED_AT = '2024-06-11T12:00:00.000Z';

async function load(name: string): Promise<Exports | null> {
  const file = `${REPORTS}${name}.ts`;
  if (!existsSync(file)) return null;
  return (await import(pathToFileURL(file).href)) as Exports;
}

function fn(mod: Exports | null, name: string): Builder | null {
  const value = mod?.[name];
  return typeof value === 'function' ? (value as Builder) : null;
}

/** The size of an export's output in MB (string or bytes). */
function sizeMB(output: unknown): number {
  if (typeof output === 'string') return Buffer.byteLength(output) / 1024 / 1024;
  if (output instanceof Uint8Array) return output.byteLength / 1024 / 1024;
  return Number.NaN;
}

/**
 * Runs scenario 7: builds the report model once per run and every format from it, timing
 * model + builder (what one export costs). Answers skip rows when the builders are not there.
 */
export async function runExportScenario(corpus: Corpus, runs: number, log: (line: string) => void): Promise<BenchRow[]> {
  // Preferred: one entry point (annotations/reports/index.ts); else the per-format modules as they stand today.
  const index = await load('index');
  const model = index ?? (await load('model'));
  const buildModel = fn(model, 'buildReportModel');
  if (!buildModel) {
    const note =
      'annotations/reports/ has no buildReportModel yet (looked for index.ts, then model.ts); fill this scenario in when the report builders land.';
    log(`  skipped: ${note}`);
    return [skipped('7 export', note)];
  }
  const from = async (name: string, exported: string): Promise<Builder | null> => fn(index, exported) ?? fn(await load(name), exported);
  const { document, annotations, data } = corpus;
  const formats: Array<{ name: string; build: Builder | null; call: (b: Builder, m: unknown) => unknown; target?: number }> = [
    { name: 'HTML', build: await from('html', 'buildHtmlReport'), call: (b, m) => b(m, { exportedAt: EXPORTED_AT }), target: 1000 },
    { name: 'Markdown', build: await from('markdown', 'buildMarkdownReport'), call: (b, m) => b(m, { exportedAt: EXPORTED_AT }) },
    { name: 'CSV', build: await from('csv', 'buildCsv'), call: (b, m) => b([m], { bom: true }) },
    { name: 'JSON-LD', build: await from('jsonld', 'buildJsonLd'), call: (b, m) => b([m]) },
    {
      name: 'REFI-QDA .qdpx',
      build: await from('refi-qda', 'buildQdpx'),
      call: (b, m) => b([m], { name: 'bench', exportedAt: EXPORTED_AT, codebook: data.codebook }),
    },
  ];
  const rows: BenchRow[] = [];
  const modelMs: number[] = [];
  const times = new Map<string, number[]>();
  const sizes = new Map<string, number>();
  const failures = new Map<string, string>();
  for (let run = 0; run < runs; run += 1) {
    let started = performance.now();
    let built: unknown;
    try {
      built = buildModel(document, annotations, data.codebook, {});
    } catch (error) {
      const note = `buildReportModel failed: ${(error as Error).message.slice(0, 200)}`;
      return [skipped('7 export', note)];
    }
    const modelTime = performance.now() - started;
    modelMs.push(modelTime);
    for (const format of formats) {
      if (!format.build || failures.has(format.name)) continue;
      started = performance.now();
      try {
        const output = format.call(format.build, built);
        const ms = performance.now() - started + modelTime;
        times.set(format.name, [...(times.get(format.name) ?? []), ms]);
        sizes.set(format.name, sizeMB(output));
      } catch (error) {
        failures.set(format.name, (error as Error).message.slice(0, 200));
      }
    }
  }
  rows.push(row('7 export', `report model of ${annotations.length} annotations`, 'ms', modelMs));
  for (const format of formats) {
    if (!format.build) {
      rows.push(skipped('7 export', `${format.name}: no builder found in annotations/reports/ yet.`, format.name));
      continue;
    }
    const failure = failures.get(format.name);
    if (failure) {
      rows.push(skipped('7 export', `${format.name}: the builder threw (its signature may have changed): ${failure}`, format.name));
      continue;
    }
    rows.push(
      row(
        '7 export',
        `${format.name} (model + build)`,
        'ms',
        times.get(format.name) ?? [],
        format.target === undefined ? undefined : { on: 'median', atMost: format.target },
        `${(sizes.get(format.name) ?? Number.NaN).toFixed(2)} MB of output.`,
      ),
    );
  }
  rows.push(skipped('7 export', 'PDF is printed by the desktop shell (Electron printToPDF) and is not measured here.', 'PDF'));
  return rows;
}
