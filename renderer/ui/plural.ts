// Counting in words, as the corpus views say their figures: "1 passage", "1,202 passages".

/** A count with its noun, the number grouped by thousands. */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}
