// The desktop shell's security decisions: web preferences, the app:// URL guard and file mapping,
// permission handlers, the IPC sender check, and the registration of one channel per contract method.
import assert from 'node:assert/strict';
import { join, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { METHOD_NAMES, channelOf, type GlossHost } from '../../../annotations/contract';
import { UNTRUSTED_SENDER_ENVELOPE, answerCall, ipcChannels, registerHostIpc, type IpcRegistrar } from '../../../electron/ipc';
import { parseSaveRequest } from '../../../electron/save-request';
import {
  APP_ENTRY_URL,
  denyPermissionCheck,
  denyPermissionRequest,
  isAppUrl,
  isExternalLinkAllowed,
  isTrustedSender,
  resolveAppPath,
  secureWebPreferences,
} from '../../../electron/security';

const ROOT = resolve('/srv/gloss/dist/renderer');

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the page and gives it no Node', () => {
    const prefs = secureWebPreferences('/app/dist/electron/preload.cjs');
    assert.equal(prefs.preload, '/app/dist/electron/preload.cjs');
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.nodeIntegrationInWorker, false);
    assert.equal(prefs.nodeIntegrationInSubFrames, false);
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.allowRunningInsecureContent, false);
    assert.equal(prefs.webviewTag, false);
    assert.equal(prefs.spellcheck, false);
  });
});

describe('isAppUrl', () => {
  it('accepts pages on app://gloss', () => {
    assert.equal(isAppUrl('app://gloss/index.html'), true);
    assert.equal(isAppUrl('app://gloss/'), true);
    assert.equal(isAppUrl(APP_ENTRY_URL), true);
    assert.equal(isAppUrl('app://gloss/index.html?x=1#top'), true);
  });

  it('rejects other schemes, hosts and look-alikes', () => {
    for (const url of [
      'file:///etc/passwd',
      'http://127.0.0.1/',
      'http://127.0.0.1:5173/index.html',
      'https://gloss/',
      'app://other/',
      'app://gloss.evil.com/',
      'app://evil.com/gloss/',
      'app://gloss:8080/',
      'app://user@gloss/',
      'app://user:pass@gloss/',
      'app:gloss/index.html',
      'app:///index.html',
      'javascript:alert(1)',
      'data:text/html,<p>hi</p>',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
    ]) {
      assert.equal(isAppUrl(url), false, url);
    }
  });

  it('rejects malformed input', () => {
    for (const url of ['', 'not a url', 'app://', '://gloss/', 'app://[::1/']) assert.equal(isAppUrl(url), false, url);
  });
});

describe('permission handlers', () => {
  it('deny every request', () => {
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) {
      denyPermissionRequest({}, permission, (granted) => answers.push(granted));
    }
    assert.deepEqual(answers, [false, false, false, false, false]);
  });

  it('deny every check', () => {
    assert.equal(denyPermissionCheck(), false);
  });
});

