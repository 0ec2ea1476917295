import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Locator } from 'playwright-core';
import { ARTIFACTS } from './processes';

/** Debian's chromium (installed by .ci/run); no browser is downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ARTIFACTS, 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no browser at ${CHROMIUM}: apt-get install chromium (.ci/run does), or set CHROMIUM_PATH`,
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The machine has no network but loopback: keep Chromium from reaching out.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
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
