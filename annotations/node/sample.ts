// The article bundled with Gloss, present in every data folder.

/** Its document id and its file name under samples/ (in the repo and in every build). */
export const SAMPLE_DOCUMENT = { id: 'canada-china-trust', file: 'canada-china-trust.txt' } as const;
