// Accessible descriptions of highlights: one hidden element per set of themes, which each highlight's <mark>
// points at with aria-describedby, so a screen reader says "Highlight: Trade, Security" with the passage.
import type { Codebook } from '../annotations/codebook';
import { describedById } from './editor/highlight-plugin';

const CONTAINER_ID = 'highlight-descriptions';

/** The description read for a highlight with these themes. */
export function highlightDescription(themes: readonly string[], codebook: Codebook): string {
  const labels = themes.map((id) => codebook.find((t) => t.id === id)?.label ?? id);
  return `Highlight: ${labels.join(', ')}`;
}

/** Makes sure a description element exists for every set of themes in use (and none for sets no longer used). */
export function syncHighlightDescriptions(themeSets: Iterable<readonly string[]>, codebook: Codebook): void {
  let container = document.getElementById(CONTAINER_ID);
  if (!container) {
    container = document.createElement('div');
    container.id = CONTAINER_ID;
    container.hidden = true;
    document.body.append(container);
  }
  // Thousands of highlights share a handful of theme sets: each set is described once.
  const seen = new Set<string>();
  const wanted = new Map<string, string>();
  for (const themes of themeSets) {
    const key = themes.join('\n');
    if (seen.has(key)) continue;
    seen.add(key);
    wanted.set(describedById(themes), highlightDescription(themes, codebook));
  }
  for (const child of [...container.children]) {
    if (!wanted.has(child.id)) child.remove();
  }
  for (const [id, text] of wanted) {
    let el = document.getElementById(id);
    if (!el) {
      el = document.createElement('span');
      el.id = id;
      container.append(el);
    }
    if (el.textContent !== text) el.textContent = text;
  }
}
