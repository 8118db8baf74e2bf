// XSS corpus end to end: hostile document text, titles, notes, theme labels and imported files show as text, and nothing runs, pops up or calls out.
import { mkdir, readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import * as v from 'valibot';
import { describeRange } from '../../annotations/anchoring/anchor';
import { parsePlainText, type GlossDocument } from '../../annotations/document';
import { GlossService } from '../../annotations/node/service';
import { DataFileSchema } from '../../annotations/schemas';
import { readData, writeData } from '../fixtures/data-folder';
import { article, dragSelect, expect, expectSaved, highlights, openGloss, startGloss, test, type RunningGloss } from './gloss';

/** Each payload, if it ever became markup or code, sets window.__pwned, opens a dialog or makes a request. */
const PAYLOADS: string[] = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '<svg onload="window.__pwned=1"></svg>',
  '<svg><script>window.__pwned=1</script></svg>',
  '<a href="javascript:window.__pwned=1">click me</a>',
  'javascript:window.__pwned=1',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<iframe src="javascript:parent.__pwned=1"></iframe>',
  '<div style="background:url(javascript:window.__pwned=1)">styled</div>',
  '<div style="width: expression(window.__pwned=1)">ie</div>',
  "{{constructor.constructor('window.__pwned=1')()}}",
  '${window.__pwned=1}',
  '<%= window.__pwned=1 %>',
  '</textarea><script>window.__pwned=1</script>',
  '</title><script>window.__pwned=1</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert(1)>",
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<ſcript>alert(1)</ſcript>',
  '＜script＞alert(1)＜/script＞',
  '\u202Egnp.exe <img src=x onerror=alert(1)>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  '<img src="https://evil.example/pixel.png">',
  "<style>@import 'https://evil.example/x.css';</style>",
  '<base href="https://evil.example/">',
  '<form action="https://evil.example"><button>go</button></form>',
  '<video><source onerror="alert(1)"></video>',
  '<marquee onstart=alert(1)>moving</marquee>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '\uFEFF<script>alert(1)</script>',
  '<scr\u0000ipt>alert(1)</scr\u0000ipt>',
  '<x contenteditable onblur=alert(1)>lose focus</x>',
  '<img src=x onerror=window.__pwned=1>'.repeat(2500), // 90,000 characters: under the note limit
];

/** Payloads short enough for a theme label (at most 100 characters). */
const LABELS = PAYLOADS.filter((p) => p.length <= 100 && !p.includes('\u0000')).slice(0, 4);
const HOSTILE_ID = 'hostile-document';
const SAMPLE_ID = 'canada-china-trust';
const FORBIDDEN =
  'img:not(.ProseMirror-separator), iframe, svg, script, object, embed, video, audio, source, form, meta, base, link, style, math, details, marquee, body, noscript, template, frame, x';

type DataFile = v.InferOutput<typeof DataFileSchema>;

/** Writes a valid data file whose first document, theme labels and notes are payloads. */
async function writeHostileData(dataDir: string): Promise<DataFile> {
  await mkdir(dataDir, { recursive: true });
  const sampleText = await readFile('samples/canada-china-trust.txt', 'utf8');
  const service = await GlossService.open({
    dataDir,
    edition: 'browser',
    version: 'test',
    samples: [{ id: SAMPLE_ID, source: 'canada-china-trust.txt', text: sampleText }],
    lock: false,
  });
  await service.close();
  const data = await readData(dataDir);

  const parsed = parsePlainText(PAYLOADS.join('\n'));
  const doc: GlossDocument = { id: HOSTILE_ID, source: PAYLOADS[1]!, added: '2025-01-01T00:00:00.000Z', ...parsed };
  data.documents.unshift(doc);
  data.codebook = data.codebook.map((theme, i) => ({ ...theme, label: LABELS[i]!, description: PAYLOADS[i + 10]! }));
  data.codebook.push({ id: 'hostile', label: LABELS[3]!, colour: '#884488', cue: 'dotted', description: PAYLOADS[20]!, shortcut: '4' });
  // One highlight per paragraph (its first 40 characters), each with another payload as its note.
  data.annotations = doc.blocks.slice(1).map((block, i) => ({
    id: `hostile-${i}`,
    documentId: HOSTILE_ID,
    target: { source: HOSTILE_ID, selector: describeRange(doc.text, block.start, Math.min(block.end, block.start + 40)) },
    themes: [data.codebook[i % data.codebook.length]!.id],
    note: PAYLOADS[(i + 7) % PAYLOADS.length]!.replace(/\u0000/g, ''),
    created: `2025-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
    modified: '2025-01-02T00:00:00.000Z',
  }));
  const checked = v.safeParse(DataFileSchema, data);
  expect(checked.success, JSON.stringify(checked.issues?.map((i) => [i.message, i.path?.map((p) => p.key).join('.')]))).toBe(true);
  await writeData(dataDir, data);
  return data;
}

/** Everything the page must never do, recorded as it happens. */
function watch(page: Page, gloss: RunningGloss) {
  const seen = { dialogs: [] as string[], foreignRequests: [] as string[], csp: [] as string[], errors: [] as string[] };
  const origin = `http://127.0.0.1:${gloss.port}`;
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = request.url();
    if (url === 'data:,') return; // the page's own empty favicon
    if (new URL(url).origin !== origin) seen.foreignRequests.push(url);
  });
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) seen.csp.push(message.text());
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  return seen;
}

