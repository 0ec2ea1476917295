import { Page } from 'playwright-core';
import { get } from 'node:http';
import { seeCount, seeText } from './support/browser';
import { leadershipViews } from './support/web-views';

/** Every view checked by axe in a real browser, and the vendored libraries served from their packages and nothing beside them. */
describe('leadership web views: accessibility and served files (Chromium)', () => {
  let page: Page;
  const { sut, signInAs, wcagViolations } = leadershipViews((opened) => (page = opened));

  it('every view meets WCAG 2.1 AA as far as axe can tell', async () => {
    const found: Record<string, string[]> = {};
    await page.goto(`${sut.url}/#/signin`);
    await page.waitForSelector('[data-identity]');
    found.signIn = await wcagViolations();

    await page.getByRole('button', { name: 'Văn phòng chương trình (PMO)' }).click();
    await seeText(page.locator('h1'), 'Tổng quan quốc gia');
    await page.waitForSelector('main table tbody tr');
    found.dashboard = await wcagViolations();
    await page.click('#lang');
    await seeText(page.locator('h1'), 'National overview');
    found.dashboardEnglish = await wcagViolations();
    await page.click('#lang');
    await seeText(page.locator('h1'), 'Tổng quan quốc gia');

    await page.goto(`${sut.url}/#/board/LAND`);
    await seeCount(page.locator('#board tbody tr'), 63);
    found.board = await wcagViolations();

    await page.locator('tr[data-province="01"] a[data-key="LAND-P-02"]').click();
    await seeText(page.locator('h1'), 'Số hóa hồ sơ địa chính');
    found.milestone = await wcagViolations();

    await signInAs('Bộ trưởng Bộ TN&MT');
    await page.waitForSelector('#queue tbody tr');
    found.queue = await wcagViolations();

    expect(found).toEqual({
      signIn: [],
      dashboard: [],
      dashboardEnglish: [],
      board: [],
      milestone: [],
      queue: [],
    });
  });

  it('serves the libraries of the views from their packages, and nothing outside them', async () => {
    const served = [];
    for (const path of [
      '/vendor/lit-html/lit-html.js',
      '/vendor/lit-html/directives/keyed.js',
      '/vendor/graphql-ws/client.js',
      '/vendor/chart.js/chart.umd.js',
    ]) {
      const res = await fetch(`${sut.url}${path}`);
      served.push([path, res.status, res.headers.get('content-type')]);
    }
    expect(served).toEqual([
      ['/vendor/lit-html/lit-html.js', 200, 'text/javascript; charset=utf-8'],
      ['/vendor/lit-html/directives/keyed.js', 200, 'text/javascript; charset=utf-8'],
      ['/vendor/graphql-ws/client.js', 200, 'text/javascript; charset=utf-8'],
      ['/vendor/chart.js/chart.umd.js', 200, 'text/javascript; charset=utf-8'],
    ]);
    // Sent as written (fetch would resolve the dots): each would reach a package.json.
    const raw = (path: string) =>
      new Promise<[string, number, string]>((resolve, reject) => {
        get(`${sut.url}${path}`, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve([path, res.statusCode!, body]));
        }).on('error', reject);
      });
    // Dots that stay inside the folder are followed, so these paths do reach the static files.
    expect((await raw('/vendor/lit-html/directives/..%2flit-html.js'))[1]).toBe(200);
    expect((await raw('/vendor/lit-html/directives/../lit-html.js'))[1]).toBe(200);
    for (const path of [
      '/vendor/lit-html/../../package.json',
      '/vendor/lit-html/..%2f..%2fpackage.json',
      '/vendor/lit-html/%2e%2e/%2e%2e/package.json',
      '/vendor/graphql-ws/..%2fpackage.json',
      '/vendor/graphql-ws/%2e%2e%5cpackage.json',
      '/vendor/chart.js/..%2fpackage.json',
    ]) {
      const [, status, body] = await raw(path);
      expect([path, status, body.includes('"version"')]).toEqual([path, 404, false]);
    }
  });
});
