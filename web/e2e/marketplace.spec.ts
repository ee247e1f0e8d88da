/**
 * The marketplace and product details (issue 11, test 1): a partner admin agent finds an offer by
 * search and sees its ISV contacts; a customer user opens the same offer and sees none. Also the
 * marketplace in Korean (with the API's availability words) and the product details at phone width.
 */
import { test, expect, signIn, pageAs, expectAccessible } from './fixtures.ts';

test('a partner admin agent finds an offer and sees its ISV contacts; a customer user sees none', async ({ page, browser }) => {
  // Two sign-ins or a purchase and several accessibility checks: slower than most on a busy machine.
  test.setTimeout(120_000);
  await signIn(page, 'admin-agent@northwind-direct.example');
  await page.goto('/marketplace');
  await expect(page.getByRole('heading', { level: 1, name: 'Marketplace' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Offers' }).getByRole('listitem').first()).toBeVisible();
  await expectAccessible(page, 'marketplace');

  await page.getByLabel('Search offers').fill('Sentinel');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/[?&]q=Sentinel/);
  const offers = page.getByRole('list', { name: 'Offers' });
  await expect(offers.getByRole('link', { name: 'Bastion Sentinel XDR' })).toBeVisible();
  await expect(offers.getByRole('link', { name: 'Hanbit DocuLens OCR' })).toHaveCount(0);
  // Northwind Direct is on the exclusive list of Bastion Vault, not of Sentinel.
  await expect(offers.getByText('Exclusive to you')).toHaveCount(0);
  await offers.getByRole('link', { name: 'Bastion Sentinel XDR' }).click();

  await expect(page).toHaveURL(/\/marketplace\/bastion-sentinel$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Bastion Sentinel XDR' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
  const contacts = page.getByRole('region', { name: 'ISV contacts' });
  await expect(contacts).toBeVisible();
  await expect(contacts.getByRole('link', { name: 'support@bastionlabs.example' })).toBeVisible();
  await expect(contacts.getByText('Marcus Hale')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Partner resources' })).toBeVisible();
  await expectAccessible(page, 'product details (partner)');

  await page.getByRole('tab', { name: 'Plans + pricing' }).click();
  await expect(page).toHaveURL(/tab=plans/);
  const standard = page.getByRole('region', { name: 'Standard' });
  await expect(standard.getByRole('table', { name: 'Prices of Standard by market' })).toBeVisible();
  await expect(standard.getByRole('row', { name: /United States/ })).toContainText('$9.00');
  await expectAccessible(page, 'plans + pricing');

  // The exclusive mark, in the API's words, on the offer exclusive to Northwind Direct and others.
  await page.goto('/marketplace?q=Vault');
  const vault = page.getByRole('list', { name: 'Offers' }).getByRole('listitem').filter({ hasText: 'Bastion Vault Managed HSM' });
  await expect(vault.getByText('Exclusive to you')).toBeVisible();

  const customer = await pageAs(browser, 'customer-user@riverbend.example');
  await customer.goto('/marketplace');
  await customer.getByLabel('Search offers').fill('Sentinel');
  await customer.getByRole('button', { name: 'Search' }).click();
  await customer.getByRole('list', { name: 'Offers' }).getByRole('link', { name: 'Bastion Sentinel XDR' }).click();
  await expect(customer.getByRole('heading', { level: 1, name: 'Bastion Sentinel XDR' })).toBeVisible();
  await expect(customer.getByRole('heading', { name: 'Description' })).toBeVisible();
  await expect(customer.getByRole('region', { name: 'Publisher' })).toContainText('Bastion Labs');
  await expect(customer.getByRole('region', { name: 'ISV contacts' })).toHaveCount(0);
  await expect(customer.getByRole('region', { name: 'Partner resources' })).toHaveCount(0);
  await expect(customer.getByText('support@bastionlabs.example')).toHaveCount(0);
  await expect(customer.getByText('Marcus Hale')).toHaveCount(0);
  // A customer buys through its partner: no buying here.
  await expect(customer.getByRole('tab', { name: 'Buy for a customer' })).toHaveCount(0);
  await expectAccessible(customer, 'product details (customer)');
});

test('the marketplace in Korean: labels, types and the API availability words', async ({ browser }) => {
  const page = await pageAs(browser, 'global-admin@seoulcloudworks.example', 'ko-KR');
  await page.goto('/marketplace');
  await expect(page.getByRole('heading', { level: 1, name: '마켓플레이스' })).toBeVisible();
  await expect(page.getByLabel('유형')).toBeVisible();
  await page.getByLabel('유형').selectOption({ label: '관리형 애플리케이션' });
  await expect(page).toHaveURL(/type=managed_app/);
  const vault = page.getByRole('list', { name: '제품 목록' }).getByRole('listitem').filter({ hasText: 'Bastion Vault Managed HSM' });
  await expect(vault.getByText('귀사에 제공되지 않음')).toBeVisible();
  await expect(vault.getByText('귀사에는 제공되지 않습니다. 이 제품은 다른 파트너 전용입니다.')).toBeVisible();
  await expect(vault.getByText('보안')).toBeVisible();
  await page.getByLabel('제품 검색').fill('존재하지않는제품');
  await page.getByRole('button', { name: '검색' }).click();
  await expect(page.getByText('이 필터에 맞는 제품이 없습니다')).toBeVisible();
  await expectAccessible(page, 'marketplace (ko)');
  await page.getByRole('button', { name: '필터 지우기' }).click();
  await expect(page).toHaveURL(/\/marketplace$/);
});

test('product details at phone width', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, 'global-admin@northwind-direct.example');
  await page.goto('/marketplace/bastion-sentinel?tab=plans');
  await expect(page.getByRole('heading', { level: 1, name: 'Bastion Sentinel XDR' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Plans + pricing' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Enterprise' })).toBeVisible();
  // Nothing wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page, 'product details (phone)');
});

test('a helpdesk agent gets the case-work view of an offer its customers have', async ({ page }) => {
  await signIn(page, 'helpdesk-agent@northwind-direct.example');
  await page.goto('/marketplace/bastion-sentinel');
  await expect(page.getByRole('heading', { level: 1, name: 'Bastion Sentinel XDR' })).toBeVisible();
  await expect(page.getByText('You see what your cases need of this offer.', { exact: false })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Support contact' }).getByRole('link', { name: 'support@bastionlabs.example' })).toBeVisible();
  await expect(page.getByRole('tab')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectAccessible(page, 'case-work view');
});
