// What the preload exposes as window.gloss: one invoke per contract method, and a menu subscription
// that passes on only well-formed commands and never the IPC event.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { MENU_CHANNEL, METHOD_NAMES, SAVE_FILE_CHANNEL, SAVE_PDF_CHANNEL, channelOf, type MenuCommand } from '../../annotations/contract';
import { createDesktopBridge, type BridgeTransport } from '../../electron/bridge';
import { parseMenuCommand } from '../../electron/menu-command';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** A stand-in ipcRenderer that records invokes and lets the test emit on channels. */
function fakeTransport() {
  const invoked: { channel: string; input: unknown }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const transport: BridgeTransport = {
    invoke: async (channel, input) => {
      invoked.push({ channel, input });
      return { ok: true, value: channel };
    },
    on: (channel, listener) => void (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!).add(listener),
    removeListener: (channel, listener) => void listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, ...args: unknown[]) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'the ipc event' }, ...args);
  };
  return { transport, invoked, listeners, emit };
}

describe('createDesktopBridge', () => {
  it('exposes exactly the contract methods and shell', () => {
    const bridge = createDesktopBridge(fakeTransport().transport);
    assert.deepEqual(Object.keys(bridge).sort(), [...METHOD_NAMES, 'shell'].sort());
    assert.deepEqual(Object.keys(bridge.shell).sort(), ['onMenuCommand', 'saveFile', 'savePdf']);
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
    for (const bad of [null, 'undo', { kind: 'format-disk' }, { kind: 'apply-theme' }, { kind: 'apply-theme', index: -1 }, { kind: 'apply-theme', index: 1.5 }])
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

  it('refuses a listener that is not a function', () => {
    const bridge = createDesktopBridge(fakeTransport().transport);
    assert.throws(() => bridge.shell.onMenuCommand('not a function' as never), TypeError);
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
    const source = readFileSync(new URL('../../electron/preload.ts', import.meta.url), 'utf8');
    const exposed = [...source.matchAll(/exposeInMainWorld\(\s*'([^']+)'/g)].map((m) => m[1]);
    assert.deepEqual(exposed, ['gloss']);
    assert.match(source, /exposeInMainWorld\(\s*'gloss',\s*createDesktopBridge\(/);
  });
});
