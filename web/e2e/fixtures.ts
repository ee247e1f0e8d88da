/**
 * What every browser test shares: a screenshot of the last page of each test
 * (e2e-results/screenshots/<file>-<title>.png), signing in as a demo user, and the
 * accessibility check (axe: no serious or critical violation).
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import path from 'node:path';

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'switchboard-demo';

export const test = base.extend<{ lastScreenshot: void }>({
  lastScreenshot: [async ({ page, browser }, use, testInfo) => {
    // The contexts a test opens itself (pageAs: a second party) count too; the page a test used
    // last is the last one opened that left about:blank.
    const before = new Set(browser.contexts());
    await use();
    const opened = browser.contexts().filter((c) => !before.has(c));
    const pages = [page, ...opened.flatMap((c) => c.pages())].filter((p) => !p.isClosed() && p.url() !== 'about:blank');
    const name = `${path.basename(testInfo.file, '.spec.ts')}-${testInfo.title}`.replace(/[^a-z0-9가-힣]+/gi, '-').toLowerCase();
    const dir = path.join(testInfo.config.rootDir, '..', 'e2e-results', 'screenshots');
    const shots = pages.length > 0 ? pages : [page];
    for (const [i, p] of shots.entries()) {
      const last = i === shots.length - 1;
      await p.screenshot({ path: path.join(dir, last ? `${name}.png` : `${name}-${i + 1}.png`), fullPage: true }).catch(() => undefined);
    }
    await Promise.all(opened.map((c) => c.close().catch(() => undefined)));
  }, { auto: true }],
});
export { expect };

/** Signs in through the sign-in page and waits for the home page. */
export async function signIn(page: Page, email: string, options: { next?: string } = {}): Promise<void> {
  await page.goto(options.next ? `/sign-in?next=${encodeURIComponent(options.next)}` : '/sign-in');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await expect(page.locator('header.header')).toBeVisible();
}

/** Signs in with the API (quicker, for a second party in the same test): a new page in its own context. */
export async function pageAs(browser: Browser, email: string, locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${what}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