describe('resolveAppPath', () => {
  const served = (url: string) => {
    const result = resolveAppPath(ROOT, url);
    assert.ok(result.ok, `${url} should be served: ${result.ok ? '' : result.reason}`);
    return result.path;
  };
  const refused = (url: string, status?: 403 | 404) => {
    const result = resolveAppPath(ROOT, url);
    assert.equal(result.ok, false, `${url} should be refused`);
    if (!result.ok && status) assert.equal(result.status, status, url);
  };

  it('maps the renderer files into the root', () => {
    assert.equal(served('app://gloss/index.html'), join(ROOT, 'index.html'));
    assert.equal(served('app://gloss/main.js'), join(ROOT, 'main.js'));
    assert.equal(served('app://gloss/styles.css?v=2#x'), join(ROOT, 'styles.css'));
    assert.equal(served('app://gloss/assets/font%20one.woff2'), join(ROOT, 'assets', 'font one.woff2'));
  });

  it('serves index.html for the root and for folders', () => {
    assert.equal(served('app://gloss/'), join(ROOT, 'index.html'));
    assert.equal(served('app://gloss'), join(ROOT, 'index.html'));
    assert.equal(served('app://gloss/assets/'), join(ROOT, 'assets', 'index.html'));
  });

  it('keeps every served path inside the root', () => {
    for (const url of ['app://gloss/index.html', 'app://gloss/a/b/c.js', 'app://gloss/'])
      assert.ok(served(url).startsWith(ROOT + sep), url);
  });

  it('refuses parent segments, plain or percent-encoded', () => {
    for (const url of [
      'app://gloss/../secret.txt',
      'app://gloss/../../etc/passwd',
      'app://gloss/a/../../secret',
      'app://gloss/%2e%2e/secret',
      'app://gloss/%2E%2E/%2e%2e/etc/passwd',
      'app://gloss/.%2e/secret',
      'app://gloss/./index.html',
    ]) {
      refused(url, 403);
    }
  });

  it('refuses encoded slashes and backslashes', () => {
    for (const url of [
      'app://gloss/..%2fsecret',
      'app://gloss/..%2Fsecret',
      'app://gloss/a%2f..%2f..%2fsecret',
      'app://gloss/..%5csecret',
      'app://gloss/a\\..\\..\\secret',
      'app://gloss/%5C%5Cserver%5Cshare',
    ]) {
      refused(url, 403);
    }
  });

  it('refuses absolute paths and drive letters', () => {
    for (const url of ['app://gloss//etc/passwd', 'app://gloss/%2Fetc/passwd', 'app://gloss/C:/Windows/win.ini', 'app://gloss/c%3a/x']) {
      refused(url, 403);
    }
  });

  it('refuses NUL and other control characters', () => {
    for (const url of ['app://gloss/index.html%00.png', 'app://gloss/%0aindex.html', 'app://gloss/a%7f']) refused(url, 403);
  });

  it('refuses other hosts and schemes', () => {
    for (const url of ['app://other/index.html', 'app://gloss.evil.com/index.html', 'file:///etc/passwd', 'https://gloss/index.html'])
      refused(url, 403);
  });

  it('answers 404 for malformed URLs and broken percent-encoding', () => {
    refused('not a url', 404);
    refused('app://gloss/%E0%A4%A', 404);
    refused('app://gloss/%zz', 404);
  });
});

describe('isTrustedSender', () => {
  it('trusts the top frame of an app://gloss page', () => {
    assert.equal(isTrustedSender({ url: 'app://gloss/index.html', parent: null }), true);
  });

  it('refuses frames on other origins', () => {
    for (const url of ['https://example.com/', 'file:///tmp/x.html', 'app://other/index.html', 'about:blank', ''])
      assert.equal(isTrustedSender({ url, parent: null }), false, url);
  });

  it('refuses subframes, even on app://gloss', () => {
    assert.equal(isTrustedSender({ url: 'app://gloss/index.html', parent: { url: 'app://gloss/index.html' } }), false);
  });

  it('refuses a missing frame and one that throws when read', () => {
    assert.equal(isTrustedSender(null), false);
    assert.equal(isTrustedSender(undefined), false);
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    assert.equal(isTrustedSender(disposed), false);
  });
});

/** A host whose every method answers its own name and input, to see what dispatch called. */
function echoHost(): GlossHost {
  const host: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const method of METHOD_NAMES) host[method] = async (input) => ({ method, input });
  return host as unknown as GlossHost;
}