/** What would show that a payload became markup or ran: flags, forbidden elements, event-handler attributes, script URLs. */
async function traces(page: Page) {
  return page.evaluate((forbidden) => {
    const w = window as unknown as { __pwned?: unknown };
    const handlerAttributes: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) if (attr.startsWith('on')) handlerAttributes.push(`${el.tagName}[${attr}]`);
    }
    const badLinks = [...document.querySelectorAll<HTMLAnchorElement>('a[href]')]
      .filter((a) => !['http:', 'https:', 'mailto:'].includes(new URL(a.href, location.href).protocol))
      .map((a) => a.getAttribute('href'));
    const regions = ['#article', '#sidebar', '#theme-buttons', '#banner', '#document-picker', 'header'];
    const elements = regions.flatMap((r) => [...document.querySelectorAll(`${r} :is(${forbidden})`)].map((el) => `${r} ${el.tagName}`));
    return {
      pwned: w.__pwned ?? null,
      handlerAttributes,
      badLinks,
      elements,
      scripts: [...document.scripts].map((s) => s.getAttribute('src')),
      iframes: document.querySelectorAll('iframe, frame, object, embed').length,
    };
  }, FORBIDDEN);
}

async function expectNoTraces(page: Page): Promise<void> {
  expect(await traces(page)).toEqual({ pwned: null, handlerAttributes: [], badLinks: [], elements: [], scripts: ['main.js'], iframes: 0 });
}

/** The sidebar entry at a 1-based position, scrolled into the (virtualised) list's view first. */
async function entryAt(page: Page, position: number, total: number) {
  await page.locator('#entries').evaluate(
    (list, [p, n]) => {
      let scroller: HTMLElement | null = list.parentElement;
      while (scroller && !(scroller.scrollHeight > scroller.clientHeight && /auto|scroll/.test(getComputedStyle(scroller).overflowY))) {
        scroller = scroller.parentElement;
      }
      if (!scroller) return;
      const rowHeight = list.getBoundingClientRect().height / n!;
      const listTop = list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
      scroller.scrollTop = listTop + (p! - 1) * rowHeight - scroller.clientHeight / 2;
    },
    [position, total],
  );
  const entry = page.locator(`#entries li[aria-posinset="${position}"] a[data-entry-id]`);
  await expect(entry).toHaveCount(1);
  return entry;
}

