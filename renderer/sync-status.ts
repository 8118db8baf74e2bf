// The shared project's status in the status area, beside the save status: what the replication is doing (up to
// date, offline with changes queued, an error with its reason, conflicts and codebook proposals waiting), asked of
// the host every few seconds. When changes from other machines have been written, the reader reads them in.
import type { GlossHost, SyncStatus } from '../annotations/contract';
import { byId, h } from './ui/dom';

/** How often the status is asked for (ms). */
const POLL_MS = 2_000;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The status in words, as the status area and the Shared project dialog say it. */
export function describeSyncStatus(status: SyncStatus, now = new Date()): string {
  if (status.state === 'off') return status.error ? `Not shared: ${status.error}` : 'Not shared';
  const parts: string[] = [];
  if (status.state === 'connecting') parts.push('Shared: connecting…');
  else if (status.state === 'offline') {
    parts.push(status.queued > 0 ? `Shared: offline, ${plural(status.queued, 'change')} queued` : 'Shared: offline');
  } else if (status.state === 'error') parts.push(`Shared: error: ${status.error ?? 'unknown'}`);
  else if (status.queued > 0) parts.push(`Shared: sending ${plural(status.queued, 'change')}`);
  else {
    const when = status.lastSynced ? new Date(status.lastSynced) : null;
    const time = when ? when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : null;
    const today = when ? when.toDateString() === now.toDateString() : false;
    parts.push(time ? `Shared: last synced ${today ? time : when!.toLocaleString()}` : 'Shared: connected');
  }
  if (status.conflicts > 0) parts.push(plural(status.conflicts, 'conflict'));
  if (status.proposals > 0) parts.push(plural(status.proposals, 'codebook proposal'));
  return parts.join(' · ');
}

/** The status in a few words for the status area, which shares the toolbar's row (the full words are its title). */
export function shortSyncStatus(status: SyncStatus): string {
  const parts: string[] = [];
  if (status.state === 'off') parts.push('Not shared');
  else if (status.state === 'connecting') parts.push('Connecting…');
  else if (status.state === 'offline') parts.push(status.queued > 0 ? `Offline · ${status.queued} queued` : 'Offline');
  else if (status.state === 'error') parts.push('Sync error');
  else if (status.queued > 0) parts.push(`Sending ${status.queued}`);
  else if (status.lastSynced) {
    parts.push(`Synced ${new Date(status.lastSynced).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`);
  } else parts.push('Shared');
  if (status.conflicts > 0) parts.push(plural(status.conflicts, 'conflict'));
  if (status.proposals > 0) parts.push(plural(status.proposals, 'proposal'));
  return parts.join(' · ');
}

/**
 * The fewest words, for a narrow window: a sign for sharing (the word "Offline" offline: "off 1" read as a switch),
 * what is queued, a mark for trouble.
 */
export function tinySyncStatus(status: SyncStatus): string {
  const sign = status.state === 'offline' ? 'Offline' : '⇅';
  const trouble = status.state === 'error' || status.conflicts > 0 ? ' !' : '';
  return `${sign}${status.queued > 0 ? ` ${status.queued}` : ''}${trouble}`;
}

/** The status button in the status area. */
export class SyncStatusView {
  readonly element: HTMLButtonElement;
  private applied: number | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last: SyncStatus | null = null;

  /**
   * `open`: what a click does (the Shared project dialog). `arrived`: called when changes from other machines were
   * written to the data folder since the last look, so the reader reads the document and the layers again.
   */
  constructor(
    private readonly host: GlossHost,
    open: () => void,
    private readonly arrived: () => Promise<void>,
  ) {
    this.element = h('button', {
      props: { type: 'button', id: 'sync-status', className: 'sync-status', hidden: true },
      attrs: { 'aria-live': 'polite', 'aria-haspopup': 'dialog' },
      on: { click: () => open() },
    });
    byId('save-state').after(this.element);
  }

  /** The status last read. */
  get status(): SyncStatus | null {
    return this.last;
  }

  /** Starts asking the host (and asks now). */
  start(): void {
    void this.refresh();
  }

  /** Asks the host now and shows what it says; answers the status. */
  async refresh(): Promise<SyncStatus | null> {
    clearTimeout(this.timer);
    try {
      const status = await this.host.getSyncStatus({});
      this.show(status);
      if (this.applied !== null && status.applied !== this.applied) await this.arrived();
      this.applied = status.applied;
    } catch {
      // A host that cannot answer now is asked again at the next turn; the save status says what failed.
    }
    this.timer = setTimeout(() => void this.refresh(), POLL_MS);
    return this.last;
  }

  private show(status: SyncStatus): void {
    this.last = status;
    const text = describeSyncStatus(status);
    const short = shortSyncStatus(status);
    this.element.hidden = status.state === 'off' && status.error === null;
    if (this.element.dataset.short !== short) {
      this.element.dataset.short = short;
      this.element.replaceChildren(h('span', 'sync-long', short), h('span', 'sync-tiny', tinySyncStatus(status)));
    }
    this.element.title = `${text}. Open the shared project's settings.`;
    this.element.setAttribute('aria-label', `${text}. Shared project settings`);
    this.element.dataset.state = status.state;
    this.element.classList.toggle('needs-attention', status.state === 'error' || status.conflicts > 0 || status.proposals > 0);
  }
}
