// Covers web/server.ts: the browser edition answers only on loopback, only with its token, only to its own Host and Origin.
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GlossService } from '../../../annotations/node/service';
import { MAX_BODY_BYTES, startWebServer, type WebServer } from '../../../web/server';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(
  server: WebServer,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${server.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function api(server: WebServer, method: string, input: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return call(server, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'content-type': 'application/json', 'x-gloss-token': server.token, ...headers },
    body: JSON.stringify(input),
  });
}

describe('the browser edition host', () => {
  let dir: string;
  let service: GlossService;
  let server: WebServer;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-web-'));
    const rendererDir = join(dir, 'renderer');
    await mkdir(rendererDir);
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Gloss</title>');
    await writeFile(join(rendererDir, 'main.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.json'), '{"secret":true}');
    service = await GlossService.open({
      dataDir: join(dir, 'data'),
      edition: 'browser',
      version: 'test',
      samples: [{ id: 'sample', source: 'sample.txt', text: 'Title\nFirst paragraph.' }],
    });
    server = await startWebServer({ host: service, rendererDir });
  });

  after(async () => {
    await server.close();
    await service.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('prints an address on 127.0.0.1 with a long random token', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  test('answers a call that carries the token', async () => {
    const answer = await api(server, 'listDocuments', {});
    assert.equal(answer.status, 200);
    const envelope = JSON.parse(answer.body);
    assert.equal(envelope.ok, true);
    assert.deepEqual(
      envelope.value.map((d: { id: string }) => d.id),
      ['sample'],
    );
  });

  test('refuses a call without the token or with a wrong one', async () => {
    const attempts: Record<string, string>[] = [{}, { 'x-gloss-token': 'wrong' }, { 'x-gloss-token': `${server.token}x` }];
    for (const headers of attempts) {
      const answer = await call(server, {
        method: 'POST',
        path: '/api/listDocuments',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      });
      assert.equal(answer.status, 401);
      assert.match(JSON.parse(answer.body).error.message, /token/);
    }
  });

  test('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const answer = await api(server, 'listDocuments', {}, { host: `evil.example:${server.port}` });
    assert.equal(answer.status, 403);
    const page = await call(server, { path: '/', headers: { host: 'evil.example' } });
    assert.equal(page.status, 403);
  });

  test('refuses a foreign Origin even with the token', async () => {
    const answer = await api(server, 'listDocuments', {}, { origin: 'http://evil.example' });
    assert.equal(answer.status, 403);
    const sameOrigin = await api(server, 'listDocuments', {}, { origin: `http://127.0.0.1:${server.port}` });
    assert.equal(sameOrigin.status, 200);
  });

  test('refuses a body that is not JSON, too large, or not declared as JSON', async () => {
    const garbage = await call(server, {
      method: 'POST',
      path: '/api/listDocuments',
      headers: { 'content-type': 'application/json', 'x-gloss-token': server.token },
      body: '{not json',
    });
    assert.equal(garbage.status, 400);
    const form = await call(server, {
      method: 'POST',
      path: '/api/listDocuments',
      headers: { 'content-type': 'text/plain', 'x-gloss-token': server.token },
      body: '{}',
    });
    assert.equal(form.status, 415);
    const huge = await call(server, {
      method: 'POST',
      path: '/api/listDocuments',
      headers: { 'content-type': 'application/json', 'x-gloss-token': server.token },
      body: Buffer.alloc(MAX_BODY_BYTES + 1, 32),
    }).catch((error: NodeJS.ErrnoException) => ({
      status: error.code === 'EPIPE' || error.code === 'ECONNRESET' ? 413 : 0,
      headers: {},
      body: '',
    }));
    assert.equal(huge.status, 413);
  });

  test('answers an unknown or inherited method name with a typed error, not a crash', async () => {
    for (const name of ['nope', 'constructor', '__proto__', 'toString']) {
      const envelope = JSON.parse((await api(server, name, {})).body);
      assert.equal(envelope.ok, false);
      assert.equal(envelope.error.code, 'unknown-method');
    }
    const still = await api(server, 'listDocuments', {});
    assert.equal(still.status, 200);
  });

  test('carries validation errors of the service as envelopes', async () => {
    const envelope = JSON.parse((await api(server, 'openDocument', { documentId: 'sample', extra: 1 })).body);
    assert.equal(envelope.ok, false);
    assert.equal(envelope.error.code, 'invalid-input');
  });

  test('serves the bundle with a strict Content-Security-Policy and nothing outside it', async () => {
    const page = await call(server, { path: '/' });
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'/);
    assert.equal((await call(server, { path: '/main.js' })).status, 200);
    for (const path of ['/../secret.json', '/%2e%2e/secret.json', '/..%2fsecret.json', '/renderer/index.html', '/api']) {
      assert.equal((await call(server, { path })).status, 404, path);
    }
  });
});
