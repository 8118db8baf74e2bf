// Covers annotations/errors.ts: the message of anything thrown, and the envelope payload built from it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorMessage, GlossError, toErrorPayload } from '../../../annotations/errors';

test('reads the message of an Error, and words any other thrown value as text', () => {
  assert.equal(errorMessage(new TypeError('bad shape')), 'bad shape');
  assert.equal(errorMessage(new GlossError('storage', 'disk full')), 'disk full');
  assert.equal(errorMessage('plain string'), 'plain string');
  assert.equal(errorMessage(undefined), 'undefined');
});

test('marks an unexpected error internal and keeps its message', () => {
  assert.deepEqual(toErrorPayload(new RangeError('too far')), { code: 'internal', message: 'Unexpected error: too far' });
  assert.deepEqual(toErrorPayload(42), { code: 'internal', message: 'Unexpected error: 42' });
  assert.deepEqual(toErrorPayload(new GlossError('not-found', 'No such')), { code: 'not-found', message: 'No such' });
});
