// Covers annotations/dispatch.ts: routing a named call to the host and answering with an envelope, never a thrown error.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { METHOD_NAMES, type GlossHost } from '../../../annotations/contract';
import { dispatch } from '../../../annotations/dispatch';
import { GlossError } from '../../../annotations/errors';

/** A host whose every method records its call and answers with what `answer` gives. */
function fakeHost(answer: (method: string, input: unknown) => unknown): { host: GlossHost; calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  const host = Object.fromEntries(
    METHOD_NAMES.map((name) => [
      name,
      async (input: unknown) => {
        calls.push([name, input]);
        return answer(name, input);
      },
    ]),
  ) as unknown as GlossHost;
  return { host, calls };
}

describe('dispatch', () => {
  test('calls the named method with the input and answers with its value', async () => {
    const { host, calls } = fakeHost((method, input) => ({ method, input }));
    const envelope = await dispatch(host, 'deleteAnnotation', { id: 'a1' });
    assert.deepEqual(envelope, { ok: true, value: { method: 'deleteAnnotation', input: { id: 'a1' } } });
    assert.deepEqual(calls, [['deleteAnnotation', { id: 'a1' }]]);
  });

  test('routes every method of the contract', async () => {
    const { host, calls } = fakeHost((method) => method);
    for (const method of METHOD_NAMES) {
      assert.deepEqual(await dispatch(host, method, {}), { ok: true, value: method });
    }
    assert.deepEqual(
      calls.map(([name]) => name),
      METHOD_NAMES,
    );
  });

  test('calls the method with the host as `this`', async () => {
    const host = {
      secret: 42,
      async getCodebook(this: { secret: number }) {
        return this.secret;
      },
    } as unknown as GlossHost;
    assert.deepEqual(await dispatch(host, 'getCodebook', {}), { ok: true, value: 42 });
  });

  test('passes an empty object when the input is missing or null', async () => {
    const { host, calls } = fakeHost(() => null);
    await dispatch(host, 'getStatus', undefined);
    await dispatch(host, 'listDocuments', null);
    assert.deepEqual(calls, [
      ['getStatus', {}],
      ['listDocuments', {}],
    ]);
  });

  test('answers unknown-method for a name that is not in the contract, without calling the host', async () => {
    const { host, calls } = fakeHost(() => 'called');
    const envelope = await dispatch(host, 'deleteEverything', {});
    assert.deepEqual(envelope, {
      ok: false,
      error: { code: 'unknown-method', message: 'Unknown method: deleteEverything' },
    });
    assert.deepEqual(calls, []);
  });

  test('answers unknown-method for names inherited from Object, such as constructor and __proto__', async () => {
    const { host, calls } = fakeHost(() => 'called');
    for (const method of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
      const envelope = await dispatch(host, method, {});
      assert.equal(envelope.ok, false, method);
      if (!envelope.ok) assert.equal(envelope.error.code, 'unknown-method', method);
    }
    assert.deepEqual(calls, []);
  });

  test('answers unknown-method for a name that differs only in case or whitespace', async () => {
    const { host } = fakeHost(() => 'called');
    for (const method of ['GetStatus', 'getstatus', ' getStatus', 'getStatus ', '']) {
      const envelope = await dispatch(host, method, {});
      assert.ok(!envelope.ok && envelope.error.code === 'unknown-method', JSON.stringify(method));
    }
  });

  test('keeps an unknown method name short in the error message', async () => {
    const { host } = fakeHost(() => null);
    const envelope = await dispatch(host, 'x'.repeat(10_000), {});
    assert.equal(envelope.ok, false);
    if (!envelope.ok) assert.equal(envelope.error.message, `Unknown method: ${'x'.repeat(60)}`);
  });

  test('turns a GlossError from the host into an envelope with its code and message', async () => {
    const { host } = fakeHost(() => {
      throw new GlossError('not-found', 'No annotation with id "a1".');
    });
    assert.deepEqual(await dispatch(host, 'deleteAnnotation', { id: 'a1' }), {
      ok: false,
      error: { code: 'not-found', message: 'No annotation with id "a1".' },
    });
  });

  test('marks any other thrown error as internal and keeps its message', async () => {
    const { host } = fakeHost(() => {
      throw new TypeError('boom');
    });
    assert.deepEqual(await dispatch(host, 'getCodebook', {}), {
      ok: false,
      error: { code: 'internal', message: 'Unexpected error: boom' },
    });
  });

  test('turns a thrown non-error value into an internal error', async () => {
    const { host } = fakeHost(() => {
      throw 'a string';
    });
    assert.deepEqual(await dispatch(host, 'getCodebook', {}), {
      ok: false,
      error: { code: 'internal', message: 'Unexpected error: a string' },
    });
  });

  test('catches a method that throws synchronously instead of rejecting', async () => {
    const host = {
      getCodebook() {
        throw new GlossError('storage', 'disk gone');
      },
    } as unknown as GlossHost;
    assert.deepEqual(await dispatch(host, 'getCodebook', {}), {
      ok: false,
      error: { code: 'storage', message: 'disk gone' },
    });
  });

  test('answers with an error envelope when the host lacks a method of the contract', async () => {
    const envelope = await dispatch({} as GlossHost, 'getCodebook', {});
    assert.equal(envelope.ok, false);
    if (!envelope.ok) assert.equal(envelope.error.code, 'internal');
  });

  test('never throws, even for a method name that is not a string', async () => {
    const { host } = fakeHost(() => null);
    for (const method of [42, null, undefined, {}, Symbol('x')]) {
      const envelope = await dispatch(host, method as unknown as string, {});
      assert.equal(envelope.ok, false, String(method));
    }
  });
});
