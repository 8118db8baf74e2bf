// The channels between the main process and the page that belong to the shell itself, not to the
// host contract: the page saying it listens, and the save-before-quit handshake. Imports nothing,
// so the sandboxed preload and the main process share one definition.

/** The page → main: the page has subscribed to menu commands, so what is sent from now on reaches it. */
export const PAGE_READY_CHANNEL = 'gloss:page-ready';

/** Main → the page: save what you hold (a note still in its typing delay); carries a token. */
export const FLUSH_REQUEST_CHANNEL = 'gloss:flush-request';

/** The page → main: done saving; carries the request's token back. */
export const FLUSHED_CHANNEL = 'gloss:flushed';
