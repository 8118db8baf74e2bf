// `npm start`: opens Gloss's desktop window, or the browser edition where the Electron binary is
// missing or cannot run (as root on Linux).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary, rootSandboxProblem } from './electron-binary';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const electron = findElectronBinary();
const problem = electron.available
  ? rootSandboxProblem(process.getuid?.(), process.platform, process.env)
  : 'the Electron binary is not installed here';

const command = electron.available && !problem ? electron.executablePath : process.execPath;
const commandArgs =
  electron.available && !problem ? [join(root, 'dist/electron/main.cjs'), ...args] : [join(root, 'dist/web/cli.mjs'), ...args];
if (problem) console.log(`Gloss: ${problem}, so the browser edition starts instead.`);

const child = spawn(command, commandArgs, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