async function api(
  gloss: RunningGloss,
  method: string,
  input: unknown,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of every method's shape, read by the assertions
): Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }> {
  const response = await fetch(`http://127.0.0.1:${gloss.port}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gloss-token': gloss.token },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

test('shows hostile document text, titles, notes and theme labels as text, and runs nothing', async ({ page, dataDir }, testInfo) => {
  test.setTimeout(180_000);
  expect(PAYLOADS.length).toBeGreaterThanOrEqual(30);
  const data = await writeHostileData(dataDir);
  const doc = data.documents[0]!;
  const gloss = await startGloss(dataDir);
  const seen = watch(page, gloss);
  try {
    await openGloss(page, gloss);

    // The document: title and every paragraph exactly as text.
    await expect(article(page).locator('h1')).toHaveText(doc.title, { useInnerText: false });
    expect(await page.title()).toBe(`${doc.title} — Gloss`);
    const paragraphs = await article(page)
      .locator('p')
      .evaluateAll((ps) => ps.map((p) => p.textContent));
    expect(paragraphs).toEqual(doc.blocks.slice(1).map((b) => doc.text.slice(b.start, b.end)));
    await expect(page.locator('#document-picker option').first()).toHaveText(doc.title);

    // The codebook: labels on the toolbar buttons, as text.
    await expect(page.locator('#theme-buttons button')).toHaveText(LABELS);
    await expect(page.locator('#theme-counts .theme-count-label')).toHaveText(LABELS);
    await expect(highlights(page).first()).toBeVisible();
    await expectNoTraces(page);

    // Every highlight, opened from the sidebar: its quote and its note shown literally.
    const total = data.annotations.length;
    await expect(page.locator('#entries li').first()).toHaveAttribute('aria-setsize', String(total));
    const byId = new Map(data.annotations.map((a) => [a.id, a]));
    const seenIds = new Set<string>();
    for (let position = 1; position <= total; position += 1) {
      const entry = await entryAt(page, position, total);
      const id = (await entry.getAttribute('data-entry-id'))!;
      seenIds.add(id);
      await entry.click();
      const annotation = byId.get(id)!;
      await expect(page.locator('#detail-quote')).toHaveText(annotation.target.selector[1].exact);
      await expect(page.locator('#detail-note')).toHaveValue(annotation.note);
      await expect(page.locator('#detail-themes label')).toHaveText(data.codebook.map((t) => t.label));
    }
    expect(seenIds.size).toBe(total);
    await expectNoTraces(page);

    // Typing a payload into a note saves it as the same characters.
    const typed = '<img src=x onerror=alert(1)><script>window.__pwned=1</script>';
    const first = await entryAt(page, 1, total);
    const firstId = (await first.getAttribute('data-entry-id'))!;
    await first.click();
    await page.locator('#detail-note').fill(typed);
    await page.locator('#detail-note').press('Tab');
    await expectSaved(page);
    await expect(page.locator(`#entries a[data-entry-id="${firstId}"] .entry-note`)).toHaveText(typed);
    const stored = await api(gloss, 'listAnnotations', { documentId: HOSTILE_ID });
    expect(stored.value.find((a: { id: string }) => a.id === firstId).note).toBe(typed);

    // Theme keys: add the hostile-labelled theme to the open highlight, then code a new passage.
    await page.locator(`#entries a[data-entry-id="${firstId}"]`).focus();
    await page.keyboard.press('4');
    await expect(page.locator(`#entries a[data-entry-id="${firstId}"] .chip`).filter({ hasText: LABELS[3]! })).toHaveCount(1);
    await expectSaved(page);
    const paragraph = article(page).locator('p').nth(4);
    const length = (await paragraph.textContent())!.length;
    await dragSelect(page, paragraph, length - 12, length);
    await page.keyboard.press('2');
    await expect(page.locator('#entries li').first()).toHaveAttribute('aria-setsize', String(total + 1));
    await expectSaved(page);
    await expectNoTraces(page);
    const shot = testInfo.outputPath('hostile-input.png');
    await page.screenshot({ path: shot });
    await testInfo.attach('hostile input', { path: shot, contentType: 'image/png' });

    // A hostile file imported through the page: its name and text stay text.
    const fileName = '<img src=x onerror=alert(1)>.txt';
    const fileText = ['<svg onload=alert(1)>Imported title', ...PAYLOADS.slice(0, 10)].join('\n');
    await page.locator('#open-input').setInputFiles({ name: fileName, mimeType: 'text/plain', buffer: Buffer.from(fileText) });
    await expect(article(page).locator('h1')).toHaveText('<svg onload=alert(1)>Imported title');
    await expect(article(page).locator('p')).toHaveCount(10);
    await page
      .locator('#open-input')
      .setInputFiles({ name: '<svg onload=alert(1)>.txt', mimeType: 'text/plain', buffer: Buffer.from([0x3c, 0, 0x3e]) });
    await expect(page.locator('#banner-text')).toContainText('"<svg onload=alert(1)>.txt" is not a text file');
    await expectNoTraces(page);

    // And after a reload, which opens the imported document again.
    await page.reload();
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
    await expectNoTraces(page);

    expect(seen.dialogs).toEqual([]);
    expect(seen.foreignRequests).toEqual([]);
    expect(seen.csp).toEqual([]);
    expect(seen.errors).toEqual([]);
  } finally {
    await gloss.stop();
  }
});

