// The app:// handler: serves the renderer's files with the Content-Security-Policy, and refuses
// anything outside the renderer folder.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CONTENT_SECURITY_POLICY, contentTypeOf, serveAppRequest } from '../../../electron/app-protocol';

describe('serveAppRequest', () => {
  let base: string;
  let root: string;

  before(async () => {
    base = await mkdtemp(join(tmpdir(), 'gloss-app-protocol-'));
    root = join(base, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Gloss</title>');
    await writeFile(join(root, 'main.js'), 'console.log(1);');
    await writeFile(join(base, 'secret.txt'), 'not for the page');
  });

  after(async () => {
    await rm(base, { recursive: true, force: true });
  });

  const get = (url: string, method = 'GET') => serveAppRequest(root, { method, url });

  it('serves index.html with its type and the Content-Security-Policy', async () => {
    const response = await get('app://gloss/index.html');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await response.text(), '<!doctype html><title>Gloss</title>');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await get('app://gloss/main.js');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
  });

  it('uses the agreed policy: own scripts and styles, no network, no frames, no plugins', () => {
    assert.equal(
      CONTENT_SECURITY_POLICY,
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('refuses to serve a file next to the renderer folder', async () => {
    for (const url of ['app://gloss/../secret.txt', 'app://gloss/%2e%2e/secret.txt', 'app://gloss/..%2fsecret.txt']) {
      const response = await get(url);
      assert.equal(response.status, 403, url);
      assert.doesNotMatch(await response.text(), /not for the page/);
      assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    }
  });

  it('answers 404 for missing files and folders without an index', async () => {
    assert.equal((await get('app://gloss/nothing-here.js')).status, 404);
    assert.equal((await get('app://gloss/assets/')).status, 404);
    assert.equal((await get('app://gloss/assets')).status, 404);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://gloss/index.html', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    assert.equal((await get('app://gloss/index.html', 'POST')).status, 405);
  });

  it('answers 500 when a file cannot be read for another reason', async () => {
    const failing = async () => {
      throw Object.assign(new Error('denied'), { code: 'EACCES' });
    };
    assert.equal((await serveAppRequest(root, { method: 'GET', url: 'app://gloss/index.html' }, failing)).status, 500);
  });
});

describe('contentTypeOf', () => {
  it('names the renderer bundle types and falls back to opaque bytes', () => {
    assert.equal(contentTypeOf('/x/styles.css'), 'text/css; charset=utf-8');
    assert.equal(contentTypeOf('/x/icon.SVG'), 'image/svg+xml');
    assert.equal(contentTypeOf('/x/blob.bin'), 'application/octet-stream');
  });
});