describe('IPC registration', () => {
  it('answers exactly one channel per contract method', () => {
    assert.deepEqual(ipcChannels(), METHOD_NAMES.map(channelOf));
    const registered: string[] = [];
    const ipc: IpcRegistrar = { handle: (channel) => void registered.push(channel) };
    registerHostIpc(ipc, echoHost());
    assert.deepEqual(registered, ipcChannels());
    assert.equal(new Set(registered).size, METHOD_NAMES.length);
  });

  it('dispatches a call from the Gloss page to the method of its channel', async () => {
    const handlers = new Map<string, Parameters<IpcRegistrar['handle']>[1]>();
    registerHostIpc({ handle: (channel, listener) => void handlers.set(channel, listener) }, echoHost());
    const frame = { url: 'app://gloss/index.html', parent: null };
    for (const method of METHOD_NAMES) {
      const answer = await handlers.get(channelOf(method))!({ senderFrame: frame as never }, { documentId: 'd1' });
      assert.deepEqual(answer, { ok: true, value: { method, input: { documentId: 'd1' } } });
    }
  });

  it('refuses a call from another origin with an invalid-input envelope and never reaches the host', async () => {
    let called = false;
    const host = echoHost();
    (host as unknown as Record<string, unknown>).deleteAnnotation = async () => {
      called = true;
    };
    const answer = await answerCall(host, 'deleteAnnotation', { url: 'https://evil.example/', parent: null }, { id: 'a1' });
    assert.deepEqual(answer, UNTRUSTED_SENDER_ENVELOPE);
    assert.equal(answer.ok, false);
    assert.equal(!answer.ok && answer.error.code, 'invalid-input');
    assert.equal(called, false);
  });

  it('turns a failing method into an error envelope instead of a rejected invoke', async () => {
    const host = echoHost();
    (host as unknown as Record<string, unknown>).getStatus = async () => {
      throw new Error('disk on fire');
    };
    const answer = await answerCall(host, 'getStatus', { url: 'app://gloss/index.html', parent: null }, {});
    assert.equal(answer.ok, false);
    assert.equal(!answer.ok && answer.error.code, 'internal');
  });
});

describe('isExternalLinkAllowed', () => {
  it('lets http, https and mailto links go to the system browser or mail client', () => {
    for (const url of [
      'https://example.com/',
      'http://example.com/path?q=1#frag',
      'HTTPS://EXAMPLE.COM/',
      'https://例え.jp/',
      'mailto:someone@example.com',
      'mailto:someone@example.com?subject=Trade',
    ]) {
      assert.equal(isExternalLinkAllowed(url), true, url);
    }
  });

  it('refuses every other scheme, including ones that run code or launch other apps', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'app://gloss/index.html',
      'vbscript:msgbox',
      'ms-msdt:/id PCWDiagnostic',
      'smb://server/share',
      'ftp://example.com/',
      'chrome://settings',
      'about:blank',
      'ssh://host',
    ]) {
      assert.equal(isExternalLinkAllowed(url), false, url);
    }
  });

  it('refuses web links with credentials, which show one site and go to another', () => {
    assert.equal(isExternalLinkAllowed('https://bank.example@evil.example/'), false);
    assert.equal(isExternalLinkAllowed('https://user:pass@example.com/'), false);
  });

  it('refuses what does not parse, hides a scheme behind whitespace or controls, or is absurdly long', () => {
    for (const url of [
      '',
      'not a url',
      '//example.com/',
      'https://',
      ' https://example.com/',
      'java\tscript:alert(1)',
      'https://exa\nmple.com/',
      'https://example.com/\u0000',
      'mailto:',
      `https://example.com/${'a'.repeat(5000)}`,
    ]) {
      assert.equal(isExternalLinkAllowed(url), false, JSON.stringify(url));
    }
  });
});

describe('save requests from the page', () => {
  it('accept a plain file name and a string payload, and refuse paths, NUL and other shapes', () => {
    assert.deepEqual(parseSaveRequest({ defaultName: 'report.html', dataBase64: 'YQ==' }, 'dataBase64'), {
      defaultName: 'report.html',
      data: 'YQ==',
    });
    for (const bad of [
      { defaultName: '../../evil.html', dataBase64: 'YQ==' },
      { defaultName: 'a/b.html', dataBase64: 'YQ==' },
      { defaultName: 'C:evil.html', dataBase64: 'YQ==' },
      { defaultName: 'a\0.html', dataBase64: 'YQ==' },
      { defaultName: '', dataBase64: 'YQ==' },
      { defaultName: 'a.html', dataBase64: 5 },
      null,
      'a.html',
    ]) {
      assert.equal(parseSaveRequest(bad, 'dataBase64'), null, JSON.stringify(bad));
    }
  });
});
