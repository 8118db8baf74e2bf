// The renderer's entry point: connect to whichever host is present and start the reader. The
// desktop shell asks the page, as the app quits, to save a note still inside its typing delay, and
// to import the HTML files it is asked to open (only the page parses HTML); it then shows them.
import { createClient } from './client';
import { GlossApp } from './app';
import { importBytes } from './document-import';

const client = createClient();
const app = new GlossApp(client);
client.onFlushRequest?.(() => app.flushNote());
client.onImportRequest?.(async ({ fileName, dataBase64 }) => (await importBytes(client.host, fileName, dataBase64)).id);
app.start().catch((error: unknown) => {
  const banner = document.getElementById('banner');
  const text = document.getElementById('banner-text');
  if (banner && text) {
    text.textContent = `Gloss could not open the article: ${(error as Error).message}`;
    banner.hidden = false;
  }
  document.body.dataset.ready = 'error';
});
