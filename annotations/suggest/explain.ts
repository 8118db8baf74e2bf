// A suggestion's reason in words, apart from the ranking so the page can say it without loading the NLP model.
import type { Suggestion } from './rank';

/** "shares tariff, canola and export with 4 coded passages", for the queue and the CLI's text output. */
export function explainSuggestion(s: Pick<Suggestion, 'why' | 'passages'>): string {
  const terms = s.why.length <= 1 ? (s.why[0] ?? '') : `${s.why.slice(0, -1).join(', ')} and ${s.why[s.why.length - 1]}`;
  if (s.passages === 0) return `shares ${terms} with the theme's description`;
  return `shares ${terms} with ${s.passages} coded passage${s.passages === 1 ? '' : 's'}`;
}
