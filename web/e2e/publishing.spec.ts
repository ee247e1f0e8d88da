/**
 * Publishing (issue 12): a publisher publishes a new agreement version with other SLA targets and
 * a new purchase shows that version to accept (issue test 4); a publisher creates an offer with
 * plans, markets, prices and contacts, edits it, sets its CSP audience (a refused transition
 * explained) and activates a waiting subscription; the pages in Korean.
 *
 * Tidewater Software's administrator publishes (no other file signs in as it); Northwind Direct's
 * admin agent buys for Copperline Media, a customer no other file uses.
 */
import { expect, expectAccessible, pageAs, signIn, test } from './fixtures.ts';

const PUBLISHER = 'publisher-admin@tidewater.example';
const PARTNER = 'admin-agent@northwind-direct.example';

test('a publisher publishes a new agreement version with other SLA targets, and a new purchase accepts it', async ({ page, browser }) => {
  test.setTimeout(240_000);
  await signIn(page, PUBLISHER);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Publishing' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your offers' })).toBeVisible({ timeout: 30_000 });
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Tidewater Pipelines', exact: true }) });
  await expect(row).toContainText('Any partner');
  await expect(row).toContainText('Version 1');
  await expectAccessible(page, 'publishing offers');
  await row.getByRole('link', { name: 'Tidewater Pipelines', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Tidewater Pipelines' })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, 'offer details');
  await page.getByRole('tab', { name: 'Agreement' }).click();
  const v1 = page.getByRole('region', { name: /^Version 1 — / });
  await expect(v1).toContainText('Current');
  await expect(v1.getByRole('table', { name: 'Targets of version 1 per severity' })).toContainText('1 hour');
  await page.getByRole('button', { name: 'Publish a new version' }).click();

  const form = page.getByRole('region', { name: 'New version 2' });
  await expect(form.getByLabel('Title', { exact: true })).toHaveValue(/Tidewater Pipelines/);
  // A resolution sooner than the first response is said, and nothing is sent.
  await form.getByLabel('Resolution for Critical (A), in minutes').fill('20');
  await form.getByLabel('First response for Critical (A), in minutes').fill('30');
  await form.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(form.getByText("Can't be sooner than the first response.")).toBeVisible();
  await form.getByLabel('Resolution for Critical (A), in minutes').fill('240');
  await expect(form.getByLabel('Resolution for Critical (A), in minutes')).toHaveAccessibleDescription('4 hours');
  await form.getByLabel('Title', { exact: true }).fill('Tidewater Pipelines — Customer Agreement 2027');
  await form.getByLabel('Support hours', { exact: true }).fill('Mon-Fri 08:00-18:00');
  await form.getByLabel('Set the hours per weekday and holidays').check();
  await form.getByLabel('Sat', { exact: true }).uncheck();
  await form.getByLabel('Mon: open hours').fill('18:00-08:00');
  await form.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(form.getByText('Closing must be later than opening.')).toBeVisible();
  await form.getByLabel('Mon: open hours').fill('08:00-12:00, 13:00-18:00');
  await form.getByRole('textbox', { name: /^Holidays/ }).fill('2026-12-24\n2026-12-25');
  await form.getByLabel('Critical cases count every minute, whatever the hours say').check();
  await expectAccessible(page, 'new agreement version');
  await form.getByRole('button', { name: 'Publish', exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Publish version 2?' });
  await expect(confirm).toContainText('Published versions never change.');
  await confirm.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Version 2 is published.' })).toBeVisible({ timeout: 30_000 });
  const v2 = page.getByRole('region', { name: /^Version 2 — Tidewater Pipelines — Customer Agreement 2027/ });
  await expect(v2).toContainText('Current');
  await expect(v2.getByRole('table', { name: 'Targets of version 2 per severity' }).getByRole('row', { name: /Critical/ })).toContainText('30 minutes');
  await expect(v2).toContainText('2026-12-24, 2026-12-25');
  await expect(v2).toContainText('Mon 08:00–12:00, 13:00–18:00 · Tue 09:00–18:00');
  await expect(v2).toContainText('Sat closed');
  await expect(v1).not.toContainText('Current');
  await expectAccessible(page, 'agreement versions');

  // A partner buys it for a customer: the version to accept is the new one.
  const partner = await pageAs(browser, PARTNER);
  await partner.goto('/marketplace/tidewater-pipelines?tab=buy');
  await partner.getByLabel('Find a customer', { exact: true }).fill('Copperline');
  const customer = partner.getByLabel('Customer', { exact: true });
  await expect(customer.getByRole('option', { name: /Copperline Media/ })).toBeAttached({ timeout: 30_000 });
  await customer.selectOption({ label: 'Copperline Media (United States)' });
  await expect(partner.getByText('This plan can be bought for this customer.')).toBeVisible({ timeout: 30_000 });
  await expect(partner.getByRole('group', { name: 'Agreement: Tidewater Pipelines — Customer Agreement 2027 (version 2)' })).toBeVisible();
  await partner.getByLabel('Quantity', { exact: true }).fill('3');
  await partner.getByLabel("On the customer's behalf, I accept this agreement, version 2.").check();
  await partner.getByRole('button', { name: 'Buy', exact: true }).click();
  await expect(partner.getByRole('status').filter({ hasText: 'Bought Concurrent runner for Copperline Media' })).toBeVisible({ timeout: 30_000 });

  // The publisher sees it wait for activation, with the version it accepted.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Publishing' }).click();
  await page.getByRole('navigation', { name: 'Publishing' }).getByRole('link', { name: 'Waiting for activation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Waiting for activation' })).toBeVisible();
  const waiting = page.getByRole('row').filter({ hasText: 'Copperline Media' });
  await expect(waiting).toContainText('Tidewater Pipelines');
  await expect(waiting).toContainText('Version 2');
  await expectAccessible(page, 'waiting subscriptions');
  await partner.close();
});

test('a publisher creates an offer with plans, prices and contacts, edits it, sets its audience and activates a purchase', async ({ page, browser }) => {
  test.setTimeout(300_000);
  await signIn(page, PUBLISHER);
  await page.goto('/publishing');
  await page.getByRole('link', { name: 'New offer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New offer' })).toBeVisible({ timeout: 30_000 });

  // Nothing filled in: every required field is said, nothing is sent.
  await page.getByRole('button', { name: 'Create offer' }).click();
  await expect(page.getByText('Some fields need another look; they are marked above.')).toBeVisible();
  await expect(page.getByLabel('Offer ID')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'new offer with errors');

  await page.getByLabel('Offer ID').fill('tidewater-harbor');
  await page.getByLabel('Name', { exact: true }).first().fill('Tidewater Harbor Backup');
  await page.getByLabel('Type', { exact: true }).selectOption({ label: 'SaaS' });
  await page.getByLabel('Categories').fill('storage, security');
  await page.getByLabel('Summary').fill('Immutable backups of your build artifacts and registries.');
  await page.getByLabel('Short description').fill('Keeps every artifact your pipelines build for as long as policy says, immutable.');
  await page.getByLabel('Description', { exact: true }).fill('Harbor Backup copies artifacts and registries to immutable storage.\n\nRestores take minutes.');
  const links = page.getByRole('group', { name: 'Useful links' });
  await page.getByRole('button', { name: 'Add a link to Useful links' }).click();
  await links.getByLabel('Title 1').fill('Product page');
  await links.getByLabel('Address 1').fill('https://tidewater.example/harbor');

  const support = page.getByRole('group', { name: 'Support contact' });
  await support.getByLabel('Name').fill('Tidewater Support');
  await support.getByLabel('E-mail').fill('support@tidewater.example');
  await support.getByLabel('Phone').fill('+49 40 3890 1000');
  await support.getByLabel('Support website').fill('support.tidewater.example');
  const engineering = page.getByRole('group', { name: 'Engineering contact' });
  await engineering.getByLabel('Name').fill('Jana Vogt');
  await engineering.getByLabel('E-mail').fill('jana.vogt@tidewater.example');
  await engineering.getByLabel('Phone').fill('+49 40 3890 1088');
  const csp = page.getByRole('group', { name: 'CSP program contact' });
  await csp.getByLabel('Name').fill('Felix Braun');
  await csp.getByLabel('E-mail').fill('partner@tidewater.example');
  await csp.getByLabel('Phone').fill('+49 40 3890 1077');
  await csp.getByLabel('Marketing materials address').fill('https://partner.tidewater.example/harbor');
  await page.getByRole('group', { name: 'Training' }).getByRole('button', { name: 'Add a link to Training' }).click();
  await page.getByRole('group', { name: 'Training' }).getByLabel('Title 1').fill('Harbor for partners');
  await page.getByRole('group', { name: 'Training' }).getByLabel('Address 1').fill('https://academy.tidewater.example/harbor');
  await page.getByRole('button', { name: 'Create offer' }).click();
  // The support website is not an address yet.
  await expect(support.getByText('Enter an address starting with https:// or http://.')).toBeVisible();
  await support.getByLabel('Support website').fill('https://support.tidewater.example');
  await expect(page.getByRole('radio', { name: /Any partner/ })).toBeChecked();
  await page.getByRole('button', { name: 'Create offer' }).click();

  await expect(page).toHaveURL(/\/publishing\/offers\/tidewater-harbor\?tab=plans/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Tidewater Harbor Backup' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'The offer is created.' })).toBeVisible();

  // A plan with two markets; crossed quantity bounds are said first.
  const plan = page.getByRole('region', { name: 'New plan' });
  await plan.getByLabel('Plan ID').fill('standard');
  await plan.getByLabel('Name', { exact: true }).fill('Standard');
  await plan.getByRole('checkbox', { name: 'Annual' }).check();
  await plan.getByLabel('Minimum quantity').fill('10');
  await plan.getByLabel('Maximum quantity').fill('5');
  await plan.getByLabel('Trial days').fill('14');
  await plan.getByLabel('Market 1').fill('US');
  await expect(plan.getByLabel('Currency 1')).toHaveValue('USD');
  await plan.getByLabel('Amount 1').fill('9.50');
  await plan.getByRole('button', { name: 'Add a market' }).click();
  await plan.getByLabel('Market 2').fill('KR');
  await expect(plan.getByLabel('Currency 2')).toHaveValue('KRW');
  await plan.getByLabel('Amount 2').fill('12000');
  await plan.getByRole('button', { name: 'Add plan' }).click();
  await expect(plan.getByText('Must be at least the minimum quantity.')).toBeVisible();
  await plan.getByLabel('Maximum quantity').fill('500');
  await expectAccessible(page, 'new plan');
  await plan.getByRole('button', { name: 'Add plan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Plan Standard added.' })).toBeVisible({ timeout: 30_000 });
  const prices = page.getByRole('table', { name: 'Prices of Standard' });
  await expect(prices).toContainText('$9.50');
  await expect(prices).toContainText('₩12,000');

  // Edit: the summary, and the plan's name.
  await page.getByRole('tab', { name: 'Details' }).click();
  await page.getByLabel('Summary').fill('Immutable, versioned backups of build artifacts and container registries.');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('tab', { name: 'Plans and prices' }).click();
  await page.getByRole('button', { name: 'Change plan Standard' }).click();
  await page.getByRole('region', { name: 'Change plan Standard' }).getByLabel('Name', { exact: true }).fill('Standard per project');
  await page.getByRole('button', { name: 'Save plan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Plan Standard per project saved.' })).toBeVisible({ timeout: 30_000 });

  // The first agreement version, so partners can buy it.
  await page.getByRole('tab', { name: 'Agreement' }).click();
  await expect(page.getByText('No agreement yet')).toBeVisible();
  await page.getByRole('button', { name: 'Publish a new version' }).click();
  const agreement = page.getByRole('region', { name: 'New version 1' });
  await agreement.getByLabel('Title', { exact: true }).fill('Tidewater Harbor Backup — Customer Agreement');
  await agreement.getByLabel('Text').fill('Tidewater answers and resolves cases within the targets below.');
  await agreement.getByLabel('Time zone').selectOption('Europe/Berlin');
  await agreement.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByRole('alertdialog', { name: 'Publish version 1?' }).getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Version 1 is published.' })).toBeVisible({ timeout: 30_000 });

  // A partner opts in and buys it (through the API, from its own signed-in page).
  const partner = await pageAs(browser, PARTNER);
  const bought = await partner.evaluate(async () => {
    const json = (r: Response) => (r.ok ? r.json() : r.text().then((t) => { throw new Error(`${r.status} ${t}`); }));
    await fetch('/api/v1/offers/tidewater-harbor/opt-in', { method: 'PUT' }).then(json);
    const customers = await fetch('/api/v1/customers?q=Copperline').then(json) as { items: { id: string }[] };
    return fetch('/api/v1/subscriptions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({
        customerId: customers.items[0]!.id, offerId: 'tidewater-harbor', planId: 'standard', quantity: 20,
        billingCycle: 'monthly', term: 'P1M', acceptedAgreementVersion: 1,
      }),
    }).then(json) as Promise<{ status: string }>;
  });
  expect(bought.status).toBe('pending_activation');
  await partner.close();

  // No partners: refused, because Northwind Direct has resold it — said with its name.
  await page.getByRole('tab', { name: 'CSP audience' }).click();
  await page.getByRole('radio', { name: /No partners/ }).check();
  await page.getByRole('button', { name: 'Save who may resell' }).click();
  await page.getByRole('alertdialog', { name: 'Change who may resell this offer?' }).getByRole('button', { name: 'Change' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: "This change wasn't made." });
  await expect(refusal).toBeVisible({ timeout: 30_000 });
  await expect(refusal.getByRole('list', { name: 'Partners that keep the right to resell' })).toContainText('Northwind Direct');
  await expectAccessible(page, 'audience refused');

  // Specific partners: Kestrel chosen, Northwind Direct kept because it resold the offer.
  await page.getByRole('radio', { name: /Specific partners/ }).check();
  await page.getByLabel('Find a partner').fill('Kestrel');
  await page.getByRole('checkbox', { name: /Kestrel Systems/ }).check();
  await page.getByRole('button', { name: 'Save who may resell' }).click();
  await page.getByRole('alertdialog', { name: 'Change who may resell this offer?' }).getByRole('button', { name: 'Change' }).click();
  const saved = page.getByRole('status').filter({ hasText: 'Saved: Specific partners may resell this offer now.' });
  await expect(saved).toBeVisible({ timeout: 30_000 });
  await expect(saved).toContainText('This partner has resold the offer and stays on the list: Northwind Direct.');

  // The waiting purchase: activated, confirmed.
  await page.goto('/publishing/subscriptions');
  await expect(page.getByRole('heading', { level: 1, name: 'Waiting for activation' })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Offer').selectOption({ label: 'Tidewater Harbor Backup' });
  await expect(page).toHaveURL(/offer=tidewater-harbor/);
  await page.getByRole('button', { name: 'Activate Tidewater Harbor Backup for Copperline Media' }).click();
  const activate = page.getByRole('alertdialog', { name: 'Activate this subscription?' });
  await expect(activate).toContainText('Copperline Media gets Tidewater Harbor Backup (Standard per project, quantity 20)');
  await activate.getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Activated Tidewater Harbor Backup for Copperline Media. Billing starts now.' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Nothing waits for activation')).toBeVisible();

  // The list of offers shows the new one as it is now.
  await page.goto('/publishing');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Tidewater Harbor Backup', exact: true }) });
  await expect(row).toContainText('Specific partners', { timeout: 30_000 });
  await expect(row).toContainText('Version 1');
  await expect(row.getByRole('cell').nth(3)).toHaveText('1');
});

