// The main process's link to the page: commands wait until the page says it listens, a window is
// opened for them when there is none, an HTML import is the page's answer, and the quit's flush
// waits for the page's answer or a timeout.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MENU_CHANNEL, type MenuCommand } from '../../../annotations/contract';
import { FLUSH_REQUEST_CHANNEL, IMPORT_REQUEST_CHANNEL } from '../../../electron/page-channels';
import { createPageLink, type PageContents } from '../../../electron/page-link';

/** A web contents that records what reaches it. */
function contents(): PageContents & { sent: { channel: string; args: unknown[] }[]; destroyed: boolean } {
  return {
    sent: [],
    destroyed: false,
    send(channel, ...args) {
      this.sent.push({ channel, args });
    },
    isDestroyed() {
      return this.destroyed;
    },
  };
}

const show = (documentId: string): MenuCommand => ({ kind: 'show-document', documentId });

describe('createPageLink', () => {
  it('holds commands until the page listens, then sends them in order and only then resolves', async () => {
    let windowsAsked = 0;
    const link = createPageLink(() => void windowsAsked++);
    const first = contents();
    const settled: string[] = [];
    const a = link.deliver(show('a')).then(() => settled.push('a'));
    const b = link.deliver(show('b')).then(() => settled.push('b'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(settled, [], 'not delivered before the page listens');
    assert.equal(windowsAsked, 2, 'a window is asked for (main opens one only when there is none)');
    link.pageReady(first);
    await Promise.all([a, b]);
    assert.deepEqual(settled, ['a', 'b']);
    assert.deepEqual(first.sent, [
      { channel: MENU_CHANNEL, args: [show('a')] },
      { channel: MENU_CHANNEL, args: [show('b')] },
    ]);
    await link.deliver(show('c'));
    assert.equal(first.sent.length, 3, 'sent at once while the page listens');
  });

  it('waits again after the page went away, for the next page that listens', async () => {
    const link = createPageLink(() => undefined);
    const closed = contents();
    link.pageReady(closed);
    link.pageGone(closed);
    let delivered = false;
    const pending = link.deliver(show('x')).then(() => (delivered = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(delivered, false);
    const reopened = contents();
    link.pageReady(reopened);
    await pending;
    assert.deepEqual(closed.sent, []);
    assert.deepEqual(reopened.sent, [{ channel: MENU_CHANNEL, args: [show('x')] }]);
  });

  it('treats a destroyed web contents as gone', async () => {
    const link = createPageLink(() => undefined);
    const page = contents();
    link.pageReady(page);
    page.destroyed = true;
    assert.equal(await link.flush(50), 'no-page');
  });

  it("flushes: resolves on the page's answer to its own token, not another page's or another token", async () => {
    const link = createPageLink(() => undefined);
    const page = contents();
    const other = contents();
    link.pageReady(page);
    const outcome = link.flush(5000);
    const request = page.sent.find((message) => message.channel === FLUSH_REQUEST_CHANNEL);
    assert.ok(request, 'the page is asked to flush');
    const token = request.args[0];
    let settled = false;
    void outcome.then(() => (settled = true));
    link.answered(other, token, { ok: true });
    link.answered(page, 'forged', { ok: true });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(settled, false);
    link.answered(page, token, { ok: true });
    assert.equal(await outcome, 'flushed');
  });

  it('gives up on a page that does not answer, and does not wait for a page that went away', async () => {
    const link = createPageLink(() => undefined);
    const page = contents();
    link.pageReady(page);
    const started = Date.now();
    assert.equal(await link.flush(60), 'timed-out');
    assert.ok(Date.now() - started >= 55);
    const pending = link.flush(5000);
    link.pageGone(page);
    assert.equal(await pending, 'no-page');
    assert.equal(await createPageLink(() => undefined).flush(5000), 'no-page');
  });

  it("imports HTML through the page once it listens: the page's id, or its reason, or the window closing", async () => {
    const link = createPageLink(() => undefined);
    const file = { fileName: 'tariffs.html', dataBase64: 'PGgxPg==' };
    const imported = link.importHtml(file);
    const page = contents();
    link.pageReady(page);
    await new Promise((resolve) => setImmediate(resolve));
    const [token, sentFile] = page.sent.find((message) => message.channel === IMPORT_REQUEST_CHANNEL)!.args;
    assert.deepEqual(sentFile, file);
    link.answered(page, token, { ok: true, documentId: 'tariffs' });
    assert.equal(await imported, 'tariffs');

    const refused = link.importHtml(file);
    await new Promise((resolve) => setImmediate(resolve));
    link.answered(page, page.sent.at(-1)!.args[0], { ok: false, message: '"tariffs.html" holds no text.' });
    await assert.rejects(refused, /holds no text/);

    const odd = link.importHtml(file);
    await new Promise((resolve) => setImmediate(resolve));
    link.answered(page, page.sent.at(-1)!.args[0], 'yes');
    await assert.rejects(odd, /unexpected/);

    const orphaned = link.importHtml(file);
    await new Promise((resolve) => setImmediate(resolve));
    link.pageGone(page);
    await assert.rejects(orphaned, /window closed/);
  });
});
