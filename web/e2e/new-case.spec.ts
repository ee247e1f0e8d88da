/**
 * The new case page: required fields say what is missing, who will answer changes with the
 * category (a partner asking about a commerce question is sent to the operator), and a case
 * without a subscription goes by its offer.
 */
import { test, expect, signIn, expectAccessible } from './fixtures.ts';

test('the new case form checks its fields and shows who will answer as they change', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'admin-agent@northwind-direct.example');
  await page.goto('/cases/new');
  await expect(page.getByRole('heading', { level: 1, name: 'New case' })).toBeVisible();
  const decision = page.getByRole('region', { name: 'Who will answer' });
  await expect(decision.getByText('Choose the category, severity and what the case is about to see who will answer.')).toBeVisible();
  await page.getByRole('button', { name: 'Open the case' }).click();
  await expect(page.getByText('Choose what the question is about.')).toBeVisible();
  await expect(page.getByText('Give the case a short title.')).toBeVisible();
  await expect(page.getByText('Describe the question.')).toBeVisible();
  await expect(page).toHaveURL(/\/cases\/new$/);
  await expectAccessible(page, 'new case with errors');

  const about = page.getByLabel('Subscription or offer');
  await expect(about.locator('optgroup[label="Subscriptions"] option').first()).toBeAttached();
  await expect(about.locator('optgroup[label="Offers (without a subscription)"] option').first()).toBeAttached();
  await page.getByLabel('Category').selectOption({ label: 'Commerce platform' });
  await about.selectOption({ label: 'Bastion Sentinel XDR — standard — Riverbend Health' });
  await expect(decision.getByText('Answers first').locator('xpath=following-sibling::dd[1]')).toHaveText('Switchboard Marketplace (Marketplace operator)');
  await expect(decision.getByRole('listitem').filter({ hasText: /operator/ }).first()).toBeVisible();

  // The partner itself asking a technical question: the publisher answers.
  await page.getByLabel('Category').selectOption({ label: 'Technical break-fix' });
  await expect(decision.getByText('Answers first').locator('xpath=following-sibling::dd[1]')).toHaveText('Bastion Labs (Publisher (ISV))');
  await expectAccessible(page, 'new case with a decision');

  const title = `Edge firewall drops VPN after update ${Date.now()}`;
  await about.selectOption({ label: 'Bastion Edge Firewall' });
  await expect(decision.getByText('Responsible for the answer').locator('xpath=following-sibling::dd[1]')).toHaveText(/Bastion Labs/);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Your question').fill('Since 4.2 the site-to-site tunnel drops every hour.');
  await page.getByRole('button', { name: 'Open the case' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Offer', { exact: true }).locator('xpath=following-sibling::dd[1]')).toHaveText('Bastion Edge Firewall');
});

test('a change based on an old version of the case says so and reloads it', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'admin-agent@northwind-direct.example');
  await page.goto('/cases/new');
  const title = `Firewall licence count after resize ${Date.now()}`;
  await page.getByLabel('Category').selectOption({ label: 'Technical how-to' });
  await page.getByLabel('Subscription or offer').selectOption({ label: 'Bastion Edge Firewall' });
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Your question').fill('Does resizing the appliance change the licence count?');
  await page.getByRole('button', { name: 'Open the case' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // A case without a customer: a reply warns no customer.
  await expect(page.getByText('Customer', { exact: true }).locator('xpath=following-sibling::dd[1]')).toHaveText('No customer');
  // The same user changes the case in another tab: this tab's version is now old.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await other.getByLabel('Your reply').fill('One more detail: we run two appliances.');
  await other.getByRole('button', { name: 'Send reply' }).click();
  await expect(other.getByRole('status').filter({ hasText: 'Reply sent.' })).toBeVisible();
  await other.close();

  await page.getByLabel('Your reply').fill('And both are in the same region.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: 'Someone changed this while you were looking at it.' })).toBeVisible();
  await expectAccessible(page, 'case with a version conflict');
  await page.getByRole('button', { name: 'Reload the case' }).click();
  await expect(page.getByText('One more detail: we run two appliances.')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Someone changed this' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reply sent.' })).toBeVisible();
  await expect(page.getByText('And both are in the same region.')).toBeVisible();
});
