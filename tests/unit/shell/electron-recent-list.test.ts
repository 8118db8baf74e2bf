// File > Open Recent's list: newest first, kept across launches, emptied on request, and never lost from the
// menu because its file could not be written.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { RecentList } from '../../../electron/recent-list';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gloss-recent-'));
  dirs.push(dir);
  return dir;
}

test('lists the documents opened newest first, once each, and the next launch reads the same list', () => {
  const file = join(folder(), 'recent-documents.json');
  let changes = 0;
  const list = new RecentList(file, () => changes++);
  list.load();
  for (const path of ['/a/one.txt', '/a/two.md', '/a/one.txt']) list.remember(path);
  assert.deepEqual(list.documents, ['/a/one.txt', '/a/two.md']);
  assert.equal(changes, 3);
  const next = new RecentList(file, () => undefined);
  next.load();
  assert.deepEqual(next.documents, ['/a/one.txt', '/a/two.md']);
});

test('Clear Menu empties the list for this launch and the next', () => {
  const file = join(folder(), 'recent-documents.json');
  const list = new RecentList(file, () => undefined);
  list.remember('/a/one.txt');
  list.clear();
  assert.deepEqual(list.documents, []);
  const next = new RecentList(file, () => undefined);
  next.load();
  assert.deepEqual(next.documents, []);
});

test('reads a malformed file as an empty list, and keeps a document in the menu when its file cannot be written', () => {
  const dir = folder();
  const file = join(dir, 'recent-documents.json');
  writeFileSync(file, '{"recent": [42, ');
  let changes = 0;
  // The list's file sits in a folder that does not exist, so every save fails.
  const unwritable = new RecentList(join(dir, 'missing', 'recent-documents.json'), () => changes++);
  const malformed = new RecentList(file, () => undefined);
  malformed.load();
  assert.deepEqual(malformed.documents, []);
  const logged = console.error;
  console.error = () => undefined;
  try {
    unwritable.remember('/a/one.txt');
  } finally {
    console.error = logged;
  }
  assert.deepEqual(unwritable.documents, ['/a/one.txt']);
  assert.equal(changes, 1);
});
