// Covers the one rule for which highlights belong to a theme (annotations/codebook.ts) and that every
// place that counts by theme follows it: the Annotations panel's counts and filter, and the Library's counts.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { Annotation } from '../../../annotations/annotation';
import { describeRange } from '../../../annotations/anchoring/anchor';
import { belongsToTheme, countByTheme, type Codebook } from '../../../annotations/codebook';
import type { GlossService } from '../../../annotations/node/service';
import { libraryFile } from '../../fixtures/data-folder';
import { SAMPLE_ID, SAMPLE_PLAIN_TEXT, tempServices } from '../../fixtures/temp-service';
import { buildReportModel } from '../../../annotations/reports/model';
import { countThemes, passesFilters, type SidebarEntry } from '../../../renderer/sidebar';
import { annotate, SAMPLE_DOC, WITH_TARIFFS } from '../../fixtures/report-fixtures';

const services = tempServices('gloss-counts-test-');
const DOC = SAMPLE_ID;
const TEXT = SAMPLE_PLAIN_TEXT;
const openService = (): Promise<GlossService> => services.open();

function entry(themes: string[]): SidebarEntry {
  const annotation = {
    id: themes.join('+'),
    themes,
    note: '',
    target: { source: DOC, selector: describeRange(TEXT, 0, 5) },
  } as unknown as Annotation;
  return { annotation, anchor: { status: 'exact', start: 0, end: 5 } } as unknown as SidebarEntry;
}

test('counts a highlight toward a theme when it has that theme or one of its sub-themes, once', () => {
  const counts = countByTheme(WITH_TARIFFS, [
    { themes: ['trade'] },
    { themes: ['tariffs'] },
    { themes: ['trade', 'tariffs'] },
    { themes: ['security'] },
  ]);
  assert.deepEqual(Object.fromEntries(counts), { trade: 3, security: 1, diplomacy: 0, tariffs: 2 });
  assert.equal(belongsToTheme(WITH_TARIFFS, ['tariffs'], 'trade'), true);
  assert.equal(belongsToTheme(WITH_TARIFFS, ['trade'], 'tariffs'), false);
  assert.equal(belongsToTheme(WITH_TARIFFS, ['trade'], 'unknown'), false);
});

test('shows in the Annotations panel the same count for a parent theme as its filter lists', () => {
  const entries = [entry(['trade']), entry(['tariffs']), entry(['security', 'tariffs']), entry(['diplomacy'])];
  const counts = countThemes(entries, WITH_TARIFFS);
  for (const theme of WITH_TARIFFS) {
    const listed = entries.filter((e) => passesFilters(e, { codebook: WITH_TARIFFS }, theme.id)).length;
    assert.equal(counts.get(theme.id), listed, theme.id);
  }
  assert.equal(counts.get('trade'), 3);
});

test('counts per theme in the Library as the Annotations panel does, a sub-theme toward its parent', async () => {
  const s = await openService();
  await s.updateCodebook({
    documentId: DOC,
    codebook: WITH_TARIFFS.map(({ id, label, colour, cue, description, parent }) => ({
      id,
      label,
      colour,
      cue,
      description,
      ...(parent ? { parent } : {}),
    })),
  });
  const quote = (q: string) => describeRange(TEXT, TEXT.indexOf(q), TEXT.indexOf(q) + q.length);
  await s.createAnnotation({ documentId: DOC, target: { source: DOC, selector: quote('Trade issues') }, themes: ['trade'] });
  await s.createAnnotation({ documentId: DOC, target: { source: DOC, selector: quote('Canada') }, themes: ['tariffs'] });
  const [summary] = await s.listDocuments({});
  assert.deepEqual(summary!.themeCounts, { trade: 2, tariffs: 1 });
});

test("counts a sub-theme toward its parent in a report's summary, as the panel does", () => {
  const annotations = [
    annotate(SAMPLE_DOC, 'Trade issues', ['trade']),
    annotate(SAMPLE_DOC, 'Canada', ['tariffs']),
    annotate(SAMPLE_DOC, 'China', ['trade', 'tariffs']),
    annotate(SAMPLE_DOC, 'pressures', ['security', 'tariffs']),
  ];
  const model = buildReportModel(SAMPLE_DOC, annotations, WITH_TARIFFS);
  const reported = Object.fromEntries(model.summary.themes.map((t) => [t.theme.id, t.highlights]));
  assert.deepEqual(reported, Object.fromEntries(countByTheme(WITH_TARIFFS, annotations)));
});

test('keeps the colours a data folder already holds when the default colours change', async () => {
  const first = await openService();
  await first.close();
  const file = libraryFile(services.dir());
  const data = JSON.parse(await readFile(file, 'utf8')) as { codebook: Codebook };
  const older = ['#f4b400', '#e8554e', '#4a90e2'];
  data.codebook.forEach((theme, i) => (theme.colour = older[i]!));
  await writeFile(file, JSON.stringify(data));
  const again = await openService();
  assert.deepEqual(
    (await again.getCodebook({})).map((t) => t.colour),
    older,
  );
});
