/**
 * Administration of the channel (issue 12): test 2 — a provider invites a reseller, the reseller
 * accepts, the provider changes the split for billing, and a new billing case from that
 * reseller's customer goes where the split says; routing preferences with their preview, an SLA
 * policy, incident notices, a customer relationship created and ended, the audit log filtered and
 * downloaded as CSV; the accessibility check of every page, in English and Korean.
 *
 * Organizations no other spec changes: Hanil Cloud Distribution (provider; its Korean global
 * administrator only reads elsewhere), Alpenrose IT (a reseller with no relationship to Hanil),
 * Sakura Net Solutions (a reseller of Hanil) and the customers created here.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, pageAs, expectAccessible } from './fixtures.ts';
import type { Page } from '@playwright/test';

const PROVIDER = 'global-admin@hanilcloud.example';
const RESELLER = 'global-admin@alpenrose.example';
const OTHER_RESELLER = 'global-admin@sakuranet.example';

/** A change through the API as the page's user (cookie-borne changes carry the console's Origin). */
async function apiPost(page: Page, path: string, data?: unknown) {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`/api/v1${path}`, { headers: { origin, 'idempotency-key': randomUUID() }, ...(data === undefined ? {} : { data }) });
  return { status: response.status(), body: await response.json().catch(() => null) as Record<string, unknown> | null };
}

/** A screenshot of a page the test passes on its way (the fixture keeps the last one). */
async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(import.meta.dirname, '..', 'e2e-results', 'screenshots', `admin-channel-${name}.png`), fullPage: true });
}

