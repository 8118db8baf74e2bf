// The codebook as a tree, as pure operations on its rows in order: move a theme among its siblings,
// nest it under the theme above, lift it out, or drop it before, after or inside another. Every
// result keeps the codebook's rules (codebook-edit.ts): sub-themes one level deep (a parent has no
// parent, so a theme with sub-themes cannot be nested), no theme its own parent, and each parent
// followed by its sub-themes, so the order saved is the order the tree shows.

/** A row of the tree: a key naming it and, for a sub-theme, its parent's key. */
export interface TreeRow<K> {
  readonly key: K;
  readonly parent?: K;
}

/** What an operation gives: the rows in their new order, or why it cannot be done. */
export type TreeEdit<R> = { ok: true; rows: R[] } | { ok: false; reason: string };

/** Where a dragged row lands relative to the row under the pointer. */
export type DropPlace = 'before' | 'after' | 'inside';

const ONE_LEVEL = 'themes nest one level deep';

function refuse<R>(reason: string): TreeEdit<R> {
  return { ok: false, reason };
}

function withParent<K, R extends TreeRow<K>>(row: R, parent: K | undefined): R {
  const copy = { ...row };
  if (parent === undefined) delete (copy as { parent?: K }).parent;
  else (copy as { parent?: K }).parent = parent;
  return copy;
}

/**
 * The rows in tree order: each top-level row in its order, followed by its sub-themes in theirs. A
 * parent key that names no top-level row (a missing parent, a parent that is itself nested, the row
 * itself) is dropped, so the sub-theme shows at the top level rather than nowhere.
 */
export function treeOrder<K, R extends TreeRow<K>>(rows: readonly R[]): R[] {
  const top = new Set(rows.filter((r) => r.parent === undefined).map((r) => r.key));
  const fixed = rows.map((r) => (r.parent === undefined || (top.has(r.parent) && r.parent !== r.key) ? r : withParent<K, R>(r, undefined)));
  return fixed.filter((r) => r.parent === undefined).flatMap((r) => [r, ...fixed.filter((c) => c.parent === r.key)]);
}

/** The row of `key` and its sub-themes: what moves when it moves. */
function blockOf<K, R extends TreeRow<K>>(rows: readonly R[], key: K): R[] {
  return rows.filter((r) => r.key === key || r.parent === key);
}

/** The siblings of `key` (rows with the same parent), in order. */
function siblingsOf<K, R extends TreeRow<K>>(rows: readonly R[], row: R): R[] {
  return rows.filter((r) => r.parent === row.parent);
}

function find<K, R extends TreeRow<K>>(rows: readonly R[], key: K): R | undefined {
  return rows.find((r) => r.key === key);
}

/** Whether the row of `key` has sub-themes. */
export function hasChildren<K>(rows: readonly TreeRow<K>[], key: K): boolean {
  return rows.some((r) => r.parent === key);
}

/** Moves the row of `key` (with its sub-themes) one place up (-1) or down (1) among its siblings. */
export function moveAmongSiblings<K, R extends TreeRow<K>>(rows: readonly R[], key: K, by: -1 | 1): TreeEdit<R> {
  const row = find(rows, key);
  if (!row) return refuse('There is no such theme.');
  const siblings = siblingsOf(rows, row);
  const at = siblings.indexOf(row);
  const other = siblings[at + by];
  if (!other) return refuse(by < 0 ? 'It is first already.' : 'It is last already.');
  return dropAt(rows, key, other.key, by < 0 ? 'before' : 'after');
}

/** Makes the row of `key` the last sub-theme of the sibling above it. */
export function nestUnderPrevious<K, R extends TreeRow<K>>(rows: readonly R[], key: K): TreeEdit<R> {
  const row = find(rows, key);
  if (!row) return refuse('There is no such theme.');
  if (row.parent !== undefined) return refuse(`It is a sub-theme already: ${ONE_LEVEL}.`);
  const siblings = siblingsOf(rows, row);
  const above = siblings[siblings.indexOf(row) - 1];
  if (!above) return refuse('There is no theme above it to nest it under.');
  return dropAt(rows, key, above.key, 'inside');
}

/** Makes the sub-theme of `key` a top-level theme, placed just after its former parent's family. */
export function liftOut<K, R extends TreeRow<K>>(rows: readonly R[], key: K): TreeEdit<R> {
  const row = find(rows, key);
  if (!row) return refuse('There is no such theme.');
  if (row.parent === undefined) return refuse('It is a top-level theme already.');
  return dropAt(rows, key, row.parent, 'after');
}

/**
 * Moves the row of `key` (with its sub-themes) before or after the row `target`, taking that row's
 * parent, or inside it as its last sub-theme. Refused when it would break a rule: onto itself or into
 * its own family, a theme with sub-themes under another, a sub-theme as a parent.
 */
export function dropAt<K, R extends TreeRow<K>>(rows: readonly R[], key: K, target: K, place: DropPlace): TreeEdit<R> {
  const row = find(rows, key);
  const onto = find(rows, target);
  if (!row || !onto) return refuse('There is no such theme.');
  if (row.key === onto.key || onto.parent === row.key) return refuse('A theme cannot be moved into itself.');
  const parent = place === 'inside' ? onto.key : onto.parent;
  if (parent !== undefined) {
    if (place === 'inside' && onto.parent !== undefined) return refuse(`It cannot go under a sub-theme: ${ONE_LEVEL}.`);
    if (hasChildren(rows, key)) return refuse(`A theme with sub-themes cannot become a sub-theme: ${ONE_LEVEL}.`);
  }
  const moving = blockOf(rows, key).map((r) => (r.key === key ? withParent<K, R>(r, parent) : r));
  const rest = rows.filter((r) => !moving.some((m) => m.key === r.key));
  // Before a row is at its index; after a row is after its whole family (for a top-level row) or
  // after it (a sub-theme); inside is after the parent's last sub-theme.
  const ontoBlock = onto.parent === undefined ? blockOf(rest, onto.key) : [onto];
  const index =
    place === 'before'
      ? rest.indexOf(onto)
      : place === 'inside'
        ? rest.indexOf(blockOf(rest, onto.key).at(-1)!) + 1
        : rest.indexOf(ontoBlock.at(-1)!) + 1;
  return { ok: true, rows: [...rest.slice(0, index), ...moving, ...rest.slice(index)] };
}
