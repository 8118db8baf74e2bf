// Escaping untrusted text for each output language: HTML, XML and CSV (Markdown: markdown-escape.ts). Every builder goes through these.

/** Code points no report should carry verbatim: NUL and the other C0 controls except tab, newline and carriage return. */
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Anything escapeHtml would change (the controls above and the five markup characters). */
const HTML_SPECIAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F&<>"']/;

/**
 * The one HTML escape: safe in element content and in quoted attribute values. Controls
 * become U+FFFD because the HTML parser would do the same to NUL, and others render as junk.
 */
export function escapeHtml(text: string): string {
  // Most pieces of prose need no escaping at all: one test instead of two replacements.
  if (!HTML_SPECIAL.test(text)) return text;
  return text.replace(CONTROL_CHARS, '\uFFFD').replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]!);
}

/** Characters XML 1.0 forbids anywhere in a document: controls, lone surrogates, U+FFFE/U+FFFF. */
const XML_FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes text for XML element content and attribute values alike. Tab, newline and carriage
 * return become character references so attribute-value normalisation cannot change them,
 * and characters XML cannot hold at all become U+FFFD (the document must stay well-formed).
 */
export function escapeXml(text: string): string {
  return text.replace(XML_FORBIDDEN, '\uFFFD').replace(/[&<>"'\t\n\r]/g, (ch) => {
    switch (ch) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      case '\t':
        return '&#9;';
      case '\n':
        return '&#10;';
      default:
        return '&#13;';
    }
  });
}

/** The first characters a spreadsheet reads as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell per RFC 4180: quoted when it holds a comma, quote, CR or LF (quotes doubled).
 * A cell that a spreadsheet would take for a formula is neutralised first with a leading `'`.
 */
export function csvCell(value: string | number): string {
  let text = typeof value === 'number' ? String(value) : value.replace(/\u0000/g, '\uFFFD');
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Whether a colour is exactly #rrggbb, the only form put into CSS or XML. */
export function isHexColour(colour: string): boolean {
  return /^#[0-9a-fA-F]{6}$/.test(colour);
}

/** The colour if it is #rrggbb, else a neutral grey, so nothing else can reach a style sheet. */
export function safeColour(colour: string): string {
  return isHexColour(colour) ? colour.toLowerCase() : '#999999';
}
