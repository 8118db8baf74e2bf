// The Shared project dialog (Tools → Shared project…): the CouchDB database a team shares its coding through
// (address, user name, password; Connect, Disconnect), what the replication is doing, the conflicts of the own layer
// with every version to pick from, the codebook changes other coders propose, and the documents the server sent
// that were refused.
import type { Codebook } from '../../annotations/codebook';
import type { CodebookProposal, GlossHost, SyncConflict, SyncStatus } from '../../annotations/contract';
import { errorMessage } from '../../annotations/errors';
import { describeSyncStatus } from '../sync-status';
import { button, byId, h } from '../ui/dom';
import { field, fieldset } from '../ui/fields';
import { build, closer, kept, open } from './dialog';

/** What the dialog needs from the window. */
export interface SyncDialogContext {
  host: GlossHost;
  codebook: Codebook;
  /** Where the password is kept: encrypted by the system (desktop) or for this session only (browser edition). */
  passwordKept: 'encrypted' | 'session';
  /** After anything that changed the data folder or the status: the reader reads them again. */
  changed(): Promise<void>;
  announce(message: string): void;
}

function syncDialog(): HTMLDialogElement {
  return kept(
    'sync-dialog',
    () =>
      build({
        id: 'sync-dialog',
        className: 'sync-dialog',
        title: 'Shared project',
        description:
          'Share your coding with your team through a CouchDB database: your own highlights, the texts they are on and your codebook go to the server; your colleagues’ layers come back, read-only. Edits made offline are kept and sent later.',
        body: [
          fieldset('Server', [
            field(
              'Database address',
              h('input', {
                props: {
                  id: 'sync-url',
                  type: 'url',
                  placeholder: 'https://couch.example.org/project',
                  maxLength: 2000,
                  spellcheck: false,
                },
              }),
              'sync-field',
            ),
            field(
              'User name',
              h('input', { props: { id: 'sync-user', type: 'text', maxLength: 1000, autocomplete: 'username' } }),
              'sync-field',
            ),
            field(
              'Password',
              h('input', { props: { id: 'sync-password', type: 'password', maxLength: 1000, autocomplete: 'current-password' } }),
              'sync-field',
            ),
            h('p', { props: { id: 'sync-password-note', className: 'help' } }),
            h(
              'div',
              'sync-buttons',
              h('button', { props: { type: 'button', id: 'sync-connect' } }, 'Connect'),
              h('button', { props: { type: 'button', id: 'sync-disconnect' } }, 'Disconnect'),
            ),
          ]),
          h('p', { props: { id: 'sync-state', className: 'sync-state' }, attrs: { role: 'status', 'aria-live': 'polite' } }),
          h('section', {
            props: { id: 'sync-conflicts', className: 'sync-section' },
            attrs: { 'aria-labelledby': 'sync-conflicts-title' },
          }),
          h('section', {
            props: { id: 'sync-proposals', className: 'sync-section' },
            attrs: { 'aria-labelledby': 'sync-proposals-title' },
          }),
          h('section', { props: { id: 'sync-refused', className: 'sync-section' }, attrs: { 'aria-labelledby': 'sync-refused-title' } }),
        ],
        actions: [closer('Close', 'sync-close')],
      }).dialog,
  );
}

function labelsOf(ids: readonly string[], codebook: Codebook): string {
  return ids.map((id) => codebook.find((t) => t.id === id)?.label ?? id).join(', ') || 'no theme';
}

function conflictItem(conflict: SyncConflict, codebook: Codebook, keep: (rev: string) => void): HTMLLIElement {
  const versions = conflict.versions.map((v, i) =>
    h(
      'li',
      'sync-version',
      h('span', null, v.exists ? `${labelsOf(v.themes, codebook)}${v.note ? ` — “${v.note}”` : ''}` : 'Deleted'),
      v.modified ? h('span', 'help', ` (saved ${new Date(v.modified).toLocaleString()})`) : null,
      ' ',
      button('Keep this version', () => keep(v.rev), { attrs: { 'aria-label': `Keep version ${i + 1} of “${conflict.quote}”` } }),
    ),
  );
  return h('li', 'sync-conflict', h('p', null, `“${conflict.quote}” was saved differently on two computers:`), h('ul', null, ...versions));
}

