import { chooseBrowser, Machine } from './browser-discovery';

const BIN = '/repo/node_modules/@sparticuz/chromium/bin';

/** A Linux x64 machine with the devDependency installed and only the given files present. */
function machine(files: string[], env: Record<string, string> = {}, more: Partial<Machine> = {}) {
  const present = new Set(files);
  return chooseBrowser({
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', ...env },
    platform: 'linux',
    arch: 'x64',
    exists: (p) => present.has(p),
    packageBin: BIN,
    ...more,
  });
}

describe('which browser the web view tests run', () => {
  it('takes CHROMIUM_PATH first, even over a system Chromium', () => {
    expect(
      machine(['/opt/chrome/chrome', '/usr/bin/chromium'], { CHROMIUM_PATH: '/opt/chrome/chrome' }),
    ).toEqual({
      source: 'CHROMIUM_PATH',
      path: '/opt/chrome/chrome',
    });
  });

  it('fails on a CHROMIUM_PATH that is not there rather than run another browser', () => {
    expect(machine(['/usr/bin/chromium'], { CHROMIUM_PATH: '/opt/nothing' })).toEqual({
      source: null,
      error:
        'CHROMIUM_PATH=/opt/nothing is not a browser that can run: point it at a Chromium or Chrome executable, or unset it.',
    });
  });

  it('takes a system browser from the usual places in order, then from PATH', () => {
    expect(machine(['/usr/bin/google-chrome', '/usr/bin/chromium-browser'])).toEqual({
      source: 'system',
      path: '/usr/bin/chromium-browser',
    });
    expect(machine(['/usr/local/bin/google-chrome-stable'])).toEqual({
      source: 'system',
      path: '/usr/local/bin/google-chrome-stable',
    });
    expect(machine(['/home/me/bin/chromium'], { PATH: '/bin::/home/me/bin' })).toEqual({
      source: 'system',
      path: '/home/me/bin/chromium',
    });
  });

  it('looks in /Applications on macOS', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(machine([chrome], {}, { platform: 'darwin', arch: 'arm64' })).toEqual({
      source: 'system',
      path: chrome,
    });
    // not on Linux
    expect(machine([chrome])).toEqual({ source: 'package', path: BIN });
  });

  it('falls back to the Chromium inside @sparticuz/chromium when the machine has none', () => {
    expect(machine([])).toEqual({ source: 'package', path: BIN });
  });

  it('CHROMIUM_SOURCE=package uses the packaged one even with a system browser and CHROMIUM_PATH', () => {
    expect(
      machine(['/usr/bin/chromium', '/opt/chrome/chrome'], {
        CHROMIUM_SOURCE: 'package',
        CHROMIUM_PATH: '/opt/chrome/chrome',
      }),
    ).toEqual({ source: 'package', path: BIN });
  });

  it('CHROMIUM_SOURCE=system never falls back to the packaged one', () => {
    expect(machine(['/usr/bin/chromium'], { CHROMIUM_SOURCE: 'system' })).toEqual({
      source: 'system',
      path: '/usr/bin/chromium',
    });
    expect(machine([], { CHROMIUM_SOURCE: 'system', PATH: '/bin' })).toEqual({
      source: null,
      error:
        'CHROMIUM_SOURCE=system: no Chromium or Chrome in /usr/bin or on PATH (chromium, chromium-browser, ' +
        'google-chrome, google-chrome-stable). Install Chromium or Google Chrome ' +
        '(Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask google-chrome), ' +
        'or set CHROMIUM_PATH to its executable.',
    });
  });

  it('says what to install where no browser can run, never skipping', () => {
    expect(machine([], {}, { platform: 'darwin', arch: 'arm64' })).toEqual({
      source: null,
      error:
        'No browser for the web view tests: no Chromium or Chrome in /usr/bin, /Applications or on PATH ' +
        '(chromium, chromium-browser, google-chrome, google-chrome-stable), and the Chromium inside ' +
        '@sparticuz/chromium is built for Linux x64 only (this is darwin arm64). Install Chromium or ' +
        'Google Chrome (Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask google-chrome), ' +
        'or set CHROMIUM_PATH to its executable.',
    });
    expect(machine([], {}, { arch: 'arm64' })).toMatchObject({
      source: null,
      error: expect.stringContaining('built for Linux x64 only (this is linux arm64)'),
    });
    expect(machine([], {}, { packageBin: null })).toMatchObject({
      source: null,
      error: expect.stringContaining(
        'the devDependency @sparticuz/chromium is not installed (npm ci installs it)',
      ),
    });
    expect(
      machine(['/usr/bin/chromium'], { CHROMIUM_SOURCE: 'package' }, { packageBin: null }),
    ).toEqual({
      source: null,
      error:
        'CHROMIUM_SOURCE=package: the devDependency @sparticuz/chromium is not installed (npm ci installs it). ' +
        'Unset CHROMIUM_SOURCE to use a system browser.',
    });
  });

  it('refuses a CHROMIUM_SOURCE it does not know', () => {
    expect(machine(['/usr/bin/chromium'], { CHROMIUM_SOURCE: 'debian' })).toEqual({
      source: null,
      error: 'CHROMIUM_SOURCE=debian is not understood: use "system", "package" or leave it unset.',
    });
  });
});
