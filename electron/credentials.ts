// The shared project's password on the desktop: encrypted with the operating system's keychain through Electron's
// safeStorage (Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet on Linux) and kept in a small file
// in userData, never in the data file. Where the system offers no encryption it is kept for the session only, never
// written in clear.
import { readJsonFile, writeJsonFileAtomic } from './json-file';
import { sessionCredentials, type CredentialStore, type Credentials } from '../annotations/node/sync-credentials';

/** The part of Electron's safeStorage this uses (tests hand in a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

interface SavedCredentials {
  username: string;
  /** The password encrypted by safeStorage, in base64. */
  encrypted: string;
}

function savedFile(path: string): Record<string, SavedCredentials> {
  const read = readJsonFile(path);
  return typeof read === 'object' && read !== null && !Array.isArray(read) ? (read as Record<string, SavedCredentials>) : {};
}

/** Credentials per database address, encrypted into `path`; for the session only where encryption is unavailable. */
export function encryptedCredentials(safeStorage: SafeStorageLike | undefined, path: string): CredentialStore {
  const session = sessionCredentials();
  const available = (): boolean => {
    try {
      return safeStorage?.isEncryptionAvailable() ?? false;
    } catch {
      return false;
    }
  };
  return {
    async save(url, credentials) {
      if (!available()) return session.save(url, credentials);
      const encrypted = safeStorage!.encryptString(credentials.password).toString('base64');
      writeJsonFileAtomic(path, { ...savedFile(path), [url]: { username: credentials.username, encrypted } });
    },
    async load(url): Promise<Credentials | null> {
      const saved = savedFile(path)[url];
      if (!saved || !available()) return session.load(url);
      try {
        return { username: saved.username, password: safeStorage!.decryptString(Buffer.from(saved.encrypted, 'base64')) };
      } catch {
        return null; // Encrypted by another user or machine: the password is asked for again.
      }
    },
    async forget(url) {
      await session.forget(url);
      const { [url]: _gone, ...rest } = savedFile(path);
      writeJsonFileAtomic(path, rest);
    },
  };
}
