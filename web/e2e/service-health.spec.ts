/**
 * Service health (issue 12): test 1 — a publisher posts an outage on an offer; a partner with a
 * subscription of it sees it on the subscription and in its notifications; a partner without one
 * does not. Then the publisher sees whom it reached, updates it through its statuses and resolves
 * it, and the offer's status page tells it (down while open, operational and in the past 90 days
 * after). Every page of the area passes the accessibility check, in English and in Korean.
 *
 * Data no other spec relies on: Fathom Analytics' Lakehouse Starter Kit (no active subscription in
 * the demo), bought here by Kestrel Systems (through Meridian Distribution) for Brightwater
 * Council; Busan Digital, which holds nothing of it, as the partner without; Hanbit Data's Korean
 * administrator only reads. Incident titles carry this run's stamp.
 */
import type { Page } from '@playwright/test';
import { test, expect, pageAs, expectAccessible } from './fixtures.ts';

const PUBLISHER = 'publisher-admin@fathomanalytics.example';
const PARTNER = 'global-admin@kestrel.example';
const OUTSIDER = 'global-admin@busandigital.example';
const OFFER = 'fathom-lakehouse';
const OFFER_NAME = 'Fathom Lakehouse Starter Kit';

/** A change through the API as the page's user (cookie-borne changes carry the console's Origin). */
async function apiPost(page: Page, path: string, data?: unknown, headers: Record<string, string> = {}) {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`/api/v1${path}`, { headers: { origin, ...headers }, ...(data === undefined ? {} : { data }) });
  return { status: response.status(), body: await response.json().catch(() => null) as Record<string, unknown> | null };
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`/api/v1${path}`);
  expect(response.ok(), `GET ${path}: ${response.status()}`).toBe(true);
  return await response.json() as T;
}

/** Kestrel buys the Lakehouse kit for Brightwater through Meridian; Fathom activates it. Answers the subscription's id. */
async function kestrelHoldsTheOffer(partner: Page, publisher: Page): Promise<string> {
  const customers = await apiGet<{ items: { id: string; name: string }[] }>(partner, '/customers?q=Brightwater');
  const customer = customers.items.find((c) => c.name === 'Brightwater Council');
  expect(customer, 'Brightwater Council is a customer of Kestrel').toBeTruthy();
  const relationships = await apiGet<{ items: { provider: { id: string; name: string | null } }[] }>(partner, '/channel/relationships?status=active');
  const meridian = relationships.items.find((r) => r.provider.name === 'Meridian Distribution');
  expect(meridian, 'Kestrel resells through Meridian').toBeTruthy();
  const offer = await apiGet<{ agreement: { version: number } | null }>(partner, `/offers/${OFFER}`);
  const bought = await apiPost(partner, '/subscriptions', {
    customerId: customer!.id, offerId: OFFER, planId: 'scan', quantity: 1, billingCycle: 'monthly', term: 'P1M',
    acceptedAgreementVersion: offer.agreement!.version, providerId: meridian!.provider.id,
  }, { 'idempotency-key': crypto.randomUUID() });
  expect(bought.status, JSON.stringify(bought.body)).toBe(201);
  const id = bought.body!.id as string;
  const activated = await apiPost(publisher, `/subscriptions/${id}/activate`);
  expect(activated.status, JSON.stringify(activated.body)).toBe(200);
  return id;
}

