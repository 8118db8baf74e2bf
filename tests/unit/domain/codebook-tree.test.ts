// The codebook tree's operations: reorder among siblings, nest, lift out and drop, keeping sub-themes one
// level deep, no theme inside itself, and each parent followed by its sub-themes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dropAt,
  liftOut,
  moveAmongSiblings,
  nestUnderPrevious,
  treeOrder,
  type TreeEdit,
  type TreeRow,
} from '../../../annotations/codebook-tree';

type Row = TreeRow<string>;

/** Rows from a sketch: "Trade", "  Tariffs" (indented: a sub-theme of the row above it at the top level). */
function tree(...lines: string[]): Row[] {
  let parent: string | undefined;
  return lines.map((line) => {
    const key = line.trim();
    if (line.startsWith('  ')) return { key, parent: parent! };
    parent = key;
    return { key };
  });
}

/** The rows as the same sketch, so a result reads as the tree it is. */
function sketch(edit: TreeEdit<Row>): string[] {
  assert.ok(edit.ok, edit.ok ? '' : edit.reason);
  return edit.rows.map((r) => (r.parent === undefined ? r.key : `  ${r.key}`));
}

function refused(edit: TreeEdit<Row>): string {
  assert.ok(!edit.ok, 'expected a refusal');
  return edit.reason;
}

const CODEBOOK = tree('Trade', '  Tariffs', '  Ports', 'Security', 'Diplomacy');

describe('the codebook tree', () => {
  it('moves a theme with its sub-themes among its siblings', () => {
    assert.deepEqual(sketch(moveAmongSiblings(CODEBOOK, 'Security', -1)), ['Security', 'Trade', '  Tariffs', '  Ports', 'Diplomacy']);
    assert.deepEqual(sketch(moveAmongSiblings(CODEBOOK, 'Trade', 1)), ['Security', 'Trade', '  Tariffs', '  Ports', 'Diplomacy']);
  });

  it('moves a sub-theme among the sub-themes of its parent only', () => {
    assert.deepEqual(sketch(moveAmongSiblings(CODEBOOK, 'Ports', -1)), ['Trade', '  Ports', '  Tariffs', 'Security', 'Diplomacy']);
    assert.match(refused(moveAmongSiblings(CODEBOOK, 'Ports', 1)), /last already/);
    assert.match(refused(moveAmongSiblings(CODEBOOK, 'Trade', -1)), /first already/);
  });

  it('nests a theme as the last sub-theme of the theme above it', () => {
    assert.deepEqual(sketch(nestUnderPrevious(CODEBOOK, 'Security')), ['Trade', '  Tariffs', '  Ports', '  Security', 'Diplomacy']);
    assert.deepEqual(sketch(nestUnderPrevious(CODEBOOK, 'Diplomacy')), ['Trade', '  Tariffs', '  Ports', 'Security', '  Diplomacy']);
  });

  it('refuses to nest deeper than one level, a theme with sub-themes, or the first theme', () => {
    assert.match(refused(nestUnderPrevious(CODEBOOK, 'Ports')), /one level/);
    assert.match(refused(nestUnderPrevious(tree('Security', 'Trade', '  Tariffs'), 'Trade')), /with sub-themes cannot become a sub-theme/);
    assert.match(refused(nestUnderPrevious(CODEBOOK, 'Trade')), /no theme above/);
  });

  it('lifts a sub-theme out to just after its former parent and that parent’s other sub-themes', () => {
    assert.deepEqual(sketch(liftOut(CODEBOOK, 'Tariffs')), ['Trade', '  Ports', 'Tariffs', 'Security', 'Diplomacy']);
    assert.match(refused(liftOut(CODEBOOK, 'Security')), /top-level theme already/);
  });

  it('drops a theme before, after or inside another, taking the parent of where it lands', () => {
    assert.deepEqual(sketch(dropAt(CODEBOOK, 'Diplomacy', 'Tariffs', 'before')), [
      'Trade',
      '  Diplomacy',
      '  Tariffs',
      '  Ports',
      'Security',
    ]);
    assert.deepEqual(sketch(dropAt(CODEBOOK, 'Tariffs', 'Security', 'after')), ['Trade', '  Ports', 'Security', 'Tariffs', 'Diplomacy']);
    assert.deepEqual(sketch(dropAt(CODEBOOK, 'Diplomacy', 'Security', 'inside')), [
      'Trade',
      '  Tariffs',
      '  Ports',
      'Security',
      '  Diplomacy',
    ]);
    assert.deepEqual(sketch(dropAt(CODEBOOK, 'Trade', 'Diplomacy', 'after')), ['Security', 'Diplomacy', 'Trade', '  Tariffs', '  Ports']);
  });

  it('refuses a drop onto itself or into its own family, and one that would nest two levels', () => {
    assert.match(refused(dropAt(CODEBOOK, 'Trade', 'Trade', 'inside')), /into itself/);
    assert.match(refused(dropAt(CODEBOOK, 'Trade', 'Tariffs', 'before')), /into itself/);
    assert.match(refused(dropAt(CODEBOOK, 'Security', 'Tariffs', 'inside')), /under a sub-theme/);
    assert.match(refused(dropAt(CODEBOOK, 'Trade', 'Security', 'inside')), /with sub-themes cannot become a sub-theme/);
  });

  it('leaves the rows it was given as they were', () => {
    const before = JSON.stringify(CODEBOOK);
    nestUnderPrevious(CODEBOOK, 'Security');
    liftOut(CODEBOOK, 'Tariffs');
    dropAt(CODEBOOK, 'Diplomacy', 'Trade', 'before');
    assert.equal(JSON.stringify(CODEBOOK), before);
  });

  it('orders a stored codebook as its tree: each parent followed by its sub-themes, a lost parent lifted to the top', () => {
    const stored: Row[] = [
      { key: 'Tariffs', parent: 'Trade' },
      { key: 'Security' },
      { key: 'Trade' },
      { key: 'Lost', parent: 'Gone' },
      { key: 'Deep', parent: 'Tariffs' },
    ];
    assert.deepEqual(
      treeOrder(stored).map((r) => (r.parent === undefined ? r.key : `  ${r.key}`)),
      ['Security', 'Trade', '  Tariffs', 'Lost', 'Deep'],
    );
  });
});
