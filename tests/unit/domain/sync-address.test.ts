// Covers annotations/sync/address.ts: which CouchDB addresses a shared project accepts, and how they are kept.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkDatabaseAddress } from '../../../annotations/sync/address';

describe('a shared project’s address', () => {
  test('may use plain http only on this machine', () => {
    for (const url of [
      'http://127.0.0.1:5984/project',
      'http://localhost:5984/project',
      'http://[::1]:5984/project',
      'http://127.1.2.3/p',
    ]) {
      assert.equal(checkDatabaseAddress(url).loopback, true, url);
    }
    assert.throws(() => checkDatabaseAddress('http://couch.example.org/project'), /must use https:\/\/ \(TLS\)/);
    assert.throws(() => checkDatabaseAddress('http://10.0.0.5:5984/project'), /must use https/);
    assert.throws(() => checkDatabaseAddress('http://127.0.0.1.example.org/project'), /must use https/);
    assert.deepEqual(checkDatabaseAddress('https://couch.example.org/team/project/'), {
      url: 'https://couch.example.org/team/project',
      loopback: false,
    });
  });

  test('refuses credentials inside the address, other schemes, a missing database and a query', () => {
    assert.throws(() => checkDatabaseAddress('https://ann:secret@couch.example.org/project'), /own fields/);
    assert.throws(() => checkDatabaseAddress('ftp://couch.example.org/project'), /must start with https/);
    assert.throws(() => checkDatabaseAddress('https://couch.example.org/'), /must name a database/);
    assert.throws(() => checkDatabaseAddress('https://couch.example.org/p?x=1'), /query/);
    assert.throws(() => checkDatabaseAddress('not a url'), /not a URL/);
  });
});
