// Types for markdown-it-footnote, which ships none (the @types package is written against markdown-it 14's types).
declare module 'markdown-it-footnote' {
  import type { MarkdownIt } from 'markdown-it';
  /** Adds footnote references (`[^1]`) and definitions (`[^1]: text`) to a markdown-it parser. */
  export default function footnote(md: MarkdownIt): void;
}
