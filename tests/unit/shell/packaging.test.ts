// The packaged app, checked offline: electron-builder's configuration passes app-builder-lib's own
// loading and schema validation (and a bogus key fails it), targets, fuses, file associations,
// entitlements and icons are as intended, and a real electron-builder run over a fresh production
// build (against a stand-in Electron, so nothing is downloaded) yields an app.asar holding exactly
// the app: main, preload, renderer, sample, package.json, and no sources, tests, maps, modules or secrets,
// with the update feed electron-updater reads (resources/app-update.yml) as the GitHub provider's,
// from the package metadata the release workflow fills in (its own command runs here).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DOCUMENT_EXTENSIONS } from '../../../electron/documents';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const CONFIG_FILE = join(ROOT, 'electron-builder.config.cjs');
const BUILD_DIR = join(ROOT, 'build');
const RELEASE_WORKFLOW = join(ROOT, '.github/workflows/release.yml');
/** The repository the release workflow would run in, as GitHub names it in its context. */
const TEST_REPOSITORY = { url: 'https://github.com/gloss-test-owner/gloss', owner: 'gloss-test-owner', repo: 'gloss' };
const TEST_MAINTAINER = 'maintainer@gloss.test';

/** The release workflow's "Fill package metadata from the repository" command, as written there. */
function fillMetadataCommand(): string {
  const yaml = require('js-yaml') as { load(text: string): unknown };
  const workflow = yaml.load(readFileSync(RELEASE_WORKFLOW, 'utf8')) as {
    jobs: Record<string, { steps: { name?: string; run?: string }[] }>;
  };
  const step = workflow.jobs.package!.steps.find((candidate) => candidate.name === 'Fill package metadata from the repository');
  assert.ok(step?.run, 'the release workflow fills the package metadata');
  return step.run;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- electron-builder's configuration, read field by field
type Config = Record<string, any>;

// app-builder-lib has no package exports map, so its internals are reachable by path; these two are
// what `electron-builder` itself calls to read and check a configuration.
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: Config | null): Promise<Config>;
  validateConfiguration(config: Config, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (isEnabled?: boolean) => unknown };
const plist = require('plist') as { parse(xml: string): unknown };
// electron-builder's logger writes to stdout in pieces, which corrupts the protocol node:test reads
// from this process's stdout; send it nowhere.
(require('builder-util') as { log: { stream: { write(chunk: string): boolean } } }).log.stream = { write: () => true };

async function loadConfig(): Promise<Config> {
  return getConfig(ROOT, CONFIG_FILE, null);
}

async function validate(config: Config): Promise<void> {
  await validateConfiguration(config, new DebugLogger(false));
}

/** The configuration as loaded in a fresh Node with `env` (it reads the environment once, when loaded). */
async function configUnder(env: Record<string, string>): Promise<Config> {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^APPLE_|^ELECTRON_DIST$/.test(key)) clean[key] = value;
  }
  const script = `const c = require(${JSON.stringify(CONFIG_FILE)}); process.stdout.write(JSON.stringify({ notarize: c.mac.notarize, electronDist: c.electronDist ?? null }))`;
  const { stdout } = await run(process.execPath, ['-e', script], { env: { ...clean, ...env } });
  return JSON.parse(stdout) as Config;
}

