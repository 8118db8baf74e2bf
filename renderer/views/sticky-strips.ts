// Keeps what the reader opens clear of the sticky strips: the Annotations panel's counts and filters, and
// the find bar over the article, stay at the top of their scrolling pane, so a highlight or its editor
// scrolled into view at that top would land under them. Each pane gets the height its strip covers as
// --sticky-strip, which styles.css turns into scroll-padding-top: scrollIntoView (the editor, the
// highlight, the caret's step) then stops below the strip. Measured, since the strip's height changes
// with the window's width (its counts wrap) and the find bar shows and hides.

/**
 * Publishes, for each scrolling pane, the height its sticky strip covers, and keeps it up to date. A strip
 * sticks at `top` from the pane's padding edge, so it covers the pane's top padding plus `top` (negative:
 * it rides up into the padding) plus its own height; a hidden one covers nothing.
 */
export function keepClearOfStickyStrips(pairs: ReadonlyArray<{ pane: HTMLElement; strip: HTMLElement }>): void {
  const measure = (pane: HTMLElement, strip: HTMLElement): void => {
    const top = parseFloat(getComputedStyle(strip).top) || 0;
    const padding = parseFloat(getComputedStyle(pane).paddingTop) || 0;
    const covered = strip.hidden ? 0 : Math.max(0, padding + top + strip.offsetHeight);
    pane.style.setProperty('--sticky-strip', `${covered}px`);
  };
  const observer = new ResizeObserver(() => {
    for (const { pane, strip } of pairs) measure(pane, strip);
  });
  for (const { pane, strip } of pairs) {
    measure(pane, strip);
    observer.observe(strip);
  }
}
