// Covers how highlights are painted: text stays readable on every fill (one theme, two, and a highlight
// inside another) in light and dark, and the theme rules give each theme a fill and its cue.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CODEBOOK, PALETTE, type Theme } from '../../../annotations/codebook';
import { HIGHLIGHT_ALPHA, MIN_TEXT_CONTRAST, SCHEMES, textContrastOnFills, type ColourScheme } from '../../../annotations/contrast';
import { rgba, themeCss } from '../../../renderer/theme-styles';

const SCHEME_NAMES = Object.keys(SCHEMES) as ColourScheme[];
const COLOURS = {
  'the default codebook': DEFAULT_CODEBOOK.map((t) => t.colour),
  'the palette': PALETTE.map((p) => p.colour),
};

for (const [name, colours] of Object.entries(COLOURS)) {
  test(`keeps the text at 4.5:1 on the fill of every single theme of ${name}, light and dark`, () => {
    for (const scheme of SCHEME_NAMES) {
      for (const colour of colours) {
        const ratio = textContrastOnFills([colour], scheme);
        assert.ok(ratio >= MIN_TEXT_CONTRAST, `${colour} in ${scheme}: ${ratio.toFixed(2)}`);
      }
    }
  });

  test(`keeps the text at 4.5:1 where two or three highlights of ${name} overlap, light and dark`, () => {
    for (const scheme of SCHEME_NAMES) {
      for (const a of colours) {
        for (const b of colours) {
          for (const stack of [
            [a, b],
            [a, b, a],
          ]) {
            const ratio = textContrastOnFills(stack, scheme);
            assert.ok(ratio >= MIN_TEXT_CONTRAST, `${stack.join(' over ')} in ${scheme}: ${ratio.toFixed(2)}`);
          }
        }
      }
    }
  });
}

test('finds too little contrast when fills near the text colour are stacked', () => {
  assert.ok(textContrastOnFills(['#1d1c1a', '#1d1c1a', '#1d1c1a'], 'light') < MIN_TEXT_CONTRAST);
  assert.ok(textContrastOnFills(['#ecebe8', '#ecebe8', '#ecebe8'], 'dark') < MIN_TEXT_CONTRAST);
});

test('gives each theme a translucent fill and its underline style, as first and as second theme', () => {
  const css = themeCss(DEFAULT_CODEBOOK as Theme[]);
  for (const theme of DEFAULT_CODEBOOK) {
    const fill = rgba(theme.colour, HIGHLIGHT_ALPHA);
    assert.match(css, new RegExp(`\\.hl-primary-${theme.id} \\{ --hl-fill: ${escape(fill)};[^}]*text-decoration-style: ${theme.cue};`));
    assert.match(css, new RegExp(`\\.hl-secondary-${theme.id} \\{ --hl-fill-2: ${escape(fill)};`));
    assert.match(css, new RegExp(`\\.stripe-${theme.id} \\{ border-left: 3px ${theme.cue} `));
  }
});

function escape(text: string): string {
  return text.replace(/[()|.*+?^$[\]{}\\]/g, '\\$&');
}
