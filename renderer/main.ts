// The renderer's entry point: connect to whichever host is present and start the reader.
import { createClient } from './client';
import { GlossApp } from './app';

const app = new GlossApp(createClient());
app.start().catch((error: unknown) => {
  const banner = document.getElementById('banner');
  const text = document.getElementById('banner-text');
  if (banner && text) {
    text.textContent = `Gloss could not open the article: ${(error as Error).message}`;
    banner.hidden = false;
  }
  document.body.dataset.ready = 'error';
});
