// The host side of both transports: route a named call to the service and wrap the outcome in an envelope.
import { isMethodName, type GlossHost } from './contract';
import { GlossError, toErrorPayload, type Envelope } from './errors';

/** Calls `method` on the host with `input`; never throws, so no input can crash a transport. */
export async function dispatch(host: GlossHost, method: string, input: unknown): Promise<Envelope<unknown>> {
  try {
    if (!isMethodName(method)) throw new GlossError('unknown-method', `Unknown method: ${method.slice(0, 60)}`);
    const call = host[method] as (arg: unknown) => Promise<unknown>;
    return { ok: true, value: await call.call(host, input ?? {}) };
  } catch (error) {
    return { ok: false, error: toErrorPayload(error) };
  }
}
