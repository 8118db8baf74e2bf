// What the preload exposes as window.gloss: one invoke per contract method, a menu subscription
// that passes on only well-formed commands and never the IPC event, and tells the main process
// when the page listens, and answers main's requests: the quit's save, the import of an HTML file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  MENU_CHANNEL,
  METHOD_NAMES,
  SAVE_FILE_CHANNEL,
  SAVE_PDF_CHANNEL,
  channelOf,
  type MenuCommand,
} from '../../../annotations/contract';
import { createDesktopBridge, type BridgeTransport } from '../../../electron/bridge';
import { parseMenuCommand } from '../../../electron/menu-command';
import { ANSWER_CHANNEL, FLUSH_REQUEST_CHANNEL, IMPORT_REQUEST_CHANNEL, PAGE_READY_CHANNEL } from '../../../electron/page-channels';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** A stand-in ipcRenderer that records invokes and sends and lets the test emit on channels. */
function fakeTransport() {
  const invoked: { channel: string; input: unknown }[] = [];
  /** Every message the page sent and every listener call, in order. */
  const log: string[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const transport: BridgeTransport = {
    invoke: async (channel, input) => {
      invoked.push({ channel, input });
      return { ok: true, value: channel };
    },
    on: (channel, listener) => void (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!).add(listener),
    removeListener: (channel, listener) => void listeners.get(channel)?.delete(listener),
    send: (channel, ...args) => void log.push(`sent ${channel}${args.length > 0 ? ` ${JSON.stringify(args)}` : ''}`),
  };
  const emit = (channel: string, ...args: unknown[]) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'the ipc event' }, ...args);
  };
  return { transport, invoked, listeners, emit, log };
}

describe('createDesktopBridge', () => {
  it('exposes exactly the contract methods and shell', () => {
    const bridge = createDesktopBridge(fakeTransport().transport);
    assert.deepEqual(Object.keys(bridge).sort(), [...METHOD_NAMES, 'shell'].sort());
    assert.deepEqual(Object.keys(bridge.shell).sort(), ['onFlushRequest', 'onImportRequest', 'onMenuCommand', 'saveFile', 'savePdf']);
    for (const method of METHOD_NAMES) assert.equal(typeof bridge[method], 'function', method);
  });

  it('invokes each method on its own channel with its one argument and answers the envelope', async () => {
    const { transport, invoked } = fakeTransport();
    const bridge = createDesktopBridge(transport);
    for (const method of METHOD_NAMES) {
      const call = bridge[method] as (input: unknown, extra?: unknown) => Promise<unknown>;
      assert.deepEqual(await call({ documentId: 'd1' }, 'ignored extra'), { ok: true, value: channelOf(method) });
    }
    assert.deepEqual(
      invoked,
      METHOD_NAMES.map((method) => ({ channel: channelOf(method), input: { documentId: 'd1' } })),
    );
  });

  it('sends save requests on the shell save channels only', async () => {
    const { transport, invoked } = fakeTransport();
    const bridge = createDesktopBridge(transport);
    await bridge.shell.saveFile({ defaultName: 'a.csv', dataBase64: 'YQ==' });
    await bridge.shell.savePdf({ defaultName: 'a.pdf', html: '<p>a</p>' });
    assert.deepEqual(
      invoked.map((call) => call.channel),
      [SAVE_FILE_CHANNEL, SAVE_PDF_CHANNEL],
    );
  });

  it('cannot be changed by the page', () => {
    const bridge = createDesktopBridge(fakeTransport().transport);
    assert.throws(() => {
      (bridge as unknown as Record<string, unknown>).getStatus = () => 'hijacked';
    });
    assert.ok(Object.isFrozen(bridge.shell));
  });
});

describe('shell.onMenuCommand', () => {
  it('passes the command, and only the command, to the listener', () => {
    const { transport, emit } = fakeTransport();
    const seen: unknown[][] = [];
    createDesktopBridge(transport).shell.onMenuCommand((...args: unknown[]) => void seen.push(args));
    emit(MENU_CHANNEL, { kind: 'apply-theme', index: 1 });
    emit(MENU_CHANNEL, { kind: 'undo' });
    assert.deepEqual(seen, [[{ kind: 'apply-theme', index: 1 }], [{ kind: 'undo' }]]);
  });

  it('drops malformed commands', () => {
    const { transport, emit } = fakeTransport();
    const seen: MenuCommand[] = [];
    createDesktopBridge(transport).shell.onMenuCommand((command) => void seen.push(command));
    for (const bad of [
      null,
      'undo',
      { kind: 'format-disk' },
      { kind: 'apply-theme' },
      { kind: 'apply-theme', index: -1 },
      { kind: 'apply-theme', index: 1.5 },
    ])
      emit(MENU_CHANNEL, bad);
    assert.deepEqual(seen, []);
  });

  it('stops calling the listener once unsubscribed, and unsubscribing twice is harmless', () => {
    const { transport, emit, listeners } = fakeTransport();
    const seen: MenuCommand[] = [];
    const unsubscribe = createDesktopBridge(transport).shell.onMenuCommand((command) => void seen.push(command));
    emit(MENU_CHANNEL, { kind: 'redo' });
    unsubscribe();
    unsubscribe();
    emit(MENU_CHANNEL, { kind: 'redo' });
    assert.deepEqual(seen, [{ kind: 'redo' }]);
    assert.equal(listeners.get(MENU_CHANNEL)?.size, 0);
  });

  it('tells the main process the page listens on its first subscription, once it can hear the answer', () => {
    const { transport, listeners, log } = fakeTransport();
    const bridge = createDesktopBridge(transport);
    assert.deepEqual(log, [], 'nothing is announced before the page subscribes');
    bridge.shell.onMenuCommand(() => undefined);
    assert.deepEqual(log, [`sent ${PAGE_READY_CHANNEL}`]);
    assert.equal(listeners.get(MENU_CHANNEL)?.size, 1);
    bridge.shell.onMenuCommand(() => undefined);
    assert.deepEqual(log, [`sent ${PAGE_READY_CHANNEL}`], 'announced once');
  });

  it('refuses a listener that is not a function', () => {
    const bridge = createDesktopBridge(fakeTransport().transport);
    assert.throws(() => bridge.shell.onMenuCommand('not a function' as never), TypeError);
  });
});

