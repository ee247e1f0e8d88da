/**
 * Reports and the operator (issue 12): a report page in Korean with its chart, its numbers as a
 * table and its CSV downloaded (test 5); the operator's organizations by kind, an organization's
 * page with its relationships and a partner's standing changed after a confirmation, the
 * commerce-platform cases, and the marketplace-wide reports; every page checked for accessibility
 * in English and in Korean. Standing is changed only on a partner this file creates; the Korean
 * operator is a user this file creates — no other spec's data is touched.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, pageAs, signIn, test } from './fixtures.ts';

const KOREAN_PUBLISHER = 'publisher-admin@hanbitdata.example';
const OPERATOR = 'operator-admin@switchboard.example';
const PASSWORD = 'Lantern-Harbor-Quartz-2026!';

/** A change through the API as the page's user (cookie-borne changes carry the console's Origin). */
async function apiPost(page: Page, path: string, data: unknown) {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`/api/v1${path}`, { headers: { origin }, data });
  return { status: response.status(), body: await response.json().catch(() => null) as Record<string, unknown> | null };
}

/** Downloads what the link gives and answers its lines (without the byte-order mark). */
async function downloadLines(page: Page, linkName: string): Promise<{ name: string; lines: string[] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName, exact: true }).click()]);
  const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  return { name: download.suggestedFilename(), lines: text.split('\r\n').filter((l) => l !== '') };
}

test('issue 12 test 5: a report page in Korean with its chart, its table and its CSV', async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await pageAs(browser, KOREAN_PUBLISHER, 'ko-KR');
  await page.getByRole('navigation', { name: /주|Main/ }).getByRole('link', { name: '보고서' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '보고서' })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByRole('heading', { level: 2, name: '기간별 SLA 준수율' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('img', { name: /꺾은선형 차트/ })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, 'reports: compliance (ko)');

  // Case volume of the publisher's offers, by offer, in the address.
  await page.getByRole('link', { name: '케이스 수' }).click();
  await expect(page).toHaveURL(/view=volume/);
  await page.getByLabel('그룹 기준').selectOption('offer');
  await expect(page).toHaveURL(/by=offer/);
  const chart = page.getByRole('img', { name: /누적 막대형 차트/ });
  await expect(chart).toBeVisible({ timeout: 30_000 });
  await expect(chart.locator('svg.recharts-surface').first()).toBeVisible();
  await expect(page.getByText('귀사 오퍼에 관한 모든 당사자의 케이스와 귀사가 참여한 케이스입니다.')).toBeVisible();
  await expect(chart).toContainText('Hanbit');

  // The numbers, as a table on request (screen readers read it either way).
  await page.getByRole('button', { name: '수치를 표로 보기' }).click();
  const table = page.getByRole('table', { name: /기간별, 오퍼별 열린 케이스/ });
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader', { name: '열림' })).toBeVisible();
  await expectAccessible(page, 'reports: volume with its table (ko)');

  // Its CSV, from the API.
  const csv = await downloadLines(page, 'CSV 다운로드');
  expect(csv.name).toMatch(/^sla-volume-offers-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.lines[0]).toBe('bucketFrom,bucketTo,offerId,offerName,opened,done');
  const hanbit = csv.lines.slice(1).filter((l) => l.includes('Hanbit'));
  expect(hanbit.length).toBeGreaterThan(0);
  expect(hanbit.some((l) => /,([1-9]\d*),\d+$/.test(l))).toBe(true);

  // Every party's commitments on the publisher's own offers, no party named.
  await page.getByRole('link', { name: '오퍼별' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '오퍼별 SLA 준수율' })).toBeVisible({ timeout: 30_000 });
  const offers = page.getByRole('img', { name: /^막대형 차트: 오퍼/ });
  await expect(offers).toBeVisible({ timeout: 30_000 });
  await expect(offers).toContainText('Hanbit');
  await expectAccessible(page, 'reports: per offer (ko)');

  // The time holding cases, and the period checked before asking.
  await page.getByRole('link', { name: '케이스 보유 시간' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '당사자별 케이스 보유 시간' })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('시작일').fill('2026-12-10');
  await page.getByLabel('종료일(포함)').fill('2026-12-01');
  await page.getByRole('button', { name: '보기', exact: true }).click();
  await expect(page.getByText('마지막 날은 첫날과 같거나 그 이후여야 합니다.')).toBeVisible();
  await expect(page.getByLabel('종료일(포함)')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'reports: holding (ko)');
});