test('a Korean publisher reads its offers, waiting subscriptions and cases in Korean', async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await pageAs(browser, 'publisher-admin@hanbitdata.example', 'ko-KR');
  await page.goto('/publishing');
  await expect(page.getByRole('heading', { level: 1, name: '내 제품' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('link', { name: 'Hanbit DocuLens OCR', exact: true })).toBeVisible();
  await expectAccessible(page, 'publishing offers (ko)');

  await page.getByRole('link', { name: 'Hanbit DocuLens OCR', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hanbit DocuLens OCR' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('tab', { name: 'CSP 대상' }).click();
  await expect(page.getByText('변경 규칙')).toBeVisible();
  await expectAccessible(page, 'offer audience (ko)');
  await page.getByRole('tab', { name: '계약' }).click();
  await expect(page.getByRole('region', { name: /^버전 1 — / })).toContainText('현재');
  await expectAccessible(page, 'agreements (ko)');

  await page.goto('/publishing/subscriptions');
  await expect(page.getByRole('heading', { level: 1, name: '활성화 대기' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('row').filter({ hasText: 'Jeju Resort Group' })).toBeVisible();
  await expectAccessible(page, 'waiting subscriptions (ko)');

  await page.goto('/publishing/cases');
  await expect(page.getByRole('heading', { level: 1, name: '내 제품에 관한 케이스' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('columnheader', { name: '자체 참조 번호' })).toBeVisible();
  await expectAccessible(page, 'offer cases (ko)');
});

test('a publisher sees the cases about its offers with its own reference, each linking to the case', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'publisher-admin@bastionlabs.example');
  await page.goto('/publishing/cases');
  await expect(page.getByRole('heading', { level: 1, name: 'Cases about your offers' })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Offer', { exact: true }).selectOption({ label: 'Bastion Sentinel XDR' });
  await expect(page).toHaveURL(/offer=bastion-sentinel/);
  const row = page.getByRole('row').filter({ hasText: 'Agents on 40 endpoints stopped reporting after update 7.2' });
  await expect(row.getByRole('cell').nth(4)).toHaveText('BST-48213', { timeout: 30_000 });
  await expect(row).toContainText('Riverbend Health');
  await expectAccessible(page, 'offer cases');
  await row.getByRole('link', { name: 'Agents on 40 endpoints stopped reporting after update 7.2' }).click();
  await expect(page).toHaveURL(/\/cases\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Agents on 40 endpoints stopped reporting after update 7.2' })).toBeVisible({ timeout: 30_000 });
});
