// A long, densely coded article: above 1,000 highlights only those near the screen are drawn, and
// every way of reaching a highlight (scrolling, the sidebar, n / p, a link) still shows it.
import { expect, type Page } from '@playwright/test';
import { blockIndexAt } from '../../annotations/document';
import { generateCorpus, writeCorpus, type Corpus } from '../bench/corpus';
import { article, highlight, highlights, openGloss, sidebar, startGloss, test } from './gloss';

const SIZE = { paragraphs: 300, chars: 150_000, annotations: 1_500, crossingShare: 0.2, seed: 7 };

/** The distinct highlights drawn in the article now. */
function drawnIds(page: Page): Promise<number> {
  return highlights(page).evaluateAll((els) => new Set(els.map((el) => el.getAttribute('data-annotation-id'))).size);
}

/** The annotation that starts last in the article. */
function lastAnnotation(corpus: Corpus): Corpus['annotations'][number] {
  return [...corpus.annotations].sort((a, b) => b.target.selector[0].start - a.target.selector[0].start)[0]!;
}

test('draws only the highlights near the screen of a long article, and shows any of them when reached', async ({ page, dataDir }) => {
  const corpus = generateCorpus(SIZE);
  await writeCorpus(corpus, dataDir);
  const gloss = await startGloss(dataDir);
  try {
    await openGloss(page, gloss);
    await expect(sidebar(page).locator('.theme-count-value').first()).not.toHaveText('0');
    const drawn = await drawnIds(page);
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(SIZE.annotations / 2);

    // Going to the end (Ctrl+End moves the caret there and scrolls) draws the highlights there.
    const last = lastAnnotation(corpus);
    expect(blockIndexAt(corpus.document.blocks, last.target.selector[0].start)).toBe(corpus.document.blocks.length - 1);
    await expect(highlight(page, last.id)).toHaveCount(0);
    await article(page).focus();
    await page.keyboard.press('Control+End');
    await expect(highlight(page, last.id)).not.toHaveCount(0);
    await highlight(page, last.id).first().scrollIntoViewIfNeeded();
    await expect(highlight(page, last.id).first()).toBeInViewport();

    // Back at the top, a link to the last highlight opens it and shows it on screen.
    await page.keyboard.press('Control+Home');
    await expect(highlight(page, last.id)).toHaveCount(0);
    await page.evaluate((id) => (window.location.hash = `annotation-${id}`), last.id);
    await expect(highlight(page, last.id).first()).toBeInViewport();
    await expect(sidebar(page).locator('#detail')).toBeVisible();
    await expect(highlight(page, last.id).first()).toHaveClass(/hl-active/);

    // From the top, p (previous) wraps round to the last highlight and shows it.
    await page.keyboard.press('Escape');
    await article(page).focus();
    await page.keyboard.press('Control+Home');
    await expect(highlight(page, last.id)).toHaveCount(0);
    await page.keyboard.press('p');
    const lastStart = corpus.annotations.filter((a) => a.target.selector[0].start === last.target.selector[0].start).map((a) => a.id);
    await expect
      .poll(() =>
        page.evaluate(
          (ids) =>
            ids.some((id) => {
              const el = document.querySelector(`.ProseMirror [data-annotation-id="${CSS.escape(id)}"]`);
              if (!el) return false;
              const box = el.getBoundingClientRect();
              return box.bottom > 0 && box.top < window.innerHeight;
            }),
          lastStart,
        ),
      )
      .toBe(true);
    // The window stayed small throughout.
    expect(await drawnIds(page)).toBeLessThan(SIZE.annotations / 2);
  } finally {
    await gloss.stop();
  }
});
