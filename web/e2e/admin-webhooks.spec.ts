/**
 * Webhooks administration (issue 12, test 3 first half): a partner global admin adds a webhook
 * endpoint, sees a delivery fail and be retried in the log, and replays it; the endpoint's
 * settings (edit, disable with its reason, secret rotation, removal) in English. The receiver is
 * a tiny HTTP server of the test on 127.0.0.1 (the e2e server allows private addresses).
 *
 * Organizations no other spec changes webhooks of: Seoul Cloudworks (its Korean global
 * administrator only reads the marketplace elsewhere) and Bluebird IT.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, signIn, expectAccessible } from './fixtures.ts';
import type { Page } from '@playwright/test';

const KOREAN_ADMIN = 'global-admin@seoulcloudworks.example';
const ENGLISH_ADMIN = 'global-admin@bluebird-it.example';

/** A receiver answering 500 while `failing`, 200 after; it counts the requests it had. */
async function receiver() {
  const state = { failing: true, requests: 0 };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      state.requests += 1;
      res.writeHead(state.failing ? 500 : 200, { 'content-type': 'text/plain' });
      res.end(state.failing ? 'receiver down for maintenance' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { state, url: `http://127.0.0.1:${port}/switchboard-hooks`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A call of the API as the page's user (cookie-borne changes carry the console's Origin). */
async function apiCall(page: Page, method: 'GET' | 'POST', path: string, data?: unknown) {
  const origin = new URL(page.url()).origin;
  const response = method === 'GET'
    ? await page.request.get(`/api/v1${path}`)
    : await page.request.post(`/api/v1${path}`, { headers: { origin, 'idempotency-key': randomUUID() }, ...(data === undefined ? {} : { data }) });
  return { status: response.status(), body: await response.json().catch(() => null) as Record<string, unknown> | null };
}

test('issue 12 test 3: a partner global admin adds an endpoint, sees a delivery fail and be retried, and replays it (Korean)', async ({ browser }) => {
  test.setTimeout(240_000);
  const hook = await receiver();
  const context = await browser.newContext({ locale: 'ko-KR' });
  const page = await context.newPage();
  try {
    await signIn(page, KOREAN_ADMIN, { next: '/admin/webhooks' });
    await expect(page.getByRole('heading', { level: 1, name: '웹훅' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('아직 웹훅 엔드포인트가 없습니다')).toBeVisible();
    await expectAccessible(page, 'webhooks (ko)');

    // The form checks first: a URL that is not http(s), and no event type chosen.
    await page.getByRole('button', { name: '엔드포인트 추가', exact: true }).click();
    await page.getByLabel('URL', { exact: true }).fill('ftp://example.com/hooks');
    await page.getByRole('button', { name: '엔드포인트 추가하기' }).click();
    await expect(page.getByText('URL은 http:// 또는 https://로 시작해야 합니다.')).toBeVisible();
    await page.getByLabel('URL', { exact: true }).fill(hook.url);
    await page.getByLabel('설명(선택)', { exact: true }).fill('주문 시스템 연동');
    await page.getByRole('button', { name: '엔드포인트 추가하기' }).click();
    await expect(page.getByText('이벤트 유형을 하나 이상 선택하세요.')).toBeVisible();
    await page.getByRole('checkbox', { name: '케이스 접수', exact: true }).check();
    await expectAccessible(page, 'webhooks add form (ko)');
    await page.getByRole('button', { name: '엔드포인트 추가하기' }).click();

    // The signing secret, shown once.
    await expect(page.getByRole('heading', { name: '엔드포인트가 추가되었습니다. 서명 비밀 키를 보관하세요' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('textbox', { name: '서명 비밀 키' })).toHaveValue(/^whsec_/);
    await expect(page.getByText('이 비밀 키는 지금 한 번만 표시됩니다.', { exact: false })).toBeVisible();
    await page.getByRole('button', { name: '보관했습니다' }).click();
    await expect(page.getByRole('textbox', { name: '서명 비밀 키' })).toHaveCount(0);

    await page.getByRole('link', { name: hook.url }).click();
    await expect(page.getByRole('heading', { level: 1, name: '웹훅 엔드포인트' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('아직 전송 기록이 없습니다')).toBeVisible({ timeout: 30_000 });

    // An event the endpoint subscribes to: the partner opens a case.
    const subscriptions = await apiCall(page, 'GET', '/subscriptions?limit=1');
    expect(subscriptions.status).toBe(200);
    const subscription = (subscriptions.body!.items as { id: string }[])[0]!;
    const opened = await apiCall(page, 'POST', '/cases', {
      title: '웹훅 테스트 케이스', description: '웹훅 전송을 확인하기 위한 케이스입니다.', category: 'billing', severity: 'minimal', subscriptionId: subscription.id,
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);

    // The delivery fails (500) and waits for its retry; the log refreshes itself.
    const log = page.getByRole('table', { name: '이 엔드포인트로의 전송' });
    const row = log.getByRole('row').filter({ hasText: '케이스 접수' }).first();
    await expect(row.getByText('HTTP 500 응답')).toBeVisible({ timeout: 60_000 });
    await expect(row.getByText('대기 중')).toBeVisible();
    await expect(row.locator('td').nth(2).locator('time')).toBeVisible();
    // A second attempt comes within seconds (the first backoff is 2.5 to 5 s).
    await expect(row.locator('td').nth(1)).toHaveText(/^[2-9]|^\d\d/, { timeout: 60_000 });
    expect(hook.state.requests).toBeGreaterThanOrEqual(2);

    // Its attempts: time, answer, duration.
    await row.getByRole('button', { name: '케이스 접수 시도 내역' }).click();
    const dialog = page.getByRole('dialog', { name: '시도 내역: 케이스 접수' });
    await expect(dialog.getByRole('table', { name: '이 전송의 시도 내역' })).toBeVisible({ timeout: 30_000 });
    await expect(dialog.getByText('receiver down for maintenance').first()).toBeVisible();
    await expectAccessible(page, 'webhook delivery attempts (ko)');
    await dialog.getByRole('button', { name: '닫기' }).click();

    // The receiver is back: a replay is delivered.
    hook.state.failing = false;
    await row.getByRole('button', { name: '다시 보내기' }).click();
    await expect(page.getByText('케이스 접수 재전송을 대기열에 넣었습니다.', { exact: false })).toBeVisible({ timeout: 30_000 });
    const replayRow = log.getByRole('row').filter({ hasText: '재전송' }).first();
    await expect(replayRow.getByText('전송됨')).toBeVisible({ timeout: 60_000 });
    await expect(replayRow.getByText('HTTP 200 응답')).toBeVisible();
    await expectAccessible(page, 'webhook endpoint (ko)');

    // The status filter keeps to the address.
    await page.getByLabel('전송 상태').selectOption('succeeded');
    await expect(page).toHaveURL(/status=succeeded/);
    await expect(log.getByRole('row').filter({ hasText: '전송됨' }).first()).toBeVisible({ timeout: 30_000 });
  } finally {
    await hook.close();
  }
});

test('webhook endpoint settings in English: edit, disable with its reason, rotate the secret, remove', async ({ page }) => {
  test.setTimeout(180_000);
  const hook = await receiver();
  try {
    await signIn(page, ENGLISH_ADMIN, { next: '/admin/webhooks' });
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Add an endpoint', exact: true }).click();
    await page.getByLabel('URL', { exact: true }).fill(hook.url);
    await page.getByRole('checkbox', { name: 'Service incident posted', exact: true }).check();
    await page.getByRole('button', { name: 'Add endpoint', exact: true }).click();
    await expect(page.getByRole('textbox', { name: 'Signing secret' })).toHaveValue(/^whsec_/, { timeout: 30_000 });
    await expectAccessible(page, 'webhooks with a new secret');
    await page.getByRole('button', { name: 'I have kept it' }).click();
    await page.getByRole('link', { name: hook.url }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Webhook endpoint' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('No deliveries yet')).toBeVisible({ timeout: 30_000 });

    // Edit: another description and a second event type.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Description (optional)').fill('Status board');
    await page.getByRole('checkbox', { name: 'Service incident resolved', exact: true }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The endpoint was saved.' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Status board')).toBeVisible();

    // Disable (confirmed): the reason is said; a replay would be refused until enabled.
    await page.getByRole('button', { name: 'Disable', exact: true }).click();
    await page.getByRole('alertdialog', { name: 'Disable this endpoint?' }).getByRole('button', { name: 'Disable', exact: true }).click();
    await expect(page.getByText('Disabled by an administrator.')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('The endpoint is disabled: enable it to replay deliveries.')).toBeVisible();
    await page.getByRole('button', { name: 'Enable', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The endpoint was enabled' })).toBeVisible({ timeout: 30_000 });

    // Rotate: the new secret once, and the previous one's grace period.
    await page.getByRole('button', { name: 'Rotate secret', exact: true }).click();
    await page.getByRole('alertdialog', { name: 'Rotate the signing secret?' }).getByRole('button', { name: 'Rotate secret', exact: true }).click();
    await expect(page.getByRole('textbox', { name: 'Signing secret' })).toHaveValue(/^whsec_/, { timeout: 30_000 });
    await expect(page.getByText('The previous secret keeps signing deliveries too', { exact: false })).toBeVisible();
    await expect(page.getByText('Still signs until', { exact: false })).toBeVisible();
    await expectAccessible(page, 'webhook endpoint after rotation');

    // Remove (confirmed).
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByRole('alertdialog', { name: 'Remove this endpoint?' }).getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('status').filter({ hasText: 'was removed with its delivery log' })).toBeVisible();
    await expect(page.getByText('No webhook endpoints yet')).toBeVisible({ timeout: 30_000 });
  } finally {
    await hook.close();
  }
});
