// The shared project's status in words, as the status area shows it at full width and in a narrow window.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SyncStatus } from '../../../annotations/contract';
import { tinySyncStatus } from '../../../renderer/sync-status';

function status(over: Partial<SyncStatus>): SyncStatus {
  return {
    state: 'connected',
    url: 'http://127.0.0.1:5984/project',
    username: null,
    queued: 0,
    lastSynced: null,
    error: null,
    conflicts: 0,
    proposals: 0,
    refused: [],
    applied: 0,
    ...over,
  };
}

test('a narrow window says "Offline" and how many changes wait, not a bare "off"', () => {
  assert.equal(tinySyncStatus(status({ state: 'offline', queued: 3, error: 'connection refused' })), 'Offline 3');
  assert.equal(tinySyncStatus(status({ state: 'offline' })), 'Offline');
});

test('a narrow window marks conflicts and errors with "!" beside the sharing sign', () => {
  assert.equal(tinySyncStatus(status({})), '⇅');
  assert.equal(tinySyncStatus(status({ conflicts: 2 })), '⇅ !');
  assert.equal(tinySyncStatus(status({ state: 'error', error: 'unauthorized', queued: 1 })), '⇅ 1 !');
});
