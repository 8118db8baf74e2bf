// The bench's plain ProseMirror peer (bundled for the page peer-scenarios.ts serves): the corpus's article in an
// EditorView with the renderer's schema, its annotations as inline decorations built the usual way, the data
// embedded in the page and no host. Theme key 1 adds a highlight, #annotation-<id> then Delete removes one, as in Gloss.
import type { Node as PMNode } from 'prosemirror-model';
import { EditorState, Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet, EditorView } from 'prosemirror-view';
import { blockIndexAtPos, blockStarts, themeClass } from '../../renderer/editor/highlight-plugin';
import { articleToDoc, OffsetMap } from '../../renderer/editor/positions';
import { ThemeStyles } from '../../renderer/theme-styles';
import { PEER_DATA_ID, PEER_MODES, type PeerData, type PeerMode } from './peer-contract';

/** Blocks decorated beyond each edge of the screen in viewport mode (a few screens), and before the first layout. */
const MARGIN = 40;
const INITIAL_BLOCKS = 60;

const asked = new URLSearchParams(window.location.search).get('mode');
const mode: PeerMode = PEER_MODES.find((m) => m === asked) ?? 'all';
const data = JSON.parse(document.getElementById(PEER_DATA_ID)!.textContent!) as PeerData;
new ThemeStyles().apply(data.codebook);
const doc: PMNode = articleToDoc(data.document);
const offsets = new OffsetMap(data.document.blocks);
const starts = blockStarts(doc);

/** One inline decoration per annotation, its own <mark> (as Gloss draws it) with the theme classes. */
function decorate(id: string, from: number, to: number, themes: readonly string[]): Decoration {
  const [first, second] = themes;
  const classes = ['hl'];
  if (first) classes.push(themeClass('primary', first));
  if (second) classes.push(themeClass('secondary', second), 'hl-multi');
  return Decoration.inline(
    from,
    to,
    { nodeName: 'mark', class: classes.join(' '), 'data-annotation-id': id, 'data-themes': themes.join(' ') },
    { id },
  );
}

/** Every highlight's decoration by id: what a ProseMirror user keeps next to the set to find one again. */
const highlights = new Map<string, Decoration>();
if (mode !== 'bare') {
  for (const [id, start, end, themes] of data.annotations)
    highlights.set(id, decorate(id, offsets.toPos(start), offsets.toPos(end), themes));
}

/** The blocks the viewport set covers (indices), in viewport mode. */
let covered = { first: 0, last: Math.min(INITIAL_BLOCKS, starts.length) - 1 };

function blockAt(pos: number): number {
  return blockIndexAtPos(starts, pos);
}

/** The set for the covered blocks (viewport mode), built afresh as viewport plugins do on scroll. */
function coveredSet(): DecorationSet {
  const from = starts[covered.first]!;
  const to = starts[covered.last]! + doc.child(covered.last).nodeSize;
  const shown: Decoration[] = [];
  for (const d of highlights.values()) if (d.from < to && d.to > from) shown.push(d);
  return DecorationSet.create(doc, shown);
}

const key = new PluginKey<DecorationSet>('peer-highlights');
const highlightPlugin = new Plugin<DecorationSet>({
  key,
  state: {
    init: () =>
      mode === 'all' ? DecorationSet.create(doc, [...highlights.values()]) : mode === 'viewport' ? coveredSet() : DecorationSet.empty,
    apply: (tr, set) => (tr.getMeta(key) as DecorationSet | undefined) ?? set.map(tr.mapping, tr.doc),
  },
  props: { decorations: (state) => key.getState(state) },
});

function setDecorations(view: EditorView, next: DecorationSet): void {
  view.dispatch(view.state.tr.setMeta(key, next));
}

/** Viewport mode: rebuilds the set when the screen comes within half the margin of its edge. */
function cover(view: EditorView, first: number, last: number): void {
  const slack = MARGIN / 2;
  const topOk = covered.first === 0 || first - covered.first >= slack;
  const bottomOk = covered.last === starts.length - 1 || covered.last - last >= slack;
  if (topOk && bottomOk) return;
  covered = { first: Math.max(0, first - MARGIN), last: Math.min(starts.length - 1, last + MARGIN) };
  setDecorations(view, coveredSet());
}

function onScreen(view: EditorView): { first: number; last: number } | null {
  const box = view.dom.getBoundingClientRect();
  const left = box.left + 8;
  const top = view.posAtCoords({ left, top: Math.max(box.top, 0) + 1 });
  const bottom = view.posAtCoords({ left, top: Math.min(box.bottom, window.innerHeight) - 1 });
  if (!top || !bottom) return null;
  return { first: blockAt(top.pos), last: blockAt(bottom.pos) };
}

let made = 0;
/** Theme key 1 on a selection: a new highlight of the first theme, added to the set. */
function addFromSelection(view: EditorView): void {
  const { from, to } = view.state.selection;
  if (from === to) return;
  made += 1;
  const id = `peer-${made}`;
  const decoration = decorate(id, from, to, [data.codebook[0]!.id]);
  highlights.set(id, decoration);
  setDecorations(view, key.getState(view.state)!.add(doc, [decoration]));
}

const view = new EditorView(document.getElementById('article')!, {
  state: EditorState.create({ doc, plugins: [highlightPlugin] }),
  attributes: { class: 'article', spellcheck: 'false' },
  handleKeyDown: (v, event) => {
    if (event.key !== '1') return false;
    addFromSelection(v);
    return true;
  },
  handleTextInput: () => true,
});

if (mode === 'viewport') {
  let frame = 0;
  const check = (): void => {
    frame = 0;
    const screen = onScreen(view);
    if (screen) cover(view, screen.first, screen.last);
  };
  document.addEventListener('scroll', () => (frame ||= requestAnimationFrame(check)), { capture: true, passive: true });
}

// A link to a highlight opens it (scrolled to the middle of the screen); Delete removes the open one.
let openId: string | null = null;
window.addEventListener('hashchange', () => {
  openId = /^#annotation-(.+)$/.exec(window.location.hash)?.[1] ?? null;
  const decoration = openId ? highlights.get(openId) : undefined;
  if (!decoration) return;
  const index = blockAt(decoration.from);
  if (mode === 'viewport') cover(view, index, index);
  const block = view.dom.children[index];
  block?.scrollIntoView({ block: 'center' });
});
document.getElementById('delete-button')!.addEventListener('click', () => {
  const decoration = openId ? highlights.get(openId) : undefined;
  if (!openId || !decoration) return;
  highlights.delete(openId);
  const set = key.getState(view.state)!;
  setDecorations(view, set.remove(set.find(decoration.from, decoration.to, (spec: { id?: string }) => spec.id === openId)));
});

document.body.dataset.ready = 'true';
