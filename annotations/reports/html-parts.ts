// Small pieces every part of the HTML report uses: escaped multi-line text and theme classes and tags.
import type { Theme } from '../codebook';
import { escapeHtml } from './escape';
import { themeClass } from './themes-css';
import { themeName } from './wording';

/** Untrusted multi-line text as escaped HTML with line breaks. */
export function multiline(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => escapeHtml(line))
    .join('<br>');
}

/** The CSS class of each theme of one report, and its label as a coloured tag. */
export class ThemeClasses {
  private readonly index = new Map<Theme, number>();
  constructor(themes: readonly Theme[]) {
    themes.forEach((t, i) => this.index.set(t, i));
  }
  /** The theme's class name (whitelisted: never untrusted text). */
  of(theme: Theme): string {
    return themeClass(theme, this.index.get(theme) ?? 0);
  }
  /** The theme's label in a tag of its colour. */
  tag(theme: Theme): string {
    return `<span class="tag ${this.of(theme)}">${escapeHtml(themeName(theme))}</span>`;
  }
}

/** The Content-Security-Policy of every report: no scripts, no requests, inline styles and data: images only. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The opening of a report page up to its <body>: the CSP, no referrer, the title and the styles. */
export function reportHead(title: string, css: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Gloss">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
  ].join('\n');
}
