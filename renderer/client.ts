// The one client of the host contract: the same GlossHost over the desktop bridge (IPC) or over HTTP.
import { METHOD_NAMES, type GlossHost, type MethodName, type ShellCapabilities } from '../annotations/contract';
import { fromErrorPayload, GlossError, type Envelope } from '../annotations/errors';

/** What the desktop preload puts on window.gloss: each method answers an envelope. */
type EnvelopeBridge = { [K in MethodName]: (input: unknown) => Promise<Envelope<unknown>> } & {
  shell?: {
    onMenuCommand?: ShellCapabilities['onMenuCommand'];
    saveFile?(input: unknown): Promise<Envelope<{ path: string | null }>>;
    savePdf?(input: unknown): Promise<Envelope<{ path: string | null }>>;
    onFlushRequest?(flush: () => Promise<void>): () => void;
    onImportRequest?(importHtml: (file: { fileName: string; dataBase64: string }) => Promise<string>): () => void;
  };
};

/** A host client and the shell capabilities its transport offers. */
export interface Client {
  host: GlossHost;
  shell: ShellCapabilities;
  transport: 'ipc' | 'http';
  /** Desktop only: registers what the page saves when the app quits; the shell waits for it. */
  onFlushRequest?(flush: () => Promise<void>): void;
  /** Desktop only: registers how the page imports an HTML file the shell was asked to open (answers the document's id). */
  onImportRequest?(importHtml: (file: { fileName: string; dataBase64: string }) => Promise<string>): void;
}

function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope && envelope.ok === true) return envelope.value;
  if (envelope && envelope.ok === false) throw fromErrorPayload(envelope.error);
  throw new GlossError('internal', 'The host answered with something that is not an envelope.');
}

function buildHost(call: (method: MethodName, input: unknown) => Promise<Envelope<unknown>>): GlossHost {
  const host = {} as Record<MethodName, (input: unknown) => Promise<unknown>>;
  for (const method of METHOD_NAMES) host[method] = async (input) => unwrap(await call(method, input ?? {}));
  return host as unknown as GlossHost;
}

/** The token the browser edition printed in the address the user opened. */
function tokenFromLocation(): string {
  return new URLSearchParams(window.location.search).get('token') ?? '';
}

async function httpCall(method: MethodName, input: unknown, token: string): Promise<Envelope<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gloss-token': token },
      body: JSON.stringify(input),
    });
  } catch {
    throw new GlossError('storage', 'Gloss cannot reach its server: is `npm run web` still running?');
  }
  try {
    return (await response.json()) as Envelope<unknown>;
  } catch {
    throw new GlossError('internal', `The server answered ${response.status} without a readable body.`);
  }
}

/** Picks the transport that is present: the desktop bridge when the preload put one there, HTTP otherwise. */
export function createClient(): Client {
  const bridge = (window as unknown as { gloss?: EnvelopeBridge }).gloss;
  if (bridge) {
    const desktop = bridge.shell ?? {};
    const shell: ShellCapabilities = { onMenuCommand: desktop.onMenuCommand };
    const { saveFile, savePdf } = desktop;
    if (saveFile) shell.saveFile = async (input) => unwrap(await saveFile(input));
    if (savePdf) shell.savePdf = async (input) => unwrap(await savePdf(input));
    const client: Client = { host: buildHost((method, input) => bridge[method](input)), shell, transport: 'ipc' };
    const { onFlushRequest, onImportRequest } = desktop;
    if (onFlushRequest) client.onFlushRequest = (flush) => void onFlushRequest(flush);
    if (onImportRequest) client.onImportRequest = (importHtml) => void onImportRequest(importHtml);
    return client;
  }
  const token = tokenFromLocation();
  return { host: buildHost((method, input) => httpCall(method, input, token)), shell: {}, transport: 'http' };
}
