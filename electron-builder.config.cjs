// electron-builder's configuration for Gloss (`npm run dist` packages for the current OS).
// Validated offline by tests/unit/shell/packaging.test.ts through app-builder-lib's own schema check.
//
// Environment:
//  - ELECTRON_DIST: a folder holding Electron itself, unpacked, or the official zips named
//    electron-v<version>-<platform>-<arch>.zip; packaging then needs no download of Electron.
//  - APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER, or APPLE_ID +
//    APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID, or APPLE_KEYCHAIN + APPLE_KEYCHAIN_PROFILE:
//    macOS builds are notarised when one complete set is present, and not otherwise.
//
// From package.json, which the release workflow fills from the repository it runs in (nothing here
// names a URL): `repository` gives the update feed's owner and repo, `homepage` the deb's homepage,
// and `author` ("Name <e-mail>") the deb's maintainer.
'use strict';

/** The credential sets @electron/notarize accepts; any one complete set turns notarisation on. */
const NOTARIZE_CREDENTIAL_SETS = [
  ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
  ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
  ['APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE'],
];

const env = process.env;
const canNotarize = NOTARIZE_CREDENTIAL_SETS.some((set) => set.every((name) => Boolean(env[name])));
const electronDist = env.ELECTRON_DIST ? { electronDist: env.ELECTRON_DIST } : {};

/** The documents Gloss opens (electron/documents.ts's DOCUMENT_EXTENSIONS); the file manager offers Gloss for them. */
const fileAssociations = [
  { ext: 'txt', name: 'Plain text article', description: 'Plain text article', mimeType: 'text/plain', role: 'Viewer', rank: 'Alternate' },
  {
    ext: ['md', 'markdown'],
    name: 'Markdown article',
    description: 'Markdown article',
    mimeType: 'text/markdown',
    role: 'Viewer',
    rank: 'Alternate',
  },
  { ext: ['html', 'htm'], name: 'HTML article', description: 'HTML article', mimeType: 'text/html', role: 'Viewer', rank: 'Alternate' },
  {
    ext: 'docx',
    name: 'Word article',
    description: 'Word article',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    role: 'Viewer',
    rank: 'Alternate',
  },
];

/** @type {import('app-builder-lib').Configuration} */
const config = {
  appId: 'org.gloss.app',
  productName: 'Gloss',
  copyright: `Copyright © ${new Date().getFullYear()} Gloss developers`,
  directories: { buildResources: 'build', output: 'release' },
  // The bundles in dist/ carry every dependency (esbuild), so the app is dist/ and package.json:
  // no sources, tests, source maps or node_modules, and not the browser edition's host either.
  files: ['dist/electron/**', 'dist/renderer/**', 'dist/samples/**', 'package.json', '!**/*.map'],
  asar: true,
  // Resolving to false tells electron-builder that node_modules are handled elsewhere, so it neither
  // rebuilds nor copies the production dependencies (already bundled) into the app.
  beforeBuild: async () => false,
  ...electronDist,
  electronFuses: {
    runAsNode: false,
    // Off, as Electron ships it: Gloss keeps no cookies, and turning it on makes Chromium ask the
    // macOS keychain or the Linux keyring for a key, which can prompt the user at first start.
    enableCookieEncryption: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
    loadBrowserProcessSpecificV8Snapshot: false,
    // Flipping fuses breaks the ad-hoc signature Apple Silicon needs; re-sign ad hoc so an unsigned
    // build still starts (a Developer ID signature, when there is one, replaces it right after).
    resetAdHocDarwinSignature: true,
  },
  fileAssociations,
  // Updates (electron-updater, electron/updates.ts): resources/app-update.yml names this feed, and
  // each build writes latest.yml, latest-mac.yml or latest-linux.yml with every file's SHA-512. The
  // release workflow attaches them to the tag's release; an update is seen once it is published.
  publish: [{ provider: 'github', releaseType: 'draft' }],
  // The AppImage runtime of toolset 1.0.x is static and needs no libfuse2 on the user's machine
  // (the legacy 0.0.0 toolset does), and its launcher keeps Chromium's sandbox on.
  toolsets: { appimage: '1.0.3' },
  linux: {
    target: ['AppImage', 'deb', 'tar.gz'],
    category: 'Office',
    icon: 'build/icons',
    synopsis: 'Close reading and thematic coding of articles',
    vendor: 'Gloss developers',
    executableName: 'gloss',
    mimeTypes: fileAssociations.map((association) => association.mimeType),
  },
  deb: {
    depends: ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0'],
  },
  appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },
  win: {
    target: [
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ],
    icon: 'build/icon.ico',
  },
  // Per-user install into the user's profile: no administrator rights, no UAC prompt.
  nsis: {
    oneClick: false,
    perMachine: false,
    allowElevation: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    artifactName: '${productName}-Setup-${version}.${ext}',
  },
  portable: { artifactName: '${productName}-Portable-${version}.${ext}' },
  mac: {
    target: [
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ],
    category: 'public.app-category.productivity',
    icon: 'build/icon.icns',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    notarize: canNotarize,
  },
  dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
};

module.exports = config;
