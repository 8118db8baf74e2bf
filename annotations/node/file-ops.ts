// The few file-system calls the store makes, behind one interface so tests can inject faults (disk full, permission denied).
import * as fsp from 'node:fs/promises';
import { errorMessage } from '../errors';

/** The file-system calls the store uses; Node's by default. */
export interface FileOps {
  open: typeof fsp.open;
  readFile(path: string): Promise<Buffer>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, created: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  rm(path: string, options?: { force?: boolean; recursive?: boolean }): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<string | undefined>;
  access(path: string): Promise<void>;
}

/** Node's own file system. */
export const nodeFileOps: FileOps = {
  open: fsp.open,
  readFile: (path) => fsp.readFile(path),
  rename: fsp.rename,
  link: fsp.link,
  copyFile: (from, to) => fsp.copyFile(from, to),
  readdir: (path) => fsp.readdir(path),
  rm: fsp.rm,
  mkdir: fsp.mkdir,
  access: (path) => fsp.access(path),
};

/** Flushes a folder's entries (a created or renamed file is durable only then; not possible on Windows). */
export async function syncFolder(fs: FileOps, folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Whether a file or folder is there. */
export async function exists(fs: FileOps, path: string): Promise<boolean> {
  return fs.access(path).then(
    () => true,
    () => false,
  );
}

/** A file's bytes, or null when it does not exist (other errors are thrown). */
export async function readIfThere(fs: FileOps, path: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Which call fails, and with which error code. */
export interface Fault {
  /**
   * "write" fails writing file contents (a data file's temp file, or an append to the journal),
   * "sync" fails flushing a written file to disk, "rename" fails replacing the data file.
   */
  on: 'write' | 'sync' | 'rename';
  code: 'ENOSPC' | 'EACCES' | 'EPERM' | 'EIO';
}

function faultError(code: Fault['code'], syscall: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: injected fault, ${syscall}`);
  error.code = code;
  error.syscall = syscall;
  return error;
}

/** Whether an open flag lets the handle write ('w', 'a', 'r+', 'wx', 'a+', ...; not 'r'). */
function writable(flags: unknown): boolean {
  return typeof flags === 'string' && flags !== 'r' && flags !== 'rs';
}

const WRITES = new Set(['writeFile', 'write', 'appendFile', 'writev']);
const SYNCS = new Set(['sync', 'datasync']);

/**
 * Wraps file operations so that the fault `current()` names (if any) happens, as a full disk or
 * a read-only folder would make it happen. Used by tests, and by the browser edition only when
 * GLOSS_FAULT_FILE names a file holding such a fault (an end-to-end test hook). The fault is
 * asked for at the moment of each write, sync or rename (once per call), so a handle opened
 * before the disk filled up fails too.
 */
export function faultyFileOps(base: FileOps, current: () => Fault | null): FileOps {
  return {
    ...base,
    open: (async (...args: Parameters<typeof fsp.open>) => {
      const handle = await base.open(...args);
      if (!writable(args[1])) return handle;
      // The file opens, then writing into it (or flushing it) fails, as on a full disk.
      return new Proxy(handle, {
        get(target, prop, receiver) {
          const value: unknown = Reflect.get(target, prop, receiver);
          if (typeof value !== 'function') return value;
          const method = (value as (...a: unknown[]) => unknown).bind(target);
          if (typeof prop !== 'string' || (!WRITES.has(prop) && !SYNCS.has(prop))) return method;
          return async (...callArgs: unknown[]) => {
            const fault = current();
            if (fault?.on === 'write' && WRITES.has(prop)) throw faultError(fault.code, 'write');
            if (fault?.on === 'sync' && SYNCS.has(prop)) throw faultError(fault.code, 'fsync');
            return method(...callArgs);
          };
        },
      });
    }) as typeof fsp.open,
    rename: async (from, to) => {
      const fault = current();
      if (fault?.on === 'rename') throw faultError(fault.code, 'rename');
      return base.rename(from, to);
    },
  };
}

/** Words for an error code that a reader understands. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EACCES':
    case 'EPERM':
      return 'permission was denied';
    case 'EROFS':
      return 'the disk is read-only';
    case 'EIO':
      return 'the disk reported an input/output error';
    case 'ENOENT':
    case 'ENOTDIR':
      return 'the data folder is gone';
    default:
      return code ? `the system reported ${code}` : errorMessage(error);
  }
}
