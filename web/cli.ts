// `npm run web`: starts the browser edition on 127.0.0.1 and prints its address with the launch token.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../annotations/node/data-dir';
import { faultyFileOps, nodeFileOps, type Fault } from '../annotations/node/file-ops';
import { GlossService } from '../annotations/node/service';
import { SAMPLE_DOCUMENT } from '../annotations/node/sample';
import { startWebServer } from './server';

declare const GLOSS_VERSION: string;

const USAGE = `Usage: npm run web -- [--port N] [--data-dir DIR]
  --port N        listen on 127.0.0.1:N (default: a free port)
  --data-dir DIR  keep annotations in DIR (default: ${defaultDataDir()})`;

/**
 * End-to-end test hook: when GLOSS_FAULT_FILE names a file, each write reads it and fails as it
 * says ("write ENOSPC", "rename EPERM", ...), the way a full or read-only disk would.
 */
function faultsFromFile(path: string | undefined) {
  if (!path) return nodeFileOps;
  return faultyFileOps(nodeFileOps, (): Fault | null => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8').trim();
    } catch {
      return null;
    }
    const [on, code] = text.split(/\s+/);
    if ((on === 'write' || on === 'rename') && (code === 'ENOSPC' || code === 'EACCES' || code === 'EPERM' || code === 'EIO')) {
      return { on, code };
    }
    return null;
  });
}

async function main(): Promise<void> {
  let values: { port?: string; 'data-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
    process.exit(2);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const sampleText = await readFile(join(here, '..', 'samples', SAMPLE_DOCUMENT.file), 'utf8');
  const service = await GlossService.open({
    dataDir,
    fs: faultsFromFile(process.env.GLOSS_FAULT_FILE),
    edition: 'browser',
    version: typeof GLOSS_VERSION === 'string' ? GLOSS_VERSION : 'dev',
    samples: [{ id: SAMPLE_DOCUMENT.id, source: SAMPLE_DOCUMENT.file, text: sampleText }],
  });
  const server = await startWebServer({ host: service, rendererDir: join(here, '..', 'renderer'), port });
  console.log(`Gloss browser edition: ${server.url}`);
  console.error(`Data folder: ${dataDir} (Ctrl+C to stop)`);
  for (const notice of (await service.getStatus({})).notices) console.error(`Notice: ${notice}`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await service.close();
    console.error(`Gloss stopped (${signal}); everything is saved.`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(`Gloss could not start: ${code === 'EADDRINUSE' ? 'that port is already in use' : (error as Error).message}`);
  process.exit(1);
});
