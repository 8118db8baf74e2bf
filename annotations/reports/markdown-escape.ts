// Escaping untrusted text for Markdown (CommonMark with GFM tables and strikethrough) only where Markdown would misread it:
// "Trade [CBAM] (2026)" stays as it is, while "[x](y)", "*a*", "<b>" or a leading "- " are made plain text.
//
// A line is built from pieces: untrusted text, and Markdown the report writes itself ({ md }). Each untrusted
// character is judged by its neighbours in the finished line, ours included, because whether "(" opens a link
// or "*" emphasis depends on what stands next to it, and a piece of text often ends where a marker begins.

/** A piece of a Markdown line: untrusted text, or Markdown written by the report (emitted as it is). */
export type MarkdownPiece = string | { md: string };

/** Where a line goes. */
export interface MarkdownContext {
  /** The line begins a block (after any list or quote marker), so heading, list, quote, rule and fence syntax must be defused (default true). */
  blockStart?: boolean;
  /** A GFM table cell: "|" would end the cell. */
  table?: boolean;
  /** The content of an ATX heading: a trailing run of "#" would be taken for its closing sequence. */
  heading?: boolean;
}

const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
/** Punctuation as CommonMark's flanking rules count it (Unicode P and S classes). */
const PUNCTUATION = /[\p{P}\p{S}]/u;
/** An entity or numeric character reference, which Markdown would decode. */
const ENTITY = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;
/** What may follow "<" in an autolink or a piece of raw HTML. */
const TAG_START = /[A-Za-z/!?]/;

function isSpace(ch: string): boolean {
  return ch === '' || /\s/.test(ch);
}

/** Whether a run of `*`, `_` or `~` here could open or close emphasis (CommonMark's left- or right-flanking rule). */
function couldDelimit(prev: string, next: string): boolean {
  const left = !isSpace(next) && (!PUNCTUATION.test(next) || isSpace(prev) || PUNCTUATION.test(prev));
  const right = !isSpace(prev) && (!PUNCTUATION.test(prev) || isSpace(next) || PUNCTUATION.test(next));
  return left || right;
}

/** The index of the untrusted character that would start block syntax at the line's start, or -1. */
function blockSyntaxAt(line: string): number {
  const indent = /^ {0,3}/.exec(line)![0].length;
  const rest = line.slice(indent);
  if (/^#{1,6}(\s|$)/.test(rest)) return indent;
  if (/^[>]/.test(rest)) return indent;
  if (/^[-+*](\s|$)/.test(rest)) return indent;
  if (/^([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(rest) || /^(?:=+|-+)[ \t]*$/.test(rest)) return indent;
  if (/^(?:`{3,}|~{3,})/.test(rest)) return indent;
  const ordered = /^\d{1,9}[.)](\s|$)/.exec(rest);
  if (ordered) return indent + ordered[0].search(/[.)]/);
  return -1;
}

/** Builds one line of Markdown from pieces, escaping the untrusted ones where (and only where) Markdown would misread them. */
export function markdownLine(pieces: readonly MarkdownPiece[], context: MarkdownContext = {}): string {
  let line = '';
  const ours: boolean[] = [];
  const blockStart = context.blockStart !== false;
  for (const [index, piece] of pieces.entries()) {
    let text = typeof piece === 'string' ? piece.replace(/\r\n|\r|\n/g, ' ').replace(CONTROL_CHARS, '\uFFFD') : piece.md;
    // Four columns of indent would make an indented code block; rendered Markdown drops a paragraph's indent anyway.
    if (index === 0 && blockStart && typeof piece === 'string')
      text = text.replace(/^[ \t]+/, (m) => (m.length >= 4 || m.includes('\t') ? '' : m));
    line += text;
    for (let i = 0; i < text.length; i++) ours.push(typeof piece !== 'string');
  }
  const backticks = (line.match(/`/g) ?? []).length;
  const blockAt = !blockStart || ours[0] !== false ? -1 : blockSyntaxAt(line);
  // A heading's closing sequence: a run of "#" at the end, after a space or alone.
  const closing = context.heading ? /(?:^|\s)(#+)\s*$/.exec(line) : null;
  const closingAt = closing ? closing.index + closing[0].indexOf('#') : -1;
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ours[i]) {
      out += ch;
      continue;
    }
    const prev = line[i - 1] ?? '';
    const next = line[i + 1] ?? '';
    let escape = false;
    switch (ch) {
      case '\\':
        // Literal before a letter; an escape (or a hard break at the end) before punctuation.
        escape = next === '' || ASCII_PUNCTUATION.test(next);
        break;
      case '`':
        // One backtick alone is literal; two can make a code span.
        escape = backticks > 1;
        break;
      case '*':
      case '~':
        escape = couldDelimit(prev, next);
        break;
      case '_':
        // Inside a word ("snake_case") an underscore never delimits.
        escape = !(/[\p{L}\p{N}]/u.test(prev) && /[\p{L}\p{N}]/u.test(next)) && couldDelimit(prev, next);
        break;
      case ']':
        // "](" makes a link or image, "][" a reference link, "]:" a link definition; "[CBAM]" alone is plain text.
        escape = next === '(' || next === '[' || next === ':';
        break;
      case '(':
      case '[':
      case ':':
        // The same, after a "]" the report wrote.
        escape = prev === ']' && ours[i - 1] === true;
        break;
      case '<':
        if (TAG_START.test(next)) {
          out += '&lt;';
          continue;
        }
        break;
      case '&':
        if (ENTITY.test(line.slice(i))) {
          out += '&amp;';
          continue;
        }
        break;
      case '|':
        escape = context.table === true;
        break;
    }
    if (i === blockAt || i === closingAt) escape = true;
    out += escape ? `\\${ch}` : ch;
  }
  return out;
}

/** One line of untrusted text as plain Markdown (line breaks become spaces). */
export function escapeMarkdownLine(text: string, context: MarkdownContext = {}): string {
  return markdownLine([text], context);
}

/** Untrusted text of several lines as plain Markdown, a line each; every line is escaped as the start of a block. */
export function escapeMarkdown(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map((line) => escapeMarkdownLine(line));
}
