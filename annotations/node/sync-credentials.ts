// Where the shared project's password is kept. The service never writes it into the data folder: the browser
// edition keeps it for the session only (this module's default), the desktop app hands in a store that encrypts it
// with the operating system's keychain (electron/credentials.ts, through Electron's safeStorage).

/** A user name and password for one database address. */
export interface Credentials {
  username: string;
  password: string;
}

/** Keeps credentials per database address. */
export interface CredentialStore {
  save(url: string, credentials: Credentials): Promise<void>;
  load(url: string): Promise<Credentials | null>;
  forget(url: string): Promise<void>;
}

/** Credentials kept in memory for as long as the host runs (the browser edition's). */
export function sessionCredentials(): CredentialStore {
  const kept = new Map<string, Credentials>();
  return {
    save: async (url, credentials) => void kept.set(url, { ...credentials }),
    load: async (url) => kept.get(url) ?? null,
    forget: async (url) => void kept.delete(url),
  };
}
