// Covers annotations/contrast.ts and the pure helpers of annotations/codebook.ts: WCAG contrast, the palette, ids, sub-themes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_CODEBOOK,
  expandThemes,
  PALETTE,
  paletteName,
  shortcutFor,
  themeAndChildren,
  themeIdFor,
  type Codebook,
} from '../../../annotations/codebook';
import { blend, checkThemeColour, contrastRatio, passesEverywhere, relativeLuminance } from '../../../annotations/contrast';
import { colourWarning, sameColourWarning } from '../../../renderer/codebook-warnings';

test('computes WCAG relative luminance: 0 for black, 1 for white, the sRGB curve between', () => {
  assert.equal(relativeLuminance('#000000'), 0);
  assert.equal(relativeLuminance('#FFFFFF'), 1);
  assert.ok(Math.abs(relativeLuminance('#808080') - 0.2158605) < 1e-6);
});

test('computes contrast ratios as WCAG does, symmetric, from 1 to 21', () => {
  assert.equal(contrastRatio('#000000', '#ffffff'), 21);
  assert.equal(contrastRatio('#ffffff', '#000000'), 21);
  assert.equal(contrastRatio('#777777', '#777777'), 1);
  // Well-known reference: #767676 on white is the lightest grey that passes 4.5:1.
  assert.ok(contrastRatio('#767676', '#ffffff') >= 4.5);
  assert.ok(contrastRatio('#777777', '#ffffff') < 4.5);
  assert.throws(() => contrastRatio('red', '#ffffff'));
});

test('blends a colour over another at an opacity', () => {
  assert.equal(blend('#000000', 0.5, '#ffffff'), '#808080');
  assert.equal(blend('#123456', 1, '#ffffff'), '#123456');
  assert.equal(blend('#123456', 0, '#fbfaf7'), '#fbfaf7');
});

test('offers 8 to 10 palette colours that keep text at 4.5:1 on the highlight and the underline at 3:1 on the page', () => {
  assert.ok(PALETTE.length >= 8 && PALETTE.length <= 10);
  assert.equal(new Set(PALETTE.map((p) => p.colour)).size, PALETTE.length);
  for (const { name, colour } of PALETTE) {
    const check = checkThemeColour(colour);
    assert.ok(check.textOk, `${name}: text ${check.textContrast}`);
    assert.ok(check.cueOk, `${name}: underline ${check.cueContrast}`);
  }
});

test('offers palette colours that pass the same checks on the dark page', () => {
  for (const { name, colour } of PALETTE) {
    const check = checkThemeColour(colour, 'dark');
    assert.ok(check.textOk, `${name}: text ${check.textContrast}`);
    assert.ok(check.cueOk, `${name}: underline ${check.cueContrast}`);
  }
});

test('gives the default themes three different palette colours, named, that pass in light and dark', () => {
  assert.deepEqual(
    DEFAULT_CODEBOOK.map((t) => paletteName(t.colour)),
    ['Amber', 'Brick red', 'Blue'],
  );
  for (const theme of DEFAULT_CODEBOOK) {
    assert.ok(passesEverywhere(theme.colour), theme.label);
    assert.equal(colourWarning(theme.colour), '', theme.label);
  }
});

test('warns of a colour that is hard to see on the dark page, saying so', () => {
  // The old Purple: fine on the light page, an underline of 2.5:1 on the dark one.
  assert.equal(checkThemeColour('#7b3fa0').cueOk, true);
  assert.match(colourWarning('#7b3fa0'), /^Hard to see: on the dark page, its underline has a contrast of 2\.5:1, below 3:1/);
});

test('warns of two themes sharing a colour, naming the other themes', () => {
  const themes = [
    { name: 'Trade', colour: '#b35c00' },
    { name: 'Security', colour: '#c0392b' },
    { name: 'Tariffs', colour: '#B35C00' },
    { name: 'Ports', colour: '#b35c00' },
  ];
  assert.equal(sameColourWarning(themes, 0), 'Same colour as “Tariffs” and “Ports”: pick another so their highlights can be told apart.');
  assert.match(sameColourWarning(themes, 2), /^Same colour as “Trade” and “Ports”/);
  assert.equal(sameColourWarning(themes, 1), '');
});

test('flags a colour whose underline is too faint against the page', () => {
  const check = checkThemeColour('#fff2a8');
  assert.equal(check.cueOk, false);
  assert.ok(check.cueContrast < 3);
});

test('makes theme ids from labels: lower case, dashes, unique', () => {
  assert.equal(themeIdFor('Human rights', []), 'human-rights');
  assert.equal(themeIdFor('Trade & tariffs', []), 'trade-tariffs');
  assert.equal(themeIdFor('Café Économie', []), 'cafe-economie');
  assert.equal(themeIdFor('Trade', ['trade']), 'trade-2');
  assert.equal(themeIdFor('Trade', ['trade', 'trade-2']), 'trade-3');
  assert.equal(themeIdFor('!!!', []), 'theme');
  assert.match(themeIdFor('x'.repeat(200), []), /^[a-z0-9][a-z0-9-]{0,39}$/);
});

test('gives keys 1 to 9 to the first nine positions and none after', () => {
  assert.deepEqual([0, 1, 8, 9].map(shortcutFor), ['1', '2', '9', '']);
});

test('counts a sub-theme toward its parent, not the other way round', () => {
  const codebook: Codebook = [
    ...DEFAULT_CODEBOOK,
    { id: 'tariffs', label: 'Tariffs', colour: '#b35c00', cue: 'solid', description: '', shortcut: '4', parent: 'trade' },
  ];
  assert.deepEqual([...themeAndChildren(codebook, 'trade')].sort(), ['tariffs', 'trade']);
  assert.deepEqual([...themeAndChildren(codebook, 'tariffs')], ['tariffs']);
  assert.deepEqual([...themeAndChildren(codebook, 'nope')], []);
  assert.deepEqual(expandThemes(codebook, ['trade', 'security']).sort(), ['security', 'tariffs', 'trade']);
});
