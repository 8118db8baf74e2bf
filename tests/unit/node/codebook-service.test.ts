// Covers codebook editing and lasting undo through the service: updateCodebook, deleteTheme, undo/redo/getHistory, and a reopen.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeRange } from '../../../annotations/anchoring/anchor';
import type { Codebook } from '../../../annotations/codebook';
import type { ThemeInput } from '../../../annotations/contract';
import { GlossError } from '../../../annotations/errors';
import { HISTORY_LIMIT } from '../../../annotations/history';
import type { GlossService } from '../../../annotations/node/service';
import { readData } from '../../fixtures/data-folder';
import { SAMPLE_ID, SAMPLE_PLAIN_TEXT, tempServices } from '../../fixtures/temp-service';

const services = tempServices('gloss-codebook-test-', { freeze: true });
const DOC = SAMPLE_ID;
const TEXT = SAMPLE_PLAIN_TEXT;
const service = (): Promise<GlossService> => services.open();
const reopen = (s: GlossService): Promise<GlossService> => services.reopen(s);

function highlight(s: GlossService, quote: string, themes: string[], note?: string) {
  const start = TEXT.indexOf(quote);
  assert.notEqual(start, -1);
  return s.createAnnotation({
    documentId: DOC,
    target: { source: DOC, selector: describeRange(TEXT, start, start + quote.length) },
    themes,
    ...(note ? { note } : {}),
  });
}

function asInput(codebook: Codebook): ThemeInput[] {
  return codebook.map(({ id, label, colour, cue, description, parent }) => ({
    id,
    label,
    colour,
    cue,
    description,
    ...(parent ? { parent } : {}),
  }));
}