describe('shell.onFlushRequest', () => {
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it("answers a flush request with its token only after the page's save has finished", async () => {
    const { transport, emit, log } = fakeTransport();
    let finishSave = (): void => undefined;
    createDesktopBridge(transport).shell.onFlushRequest(async () => {
      log.push('saving');
      await new Promise<void>((resolve) => (finishSave = resolve));
      log.push('saved');
    });
    emit(FLUSH_REQUEST_CHANNEL, 7);
    await settle();
    assert.deepEqual(log, ['saving']);
    finishSave();
    await settle();
    assert.deepEqual(log, ['saving', 'saved', `sent ${ANSWER_CHANNEL} [7,{"ok":true}]`]);
  });

  it('answers even when a save fails or nothing is registered, and ignores a request without a token', async () => {
    const { transport, emit, log } = fakeTransport();
    const bridge = createDesktopBridge(transport);
    emit(FLUSH_REQUEST_CHANNEL, 1);
    await settle();
    const unregister = bridge.shell.onFlushRequest(() => Promise.reject(new Error('disk full')));
    emit(FLUSH_REQUEST_CHANNEL, 2);
    emit(FLUSH_REQUEST_CHANNEL, 'not a token');
    await settle();
    unregister();
    assert.deepEqual(log, [`sent ${ANSWER_CHANNEL} [1,{"ok":true}]`, `sent ${ANSWER_CHANNEL} [2,{"ok":true}]`]);
  });
});

describe('shell.onImportRequest', () => {
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const file = { fileName: 'tariffs.html', dataBase64: Buffer.from('<h1>Tariffs</h1>').toString('base64') };

  it("hands the page's importer the file and answers with the new document's id", async () => {
    const { transport, emit, log } = fakeTransport();
    const seen: unknown[] = [];
    createDesktopBridge(transport).shell.onImportRequest(async (received) => {
      seen.push(received);
      return 'tariffs';
    });
    emit(IMPORT_REQUEST_CHANNEL, 3, { ...file, extra: 'dropped' });
    await settle();
    assert.deepEqual(seen, [file]);
    assert.deepEqual(log, [`sent ${ANSWER_CHANNEL} [3,{"ok":true,"documentId":"tariffs"}]`]);
  });

  it("answers with the page's reason when it cannot import, when no importer is registered, or when the file is malformed", async () => {
    const { transport, emit, log } = fakeTransport();
    const bridge = createDesktopBridge(transport);
    emit(IMPORT_REQUEST_CHANNEL, 1, file);
    await settle();
    bridge.shell.onImportRequest(() => Promise.reject(new Error('"tariffs.html" holds no text.')));
    emit(IMPORT_REQUEST_CHANNEL, 2, file);
    emit(IMPORT_REQUEST_CHANNEL, 3, { fileName: '', dataBase64: '%%' });
    await settle();
    // Answers go out as each request finishes; the token says which is which.
    assert.deepEqual([...log].sort(), [
      `sent ${ANSWER_CHANNEL} [1,{"ok":false,"message":"This window cannot import HTML files."}]`,
      `sent ${ANSWER_CHANNEL} [2,{"ok":false,"message":"\\"tariffs.html\\" holds no text."}]`,
      `sent ${ANSWER_CHANNEL} [3,{"ok":false,"message":"The file to import did not arrive whole."}]`,
    ]);
  });
});

describe('parseMenuCommand', () => {
  it('rebuilds valid commands without extra fields', () => {
    assert.deepEqual(parseMenuCommand({ kind: 'undo', payload: 'x' }), { kind: 'undo' });
    assert.deepEqual(parseMenuCommand({ kind: 'focus-sidebar' }), { kind: 'focus-sidebar' });
    assert.deepEqual(parseMenuCommand({ kind: 'apply-theme', index: 2, extra: true }), { kind: 'apply-theme', index: 2 });
  });

  it('rejects anything else', () => {
    for (const bad of [undefined, 42, [], { kind: 'toString' }, { kind: 'apply-theme', index: '1' }, { kind: 'apply-theme', index: 1000 }])
      assert.equal(parseMenuCommand(bad), null, JSON.stringify(bad));
  });
});

describe('preload', () => {
  it('exposes only the bridge, under the name gloss', () => {
    const source = readFileSync(new URL('../../../electron/preload.ts', import.meta.url), 'utf8');
    const exposed = [...source.matchAll(/exposeInMainWorld\(\s*'([^']+)'/g)].map((m) => m[1]);
    assert.deepEqual(exposed, ['gloss']);
    assert.match(source, /exposeInMainWorld\(\s*'gloss',\s*createDesktopBridge\(/);
  });
});
