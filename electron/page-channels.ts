// The channels between the main process and the page that belong to the shell itself, not to the
// host contract: the page saying it listens, and main's requests to the page (save before quit,
// import an HTML file, which only the page parses) with their answers. Imports nothing at runtime,
// so the sandboxed preload and the main process share one definition.

/** The page → main: the page has subscribed to menu commands, so what is sent from now on reaches it. */
export const PAGE_READY_CHANNEL = 'gloss:page-ready';

/** Main → the page: save what you hold (a note still in its typing delay); carries a token. */
export const FLUSH_REQUEST_CHANNEL = 'gloss:flush-request';

/** Main → the page: import this HTML file ({ fileName, dataBase64 }); carries a token, then the file. */
export const IMPORT_REQUEST_CHANNEL = 'gloss:import-request';

/** The page → main: a request's token, then its PageAnswer. */
export const ANSWER_CHANNEL = 'gloss:answer';

/** What the page answers: done (with the imported document's id), or why not. */
export type PageAnswer = { ok: true; documentId?: string } | { ok: false; message: string };
