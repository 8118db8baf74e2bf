// What the About box says: Gloss's version first, then the runtime it is built on, which is what a
// bug report needs. macOS shows it in its native About panel (app menu > About Gloss, fed by
// app.setAboutPanelOptions); Windows and Linux get the same facts in a message box from
// Help > About Gloss, which looks the same on both. No 'electron' at runtime.
import type { AboutPanelOptionsOptions, MessageBoxOptions } from 'electron';

/** The facts the About box states. */
export interface AboutFacts {
  version: string;
  electron: string;
  chrome: string;
  node: string;
  year: number;
}

/** The copyright line, the same as the packaged app's (electron-builder.config.cjs). */
export function copyrightLine(year: number): string {
  return `Copyright \u00a9 ${year} Gloss developers`;
}

/** The runtime line: Electron, Chromium and Node versions. */
export function runtimeLine(facts: AboutFacts): string {
  return `Electron ${facts.electron} \u00b7 Chromium ${facts.chrome} \u00b7 Node ${facts.node}`;
}

/** Options for app.setAboutPanelOptions (set on every platform; macOS's panel is where they show). */
export function aboutPanelOptions(facts: AboutFacts): AboutPanelOptionsOptions {
  return {
    applicationName: 'Gloss',
    applicationVersion: facts.version,
    // On macOS `version` is the build number shown in brackets; Gloss has none beyond its version.
    version: '',
    copyright: copyrightLine(facts.year),
    credits: `Close reading and thematic coding of articles.\n${runtimeLine(facts)}`,
  };
}

/** Options for the message box Help > About Gloss shows where there is no native panel. */
export function aboutMessageBoxOptions(facts: AboutFacts): MessageBoxOptions {
  return {
    type: 'info',
    title: 'About Gloss',
    message: `Gloss ${facts.version}`,
    detail: `Close reading and thematic coding of articles.\n\n${runtimeLine(facts)}\n${copyrightLine(facts.year)}`,
    buttons: ['OK'],
    noLink: true,
  };
}
