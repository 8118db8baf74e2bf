// Safe CSS names for themes: class names and cues are whitelisted, colours validated, before any reaches a style sheet.
import { CUES, type Theme, type ThemeCue } from '../codebook';
import { safeColour } from './escape';

const CLASS_SAFE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/**
 * The CSS class of a theme: `t-<id>` when the id is a well-formed theme id, else `tx-<index>`
 * (the two cannot collide), so no untrusted text ever becomes a class name.
 */
export function themeClass(theme: Theme, index: number): string {
  return CLASS_SAFE_ID.test(theme.id) ? `t-${theme.id}` : `tx-${index}`;
}

/** The theme's cue if it is one of the known underline styles, else solid. */
export function safeCue(cue: string): ThemeCue {
  return (CUES as readonly string[]).includes(cue) ? (cue as ThemeCue) : 'solid';
}

/** CSS rules giving each theme its colour and underline style; only validated values are written. */
export function themeRules(themes: readonly Theme[]): string {
  return themes
    .map((theme, i) => {
      const cls = themeClass(theme, i);
      const colour = safeColour(theme.colour);
      const cue = safeCue(theme.cue);
      return (
        `.hl.${cls}{background-color:${colour}3d;text-decoration-color:${colour};text-decoration-style:${cue}}` +
        `.swatch.${cls},.tag.${cls}{border-color:${colour}}.swatch.${cls}{background-color:${colour}}` +
        `.tag.${cls}{background-color:${colour}26}`
      );
    })
    .join('\n');
}
