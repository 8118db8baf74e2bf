// What the plain ProseMirror peer page (peer-page.ts) and the bench agree on: its embedded data, its modes and its event.
import type { Codebook } from '../../annotations/codebook';
import type { GlossDocument } from '../../annotations/document';

/**
 * How the peer decorates: `bare` draws no highlights; `all` builds one DecorationSet.create of every
 * annotation; `viewport` keeps the set to the blocks around the screen, rebuilt as the reader scrolls.
 */
export type PeerMode = 'bare' | 'all' | 'viewport';

/** The modes, in the order the bench measures them. */
export const PEER_MODES: readonly PeerMode[] = ['bare', 'all', 'viewport'];

/** The id of the script element holding the page's data (JSON). */
export const PEER_DATA_ID = 'peer-data';

/** The corpus as the peer page embeds it: the article and each annotation's plain-text range and themes. */
export interface PeerData {
  document: Pick<GlossDocument, 'title' | 'text' | 'blocks'>;
  /** For the renderer's theme styles and the theme key 1. */
  codebook: Codebook;
  /** [id, start, end, themes] per annotation, in plain-text offsets. */
  annotations: Array<[string, number, number, string[]]>;
}
