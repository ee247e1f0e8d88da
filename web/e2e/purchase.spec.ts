/**
 * Buying for a customer (issue 11, test 4): a partner admin buys a plan for a customer, accepting
 * the agreement, and sees the new subscription; a second attempt for the same customer and plan
 * shows why it can't be bought again (the API's purchasability reasons).
 */
import { test, expect, signIn, expectAccessible } from './fixtures.ts';

test('a partner admin buys a plan for a customer; a second attempt shows why it cannot be bought again', async ({ page }) => {
  // Two sign-ins or a purchase and several accessibility checks: slower than most on a busy machine.
  test.setTimeout(120_000);
  await signIn(page, 'global-admin@northwind-direct.example');
  await page.goto('/marketplace/bastion-sentinel');
  await page.getByRole('tab', { name: 'Buy for a customer' }).click();
  await expect(page.getByRole('heading', { name: 'Buy for a customer' })).toBeVisible();

  await page.getByLabel('Find a customer', { exact: true }).fill('Kiwa');
  const customer = page.getByLabel('Customer', { exact: true });
  await expect(customer.getByRole('option', { name: /Kiwa Instruments/ })).toBeAttached();
  await customer.selectOption({ label: 'Kiwa Instruments (Japan)' });
  await page.getByLabel('Plan', { exact: true }).selectOption({ label: 'Standard' });
  await expect(page.getByText('This plan can be bought for this customer.')).toBeVisible();
  await expect(page.getByText(/¥1,350 there/)).toBeVisible();
  await page.getByLabel('Billing cycle', { exact: true }).selectOption({ label: 'Annual' });
  await page.getByLabel('Term', { exact: true }).selectOption({ label: '1 year' });

  // Quantity outside the plan's bounds, and the agreement not accepted: both said, nothing sent.
  await page.getByLabel('Quantity', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'Buy', exact: true }).click();
  await expect(page.getByText('Between 5 and 5,000 for this plan.')).toBeVisible();
  await expect(page.getByText('Accept the agreement to buy.')).toBeVisible();
  await expect(page.getByRole('region', { name: /^Text of / })).toContainText('Bastion Labs');
  await expectAccessible(page, 'buy for a customer');

  await page.getByLabel('Quantity', { exact: true }).fill('25');
  await page.getByLabel(/I accept this agreement, version \d+/).check();
  await page.getByRole('button', { name: 'Buy', exact: true }).click();
  const done = page.getByRole('status').filter({ hasText: 'Bought Standard for Kiwa Instruments' });
  await expect(done).toBeVisible();
  await expectAccessible(page, 'bought');
  await done.getByRole('link', { name: 'Open the subscription' }).click();
  await expect(page).toHaveURL(/\/subscriptions\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // The second attempt: the API says why, in the viewer's words, and the purchase can't be sent.
  await page.goto('/marketplace/bastion-sentinel?tab=buy');
  await page.getByLabel('Find a customer', { exact: true }).fill('Kiwa');
  await expect(page.getByLabel('Customer', { exact: true }).getByRole('option', { name: /Kiwa Instruments/ })).toBeAttached();
  await page.getByLabel('Customer', { exact: true }).selectOption({ label: 'Kiwa Instruments (Japan)' });
  await page.getByLabel('Plan', { exact: true }).selectOption({ label: 'Standard' });
  const reasons = page.getByRole('list', { name: "Why it can't be bought" });
  await expect(reasons.getByRole('listitem').filter({ hasText: 'The customer already has this offer.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Buy', exact: true })).toBeDisabled();
  await expectAccessible(page, 'buy again');
});

test('an indirect reseller names its provider, and the API says whether the plan can be bought', async ({ page }) => {
  await signIn(page, 'global-admin@bluebird-it.example');
  await page.goto('/marketplace/bastion-sentinel?tab=buy');
  const provider = page.getByLabel('Indirect provider', { exact: true });
  await expect(provider.getByRole('option', { name: 'Meridian Distribution' })).toBeAttached();
  await page.getByLabel('Find a customer', { exact: true }).fill('Prairie');
  const customer = page.getByLabel('Customer', { exact: true });
  await expect(customer.getByRole('option', { name: /Prairie Wind Farms/ })).toBeAttached();
  await customer.selectOption({ label: 'Prairie Wind Farms (United States)' });
  // Without the provider, nothing is asked yet; with it, the API's verdict.
  await expect(page.getByText('This plan can be bought for this customer.')).toHaveCount(0);
  await provider.selectOption({ label: 'Meridian Distribution' });
  await expect(page.getByText('This plan can be bought for this customer.')).toBeVisible();
  await expectAccessible(page, 'buy through a provider');
});

test('a partner opts in to resell an offer, then the plan can be bought', async ({ page }) => {
  await signIn(page, 'global-admin@bluebird-it.example');
  await page.goto('/marketplace/hanbit-ocr?tab=buy');
  await expect(page.getByText("Your organization has not opted in to resell this offer", { exact: false })).toBeVisible();
  await page.getByLabel('Indirect provider', { exact: true }).selectOption({ label: 'Meridian Distribution' });
  await expect(page.getByLabel('Customer', { exact: true }).getByRole('option', { name: /Prairie Wind Farms/ })).toBeAttached();
  await page.getByLabel('Customer', { exact: true }).selectOption({ label: 'Prairie Wind Farms (United States)' });
  const reasons = page.getByRole('list', { name: "Why it can't be bought" });
  await expect(reasons.getByText('Your organization has not opted in to resell this offer.')).toBeVisible();
  await expectAccessible(page, 'not opted in');

  await page.getByRole('button', { name: 'Opt in to resell' }).click();
  await expect(page.getByText('Your organization resells this offer.')).toBeVisible();
  await expect(reasons.getByText('Your organization has not opted in to resell this offer.')).toHaveCount(0);
  await expect(page.getByText('This plan can be bought for this customer.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stop reselling' })).toBeVisible();
});
