// The one client of the host contract: the same GlossHost over the desktop bridge (IPC) or over HTTP.
import { METHOD_NAMES, type DesktopBridge, type GlossHost, type MethodName, type ShellCapabilities } from '../annotations/contract';
import { fromErrorPayload, GlossError, type Envelope } from '../annotations/errors';

/** A host client and the shell capabilities its transport offers. */
export interface Client {
  host: GlossHost;
  shell: ShellCapabilities;
  transport: 'ipc' | 'http';
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
  const bridge = (window as unknown as { gloss?: DesktopBridge }).gloss;
  if (bridge) {
    const { onMenuCommand, onFlushRequest, onImportRequest, saveFile, savePdf } = bridge.shell;
    const shell: ShellCapabilities = {
      onMenuCommand,
      onFlushRequest,
      onImportRequest,
      saveFile: async (input) => unwrap(await saveFile(input)),
      savePdf: async (input) => unwrap(await savePdf(input)),
    };
    const host = buildHost((method, input) => (bridge[method] as (input: unknown) => Promise<Envelope<unknown>>)(input));
    return { host, shell, transport: 'ipc' };
  }
  const token = tokenFromLocation();
  return { host: buildHost((method, input) => httpCall(method, input, token)), shell: {}, transport: 'http' };
}