test('imports hostile documents through the HTTP API as text, and refuses unreadable files with clear errors', async ({ gloss }) => {
  const text = ['<script>alert(1)</script> title', ...PAYLOADS.filter((p) => !p.includes('\u0000'))].join('\n');
  // Plain text keeps every character as text (Markdown would read the tags as markup and drop them).
  const imported = await api(gloss, 'importDocument', { fileName: '<b>x</b>.txt', dataBase64: Buffer.from(text).toString('base64') });
  expect(imported.ok, JSON.stringify(imported.error)).toBe(true);
  expect(imported.value.title).toBe('<script>alert(1)</script> title');
  expect(imported.value.source).toBe('<b>x</b>.txt');
  expect(imported.value.id).toMatch(/^script-alert-1-script-title-[0-9a-f]{8}$/);
  const opened = await api(gloss, 'openDocument', { documentId: imported.value.id });
  expect(opened.value.document.text).toBe(parsePlainText(text).text);

  const refusals: Array<{ name: string; bytes: Buffer; code: string; message: RegExp }> = [
    {
      name: 'binary.txt',
      bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      code: 'invalid-document',
      message: /"binary\.txt" is not a text file \(it holds binary data\)/,
    },
    {
      name: 'latin1.txt',
      bytes: Buffer.from('Caf\xe9\nUn paragraphe.', 'latin1'),
      code: 'invalid-document',
      message: /"latin1\.txt" is not UTF-8 text/,
    },
    { name: 'empty.txt', bytes: Buffer.alloc(0), code: 'invalid-document', message: /"empty\.txt" is empty/ },
    { name: 'blank.txt', bytes: Buffer.from(' \n\n\t '), code: 'invalid-document', message: /empty/ },
    { name: 'huge.txt', bytes: Buffer.alloc(20 * 1024 * 1024 + 1, 0x61), code: 'invalid-document', message: /"huge\.txt" is too large/ },
    { name: 'huger.txt', bytes: Buffer.alloc(20 * 1024 * 1024 + 3000, 0x61), code: 'invalid-input', message: /larger than 20 MB/ },
    // HTML is parsed by the page through the article schema (importParsedDocument), never by the host.
    {
      name: 'page.html',
      bytes: Buffer.from('<script>alert(1)</script>'),
      code: 'invalid-document',
      message: /"page\.html" is HTML, which Gloss reads in its window/,
    },
    {
      name: 'paper.pdf',
      bytes: Buffer.from('%PDF-1.7'),
      code: 'invalid-document',
      message: /"paper\.pdf" is not a text file Gloss can open/,
    },
  ];
  for (const r of refusals) {
    const answer = await api(gloss, 'importDocument', { fileName: r.name, dataBase64: r.bytes.toString('base64') });
    expect(answer.ok, r.name).toBe(false);
    expect(answer.error!.code, r.name).toBe(r.code);
    expect(answer.error!.message, r.name).toMatch(r.message);
  }
  const polluted = await fetch(`http://127.0.0.1:${gloss.port}/api/importDocument`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gloss-token': gloss.token },
    body: '{"fileName":"a.txt","dataBase64":"QQ==","__proto__":{"isAdmin":true}}',
  });
  expect(((await polluted.json()) as { error: { code: string } }).error.code).toBe('invalid-input');
  const library = await api(gloss, 'listDocuments', {});
  expect(library.value).toHaveLength(2);
});

test('renders the HTML report of hostile data without running or loading anything, even without its CSP', async ({ page, dataDir }) => {
  const data = await writeHostileData(dataDir);
  const gloss = await startGloss(dataDir);
  let html: string;
  try {
    const report = await api(gloss, 'exportReport', { documentId: HOSTILE_ID, format: 'html', includeArticle: true });
    expect(report.ok, JSON.stringify(report.error)).toBe(true);
    html = Buffer.from(report.value.dataBase64, 'base64').toString('utf8');
  } finally {
    await gloss.stop();
  }
  // The report's own CSP would stop inline script anyway; without it, only escaping stands between a payload and the page.
  const bare = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, '');
  expect(bare).not.toBe(html);
  const dialogs: string[] = [];
  const requests: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => requests.push(request.url()));
  await page.setContent(bare, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  const found = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    scripts: document.querySelectorAll('script').length,
    frames: document.querySelectorAll('iframe, frame, object, embed, base, form, meta[http-equiv="refresh"], link[rel="stylesheet"]')
      .length,
    images: [...document.images].map((img) => img.getAttribute('src')).filter((src) => !src?.startsWith('data:')),
    handlers: [...document.querySelectorAll('*')].flatMap((el) => el.getAttributeNames().filter((a) => a.startsWith('on'))),
    scriptLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*(javascript|data|vbscript):/i.test(a.getAttribute('href')!))
      .length,
    text: document.body.textContent ?? '',
  }));
  expect({ ...found, text: undefined }).toEqual({
    pwned: null,
    scripts: 0,
    frames: 0,
    images: [],
    handlers: [],
    scriptLinks: 0,
    text: undefined,
  });
  expect(found.text).toContain(data.documents[0]!.title);
  expect(found.text).toContain(PAYLOADS[16]);
  expect(dialogs).toEqual([]);
  expect(requests.filter((url) => !url.startsWith('data:') && url !== 'about:blank')).toEqual([]);
});