test('issue 12 test 2: invite, accept, billing split to the provider, and a new billing case goes there', async ({ browser }) => {
  test.setTimeout(300_000);
  const stamp = Date.now().toString(36);

  // The provider, in Korean, invites Alpenrose IT.
  const provider = await pageAs(browser, PROVIDER, 'ko-KR');
  await provider.goto('/admin/relationships');
  await expect(provider.getByRole('heading', { level: 1, name: '간접 파트너 관계' })).toBeVisible({ timeout: 30_000 });
  await expect(provider.locator('html')).toHaveAttribute('lang', 'ko');
  await expectAccessible(provider, 'relationships (ko)');
  await provider.getByLabel('리셀러', { exact: true }).selectOption({ label: 'Alpenrose IT' });
  await provider.getByRole('button', { name: '초대 보내기' }).click();
  await expect(provider.getByRole('status').filter({ hasText: 'Alpenrose IT에 초대를 보냈습니다.' })).toBeVisible({ timeout: 30_000 });

  // The reseller accepts.
  const reseller = await pageAs(browser, RESELLER);
  await reseller.goto('/admin/relationships?status=invited');
  await expect(reseller.getByRole('heading', { level: 1, name: 'Indirect relationships' })).toBeVisible({ timeout: 30_000 });
  const invitation = reseller.getByRole('row').filter({ hasText: 'Hanil Cloud Distribution' });
  await expect(invitation).toContainText('Invited');
  await expectAccessible(reseller, 'relationships (reseller, invitation)');
  await invitation.getByRole('button', { name: 'Accept' }).click();
  await expect(reseller.getByRole('status').filter({ hasText: "You accepted Hanil Cloud Distribution's invitation." })).toBeVisible({ timeout: 30_000 });

  // The provider opens the split with Alpenrose and makes billing the provider's: first contact and handler.
  await provider.goto('/admin/relationships?status=active');
  const row = provider.getByRole('row').filter({ hasText: 'Alpenrose IT' });
  await expect(row).toContainText('활성', { timeout: 30_000 });
  await row.getByRole('button', { name: 'Alpenrose IT와(과)의 지원 분담' }).click();
  const split = provider.getByRole('region', { name: /지원 분담: Hanil Cloud Distribution 및 Alpenrose IT/ });
  await expect(split).toBeVisible({ timeout: 30_000 });
  const billing = split.getByRole('row').filter({ has: provider.getByRole('rowheader', { name: '청구', exact: true }) });
  await expect(billing).toContainText('청구 문의는 Alpenrose IT이(가) 받고 직접 처리합니다.');
  await provider.getByLabel('청구의 첫 연락처').selectOption('provider');
  await provider.getByLabel('청구 케이스 처리 담당').selectOption('provider');
  await expect(split).toContainText('범주 1개 변경됨');
  await split.getByRole('button', { name: '분담 저장' }).click();
  await expect(split.getByRole('status').filter({ hasText: '지원 분담을 저장했습니다.' })).toBeVisible({ timeout: 30_000 });
  await expect(billing).toContainText('청구 문의는 Hanil Cloud Distribution이(가) 받고 직접 처리합니다.');
  await expectAccessible(provider, 'support split (ko)');

  // The reseller creates a customer with its first administrator, then buys for it through Hanil.
  await reseller.goto('/admin/customer-relationships');
  await expect(reseller.getByRole('heading', { level: 1, name: 'Customer relationships' })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(reseller, 'customer relationships');
  const customerName = `Edelweiss Bau ${stamp}`;
  const adminEmail = `customer-admin-${stamp}@edelweiss.example`;
  const password = 'Quartz-Meadow-Lantern-4711';
  // Client-side validation first.
  await reseller.getByRole('button', { name: 'Create customer' }).click();
  await expect(reseller.getByText("Enter the customer's name.")).toBeVisible();
  await reseller.getByLabel('Customer name').fill(customerName);
  await reseller.getByLabel('Country').selectOption('DE');
  await reseller.getByLabel('Also create the customer\'s first administrator').check();
  await reseller.getByLabel('E-mail').fill(adminEmail);
  await reseller.getByLabel('Name', { exact: true }).fill('Vreni Aebi');
  await reseller.getByLabel('Initial password').fill(password);
  await reseller.getByRole('button', { name: 'Create customer' }).click();
  const created = reseller.getByRole('status').filter({ hasText: `${customerName} was created with its administrator ${adminEmail}.` });
  await expect(created).toBeVisible({ timeout: 30_000 });
  const href = await created.getByRole('link', { name: 'Open its page' }).getAttribute('href');
  const customerId = decodeURIComponent(href!.split('/').pop()!);

  const relationships = await (await reseller.request.get('/api/v1/channel/relationships?status=active')).json() as { items: { provider: { id: string; name: string | null } }[] };
  const hanilId = relationships.items.find((r) => r.provider.name === 'Hanil Cloud Distribution')!.provider.id;
  const offer = await (await reseller.request.get('/api/v1/offers/tidewater-workspace')).json() as { agreement: { version: number } | null };
  const bought = await apiPost(reseller, '/subscriptions', {
    customerId, offerId: 'tidewater-workspace', planId: 'essentials', quantity: 5, billingCycle: 'monthly', term: 'P1M',
    acceptedAgreementVersion: offer.agreement!.version, providerId: hanilId,
  });
  expect(bought.status, JSON.stringify(bought.body)).toBe(201);
  const subscriptionId = bought.body!.id as string;
  // The publisher activates it (another test may have activated it first: either way it is active).
  const publisher = await pageAs(browser, 'publisher-admin@tidewater.example');
  await apiPost(publisher, `/subscriptions/${subscriptionId}/activate`);
  const sub = await (await publisher.request.get(`/api/v1/subscriptions/${subscriptionId}`)).json() as { status: string };
  expect(sub.status).toBe('active');
  await publisher.close();

  // The customer's administrator opens a billing case: the new-case page says Hanil answers.
  const customer = await browser.newContext({ locale: 'en-US' }).then((c) => c.newPage());
  await customer.goto('/sign-in');
  await customer.locator('#email').fill(adminEmail);
  await customer.locator('#password').fill(password);
  await customer.locator('form button[type="submit"]').click();
  await expect(customer.locator('header.header')).toBeVisible({ timeout: 30_000 });
  await customer.goto('/cases/new');
  await customer.getByLabel('Category').selectOption('billing');
  await customer.locator('#nc-about').selectOption(`sub:${subscriptionId}`);
  const decision = customer.getByRole('region', { name: 'Who will answer' });
  await expect(decision).toContainText('Hanil Cloud Distribution (Indirect provider)', { timeout: 30_000 });
  await customer.getByLabel('Title').fill(`Invoice question ${stamp}`);
  await customer.getByLabel('Your question').fill('Our first invoice shows five seats twice. Could you check it?');
  await customer.getByRole('button', { name: 'Open the case' }).click();
  await expect(customer).toHaveURL(/\/cases\/case_/, { timeout: 30_000 });
  await expect(customer.getByRole('heading', { level: 1, name: `Invoice question ${stamp}` })).toBeVisible({ timeout: 30_000 });
  const caseId = customer.url().split('/').pop()!;
  const opened = await (await customer.request.get(`/api/v1/cases/${caseId}`)).json() as { holder: { id: string } };
  expect(opened.holder.id).toBe(hanilId);
});

test('routing preferences with their preview, incident notices, an SLA policy, a customer relationship ended', async ({ browser }) => {
  test.setTimeout(300_000);
  const sakura = await pageAs(browser, OTHER_RESELLER);

  // Routing: a default, a preference for one offer, and the preview showing it.
  await sakura.goto('/admin/routing');
  await expect(sakura.getByRole('heading', { level: 1, name: 'Routing preferences' })).toBeVisible({ timeout: 30_000 });
  await expect(sakura.getByText('You have not chosen a default')).toBeVisible({ timeout: 30_000 });
  await sakura.getByLabel('Default preference').selectOption('tier1');
  await sakura.getByRole('button', { name: 'Save default' }).click();
  await expect(sakura.getByRole('status').filter({ hasText: 'Default preference saved.' })).toBeVisible({ timeout: 30_000 });
  await expect(sakura.getByText('Your default is “Answer first (tier 1)”')).toBeVisible();
  await sakura.getByRole('button', { name: 'Set for this offer' }).click();
  await expect(sakura.getByText('Choose the offer the preference is for.')).toBeVisible();
  await sakura.getByLabel('Offer', { exact: true }).selectOption({ label: 'Fathom Insights' });
  await sakura.getByLabel('Preference for this offer').selectOption('direct');
  await sakura.getByRole('button', { name: 'Set for this offer' }).click();
  await expect(sakura.getByRole('status').filter({ hasText: 'Preference for Fathom Insights saved.' })).toBeVisible({ timeout: 30_000 });
  await expect(sakura.getByRole('row').filter({ hasText: 'Fathom Insights' })).toContainText('Send the customer to the publisher');

  const preview = sakura.getByRole('region', { name: 'Preview: who would answer' });
  const options = await sakura.locator('#routing-preview-subscription option').allTextContents();
  const fathom = options.find((o) => o.startsWith('Fathom Insights'));
  const other = options.find((o) => o && !o.startsWith('Fathom Insights') && !o.startsWith('Choose'));
  expect(fathom, 'a Fathom Insights subscription of Sakura').toBeTruthy();
  await sakura.locator('#routing-preview-subscription').selectOption({ label: fathom! });
  await sakura.getByLabel('Question').selectOption('technical_howto');
  await expect(preview).toContainText('“Send the customer to the publisher”, set for this offer', { timeout: 30_000 });
  await expect(preview.getByRole('heading', { name: 'Why' })).toBeVisible();
  await expect(preview.locator('ol.routing-rules li').first()).toBeVisible();
  if (other) {
    await sakura.locator('#routing-preview-subscription').selectOption({ label: other });
    await expect(preview).toContainText('“Answer first (tier 1)”, your default', { timeout: 30_000 });
    await expect(preview).toContainText('Sakura Net Solutions (Reseller)');
  }
  await expectAccessible(sakura, 'routing preferences');
  await shot(sakura, 'routing-preview');

  // Removing the offer's preference asks first.
  await sakura.getByRole('button', { name: 'Remove preference for Fathom Insights' }).click();
  const confirm = sakura.getByRole('alertdialog');
  await expect(confirm).toContainText('New technical cases of Fathom Insights will follow your default');
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(sakura.getByRole('status').filter({ hasText: 'Preference for Fathom Insights removed' })).toBeVisible({ timeout: 30_000 });
  await expect(sakura.getByText('No offer has its own preference')).toBeVisible();

  // Incident notices.
  await sakura.goto('/admin/notices');
  await expect(sakura.getByRole('heading', { level: 1, name: 'Incident notices' })).toBeVisible({ timeout: 30_000 });
  await expect(sakura.getByText("Your customers don't hear of incidents.")).toBeVisible({ timeout: 30_000 });
  await sakura.getByLabel('Let my customers hear of incidents').check();
  await sakura.getByRole('button', { name: 'Save' }).click();
  await expect(sakura.getByRole('status').filter({ hasText: 'Saved: your customers will hear of incidents.' })).toBeVisible({ timeout: 30_000 });
  await expect(sakura.getByText('Your customers hear of incidents.')).toBeVisible();
  await expectAccessible(sakura, 'incident notices');

  // An SLA policy for billing: validation, then saved as version 1.
  await sakura.goto('/admin/sla-policies');
  await expect(sakura.getByRole('heading', { level: 1, name: 'SLA policies' })).toBeVisible({ timeout: 30_000 });
  await expect(sakura.getByRole('region', { name: 'What applies now' })).toBeVisible({ timeout: 30_000 });
  await sakura.getByLabel('Policy for').selectOption('billing');
  const editor = sakura.getByRole('region', { name: 'Policy: Billing' });
  await expect(editor).toContainText('No policy is set here');
  await editor.getByLabel('Resolution for Critical (A), in minutes').fill('20');
  await editor.getByLabel('First response for Critical (A), in minutes').fill('30');
  await editor.getByRole('button', { name: 'Save policy' }).click();
  await expect(editor.getByText("Resolution can't be sooner than the first response.")).toBeVisible();
  await editor.getByLabel('Resolution for Critical (A), in minutes').fill('240');
  await editor.getByLabel('Time zone').selectOption('Asia/Tokyo');
  await editor.getByLabel('Saturday').fill('10:00–14:00');
  await editor.getByLabel('Holiday', { exact: true }).fill('2027-01-01');
  await editor.getByRole('button', { name: 'Add holiday' }).click();
  await expect(editor.getByRole('button', { name: 'Remove 2027-01-01' })).toBeVisible();
  await editor.getByLabel('Critical cases around the clock').check();
  await editor.getByRole('button', { name: 'Save policy' }).click();
  await expect(editor.getByRole('status').filter({ hasText: 'Policy for Billing saved as version 1.' })).toBeVisible({ timeout: 30_000 });
  await expect(editor).toContainText('Version 1, set');
  await expectAccessible(sakura, 'SLA policies');
  await shot(sakura, 'sla-policy-set');

  // A customer relationship: created, then ended after confirming.
  await sakura.goto('/admin/customer-relationships');
  await expect(sakura.getByRole('heading', { level: 1, name: 'Customer relationships' })).toBeVisible({ timeout: 30_000 });
  const name = `Hokusai Trading ${Date.now().toString(36)}`;
  await sakura.getByLabel('Customer name').fill(name);
  await sakura.getByLabel('Country').selectOption('JP');
  await sakura.getByRole('button', { name: 'Create customer' }).click();
  await expect(sakura.getByRole('status').filter({ hasText: `${name} was created.` })).toBeVisible({ timeout: 30_000 });
  await sakura.getByLabel('Find by name').fill(name);
  await sakura.getByRole('button', { name: 'Search' }).click();
  const customerRow = sakura.getByRole('row').filter({ hasText: name });
  await expect(customerRow).toContainText('Active', { timeout: 30_000 });
  await customerRow.getByRole('button', { name: `End relationship with ${name}` }).click();
  const endDialog = sakura.getByRole('alertdialog');
  await expect(endDialog).toContainText(`You will no longer be ${name}'s partner`);
  await endDialog.getByRole('button', { name: 'End relationship' }).click();
  await expect(sakura.getByRole('status').filter({ hasText: `Your relationship with ${name} has ended.` })).toBeVisible({ timeout: 30_000 });
  await expect(customerRow).toContainText('Ended', { timeout: 30_000 });
  await expect(customerRow.getByRole('link', { name })).toHaveAttribute('href', /\/customers\/org_/);

  // The audit log: filtered by action, then the same filter as CSV.
  await sakura.goto('/admin/audit');
  await expect(sakura.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible({ timeout: 30_000 });
  await expect(sakura.getByRole('table')).toBeVisible({ timeout: 30_000 });
  await sakura.getByLabel('Action').selectOption('sla_policy.set');
  await expect(sakura).toHaveURL(/action=sla_policy\.set/);
  const rows = sakura.locator('table tbody tr');
  await expect(rows).toHaveCount(1, { timeout: 30_000 });
  await expect(rows.first()).toContainText('sla_policy.set');
  await expect(rows.first()).toContainText('SLA policy');
  await expectAccessible(sakura, 'audit log (filtered)');
  const csvLink = sakura.getByRole('link', { name: 'Download CSV' });
  await expect(csvLink).toHaveAttribute('href', /\/api\/v1\/audit-log\.csv\?action=sla_policy\.set/);
  const [download] = await Promise.all([sakura.waitForEvent('download'), csvLink.click()]);
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines.length).toBe(2);
  expect(lines[1]).toContain('sla_policy.set');
  expect(csv).not.toContain('routing_preference.default_set');

  // A subject filter that matches nothing says so.
  await sakura.getByLabel('Subject id').fill('nothing_here');
  await sakura.getByRole('button', { name: 'Apply filters' }).click();
  await expect(sakura.getByText('No entry matches these filters')).toBeVisible({ timeout: 30_000 });
  await sakura.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
});

test('every administration page of the channel in Korean', async ({ browser }) => {
  test.setTimeout(240_000);
  // Hanil's Korean global administrator only reads here.
  const page = await pageAs(browser, PROVIDER, 'ko-KR');
  const pages: [string, string][] = [
    ['/admin/routing', '라우팅 기본 설정'],
    ['/admin/relationships', '간접 파트너 관계'],
    ['/admin/customer-relationships', '고객 관계'],
    ['/admin/notices', '장애 알림'],
    ['/admin/sla-policies', 'SLA 정책'],
    ['/admin/audit', '감사 로그'],
  ];
  for (const [path, title] of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('main [role="status"].loading')).toHaveCount(0, { timeout: 30_000 });
    await expectAccessible(page, `${path} (ko)`);
    const text = await page.locator('main').innerText();
    for (const english of ['Loading', 'Save', 'Any', 'Actions', 'Status']) expect(text, `${path}: no "${english}"`).not.toMatch(new RegExp(`\\b${english}\\b`));
  }
  await expect(page.getByRole('table')).toBeVisible();
});