function proposalItem(proposal: CodebookProposal, answer: (accept: boolean) => void): HTMLLIElement {
  const words = [
    proposal.added.length > 0 ? `adds ${proposal.added.map((t) => `“${t.label}”`).join(', ')}` : null,
    proposal.changed.length > 0 ? `changes ${proposal.changed.map((t) => `“${t.label}”`).join(', ')}` : null,
  ].filter(Boolean);
  return h(
    'li',
    'sync-proposal',
    h('span', null, `${proposal.coder}’s codebook ${words.join(' and ')}. `),
    button('Accept', () => answer(true), { attrs: { 'aria-label': `Accept ${proposal.coder}’s codebook changes` } }),
    ' ',
    button('Dismiss', () => answer(false), { attrs: { 'aria-label': `Dismiss ${proposal.coder}’s codebook changes` } }),
  );
}

function section(element: HTMLElement, title: string, items: HTMLElement[]): void {
  element.hidden = items.length === 0;
  element.replaceChildren(h('h3', { props: { id: `${element.id}-title` } }, title), h('ul', 'sync-list', ...items));
}

/** Opens the dialog with the host's status, conflicts and proposals. */
export async function showSyncDialog(context: SyncDialogContext): Promise<void> {
  const dialog = syncDialog();
  const url = byId<HTMLInputElement>('sync-url');
  const user = byId<HTMLInputElement>('sync-user');
  const password = byId<HTMLInputElement>('sync-password');
  const state = byId('sync-state');
  byId('sync-password-note').textContent =
    context.passwordKept === 'encrypted'
      ? 'The password is kept encrypted by your system’s keychain, never in the data folder.'
      : 'The browser edition keeps the password for this session only: you give it again after a restart.';
  const say = (text: string, error = false): void => {
    state.textContent = text;
    state.classList.toggle('is-error', error);
    if (!error) context.announce(text);
  };
  const act = async (run: () => Promise<unknown>, done?: string): Promise<void> => {
    try {
      await run();
      await context.changed();
      await refresh();
      if (done) say(done);
    } catch (error) {
      say(errorMessage(error), true);
    }
  };
  const refresh = async (): Promise<void> => {
    const [status, conflicts, proposals] = await Promise.all([
      context.host.getSyncStatus({}),
      context.host.listSyncConflicts({}),
      context.host.listCodebookProposals({}),
    ]);
    show(status);
    section(
      byId('sync-conflicts'),
      'Conflicts',
      conflicts.map((c) =>
        conflictItem(
          c,
          context.codebook,
          (rev) =>
            void act(
              () => context.host.resolveSyncConflict({ annotationId: c.annotationId, rev }),
              `Kept the chosen version of “${c.quote}”.`,
            ),
        ),
      ),
    );
    section(
      byId('sync-proposals'),
      'Codebook proposals',
      proposals.map((p) =>
        proposalItem(
          p,
          (accept) =>
            void act(
              () => context.host.answerCodebookProposal({ coder: p.coder, accept }),
              accept ? `Took in ${p.coder}’s codebook changes.` : `Dismissed ${p.coder}’s codebook changes.`,
            ),
        ),
      ),
    );
    section(
      byId('sync-refused'),
      'Refused from the server',
      status.refused.map((r) => h('li', null, h('code', null, r.id), `: ${r.reason}`)),
    );
  };
  const show = (status: SyncStatus): void => {
    if (status.url && url.value === '') url.value = status.url;
    if (status.username && user.value === '') user.value = status.username;
    byId<HTMLButtonElement>('sync-disconnect').disabled = status.state === 'off';
    say(describeSyncStatus(status), status.state === 'error');
  };
  byId('sync-connect').onclick = () =>
    void act(async () => {
      const username = user.value.trim();
      await context.host.connectSync({ url: url.value.trim(), ...(username ? { username, password: password.value } : {}) });
      password.value = '';
    });
  byId('sync-disconnect').onclick = () =>
    void act(() => context.host.disconnectSync({}), 'Stopped sharing; changes made now are sent when you connect again.');
  state.textContent = '';
  try {
    await refresh();
  } catch (error) {
    say(errorMessage(error), true);
  }
  open(dialog);
}
