// Builds every bundle into dist/: the renderer, the Electron main and preload, the browser-edition host, and the sample.
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// GLOSS_OUT_DIR builds somewhere else than dist/ (tests/unit/shell/packaging.test.ts packages a fresh build there).
const dist = process.env.GLOSS_OUT_DIR ? resolve(process.env.GLOSS_OUT_DIR) : join(root, 'dist');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
const production = process.env.NODE_ENV === 'production' || process.argv.includes('--production');

const common: BuildOptions = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  define: { GLOSS_VERSION: JSON.stringify(pkg.version) },
  metafile: true,
};

/** Puts annotations/node/sync-pouch-unavailable.ts where sync-pouch-load.ts is imported. */
const withoutPouch: Plugin = {
  name: 'without-pouch',
  setup(build) {
    build.onResolve({ filter: /\/sync-pouch-load$/ }, () => ({ path: join(root, 'annotations/node/sync-pouch-unavailable.ts') }));
  },
};

await rm(dist, { recursive: true, force: true });
const results = await Promise.all([
  build({
    ...common,
    entryPoints: { main: join(root, 'renderer/main.ts'), styles: join(root, 'renderer/styles.css') },
    outdir: join(dist, 'renderer'),
    platform: 'browser',
    format: 'iife',
    target: ['chrome120'],
  }),
  build({
    ...common,
    entryPoints: { main: join(root, 'electron/main.ts'), preload: join(root, 'electron/preload.ts') },
    outdir: join(dist, 'electron'),
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    format: 'cjs',
    target: ['node22'],
    // The package carries no node_modules, so not LevelDB's native module, which the shared project's local database
    // needs: the packaged app says sharing is not in this build (sync-pouch-unavailable.ts) until it is packaged. Run
    // from the repository (npm start), it loads the module from node_modules.
    external: production ? ['electron'] : ['electron', 'leveldown'],
    plugins: production ? [withoutPouch] : [],
  }),
  build({
    ...common,
    entryPoints: { cli: join(root, 'web/cli.ts') },
    outdir: join(dist, 'web'),
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    // CommonJS dependencies (proper-lockfile) call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as glossCreateRequire } from 'node:module'; const require = glossCreateRequire(import.meta.url);",
    },
    target: ['node20'],
    // LevelDB's native module finds its prebuilt binary beside its own files, in node_modules.
    external: ['leveldown'],
  }),
]);
await mkdir(join(dist, 'samples'), { recursive: true });
await copyFile(join(root, 'renderer/index.html'), join(dist, 'renderer/index.html'));
await copyFile(join(root, 'samples/canada-china-trust.txt'), join(dist, 'samples/canada-china-trust.txt'));

const sizes = results.flatMap((result) =>
  Object.entries(result.metafile!.outputs)
    .filter(([file]) => !file.endsWith('.map'))
    .map(([file, output]) => `${relative(dist, resolve(root, file))} ${(output.bytes / 1024).toFixed(1)} KiB`),
);
if (!process.argv.includes('--quiet')) console.log(`Built ${sizes.join(', ')}`);