test('issue 12 test 1: an outage reaches the partner holding the offer, not the one without; updated, resolved, on the status page', async ({ browser }) => {
  test.setTimeout(360_000);
  const stamp = Date.now().toString(36);
  const title = `Lakehouse queries fail in eu-west ${stamp}`;

  const publisher = await pageAs(browser, PUBLISHER);
  const partner = await pageAs(browser, PARTNER);
  const subscriptionId = await kestrelHoldsTheOffer(partner, publisher);

  // The publisher's service health: its own incidents, and the way to post one.
  await publisher.goto('/incidents');
  await expect(publisher.getByRole('heading', { level: 1, name: 'Service health' })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(publisher, 'incidents (publisher)');
  await publisher.getByRole('link', { name: 'Post an incident' }).click();
  await expect(publisher.getByRole('heading', { level: 1, name: 'Post an incident' })).toBeVisible({ timeout: 30_000 });

  // Nothing filled in: every field says what it needs, nothing is sent.
  await publisher.getByRole('button', { name: 'Post incident' }).click();
  await expect(publisher.getByText('Choose the impact.')).toBeVisible();
  await expect(publisher.getByText('Choose at least one offer.')).toBeVisible();
  await expect(publisher.getByText('Enter a title.')).toBeVisible();
  await expect(publisher.getByText('Enter the first message.')).toBeVisible();
  await expectAccessible(publisher, 'post an incident (errors)');

  await publisher.getByLabel(/^Outage/).check();
  await publisher.getByLabel(OFFER_NAME, { exact: true }).check();
  await publisher.getByLabel('Title', { exact: true }).fill(title);
  await publisher.getByLabel('First message').fill('Queries on the lakehouse engine fail with "engine unavailable" in eu-west. Ingestion is not affected. We are investigating.');
  await publisher.getByRole('button', { name: 'Post incident' }).click();
  const confirm = publisher.getByRole('alertdialog', { name: 'Post this incident?' });
  await expect(confirm).toContainText(OFFER_NAME);
  await expectAccessible(publisher, 'post an incident (confirm)');
  await confirm.getByRole('button', { name: 'Post and announce' }).click();
  await expect(publisher).toHaveURL(/\/incidents\/inc_/, { timeout: 30_000 });
  await expect(publisher.getByRole('heading', { level: 1, name: title })).toBeVisible({ timeout: 30_000 });
  await expect(publisher.getByRole('status').filter({ hasText: 'The incident is posted.' })).toBeVisible();
  const incidentUrl = publisher.url();

  // The partner holding the offer: on the subscription …
  await partner.goto(`/subscriptions/${subscriptionId}`);
  const open = partner.getByRole('region', { name: 'Open incidents of this offer' });
  await expect(open.getByRole('link', { name: title })).toBeVisible({ timeout: 30_000 });
  await expect(partner.getByRole('region', { name: 'Past incidents of this offer' })).toBeVisible();
  await expectAccessible(partner, 'subscription with an open incident');
  // … and in its notifications, once the announcement is delivered; the notice leads to the incident.
  await partner.goto('/notifications');
  await expect(partner.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => {
    await partner.reload();
    return partner.getByRole('link', { name: new RegExp(title) }).count();
  }, { timeout: 90_000, intervals: [1_000, 2_000, 3_000] }).toBeGreaterThan(0);
  await partner.getByRole('link', { name: new RegExp(title) }).first().click();
  await expect(partner.getByRole('heading', { level: 1, name: title })).toBeVisible({ timeout: 30_000 });
  // A partner reads the incident; whom it reached is the publisher's.
  await expect(partner.getByRole('region', { name: 'Whom it reached' })).toHaveCount(0);
  await expect(partner.getByRole('region', { name: 'Post an update' })).toHaveCount(0);
  // Its service health lists it, filtered to open ones in the address.
  await partner.goto('/incidents?status=open');
  await expect(partner.getByRole('row').filter({ hasText: title })).toBeVisible({ timeout: 30_000 });
  await expect(partner.getByLabel('Status', { exact: true })).toHaveValue('open');
  await expectAccessible(partner, 'incidents (partner, open)');

  // The partner without any subscription of it (in Korean): not in its list, not in its notifications.
  const outsider = await pageAs(browser, OUTSIDER, 'ko-KR');
  await outsider.goto('/incidents');
  await expect(outsider.getByRole('heading', { level: 1, name: '서비스 상태' })).toBeVisible({ timeout: 30_000 });
  await expect(outsider.getByText(title)).toHaveCount(0);
  await expectAccessible(outsider, 'incidents (ko, partner without)');
  const theirs = await apiGet<{ items: { title: string }[] }>(outsider, '/notifications?limit=100');
  expect(theirs.items.map((n) => n.title).filter((t) => t.includes(title))).toEqual([]);
  const seen = await outsider.request.get(`/api/v1/incidents/${incidentUrl.split('/').pop()}`);
  expect(seen.status()).toBe(404);

  // The status page while it is open: down, with the latest update (any signed-in partner reads it).
  await partner.goto(`/status/${OFFER}`);
  await expect(partner.getByRole('heading', { level: 1, name: `${OFFER_NAME} status` })).toBeVisible({ timeout: 30_000 });
  await expect(partner.getByRole('region', { name: 'Now' })).toContainText('Outage');
  await expect(partner.getByRole('region', { name: 'Open incidents' }).getByRole('link', { name: title })).toBeVisible();
  await expectAccessible(partner, 'status page (outage)');

  // Whom it reached: Kestrel and its provider, once delivered.
  await publisher.goto(incidentUrl);
  const reach = publisher.getByRole('region', { name: 'Whom it reached' });
  await expect(reach.getByText(/Every announcement delivered/)).toBeVisible({ timeout: 90_000 });
  const reached = reach.getByRole('table', { name: 'Organizations reached, by name' });
  await expect(reached.getByRole('row').filter({ hasText: 'Kestrel Systems' })).toContainText('Indirect reseller');
  await expect(reached.getByRole('row').filter({ hasText: 'Meridian Distribution' })).toContainText('Indirect provider');
  await expect(reached.getByRole('row').filter({ hasText: 'Busan Digital' })).toHaveCount(0);
  await expectAccessible(publisher, 'incident with its reach');

  // Through its statuses: identified, monitoring, then resolved (asked first; final).
  const update = publisher.getByRole('region', { name: 'Post an update' });
  await update.getByRole('button', { name: 'Post update' }).click();
  await expect(update.getByText('Enter what changed.')).toBeVisible();
  for (const [status, message] of [
    ['Identified', 'A failed certificate rotation on the eu-west query gateway. Rolling it back.'],
    ['Monitoring', 'The rollback is done and queries succeed again; we are watching error rates.'],
  ] as const) {
    await update.getByLabel('Status after this update').selectOption({ label: status });
    await update.getByLabel('Message').fill(message);
    await update.getByRole('button', { name: 'Post update' }).click();
    await expect(update.getByRole('status').filter({ hasText: `Update posted. The incident is now: ${status}.` })).toBeVisible({ timeout: 30_000 });
    await expect(publisher.getByRole('region', { name: 'Updates' })).toContainText(message);
  }
  // Back to an earlier status is not offered: the API's rule is forward only.
  await expect(update.getByLabel('Status after this update').getByRole('option', { name: 'Identified' })).toHaveCount(0);
  await update.getByLabel('Status after this update').selectOption({ label: 'Resolved' });
  await update.getByLabel('Message').fill('Resolved: queries have succeeded for an hour. Failed scheduled queries run again on their own.');
  await update.getByRole('button', { name: 'Resolve incident' }).click();
  const resolve = publisher.getByRole('alertdialog', { name: 'Resolve this incident?' });
  await expectAccessible(publisher, 'resolve (confirm)');
  await resolve.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(publisher.getByRole('status').filter({ hasText: 'The incident is resolved.' })).toBeVisible({ timeout: 30_000 });
  await expect(publisher.getByText('This incident is resolved, which is final.')).toBeVisible();
  await expect(publisher.getByRole('region', { name: 'About this incident' })).toContainText('Resolved');

  // The publisher's list filtered to the offer and to past incidents, kept in the address.
  await publisher.goto(`/incidents?status=resolved&offer=${OFFER}`);
  await expect(publisher.getByRole('row').filter({ hasText: title })).toBeVisible({ timeout: 30_000 });
  await expect(publisher.getByLabel('Offer', { exact: true })).toHaveValue(OFFER);

  // The partner's subscription no longer shows it open but among the past ones.
  await partner.goto(`/subscriptions/${subscriptionId}`);
  await expect(partner.getByRole('region', { name: 'Past incidents of this offer' }).getByRole('link', { name: title })).toBeVisible({ timeout: 30_000 });
  await expect(partner.getByRole('region', { name: 'Open incidents of this offer' }).getByRole('link', { name: title })).toHaveCount(0);

  // The status page after: operational, the incident among the past 90 days'.
  await partner.getByRole('link', { name: `Service status of ${OFFER_NAME}` }).click();
  await expect(partner).toHaveURL(new RegExp(`/status/${OFFER}$`));
  await expect(partner.getByRole('region', { name: 'Now' })).toContainText('Operational', { timeout: 30_000 });
  await expect(partner.getByRole('region', { name: 'The past 90 days' }).getByRole('link', { name: title })).toBeVisible();
  await expect(partner.getByRole('region', { name: 'The past 90 days' })).toContainText('Resolved: queries have succeeded for an hour.');
  await expectAccessible(partner, 'status page (resolved)');
  // The screenshots: the publisher's resolved incident with whom it reached, the partner's status page.
  await outsider.close();
  await publisher.goto(incidentUrl);
  await expect(publisher.getByRole('region', { name: 'Whom it reached' }).getByText(/Every announcement delivered/)).toBeVisible({ timeout: 60_000 });
});

test.describe('in Korean', () => {
  test('a Korean publisher reads its incidents, the posting form, an incident with its reach and a status page', async ({ browser }) => {
    test.setTimeout(180_000);
    const page = await pageAs(browser, 'publisher-admin@hanbitdata.example', 'ko-KR');
    await page.goto('/incidents');
    await expect(page.getByRole('heading', { level: 1, name: '서비스 상태' })).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expectAccessible(page, 'incidents (ko, publisher)');

    await page.getByRole('link', { name: '장애 게시' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '장애 게시' })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: '장애 게시' }).click();
    await expect(page.getByText('영향을 선택하세요.')).toBeVisible();
    await expectAccessible(page, 'post an incident (ko, errors)');

    // The demo's resolved backup incident: its updates, whom it reached, no update form (final).
    await page.goto('/incidents?status=resolved');
    await page.getByRole('link', { name: /서울 리전 백업 저장소/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: /서울 리전 백업 저장소/ })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('region', { name: '알림을 받은 곳' })).toBeVisible();
    await expect(page.getByText('해결된 장애이며 더 이상 바꿀 수 없습니다.')).toBeVisible();
    await expectAccessible(page, 'incident (ko, resolved, reach)');

    await page.goto('/status/hanbit-backup');
    await expect(page.getByRole('heading', { level: 1, name: 'Hanbit Backup Vault 서비스 상태' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('region', { name: '지난 90일' })).toContainText('서울 리전 백업 저장소');
    await expectAccessible(page, 'status page (ko)');
  });
});

test('service health at phone width: the list and a status page fit the screen', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto('/sign-in?next=%2Fincidents%3Fstatus%3Dall');
  await page.locator('#email').fill(PUBLISHER);
  await page.locator('#password').fill(process.env.DEMO_PASSWORD ?? 'switchboard-demo');
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Service health' })).toBeVisible({ timeout: 30_000 });
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
  expect(await fits()).toBe(true);
  await expectAccessible(page, 'incidents (phone)');
  await page.goto(`/status/${OFFER}`);
  await expect(page.getByRole('heading', { level: 1, name: `${OFFER_NAME} status` })).toBeVisible({ timeout: 30_000 });
  expect(await fits()).toBe(true);
  await expectAccessible(page, 'status page (phone)');
});
