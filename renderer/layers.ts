// Coders' layers in the reader: another coder's highlights are told apart by a dashed outline in that coder's colour
// (one adopted style sheet over the highlights' data-coder, which the highlight plugin sets), and a hidden layer
// (blind coding: hide everyone else's while you code) is taken out of what the reader shows, so it is neither drawn,
// nor listed, nor counted; showing it again reads the document from the host.
import { coderOf } from '../annotations/agreement/layers';
import type { Action } from './state/actions';
import type { ReaderState } from './state/reader-state';
import type { Store } from './state/store';

/**
 * The outline colours of other coders' layers, in the order the coders are listed (distinct from the theme palette's
 * fills), each a light-dark() pair so the outline keeps its contrast on the dark page too.
 */
export const LAYER_COLOURS: readonly string[] = [
  'light-dark(#7b1fa2, #e1a6f0)',
  'light-dark(#00838f, #80deea)',
  'light-dark(#c25400, #ffb74d)',
  'light-dark(#5d4037, #d7b8a8)',
  'light-dark(#c2185b, #f48fb1)',
  'light-dark(#455a64, #b0bec5)',
];

/** The layers the reader shows, and how each looks. */
export class LayerStyles {
  private readonly sheet = new CSSStyleSheet();
  private own = '';
  private coders: string[] = [];
  private readonly hidden = new Set<string>();

  /** `reload` reads the shown document again (a layer shown again comes back from the host). */
  constructor(
    private readonly store: Store<ReaderState, Action>,
    private readonly reload: () => Promise<void>,
  ) {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
    store.subscribe((state, previous) => {
      if (state.annotations !== previous.annotations) this.takeOutHidden(state);
    });
  }

  /** The own coder and everyone with a layer (the own coder first). */
  setCoders(own: string, coders: readonly string[]): void {
    this.own = own;
    this.coders = [...coders];
    this.render();
  }

  /** The colour a coder's layer is outlined in; the own coder's has none. */
  colourOf(coder: string): string | null {
    if (coder === this.own) return null;
    const others = this.coders.filter((c) => c !== this.own);
    return LAYER_COLOURS[Math.max(0, others.indexOf(coder)) % LAYER_COLOURS.length]!;
  }

  isShown(coder: string): boolean {
    return !this.hidden.has(coder);
  }

  /** Shows or hides a coder's layer. */
  async setShown(coder: string, shown: boolean): Promise<void> {
    if (shown === this.isShown(coder)) return;
    if (shown) {
      this.hidden.delete(coder);
      await this.reload();
    } else {
      this.hidden.add(coder);
      this.takeOutHidden(this.store.getState());
    }
  }

  /** Takes the hidden layers' annotations out of the reader's state (they stay stored on the host). */
  private takeOutHidden(state: ReaderState): void {
    if (this.hidden.size === 0) return;
    const removed = [...state.annotations.values()].filter((a) => this.hidden.has(coderOf(a, this.own))).map((a) => a.id);
    if (removed.length > 0) this.store.dispatch({ type: 'annotations-changed', upserted: [], removed });
  }

  private render(): void {
    const rules = this.coders
      .filter((coder) => coder !== this.own)
      .map((coder) => `mark.hl[data-coder="${CSS.escape(coder)}"] { outline: 2px dashed ${this.colourOf(coder)}; outline-offset: 1px; }`);
    this.sheet.replaceSync(rules.join('\n'));
  }
}
