// The About box: Gloss's version first, then the runtime, the same facts in macOS's panel and in
// the message box Windows and Linux show.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aboutMessageBoxOptions, aboutPanelOptions, copyrightLine, type AboutFacts } from '../../../electron/about';

const FACTS: AboutFacts = { version: '0.1.0', electron: '45.5.0', chrome: '142.0.0.0', node: '22.20.0', year: 2026 };

describe('the About box', () => {
  it('names Gloss and its version in the message box, with the runtime and copyright below', () => {
    const box = aboutMessageBoxOptions(FACTS);
    assert.equal(box.title, 'About Gloss');
    assert.equal(box.message, 'Gloss 0.1.0');
    assert.match(box.detail ?? '', /Electron 45\.5\.0 · Chromium 142\.0\.0\.0 · Node 22\.20\.0/);
    assert.match(box.detail ?? '', /Copyright © 2026 Gloss developers/);
    assert.deepEqual(box.buttons, ['OK']);
  });

  it('gives the native panel the same version and copyright', () => {
    const panel = aboutPanelOptions(FACTS);
    assert.equal(panel.applicationName, 'Gloss');
    assert.equal(panel.applicationVersion, '0.1.0');
    assert.equal(panel.copyright, copyrightLine(2026));
    assert.match(panel.credits ?? '', /Electron 45\.5\.0/);
  });
});
