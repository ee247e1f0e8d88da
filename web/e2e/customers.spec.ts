import { expect, expectAccessible, signIn, test } from './fixtures.ts';

test('a partner admin agent changes a subscription\'s quantity, suspends and reactivates it', async ({ page }) => {
  await signIn(page, 'admin-agent@northwind-direct.example');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await page.getByLabel('Name contains').fill('River');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/customers\?q=River$/);
  await expect(page.getByRole('link', { name: 'Granite Peak Outdoors' })).toHaveCount(0);
  await expectAccessible(page, 'customers');
  await page.getByRole('link', { name: 'Riverbend Health' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Riverbend Health' })).toBeVisible();
  const subscriptions = page.getByRole('region', { name: 'Subscriptions' });
  const row = subscriptions.getByRole('row').filter({ has: page.getByRole('link', { name: 'Fathom Insights' }) });
  await expect(row).toContainText('Active');
  await expect(row).toContainText('Northwind Direct');
  // The pending one waits for its publisher.
  await expect(subscriptions.getByRole('row').filter({ hasText: 'Waiting for the publisher' })).toHaveCount(1);
  await expectAccessible(page, 'customer');
  await row.getByRole('link', { name: 'Fathom Insights' }).click();

  await expect(page).toHaveURL(/\/subscriptions\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Fathom Insights for Riverbend Health' })).toBeVisible();
  const facts = page.getByRole('region', { name: 'Subscription' });
  await expect(facts).toContainText('Team');
  await expect(facts).toContainText('40');
  await expectAccessible(page, 'subscription');

  // The plan's bounds are checked before asking; then the API changes it.
  const quantity = page.getByLabel('Quantity', { exact: true });
  await quantity.fill('251');
  await page.getByRole('button', { name: 'Change quantity' }).click();
  await expect(page.getByText('Enter a quantity between 1 and 250.')).toBeVisible();
  await expect(quantity).toHaveAttribute('aria-invalid', 'true');
  await quantity.fill('45');
  await page.getByRole('button', { name: 'Change quantity' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Quantity changed to 45.' })).toBeVisible();
  await expect(facts.getByText('45', { exact: true })).toBeVisible();

  // Suspend, confirmed in a dialog; a cancel of the dialog changes nothing.
  await page.getByRole('button', { name: 'Suspend' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Suspend this subscription?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'suspend dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(facts).toContainText('Active');
  await page.getByRole('button', { name: 'Suspend' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Suspend' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The subscription is suspended.' })).toBeVisible();
  await expect(facts).toContainText('Suspended');
  await expect(page.getByRole('region', { name: 'Open incidents of this offer' })).toContainText('active subscriptions only');

  await page.getByRole('button', { name: 'Reactivate' }).click();
  await page.getByRole('alertdialog', { name: 'Reactivate this subscription?' }).getByRole('button', { name: 'Reactivate' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The subscription is active again.' })).toBeVisible();
  await expect(facts).toContainText('Active');

  // Kept: after a reload, and on the customer's page.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Subscription' })).toContainText('45');
  await page.getByRole('link', { name: 'Back to Riverbend Health' }).click();
  await expect(page.getByRole('region', { name: 'Subscriptions' }).getByRole('row').filter({ has: page.getByRole('link', { name: 'Fathom Insights' }) })).toContainText('45');
});

test('the API\'s refusal is shown: a subscription changed elsewhere can\'t be suspended twice', async ({ page, browser }) => {
  await signIn(page, 'global-admin@northwind-direct.example');
  await page.goto('/customers?q=Granite');
  await page.getByRole('link', { name: 'Granite Peak Outdoors' }).click();
  await page.getByRole('region', { name: 'Subscriptions' }).getByRole('link', { name: /Edge Firewall/ }).click();
  await expect(page.getByRole('region', { name: 'Subscription' })).toContainText('Active');
  const url = page.url();

  // Someone else suspends it meanwhile.
  const other = await browser.newContext({ locale: 'en-US' });
  const otherPage = await other.newPage();
  await signIn(otherPage, 'admin-agent@northwind-direct.example');
  await otherPage.goto(url.replace(/^https?:\/\/[^/]+/, ''));
  await otherPage.getByRole('button', { name: 'Suspend' }).click();
  await otherPage.getByRole('alertdialog').getByRole('button', { name: 'Suspend' }).click();
  await expect(otherPage.getByRole('region', { name: 'Subscription' })).toContainText('Suspended');
  await other.close();

  await page.getByRole('button', { name: 'Suspend' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Suspend' }).click();
  await expect(page.getByRole('alert')).toContainText("This can't be done while the subscription is Suspended.");
  await expect(page.getByRole('region', { name: 'Subscription' })).toContainText('Suspended');
  await expect(page.getByRole('button', { name: 'Reactivate' })).toBeVisible();
  await expectAccessible(page, 'subscription refusal');

  // Cancelling is final: asked as such, then nothing more to do.
  await page.getByRole('button', { name: 'Cancel subscription' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Cancel this subscription for good?' });
  await expect(dialog).toContainText("Cancelling is final: it can't be reactivated.");
  await dialog.getByRole('button', { name: 'Cancel for good' }).click();
  await expect(page.getByRole('region', { name: 'Subscription' })).toContainText('Cancelled');
  await expect(page.getByRole('region', { name: 'Manage' })).toContainText('This subscription is cancelled. Cancelling is final');
  await expect(page.getByRole('button', { name: /Suspend|Reactivate|Cancel subscription|Change quantity/ })).toHaveCount(0);
});

test('a sales agent and a helpdesk agent see subscriptions without any action', async ({ page, browser }) => {
  await signIn(page, 'sales-agent@northwind-direct.example');
  await page.goto('/customers');
  await page.getByRole('link', { name: 'Riverbend Health' }).click();
  await page.getByRole('region', { name: 'Subscriptions' }).getByRole('link', { name: 'Bastion Sentinel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bastion Sentinel XDR for Riverbend Health' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Subscription' })).toContainText('250');
  await expect(page.getByRole('region', { name: 'Manage' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Suspend|Reactivate|Cancel subscription|Change quantity/ })).toHaveCount(0);
  await expect(page.getByLabel('Quantity', { exact: true })).toHaveCount(0);
  await expectAccessible(page, 'subscription, read only');

  const helpdesk = await browser.newContext({ locale: 'en-US' });
  const helpdeskPage = await helpdesk.newPage();
  await signIn(helpdeskPage, 'helpdesk-agent@northwind-direct.example');
  await helpdeskPage.goto(page.url().replace(/^https?:\/\/[^/]+/, ''));
  await expect(helpdeskPage.getByRole('heading', { level: 1, name: 'Bastion Sentinel XDR for Riverbend Health' })).toBeVisible();
  await expect(helpdeskPage.getByRole('button', { name: /Suspend|Reactivate|Cancel subscription|Change quantity/ })).toHaveCount(0);
});

test('a customer user sees its own subscription, without actions', async ({ page }) => {
  await signIn(page, 'customer-user@riverbend.example');
  const subscriptions = await page.evaluate(async () => (await fetch('/api/v1/subscriptions?status=active')).json() as Promise<{ items: { id: string }[] }>);
  await page.goto(`/subscriptions/${subscriptions.items[0]!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: /for Riverbend Health$/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Subscription' })).toContainText('Active');
  await expect(page.getByRole('region', { name: 'Manage' })).toHaveCount(0);
  await expectAccessible(page, 'subscription, customer');
});

test('customers at phone width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'admin-agent@meridian.example');
  await page.goto('/customers?q=Summit');
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  const first = page.getByRole('row').nth(1);
  await expect(first.getByRole('link')).toBeVisible();
  // Each cell says what it is (the table's head is hidden at this width).
  await expect(first.locator('td[data-label="Country"]')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page, 'customers at 390 px');
  await page.getByRole('link', { name: 'Summit Ridge Schools' }).click();
  await page.getByRole('region', { name: 'Subscriptions' }).getByRole('link').first().click();
  await expect(page.getByRole('button', { name: 'Suspend' })).toBeVisible();
  const facts = page.getByRole('region', { name: 'Subscription' });
  await expect(facts).toContainText('Meridian Distribution (Indirect provider)');
  await page.getByLabel('Designated support contact').selectOption('reseller');
  await page.getByRole('button', { name: 'Save support contact' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The support contact is saved.' })).toBeVisible();
  await expect(facts).toContainText('Bluebird IT (Reseller)');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await expectAccessible(page, 'subscription at 390 px');
});

test('a customer and its subscription in Korean', async ({ page }) => {
  await signIn(page, 'global-admin@meridian.example');
  await page.getByLabel('Language').selectOption('ko');
  await expect(page.getByRole('navigation', { name: '주 메뉴' })).toBeVisible();
  await page.goto('/customers?q=Lakeshore');
  await expect(page.getByRole('heading', { level: 1, name: '고객' })).toBeVisible();
  await page.getByRole('row').nth(1).getByRole('link').click();
  const subscriptions = page.getByRole('region', { name: '구독' });
  await expect(subscriptions.getByRole('columnheader', { name: '지원 담당' })).toBeVisible();
  await expect(subscriptions).toContainText('활성');
  await subscriptions.getByRole('link', { name: /Bastion Vault/ }).click();
  const facts = page.getByRole('region', { name: '구독', exact: true });
  await expect(facts).toContainText('연간 청구, 약정 1년, 시장 미국');
  await expect(page.getByRole('button', { name: '일시 중지' })).toBeVisible();
  await expect(page.getByRole('button', { name: '구독 해지' })).toBeVisible();
  const text = await page.locator('main').innerText();
  for (const english of ['Subscription', 'Quantity', 'Support contact', 'Suspend', 'annual', 'Active']) expect(text).not.toContain(english);
  await expectAccessible(page, 'subscription in Korean');
  await page.getByLabel('언어').selectOption('en');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test('customers come in pages, and the relationship filter is kept in the address', async ({ page }) => {
  await signIn(page, 'operator-admin@switchboard.example');
  await page.goto('/customers');
  const names = async () => page.getByRole('row').locator('td[data-label="Name"]').allInnerTexts();
  await expect(page.getByRole('row')).toHaveCount(26);
  const first = await names();
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByRole('button', { name: 'First page' })).toBeEnabled();
  await expect.poll(async () => (await names())[0]).not.toBe(first[0]);
  const second = await names();
  expect(second.length).toBeGreaterThan(0);
  expect(second.some((n) => first.includes(n))).toBe(false);
  await page.getByRole('button', { name: 'First page' }).click();
  await expect.poll(async () => (await names())[0]).toBe(first[0]);

  await page.getByLabel('Relationship').selectOption('ended');
  await expect(page).toHaveURL(/status=ended/);
  await page.reload();
  await expect(page.getByLabel('Relationship')).toHaveValue('ended');
  await page.getByLabel('Name contains').fill('no customer is called this');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('No customer matches')).toBeVisible();
  await expectAccessible(page, 'customers, none found');
});
