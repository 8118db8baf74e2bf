// Shows that a sideways-scrolling row holds more than fits: the toolbar's theme buttons scroll within their
// share of one row, and without a cue a codebook's fourth or fifth theme is simply cut off at the Undo button.
// The row is marked with the sides it hides content on (styles.css fades those edges), and a vertical wheel
// over it scrolls it sideways, since a mouse without a horizontal wheel could not reach the hidden buttons.

/** Keeps `row`'s data-hidden-start / data-hidden-end up to date, and lets the wheel scroll it sideways. */
export function markScrollEdges(row: HTMLElement): void {
  const mark = (): void => {
    // One pixel of slack: fractional widths leave scrollLeft a hair short of its end.
    const end = row.scrollWidth - row.clientWidth;
    row.toggleAttribute('data-hidden-start', row.scrollLeft > 1);
    row.toggleAttribute('data-hidden-end', end - row.scrollLeft > 1);
  };
  new ResizeObserver(mark).observe(row);
  new MutationObserver(mark).observe(row, { childList: true });
  row.addEventListener('scroll', mark, { passive: true });
  row.addEventListener(
    'wheel',
    (event) => {
      if (row.scrollWidth <= row.clientWidth || event.deltaX !== 0 || event.deltaY === 0) return;
      event.preventDefault();
      row.scrollLeft += event.deltaY;
    },
    { passive: false },
  );
  mark();
}