async function rejects(promise: Promise<unknown>, pattern: RegExp, code = 'invalid-input'): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof GlossError, String(error));
    assert.equal(error.code, code, error.message);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('editing the codebook', () => {
  test('starts a new data folder with Trade, Security and Diplomacy on keys 1 to 3', async () => {
    const s = await service();
    const codebook = await s.getCodebook({});
    assert.deepEqual(
      codebook.map((t) => [t.id, t.label, t.shortcut]),
      [
        ['trade', 'Trade', '1'],
        ['security', 'Security', '2'],
        ['diplomacy', 'Diplomacy', '3'],
      ],
    );
  });

  test('adds, renames, recolours, describes and reorders in one call; ids come from labels; keys follow the order', async () => {
    const s = await service();
    const [trade, security, diplomacy] = await s.getCodebook({});
    const next = await s.updateCodebook({
      documentId: DOC,
      codebook: [
        { label: '  Human rights ', colour: '#7B3FA0', description: 'Detentions, freedoms.' },
        { ...asInput([trade!])[0]!, label: 'Trade & tariffs' },
        { label: 'Tariffs', colour: '#b35c00', parent: 'trade' },
        ...asInput([security!, diplomacy!]),
      ],
    });
    assert.deepEqual(
      next.map((t) => [t.id, t.label, t.shortcut, t.parent]),
      [
        ['human-rights', 'Human rights', '1', undefined],
        ['trade', 'Trade & tariffs', '2', undefined],
        ['tariffs', 'Tariffs', '3', 'trade'],
        ['security', 'Security', '4', undefined],
        ['diplomacy', 'Diplomacy', '5', undefined],
      ],
    );
    assert.equal(next[0]!.colour, '#7b3fa0');
    assert.equal(next[0]!.description, 'Detentions, freedoms.');
    assert.ok(['solid', 'dashed', 'dotted', 'double', 'wavy'].includes(next[0]!.cue));
    assert.deepEqual(await s.getCodebook({}), next);
    // The new theme can be applied at once.
    await highlight(s, 'human rights', ['human-rights']);
  });

  test('gives a new theme a unique id when its label makes one already taken', async () => {
    const s = await service();
    const codebook = await s.getCodebook({});
    const input = asInput(codebook).map((t) => (t.id === 'trade' ? { ...t, label: 'Commerce' } : t));
    const next = await s.updateCodebook({ codebook: [...input, { label: 'Trade', colour: '#2e7d32' }] });
    assert.equal(next[3]!.id, 'trade-2');
  });

  test('refuses empty, too long and duplicate labels, bad colours, long descriptions and an empty codebook', async () => {
    const s = await service();
    const base = asInput(await s.getCodebook({}));
    await rejects(s.updateCodebook({ codebook: [...base, { label: '   ', colour: '#000000' }] }), /needs a label/);
    await rejects(s.updateCodebook({ codebook: [...base, { label: 'x'.repeat(101), colour: '#000000' }] }), /longer than 100/);
    await rejects(s.updateCodebook({ codebook: [...base, { label: 'TRADE ', colour: '#000000' }] }), /Two themes are called "TRADE"/);
    await rejects(s.updateCodebook({ codebook: [...base, { label: 'New', colour: 'red' }] }), /#rrggbb/);
    await rejects(
      s.updateCodebook({ codebook: [...base, { label: 'New', colour: '#000000', description: 'd'.repeat(2001) }] }),
      /longer than 2000/,
    );
    await rejects(s.updateCodebook({ codebook: [] }), /at least one theme/);
    await rejects(s.updateCodebook({ codebook: [...base, { ...base[0]!, label: 'Other' }] }), /listed twice/);
    assert.equal((await s.getCodebook({})).length, 3, 'nothing changed');
  });

  test('keeps sub-themes one level deep and refuses unknown parents and self-parents', async () => {
    const s = await service();
    const base = asInput(await s.getCodebook({}));
    const nested = base.map((t) => (t.id === 'security' ? { ...t, parent: 'trade' } : t));
    await s.updateCodebook({ codebook: nested });
    await rejects(
      s.updateCodebook({ codebook: nested.map((t) => (t.id === 'diplomacy' ? { ...t, parent: 'security' } : t)) }),
      /itself a sub-theme/,
    );
    await rejects(
      s.updateCodebook({ codebook: nested.map((t) => (t.id === 'trade' ? { ...t, parent: 'diplomacy' } : t)) }),
      /itself a sub-theme|one level/,
    );
    await rejects(s.updateCodebook({ codebook: base.map((t) => (t.id === 'diplomacy' ? { ...t, parent: 'diplomacy' } : t)) }), /of itself/);
    await rejects(
      s.updateCodebook({ codebook: base.map((t) => (t.id === 'diplomacy' ? { ...t, parent: 'nowhere' } : t)) }),
      /not in the codebook/,
    );
  });

  test('refuses to drop a theme that highlights use, and drops an unused one', async () => {
    const s = await service();
    await highlight(s, 'Trade issues', ['security']);
    const base = asInput(await s.getCodebook({}));
    await rejects(s.updateCodebook({ codebook: base.filter((t) => t.id !== 'security') }), /used by 1 highlight/);
    const next = await s.updateCodebook({ codebook: base.filter((t) => t.id !== 'diplomacy') });
    assert.deepEqual(
      next.map((t) => t.id),
      ['trade', 'security'],
    );
  });
});

describe('deleting a theme', () => {
  test('moves its highlights to another theme, once each, and reports how many', async () => {
    const s = await service();
    const a = await highlight(s, 'Trade issues', ['security']);
    const b = await highlight(s, 'human rights', ['security', 'diplomacy']);
    await highlight(s, 'Canada', ['trade']);
    const result = await s.deleteTheme({ id: 'security', moveTo: 'diplomacy', documentId: DOC });
    assert.deepEqual([result.moved, result.removed, result.deleted], [2, 0, 0]);
    assert.deepEqual(
      result.codebook.map((t) => [t.id, t.shortcut]),
      [
        ['trade', '1'],
        ['diplomacy', '2'],
      ],
    );
    const list = await s.listAnnotations({ documentId: DOC });
    assert.deepEqual(list.find((x) => x.id === a.id)!.themes, ['diplomacy']);
    assert.deepEqual(list.find((x) => x.id === b.id)!.themes, ['diplomacy']);
  });

  test('takes the theme off its highlights and deletes those left with none', async () => {
    const s = await service();
    const only = await highlight(s, 'Trade issues', ['security']);
    const two = await highlight(s, 'human rights', ['security', 'diplomacy']);
    const result = await s.deleteTheme({ id: 'security', documentId: DOC });
    assert.deepEqual([result.moved, result.removed, result.deleted], [0, 1, 1]);
    const list = await s.listAnnotations({ documentId: DOC });
    assert.equal(
      list.some((x) => x.id === only.id),
      false,
    );
    assert.deepEqual(list.find((x) => x.id === two.id)!.themes, ['diplomacy']);
  });

  test('promotes its sub-themes and refuses unknown themes, moving into itself, and the last theme', async () => {
    const s = await service();
    const base = asInput(await s.getCodebook({}));
    await s.updateCodebook({ codebook: base.map((t) => (t.id === 'security' ? { ...t, parent: 'trade' } : t)) });
    const { codebook } = await s.deleteTheme({ id: 'trade', moveTo: 'security' });
    assert.equal(codebook.find((t) => t.id === 'security')!.parent, undefined);
    await rejects(s.deleteTheme({ id: 'nope' }), /No theme/, 'not-found');
    await rejects(s.deleteTheme({ id: 'security', moveTo: 'security' }), /into itself/);
    await rejects(s.deleteTheme({ id: 'security', moveTo: 'gone' }), /No theme/, 'not-found');
    await s.deleteTheme({ id: 'security' });
    await rejects(s.deleteTheme({ id: 'diplomacy' }), /at least one theme/);
  });
});

describe('undo that lasts', () => {
  test('undoes and redoes creating, re-theming, noting and deleting a highlight, with their labels', async () => {
    const s = await service();
    const a = await highlight(s, 'Trade issues', ['trade']);
    await s.updateAnnotation({ id: a.id, themes: ['trade', 'security'] });
    await s.updateAnnotation({ id: a.id, note: 'One', mergeKey: 'k1' });
    await s.updateAnnotation({ id: a.id, note: 'One two', mergeKey: 'k1' });
    await s.deleteAnnotation({ id: a.id });
    assert.deepEqual(await s.getHistory({ documentId: DOC }), {
      canUndo: true,
      canRedo: false,
      undoLabel: 'Highlight deleted',
      redoLabel: null,
    });
    const labels: string[] = [];
    for (let i = 0; i < 4; i += 1) labels.push((await s.undo({ documentId: DOC })).label!);
    assert.deepEqual(labels, ['Highlight deleted', 'Note changed', 'Themes changed', 'Highlight added']);
    assert.equal((await s.listAnnotations({ documentId: DOC })).length, 0);
    const nothing = await s.undo({ documentId: DOC });
    assert.equal(nothing.label, null);
    assert.equal(nothing.canUndo, false);
    const redone = await s.redo({ documentId: DOC });
    assert.equal(redone.label, 'Highlight added');
    assert.deepEqual(
      redone.changed.map((x) => x.id),
      [a.id],
    );
    await s.redo({ documentId: DOC });
    const note = await s.redo({ documentId: DOC });
    assert.equal(note.changed[0]!.note, 'One two', 'the merged note step redoes to its last text');
    const undoneNote = await s.undo({ documentId: DOC });
    assert.equal(undoneNote.changed[0]!.note, '', 'and undoes to the text before the sitting');
  });

  test('undoes a theme deletion: the theme and its moved and deleted highlights come back', async () => {
    const s = await service();
    const moved = await highlight(s, 'Trade issues', ['security']);
    await s.deleteTheme({ id: 'security', moveTo: 'diplomacy', documentId: DOC });
    const outcome = await s.undo({ documentId: DOC });
    assert.equal(outcome.label, 'Theme “Security” deleted');
    assert.equal(outcome.codebookChanged, true);
    assert.deepEqual(
      (await s.getCodebook({})).map((t) => t.id),
      ['trade', 'security', 'diplomacy'],
    );
    assert.deepEqual((await s.listAnnotations({ documentId: DOC })).find((x) => x.id === moved.id)!.themes, ['security']);
    await s.redo({ documentId: DOC });
    assert.deepEqual(
      (await s.getCodebook({})).map((t) => t.id),
      ['trade', 'diplomacy'],
    );
    await s.undo({ documentId: DOC });
    const dropped = await highlight(s, 'human rights', ['security']);
    await s.deleteTheme({ id: 'security', documentId: DOC });
    assert.equal(
      (await s.listAnnotations({ documentId: DOC })).some((x) => x.id === dropped.id),
      false,
    );
    await s.undo({ documentId: DOC });
    assert.ok(
      (await s.listAnnotations({ documentId: DOC })).some((x) => x.id === dropped.id),
      'a deleted highlight is back',
    );
  });

  test('undoes a codebook edit', async () => {
    const s = await service();
    const base = asInput(await s.getCodebook({}));
    await s.updateCodebook({ documentId: DOC, codebook: [...base, { label: 'Human rights', colour: '#7b3fa0' }] });
    assert.equal((await s.getHistory({ documentId: DOC })).undoLabel, 'Codebook changed');
    await s.undo({ documentId: DOC });
    assert.equal((await s.getCodebook({})).length, 3);
  });

  test('keeps the history in the data file: undo and redo work after the folder is reopened', async () => {
    let s = await service();
    const a = await highlight(s, 'Trade issues', ['trade']);
    await s.deleteTheme({ id: 'trade', moveTo: 'security', documentId: DOC });
    s = await reopen(s);
    assert.deepEqual(await s.getHistory({ documentId: DOC }), {
      canUndo: true,
      canRedo: false,
      undoLabel: 'Theme “Trade” deleted',
      redoLabel: null,
    });
    await s.undo({ documentId: DOC });
    s = await reopen(s);
    assert.deepEqual(
      (await s.listAnnotations({ documentId: DOC })).map((x) => x.themes),
      [['trade']],
    );
    assert.equal((await s.getHistory({ documentId: DOC })).redoLabel, 'Theme “Trade” deleted');
    await s.undo({ documentId: DOC });
    assert.equal(
      (await s.listAnnotations({ documentId: DOC })).some((x) => x.id === a.id),
      false,
    );
    const onDisk = await readData(services.dir());
    assert.equal(onDisk.schemaVersion, 1);
    assert.equal(onDisk.history?.length, 1);
  });

  test('refuses a step whose data was changed since by another history, and drops it', async () => {
    const s = await service();
    const a = await highlight(s, 'Trade issues', ['security']);
    // Deleting Security from no document's history changes the highlight outside DOC's history.
    await s.deleteTheme({ id: 'security', moveTo: 'trade' });
    const outcome = await s.undo({ documentId: DOC });
    assert.equal(outcome.label, null);
    assert.match(outcome.problem!, /cannot be undone: a highlight it changed was changed since/);
    assert.equal(outcome.canUndo, false);
    assert.deepEqual((await s.listAnnotations({ documentId: DOC })).find((x) => x.id === a.id)!.themes, ['trade']);
  });

  test(`keeps at most ${HISTORY_LIMIT} steps per document`, async () => {
    const s = await service();
    const a = await highlight(s, 'Trade issues', ['trade']);
    for (let i = 0; i < HISTORY_LIMIT + 5; i += 1) await s.updateAnnotation({ id: a.id, note: `n${i}` });
    let count = 0;
    while ((await s.undo({ documentId: DOC })).label) count += 1;
    assert.equal(count, HISTORY_LIMIT);
  });

  test('answers not-found for the history of an unknown document', async () => {
    const s = await service();
    await rejects(s.undo({ documentId: 'nope' }), /No document/, 'not-found');
    await rejects(s.getHistory({ documentId: 'nope' }), /No document/, 'not-found');
  });
});
