// Coders' layers in the article: another coder's highlights are told apart by a dashed outline in that coder's colour,
// and any layer can be hidden (blind coding: hide everyone else's while you code). One adopted style sheet, rewritten
// when the coders or the choices change; the highlights carry their coder (data-coder) from the highlight plugin.
import type { Annotation } from '../annotations/annotation';
import { coderOf } from '../annotations/agreement/layers';

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
  private annotations: readonly Annotation[] = [];

  constructor() {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
  }

  /** The own coder and everyone with a layer (the own coder first). */
  setCoders(own: string, coders: readonly string[]): void {
    this.own = own;
    this.coders = [...coders];
    this.render();
  }

  /** The shown document's annotations (their coding stripes are hidden with their layer). */
  setAnnotations(annotations: readonly Annotation[]): void {
    this.annotations = annotations;
    if (this.hidden.size > 0) this.render();
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

  setShown(coder: string, shown: boolean): void {
    if (shown) this.hidden.delete(coder);
    else this.hidden.add(coder);
    this.render();
  }

  private render(): void {
    const rules: string[] = [];
    const own = CSS.escape(this.own);
    for (const coder of this.coders) {
      const selector =
        coder === this.own ? `mark.hl:is([data-coder=""], [data-coder="${own}"])` : `mark.hl[data-coder="${CSS.escape(coder)}"]`;
      if (this.hidden.has(coder)) {
        rules.push(
          `${selector} { background: none !important; text-decoration: none !important; outline: none !important; box-shadow: none !important; padding: 0 !important; cursor: text; pointer-events: none; }`,
        );
        for (const a of this.annotations) {
          if (coderOf(a, this.own) === coder) rules.push(`.stripe[data-stripe-for="${CSS.escape(a.id)}"] { display: none; }`);
        }
      } else if (coder !== this.own) {
        rules.push(`${selector} { outline: 2px dashed ${this.colourOf(coder)}; outline-offset: 1px; }`);
      }
    }
    this.sheet.replaceSync(rules.join('\n'));
  }
}