function pngSize(path: string): { width: number; height: number } {
  const data = readFileSync(path);
  assert.deepEqual([...data.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${path} is not a PNG`);
  assert.equal(data.toString('latin1', 12, 16), 'IHDR', `${path} has no IHDR first`);
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

describe('the electron-builder configuration', () => {
  it("passes app-builder-lib's own loading and schema validation", async () => {
    const config = await loadConfig();
    await validate(config);
    assert.equal(config.appId, 'org.gloss.app');
    assert.equal(config.productName, 'Gloss');
    assert.match(config.copyright, /Gloss developers/);
    assert.deepEqual(config.directories, { buildResources: 'build', output: 'release' });
    assert.equal(config.asar, true);
  });

  it('fails validation for an unknown key, at the top level or inside a target', async () => {
    const config = await loadConfig();
    await assert.rejects(validate({ ...config, bogusOption: true }), /bogusOption/);
    await assert.rejects(validate({ ...config, nsis: { ...config.nsis, perUserInstall: true } }), /configuration\.nsis/);
    await assert.rejects(
      validate({ ...config, electronFuses: { ...config.electronFuses, runAsNodeX: false } }),
      /configuration\.electronFuses/,
    );
    await assert.rejects(validate({ ...config, toolsets: { appimage: '9.9.9' } }), /appimage|toolsets/);
  });

  it('packages only the built app: dist bundles and package.json, without source maps or the browser host', async () => {
    // getConfig normalises the list into one file set.
    const { files } = await loadConfig();
    assert.deepEqual(files, [{ filter: ['dist/electron/**', 'dist/renderer/**', 'dist/samples/**', 'package.json', '!**/*.map'] }]);
  });

  it('builds AppImage (with the toolset that needs no libfuse2), deb and tar.gz for Linux, in the Office category', async () => {
    const config = await loadConfig();
    assert.deepEqual(config.linux.target, ['AppImage', 'deb', 'tar.gz']);
    assert.equal(config.linux.category, 'Office');
    assert.notEqual(config.toolsets?.appimage ?? '0.0.0', '0.0.0');
  });

  it('builds a per-user NSIS installer that needs no administrator, and a portable app, for Windows', async () => {
    const config = await loadConfig();
    assert.deepEqual(
      config.win.target.map((target: Config) => target.target),
      ['nsis', 'portable'],
    );
    assert.equal(config.nsis.oneClick, false);
    assert.equal(config.nsis.perMachine, false);
    assert.equal(config.nsis.allowElevation, false);
  });

  it('builds dmg and zip for Apple silicon and Intel, hardened, with the entitlements in build/', async () => {
    const { mac } = await loadConfig();
    for (const target of mac.target) assert.deepEqual([...target.arch].sort(), ['arm64', 'x64'], target.target);
    assert.deepEqual(
      mac.target.map((target: Config) => target.target),
      ['dmg', 'zip'],
    );
    assert.equal(mac.hardenedRuntime, true);
    assert.equal(mac.entitlements, 'build/entitlements.mac.plist');
    assert.equal(mac.entitlementsInherit, 'build/entitlements.mac.plist');
  });

  it('notarises only when a complete set of Apple credentials is in the environment', async () => {
    assert.equal((await configUnder({})).notarize, false);
    assert.equal((await configUnder({ APPLE_ID: 'a@b.c', APPLE_TEAM_ID: 'T' })).notarize, false);
    assert.equal((await configUnder({ APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'p', APPLE_TEAM_ID: 'T' })).notarize, true);
    assert.equal((await configUnder({ APPLE_API_KEY: '/k.p8', APPLE_API_KEY_ID: 'K', APPLE_API_ISSUER: 'I' })).notarize, true);
  });

  it('takes Electron from ELECTRON_DIST when it is set, for packaging without a download', async () => {
    assert.equal((await configUnder({})).electronDist, null);
    assert.equal((await configUnder({ ELECTRON_DIST: '/opt/electron-zips' })).electronDist, '/opt/electron-zips');
  });

  it('sets every security fuse, and leaves cookie encryption off (no cookies; it would prompt for the keychain)', async () => {
    const { electronFuses } = await loadConfig();
    assert.equal(electronFuses.runAsNode, false);
    assert.equal(electronFuses.enableNodeCliInspectArguments, false);
    assert.equal(electronFuses.enableNodeOptionsEnvironmentVariable, false);
    assert.equal(electronFuses.onlyLoadAppFromAsar, true);
    assert.equal(electronFuses.enableEmbeddedAsarIntegrityValidation, true);
    assert.equal(electronFuses.grantFileProtocolExtraPrivileges, false);
    assert.equal(electronFuses.enableCookieEncryption, false);
  });

  it('associates every kind of document Gloss opens with it, .docx included, on Linux too', async () => {
    const { fileAssociations, linux } = await loadConfig();
    const extensions = fileAssociations.flatMap((association: Config) => [association.ext].flat());
    assert.deepEqual([...extensions].sort(), DOCUMENT_EXTENSIONS.map((ext) => ext.slice(1)).sort());
    for (const association of fileAssociations) assert.ok(association.mimeType, `${association.ext} has a MIME type for Linux`);
    assert.deepEqual([...linux.mimeTypes].sort(), fileAssociations.map((association: Config) => association.mimeType).sort());
    assert.ok(linux.mimeTypes.includes('application/vnd.openxmlformats-officedocument.wordprocessingml.document'));
  });

  it('publishes the update feed to the GitHub release, whose owner and repo package.json names', async () => {
    const { publish, linux } = await loadConfig();
    assert.deepEqual(publish, [{ provider: 'github', releaseType: 'draft' }]);
    // The deb's maintainer comes from package.json's author (filled with an e-mail at release), not a fixed name.
    assert.equal(linux.maintainer, undefined);
  });

  it('points at icons and entitlements that exist', async () => {
    const config = await loadConfig();
    for (const path of [config.linux.icon, config.win.icon, config.mac.icon, config.mac.entitlements]) {
      assert.ok(existsSync(join(ROOT, path)), path);
    }
  });
});

describe('build/ resources', () => {
  it('has a valid plist of entitlements that grants JIT and nothing else', () => {
    const xml = readFileSync(join(BUILD_DIR, 'entitlements.mac.plist'), 'utf8');
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<!DOCTYPE plist/);
    assert.deepEqual(plist.parse(xml), { 'com.apple.security.cs.allow-jit': true });
  });

  it('has every PNG size, square and as named, rendered from the SVG source', () => {
    assert.match(readFileSync(join(BUILD_DIR, 'icon.svg'), 'utf8'), /<svg[^>]+viewBox="0 0 1024 1024"/);
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      assert.deepEqual(pngSize(join(BUILD_DIR, 'icons', `${size}.png`)), { width: size, height: size }, `${size}.png`);
    }
    assert.deepEqual(pngSize(join(BUILD_DIR, 'icon.png')), { width: 512, height: 512 });
  });

  it('has a Windows .ico with a 256 px image', () => {
    const ico = readFileSync(join(BUILD_DIR, 'icon.ico'));
    assert.deepEqual([...ico.subarray(0, 4)], [0, 0, 1, 0], 'ICO header');
    const count = ico.readUInt16LE(4);
    assert.ok(count >= 4, `${count} images`);
    const widths = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256);
    assert.ok(widths.includes(256) && widths.includes(16), widths.join(','));
  });

  it('has a macOS .icns whose length matches its header', () => {
    const icns = readFileSync(join(BUILD_DIR, 'icon.icns'));
    assert.equal(icns.toString('latin1', 0, 4), 'icns');
    assert.equal(icns.readUInt32BE(4), icns.length);
    assert.ok(icns.length > 10_000);
  });
});

// Electron's fuse wire as @electron/fuses finds it: a sentinel, the wire version, its length, one byte per fuse.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_COUNT = 9;

/**
 * A stand-in for an unpacked Electron: an "electron" file carrying a fuse wire with every fuse in
 * the state opposite to what Gloss wants, so the test sees electron-builder flip each one.
 */
function makeStandInElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.from('111100110', 'latin1');
  writeFileSync(
    join(dir, 'electron'),
    Buffer.concat([Buffer.from('stand-in electron\n'), Buffer.from(FUSE_SENTINEL), Buffer.from([1, FUSE_COUNT]), wire]),
    {
      mode: 0o755,
    },
  );
  writeFileSync(join(dir, 'LICENSE'), 'stand-in');
  writeFileSync(join(dir, 'version'), '45.5.0');
}

describe('the packaged app', { timeout: 90_000 }, () => {
  let work = '';
  let resources = '';
  let appAsar = '';
  let executable = '';

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'gloss-package-'));
    const project = join(work, 'project');
    const standIn = join(work, 'electron');
    mkdirSync(project);
    copyFileSync(join(ROOT, 'package.json'), join(project, 'package.json'));
    // The project as the release workflow has it: a git checkout whose package.json it fills.
    const git = (...args: string[]) =>
      run('git', ['-c', `user.email=${TEST_MAINTAINER}`, '-c', 'user.name=Maintainer', ...args], { cwd: project });
    await git('init', '-q');
    await git('commit', '-q', '--allow-empty', '-m', 'v0 release');
    await run('bash', ['-c', fillMetadataCommand()], { cwd: project, env: { ...process.env, REPOSITORY_URL: TEST_REPOSITORY.url } });
    makeStandInElectron(standIn);
    const tsx = ['--import', 'tsx'];
    await run(process.execPath, [...tsx, join(ROOT, 'scripts/build.ts'), '--quiet'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', GLOSS_OUT_DIR: join(project, 'dist') },
    });
    const cli = require.resolve('electron-builder/cli.js');
    const output = join(work, 'release');
    await run(
      process.execPath,
      [
        cli,
        '--projectDir',
        project,
        '--config',
        CONFIG_FILE,
        '--linux',
        'dir',
        `-c.directories.output=${output}`,
        `-c.directories.buildResources=${BUILD_DIR}`,
        '-c.electronVersion=45.5.0',
      ],
      { cwd: project, env: { ...process.env, ELECTRON_DIST: standIn, CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, maxBuffer: 16 * 1024 * 1024 },
    );
    resources = join(output, 'linux-unpacked', 'resources');
    appAsar = join(resources, 'app.asar');
    executable = join(output, 'linux-unpacked', 'gloss');
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  function listing(): string[] {
    const asar = require('@electron/asar') as { listPackage(path: string, options: object): string[] };
    return asar.listPackage(appAsar, {}).map((entry) => entry.replace(/\\/g, '/').replace(/^\//, ''));
  }

  it('holds main, preload, renderer, the sample and package.json', () => {
    const files = listing();
    for (const file of [
      'package.json',
      'dist/electron/main.cjs',
      'dist/electron/preload.cjs',
      'dist/renderer/index.html',
      'dist/renderer/main.js',
      'dist/renderer/styles.css',
      'dist/samples/canada-china-trust.txt',
    ]) {
      assert.ok(files.includes(file), `${file} is missing from app.asar: ${files.join(', ')}`);
    }
  });

  it('holds no sources, tests, source maps, node_modules, browser host or secrets', () => {
    const files = listing();
    const forbidden = files.filter(
      (file) =>
        /\.(ts|tsx|map)$/.test(file) ||
        /(^|\/)(tests?|node_modules|annotations|electron|renderer|web|scripts|build)(\/|$)/.test(
          file.replace(/^dist\/(electron|renderer)(\/|$)/, ''),
        ) ||
        file.startsWith('dist/web') ||
        /(^|\/)(\.env[^/]*|\.npmrc|id_rsa[^/]*|[^/]*\.(pem|p12|pfx|key|p8))$/.test(file),
    );
    assert.deepEqual(forbidden, []);
  });

  it("resolves package.json's main inside the archive, minified and without a source map link", () => {
    const asar = require('@electron/asar') as { extractFile(archive: string, file: string): Buffer };
    const pkg = JSON.parse(asar.extractFile(appAsar, 'package.json').toString('utf8')) as Config;
    assert.equal(pkg.main, 'dist/electron/main.cjs');
    assert.ok(listing().includes(pkg.main));
    assert.equal(pkg.devDependencies, undefined, 'devDependencies are stripped');
    assert.equal(pkg.scripts, undefined, 'scripts are stripped');
    const main = asar.extractFile(appAsar, pkg.main).toString('utf8');
    assert.doesNotMatch(main, /sourceMappingURL/);
    // Minified code is long lines without indentation (template literals keep their own line breaks).
    const lines = main.split('\n');
    assert.ok(main.length / lines.length > 1000, `main.cjs is minified (${lines.length} lines, ${main.length} bytes)`);
  });

  it('needs no node_modules at run time: the bundles require only electron and Node built-ins', () => {
    const asar = require('@electron/asar') as { extractFile(archive: string, file: string): Buffer };
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    for (const bundle of ['dist/electron/main.cjs', 'dist/electron/preload.cjs']) {
      const code = asar.extractFile(appAsar, bundle).toString('utf8');
      const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]!);
      const outside = [...new Set(required)].filter((name) => name !== 'electron' && !builtins.has(name));
      assert.deepEqual(outside, [], `${bundle} requires packages that are not packaged`);
      // A sandboxed preload gets 'electron' and a few polyfills, not Node's modules.
      if (bundle.endsWith('preload.cjs')) assert.deepEqual([...new Set(required)], ['electron']);
    }
  });

  it('tells electron-updater where updates come from: the GitHub releases of the repository package.json names', () => {
    const yaml = require('js-yaml') as { load(text: string): unknown };
    const feed = yaml.load(readFileSync(join(resources, 'app-update.yml'), 'utf8'));
    assert.deepEqual(feed, {
      owner: TEST_REPOSITORY.owner,
      repo: TEST_REPOSITORY.repo,
      provider: 'github',
      releaseType: 'draft',
      updaterCacheDirName: 'gloss-updater',
    });
  });

  it('carries the homepage and the maintainer a deb needs, filled from the repository and the tagged commit', () => {
    const asar = require('@electron/asar') as { extractFile(archive: string, file: string): Buffer };
    const pkg = JSON.parse(asar.extractFile(appAsar, 'package.json').toString('utf8')) as Config;
    assert.equal(pkg.homepage, TEST_REPOSITORY.url);
    // The deb target reads the maintainer from the author as electron-builder normalises it.
    const { normalizePackageData } = require('app-builder-lib/out/util/normalizePackageData') as {
      normalizePackageData(data: Config): void;
    };
    normalizePackageData(pkg);
    assert.deepEqual(pkg.author, { name: 'Gloss developers', email: TEST_MAINTAINER });
  });

  it('flips the fuses in the packaged executable', async () => {
    const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses') as {
      getCurrentFuseWire(path: string): Promise<Record<string, number>>;
      FuseV1Options: Record<string, number>;
    };
    // A fuse is the character '0' (off) or '1' (on) in the binary.
    const FuseState = { DISABLE: 0x30, ENABLE: 0x31 };
    const wire = await getCurrentFuseWire(executable);
    const state = (name: string) => wire[String(FuseV1Options[name])];
    assert.equal(state('RunAsNode'), FuseState.DISABLE);
    assert.equal(state('EnableCookieEncryption'), FuseState.DISABLE);
    assert.equal(state('EnableNodeOptionsEnvironmentVariable'), FuseState.DISABLE);
    assert.equal(state('EnableNodeCliInspectArguments'), FuseState.DISABLE);
    assert.equal(state('EnableEmbeddedAsarIntegrityValidation'), FuseState.ENABLE);
    assert.equal(state('OnlyLoadAppFromAsar'), FuseState.ENABLE);
    assert.equal(state('GrantFileProtocolExtraPrivileges'), FuseState.DISABLE);
  });

  it('stays small: the bundles, not node_modules', (t) => {
    const bytes = statSync(appAsar).size;
    t.diagnostic(`app.asar is ${(bytes / 1024).toFixed(1)} KiB`);
    // About 2 MB of bundles plus wink-nlp's English model (about 3 MB), which the main process bundles because
    // suggestions and sentence units run on the host; node_modules would be tens of MB.
    assert.ok(bytes < 6 * 1024 * 1024, `app.asar is ${bytes} bytes`);
  });
});
