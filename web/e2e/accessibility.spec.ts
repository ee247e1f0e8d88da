/**
 * Issue 11, test 6: every page of the console, as the people who use it, in both languages —
 * no serious or critical accessibility violation (axe, WCAG 2.1 A and AA).
 */
import type { Page } from '@playwright/test';
import { expect, expectAccessible, signIn, test } from './fixtures.ts';

async function firstId(page: Page, path: string): Promise<string> {
  const response = await page.request.get(`/api/v1${path}`);
  expect(response.ok(), `${path}: ${response.status()}`).toBe(true);
  const body = (await response.json()) as { items: { id: string }[] };
  expect(body.items.length, `${path} has items`).toBeGreaterThan(0);
  return body.items[0]!.id;
}

/** Opens a page, waits for its h1 and for loading to end, then checks it. */
async function check(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('h1').first()).toBeVisible();
  await expect(page.locator('[role="status"].loading')).toHaveCount(0);
  await expectAccessible(page, name);
}

// A dozen pages each, axe on every one: several minutes on a loaded 2-core machine.
test.describe.configure({ timeout: 300_000 });

for (const locale of ['en', 'ko'] as const) {
  test(`every page a partner agent uses (${locale})`, async ({ page }) => {
    // A direct partner's agent in English; a Korean indirect provider's administrator, whose own
    // language is Korean (nobody's language is changed here: other test files sign in as them).
    await signIn(page, locale === 'en' ? 'admin-agent@northwind-direct.example' : 'global-admin@hanilcloud.example');
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    const caseId = await firstId(page, '/cases?limit=1');
    const offerId = await firstId(page, '/offers?limit=1');
    const customerId = await firstId(page, '/customers?limit=1');
    const subscriptionId = await firstId(page, '/subscriptions?limit=1');
    const incidentId = await firstId(page, '/incidents?limit=1');
    for (const [url, name] of [
      ['/', 'home'], ['/cases', 'inbox'], [`/cases/${caseId}`, 'case'], ['/cases/new', 'new case'],
      ['/marketplace', 'marketplace'], [`/marketplace/${offerId}`, 'product details'],
      ['/customers', 'customers'], [`/customers/${customerId}`, 'customer'], [`/subscriptions/${subscriptionId}`, 'subscription'],
      [`/incidents/${incidentId}`, 'incident'], ['/notifications', 'notifications'], ['/settings', 'settings'], ['/no-such-page', 'not found'],
    ] as const) await check(page, url, `${name} (${locale})`);
  });
}

test('every page a customer and a publisher use', async ({ browser }) => {
  for (const email of ['customer-user@riverbend.example', 'support-engineer@bastionlabs.example']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email);
    const caseId = await firstId(page, '/cases?limit=1');
    for (const [url, name] of [['/', 'home'], ['/cases', 'inbox'], [`/cases/${caseId}`, 'case'], ['/cases/new', 'new case'], ['/notifications', 'notifications'], ['/settings', 'settings']] as const) {
      await check(page, url, `${name} (${email})`);
    }
    await context.close();
  }
});