test('the operator: organizations by kind, a partner\'s relationships and standing, commerce cases, marketplace reports', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString(36);
  await signIn(page, OPERATOR);
  // A partner of this test's own, whose standing it may change, and a Korean operator administrator.
  const created = await apiPost(page, '/organizations', {
    kind: 'partner', name: `Reports Test Partner ${stamp}`, partnerModel: 'direct', country: 'US',
    admin: { email: `admin-${stamp}@reports-test.example`, name: 'Test Admin', password: PASSWORD },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const partnerId = (created.body!.organization as { id: string }).id;
  const koreanOperator = `operator-ko-${stamp}@switchboard.example`;
  const user = await apiPost(page, '/users', { email: koreanOperator, name: '정운영', roles: ['operator_admin'], password: PASSWORD, locale: 'ko' });
  expect(user.status, JSON.stringify(user.body)).toBe(201);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operator' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Operator' })).toBeVisible({ timeout: 30_000 });
  const organizations = page.getByRole('region', { name: 'Organizations' });
  await organizations.getByLabel('Kind').selectOption('partner');
  await expect(page).toHaveURL(/\/operator\?kind=partner$/);
  await expect(organizations.getByRole('link', { name: 'Meridian Distribution' })).toBeVisible({ timeout: 30_000 });
  await expect(organizations.getByRole('link', { name: 'Bastion Labs' })).toHaveCount(0);
  await expect(organizations.getByRole('row').filter({ hasText: 'Busan Digital' })).toContainText('Not in good standing');
  const commerce = page.getByRole('region', { name: 'Commerce-platform cases' });
  await expect(commerce.getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, 'operator: organizations');

  // A provider's page: its resellers.
  await organizations.getByRole('link', { name: 'Meridian Distribution' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Meridian Distribution' })).toBeVisible({ timeout: 30_000 });
  const relationships = page.getByRole('region', { name: 'Indirect relationships' });
  await expect(relationships.getByRole('link', { name: 'Bluebird IT' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'Partner standing' })).toContainText('In good standing');
  await expectAccessible(page, 'operator: a provider');

  // A reseller's page: its customers with their other partners.
  await relationships.getByRole('link', { name: 'Bluebird IT' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bluebird IT' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'Customers and their partners' }).getByRole('link', { name: 'Summit Ridge Schools' })).toBeVisible({ timeout: 30_000 });

  // The partner of this test: standing withdrawn after a confirmation (a cancel changes nothing), then restored.
  await page.goto(`/operator/organizations/${partnerId}`);
  const standing = page.getByRole('region', { name: 'Partner standing' });
  await expect(standing).toContainText('In good standing', { timeout: 30_000 });
  await standing.getByRole('button', { name: 'Withdraw good standing' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Withdraw Reports Test Partner ${stamp}'s good standing?` });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'operator: standing dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(standing).toContainText('In good standing');
  await standing.getByRole('button', { name: 'Withdraw good standing' }).click();
  await dialog.getByRole('button', { name: 'Withdraw good standing' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Reports Test Partner ${stamp} is no longer in good standing.` })).toBeVisible({ timeout: 30_000 });
  await expect(standing).toContainText('Not in good standing');
  await standing.getByRole('button', { name: 'Restore good standing' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Restore good standing' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Reports Test Partner ${stamp} is in good standing again.` })).toBeVisible({ timeout: 30_000 });

  // The marketplace-wide reports: every party's numbers.
  await page.getByRole('link', { name: 'All organizations' }).click();
  await page.getByRole('navigation', { name: 'Operator sections' }).getByRole('link', { name: 'Marketplace reports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Marketplace reports' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Every party\'s numbers across the marketplace.')).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Group by').selectOption('party');
  await expect(page.getByRole('img', { name: /Line chart/ })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, 'marketplace reports: compliance');
  await page.getByRole('link', { name: 'Time holding cases' }).click();
  const holding = page.getByRole('img', { name: /Bar chart/ });
  await expect(holding).toBeVisible({ timeout: 30_000 });
  await expect(holding).toContainText('Northwind Direct');
  const csv = await downloadLines(page, 'Download CSV');
  expect(csv.lines[0]).toBe('partyId,partyName,cases,times,medianBusinessMinutes,p90BusinessMinutes,totalBusinessMinutes,totalMinutes,totalWaitingMinutes');
  expect(csv.lines.some((l) => l.includes('Northwind Direct'))).toBe(true);
  await expectAccessible(page, 'marketplace reports: holding');
  await page.getByRole('link', { name: 'Case volume' }).click();
  await expect(page.getByRole('img', { name: /Stacked bar chart/ })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, 'marketplace reports: volume');

  // The same pages in Korean, as the Korean operator administrator.
  const ko = await (await browser.newContext({ locale: 'ko-KR' })).newPage();
  await ko.goto('/sign-in');
  await ko.locator('#email').fill(koreanOperator);
  await ko.locator('#password').fill(PASSWORD);
  await ko.locator('form button[type="submit"]').click();
  await expect(ko.locator('header.header')).toBeVisible({ timeout: 30_000 });
  await ko.goto('/operator');
  await expect(ko.getByRole('heading', { level: 1, name: '운영자' })).toBeVisible({ timeout: 30_000 });
  await expect(ko.getByRole('region', { name: '조직' }).getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
  await expectAccessible(ko, 'operator: organizations (ko)');
  await ko.goto('/operator/organizations/' + partnerId);
  await expect(ko.getByRole('region', { name: '파트너 자격 상태' })).toContainText('정상', { timeout: 30_000 });
  await expectAccessible(ko, 'operator: an organization (ko)');
  await ko.goto('/operator/reports?view=volume');
  await expect(ko.getByRole('heading', { level: 1, name: '마켓플레이스 보고서' })).toBeVisible({ timeout: 30_000 });
  await expect(ko.getByRole('img', { name: /누적 막대형 차트/ })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(ko, 'marketplace reports (ko)');
});
