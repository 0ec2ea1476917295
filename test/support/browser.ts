import packagedChromium from '@sparticuz/chromium';
import { execFile } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Browser, chromium, LaunchOptions, Locator } from 'playwright-core';
import { chooseBrowser } from './browser-discovery';
import { ARTIFACTS } from './processes';

export const SCREENSHOTS = join(ARTIFACTS, 'screenshots');

// The machine has no network but loopback: keep Chromium from reaching out.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The packaged Chromium's own recommended flags, less those that serve AWS Lambda
 * (--single-process), that switch off the web's security model (the views must pass it as a
 * person's browser enforces it), and its feature lists: Chromium keeps the last of a switch given
 * twice, so they would replace Playwright's, which keep the browser off the network.
 * No WebGL: the views draw none.
 */
function packageArgLeftOut(arg: string): boolean {
  return (
    ['--single-process', '--disable-web-security', '--allow-running-insecure-content'].includes(
      arg,
    ) ||
    arg.startsWith('--disable-features=') ||
    arg.startsWith('--enable-features=')
  );
}

/** The browser the web view tests run (see browser-discovery.ts for the order and CHROMIUM_SOURCE). */
export async function launchBrowser(): Promise<Browser> {
  const choice = chooseBrowser({
    env: process.env,
    platform: process.platform,
    arch: process.arch,
    exists: isExecutableFile,
    packageBin: packageBin(),
  });
  if (choice.source === null) throw new Error(choice.error);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const options: LaunchOptions =
    choice.source === 'package'
      ? await packageLaunch(choice.path)
      : { executablePath: choice.path, args: ARGS };
  let browser: Browser;
  try {
    browser = await chromium.launch({ headless: true, ...options });
  } catch (e) {
    const hint =
      choice.source === 'package'
        ? ' The packaged Chromium brings its own libraries but needs a glibc Linux (not musl, as on Alpine): install Chromium or Chrome there.'
        : '';
    throw new Error(
      `the browser from ${choice.source} (${options.executablePath}) did not start.${hint}\n${(e as Error).message}`,
    );
  }
  process.stderr.write(
    `web view tests: Chromium ${browser.version()} from ${choice.source} (${options.executablePath})\n`,
  );
  return browser;
}

/** Where @sparticuz/chromium keeps its packed browser, null when it is not installed. */
function packageBin(): string | null {
  try {
    const bin = join(dirname(require.resolve('@sparticuz/chromium')), '..', '..', 'bin');
    return existsSync(join(bin, 'chromium.br')) ? bin : null;
  } catch {
    return null;
  }
}

/** The packaged Chromium, unpacked, with its recommended flags and fonts. */
async function packageLaunch(bin: string): Promise<LaunchOptions> {
  const home = await unpacked(bin);
  packagedChromium.setGraphicsMode = false;
  const args = [
    ...ARGS,
    ...packagedChromium.args.filter((a) => !packageArgLeftOut(a) && !ARGS.includes(a)),
  ];
  return {
    executablePath: join(home, 'chromium'),
    args,
    env: {
      ...process.env,
      FONTCONFIG_FILE: join(home, 'fonts.conf'),
      LD_LIBRARY_PATH: [join(home, 'al2023', 'lib'), process.env.LD_LIBRARY_PATH]
        .filter(Boolean)
        .join(':'),
    },
  };
}

/**
 * Unpacks the packaged Chromium once per version and user into a folder of its own under the
 * temporary directory (~200 MB, a few seconds), with a fonts.conf that adds the package's
 * Open Sans to the system's fonts, so Vietnamese renders on a machine without any.
 * The package alone would unpack to a shared /tmp/chromium and reuse whatever is there
 * (another version, another user's, or a half-written file from a run that was stopped), so
 * a child process unpacks it into a private folder that is renamed into place when complete.
 */
async function unpacked(bin: string): Promise<string> {
  const { version } = JSON.parse(readFileSync(join(bin, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const uid = process.getuid?.() ?? 0;
  const home = join(tmpdir(), `nsdb-tracker-chromium-${version}-${uid}`);
  if (existsSync(home)) {
    const st = lstatSync(home);
    if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o077) !== 0) {
      throw new Error(`${home} is not a private folder of this user's: remove it`);
    }
    if (existsSync(join(home, 'chromium'))) return home;
    rmSync(home, { recursive: true, force: true }); // emptied by a cleaner of the temporary directory
  }
  const started = Date.now();
  const part = mkdtempSync(`${home}.part-`);
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-e', UNPACK, require.resolve('@sparticuz/chromium'), bin],
      // Lambda's Node runtime makes the package unpack also the NSS, NSPR and expat libraries it
      // ships (al2023.tar.br), which the launch puts first: the browser then needs only glibc.
      { env: { ...process.env, TMPDIR: part, AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x' } },
    );
    if (stdout !== join(part, 'chromium') || !existsSync(join(part, 'al2023', 'lib'))) {
      throw new Error(`@sparticuz/chromium ${version} did not unpack as expected into ${part}`);
    }
    writeFileSync(join(part, 'fonts.conf'), fontsConf(home));
    renameSync(part, home);
  } catch (e) {
    rmSync(part, { recursive: true, force: true });
    // another run unpacked it at the same time and renamed first
    if (existsSync(join(home, 'chromium'))) return home;
    throw e;
  }
  process.stderr.write(
    `web view tests: unpacked @sparticuz/chromium ${version} into ${home} in ${Date.now() - started} ms\n`,
  );
  return home;
}

const UNPACK = `
const [, index, bin] = process.argv;
const m = require(index);
(m.default ?? m).executablePath(bin).then(
  (path) => process.stdout.write(path),
  (e) => { console.error(e); process.exit(1); },
);
`;

function fontsConf(home: string): string {
  const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${xml(join(home, 'fonts'))}</dir>
  <cachedir>${xml(join(home, 'fonts-cache'))}</cachedir>
</fontconfig>
`;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Waits until the first matching element's text contains `want` (or matches it). */
export async function seeText(locator: Locator, want: string | RegExp, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  let got = '';
  while (Date.now() < deadline) {
    got =
      (await locator
        .first()
        .textContent({ timeout: ms })
        .catch(() => '')) ?? '';
    if (typeof want === 'string' ? got.includes(want) : want.test(got)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected text ${String(want)}, saw ${JSON.stringify(got.slice(0, 300))}`);
}

/** Waits until exactly `n` elements match. */
export async function seeCount(locator: Locator, n: number, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  let got = -1;
  while (Date.now() < deadline) {
    got = await locator.count();
    if (got === n) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${n} elements, saw ${got}`);
}
