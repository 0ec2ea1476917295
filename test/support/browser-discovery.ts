import { join } from 'node:path';

/**
 * Which browser the web view tests run, decided without touching the machine: the caller
 * passes what it sees (environment, platform, an `exists` test), so the order is unit-tested.
 *
 * Order: CHROMIUM_PATH; a system Chromium or Chrome; the Chromium packed inside the
 * @sparticuz/chromium devDependency (Linux x64 only). CHROMIUM_SOURCE=package skips the first
 * two, CHROMIUM_SOURCE=system the last. Nothing is ever downloaded.
 */
export type BrowserSource = 'CHROMIUM_PATH' | 'system' | 'package';

export type BrowserChoice =
  { source: BrowserSource; path: string } | { source: null; error: string };

export interface Machine {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  arch: string;
  /** true when `path` is a file that can be run */
  exists: (path: string) => boolean;
  /** the folder holding @sparticuz/chromium's packed browser (chromium.br), null when not installed */
  packageBin: string | null;
}

export const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];
export const MACOS_BROWSERS = [
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];
const NAMES_ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

const INSTALL_ONE =
  'Install Chromium or Google Chrome (Debian/Ubuntu: apt-get install chromium; ' +
  'macOS: brew install --cask google-chrome), or set CHROMIUM_PATH to its executable.';

export function chooseBrowser(m: Machine): BrowserChoice {
  const want = m.env.CHROMIUM_SOURCE || 'any';
  if (want !== 'any' && want !== 'system' && want !== 'package') {
    return {
      source: null,
      error: `CHROMIUM_SOURCE=${want} is not understood: use "system", "package" or leave it unset.`,
    };
  }
  if (want !== 'package') {
    const named = m.env.CHROMIUM_PATH;
    if (named) {
      return m.exists(named)
        ? { source: 'CHROMIUM_PATH', path: named }
        : {
            source: null,
            error: `CHROMIUM_PATH=${named} is not a browser that can run: point it at a Chromium or Chrome executable, or unset it.`,
          };
    }
    const system = systemCandidates(m).find((p) => m.exists(p));
    if (system) return { source: 'system', path: system };
    if (want === 'system') {
      return {
        source: null,
        error: `CHROMIUM_SOURCE=system: ${noSystemBrowser(m)}. ${INSTALL_ONE}`,
      };
    }
  }
  const packaged = packageProblem(m);
  if (packaged === null) return { source: 'package', path: m.packageBin! };
  return {
    source: null,
    error:
      want === 'package'
        ? `CHROMIUM_SOURCE=package: ${packaged}. Unset CHROMIUM_SOURCE to use a system browser.`
        : `No browser for the web view tests: ${noSystemBrowser(m)}, and ${packaged}. ${INSTALL_ONE}`,
  };
}

function systemCandidates(m: Machine): string[] {
  const onPath = (m.env.PATH ?? '')
    .split(m.platform === 'win32' ? ';' : ':')
    .filter((dir) => dir !== '')
    .flatMap((dir) => NAMES_ON_PATH.map((name) => join(dir, name)));
  const fixed = m.platform === 'darwin' ? [...SYSTEM_BROWSERS, ...MACOS_BROWSERS] : SYSTEM_BROWSERS;
  return [...new Set([...fixed, ...onPath])];
}

function noSystemBrowser(m: Machine): string {
  const where =
    m.platform === 'darwin' ? '/usr/bin, /Applications or on PATH' : '/usr/bin or on PATH';
  return `no Chromium or Chrome in ${where} (${NAMES_ON_PATH.join(', ')})`;
}

/** Why the packaged Chromium cannot run here, or null when it can. */
function packageProblem(m: Machine): string | null {
  if (m.platform !== 'linux' || m.arch !== 'x64') {
    return `the Chromium inside @sparticuz/chromium is built for Linux x64 only (this is ${m.platform} ${m.arch})`;
  }
  if (m.packageBin === null) {
    return 'the devDependency @sparticuz/chromium is not installed (npm ci installs it)';
  }
  return null;
}
