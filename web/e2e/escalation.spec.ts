/**
 * Issue 11, test 3: a customer of an indirect reseller (Summit Ridge, Bluebird IT under Meridian)
 * opens a billing question through the new case page; Bluebird IT escalates it to its provider
 * and Meridian to the operator, each through the targets the case offers.
 */
import { test, expect, signIn, pageAs, expectAccessible } from './fixtures.ts';

test('a reseller escalates to its provider, the provider to the operator', async ({ page, browser }) => {
  test.setTimeout(240_000); // four parties, each signing in, and an accessibility check of every page
  const title = `Workspace invoice charged twice ${Date.now()}`;
  await signIn(page, 'customer-admin@summitridge.example');
  await page.goto('/cases/new');
  await page.getByLabel('Category').selectOption({ label: 'Billing' });
  await page.getByLabel('Subscription or offer').selectOption({ label: 'Tidewater Workspace — professional' });
  const decision = page.getByRole('region', { name: 'Who will answer' });
  await expect(decision.getByText('Answers first').locator('xpath=following-sibling::dd[1]')).toHaveText('Bluebird IT (Reseller)');
  await expect(decision.getByText('Then, if needed').locator('xpath=following-sibling::dd[1]')).toContainText('Meridian Distribution (Indirect provider)');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Your question').fill('The November invoice for Workspace shows the same 900 seats twice.');
  await expectAccessible(page, 'new case (reseller customer)');
  await page.getByRole('button', { name: 'Open the case' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const caseUrl = new URL(page.url()).pathname;

  const holderOf = (p: typeof page) => p.getByText('Holder (whose turn)').locator('xpath=following-sibling::dd[1]');

  const reseller = await pageAs(browser, 'helpdesk-agent@bluebird-it.example');
  await reseller.goto(caseUrl);
  await expect(holderOf(reseller)).toHaveText('Bluebird IT');
  await reseller.getByRole('button', { name: 'Escalate' }).click();
  const toProvider = reseller.getByRole('dialog', { name: 'Escalate' });
  await expect(toProvider.getByLabel('Escalate to').locator('option')).toHaveText(['Meridian Distribution (Indirect provider)']);
  await toProvider.getByLabel('Reason (optional)').fill('Invoices of the indirect channel are issued by Meridian.');
  await expectAccessible(reseller, 'escalate to provider');
  await toProvider.getByRole('button', { name: 'Escalate' }).click();
  await expect(reseller.getByRole('status').filter({ hasText: 'Escalated.' })).toBeVisible();
  await expect(holderOf(reseller)).toHaveText('Meridian Distribution');
  await expect(reseller.getByRole('button', { name: 'Escalate' })).toHaveCount(0);

  const provider = await pageAs(browser, 'helpdesk-agent@meridian.example');
  await provider.goto(caseUrl);
  await expect(holderOf(provider)).toHaveText('Meridian Distribution');
  await expect(provider.getByRole('button', { name: 'Hand back' })).toBeVisible();
  await provider.getByRole('button', { name: 'Escalate' }).click();
  const toOperator = provider.getByRole('dialog', { name: 'Escalate' });
  await expect(toOperator.getByLabel('Escalate to').locator('option')).toHaveText(['Marketplace operator']);
  await toOperator.getByRole('button', { name: 'Escalate' }).click();
  await expect(provider.getByRole('status').filter({ hasText: 'Escalated.' })).toBeVisible();
  await expect(holderOf(provider)).toHaveText('Switchboard Marketplace');
  const history = provider.getByRole('region', { name: 'History' });
  await expect(history.getByRole('row').filter({ hasText: 'Escalated' })).toHaveCount(2);
  await expectAccessible(provider, 'case with the operator');

  const operator = await pageAs(browser, 'commerce-support@switchboard.example');
  await operator.goto(caseUrl);
  await expect(holderOf(operator)).toHaveText('Switchboard Marketplace');
  await expect(operator.getByRole('button', { name: 'Resolve' })).toBeVisible();
  await expectAccessible(operator, 'case (operator)');
});
