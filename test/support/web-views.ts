import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { launchBrowser, SCREENSHOTS } from './browser';
import { demoCentral, TestCentral } from './central';

export interface LeadershipViews {
  sut: TestCentral;
  shot(name: string): Promise<Buffer>;
  signInAs(label: string): Promise<void>;
  /** What axe finds against WCAG 2.1 A and AA on the page as drawn, one line per element. */
  wcagViolations(): Promise<string[]>;
}

/**
 * The leadership views in a real browser, against the real demo app (as `demo` starts it): one app and one browser
 * for the calling describe block, a fresh page for each of its tests, handed to `opened`.
 */
export function leadershipViews(
  opened: (page: Page) => void,
  demo: Parameters<typeof demoCentral>[1] = {},
): LeadershipViews {
  const sut = demoCentral('per-file', demo);
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  // A context of its own, not browser.newPage()'s: axe finishes its run in a second page of it.
  beforeEach(async () => {
    context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    opened(page);
  });

  afterEach(async () => {
    await context.close();
    page = undefined;
  });

  const current = (): Page => {
    if (!page) throw new Error('a page exists only while a test of its block runs');
    return page;
  };

  return {
    sut,
    shot: (name) =>
      current().screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false }),
    async signInAs(label) {
      await current().goto(`${sut.url}/#/signin`);
      await current().getByRole('button', { name: label }).click();
    },
    async wcagViolations() {
      const { violations } = await new AxeBuilder({ page: current() })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      return violations.flatMap((v) =>
        v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}: ${n.failureSummary ?? v.help}`),
      );
    },
  };
}
