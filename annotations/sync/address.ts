// The shared project's address: what Gloss accepts as a CouchDB database URL, and how it is shown. TLS is required
// for any host that is not this machine, since credentials and coding would otherwise cross the network in clear.
import { GlossError } from '../errors';

// The WHATWG URL parser, which every place Gloss runs has (Node, Chromium); declared here because the domain is
// checked without the DOM's or Node's types.
declare const URL: new (input: string) => {
  protocol: string;
  hostname: string;
  host: string;
  username: string;
  password: string;
  pathname: string;
  search: string;
  hash: string;
};

/** A checked database address: where to connect, and the same without credentials for showing and logging. */
export interface DatabaseAddress {
  /** The URL without user name or password. */
  url: string;
  /** Whether the host is this machine (127.0.0.0/8, ::1, localhost). */
  loopback: boolean;
}

/** The longest address accepted. */
export const MAX_URL_CHARS = 2_000;

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Checks a database URL: http or https with a database name in its path, https unless the host is this machine,
 * no query or fragment. Credentials written into the URL are refused, so they never end up shown or stored with it.
 */
export function checkDatabaseAddress(raw: string): DatabaseAddress {
  let parsed: InstanceType<typeof URL>;
  try {
    parsed = new URL(raw.trim());
  } catch {
    throw new GlossError('invalid-input', 'The address is not a URL; it looks like https://couch.example.org/project.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new GlossError('invalid-input', `The address must start with https:// (not ${parsed.protocol}).`);
  }
  const loopback = isLoopbackHost(parsed.hostname);
  if (parsed.protocol === 'http:' && !loopback) {
    throw new GlossError(
      'invalid-input',
      `${parsed.hostname} is not this machine, so the address must use https:// (TLS): over http the password and the coding would cross the network in clear.`,
    );
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new GlossError('invalid-input', 'Give the user name and password in their own fields, not inside the address.');
  }
  if (parsed.search !== '' || parsed.hash !== '') throw new GlossError('invalid-input', 'The address must not have a ?query or #fragment.');
  const path = parsed.pathname.replace(/\/+$/, '');
  if (path === '' || path === '/') {
    throw new GlossError('invalid-input', 'The address must name a database, e.g. https://couch.example.org/project.');
  }
  return { url: `${parsed.protocol}//${parsed.host}${path}`, loopback };
}
