/**
 * The inbox: a partner helpdesk agent at phone width filters by status and sorts by nearest
 * deadline, reads the rows as cards and opens a case; at laptop width the filters survive a
 * reload; in Korean the inbox speaks Korean. Each page passes the accessibility check.
 */
import { test, expect, signIn, expectAccessible } from './fixtures.ts';

const AGENT = 'helpdesk-agent@northwind-direct.example';

test.describe('at phone width', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('a helpdesk agent filters by status, sorts by nearest deadline and opens a case', async ({ page }) => {
    await signIn(page, AGENT, { next: '/cases' });
    await expect(page.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible();
    await page.getByLabel('Status').selectOption({ label: 'Open' });
    await page.getByLabel('Sort by').selectOption({ label: 'Nearest deadline' });
    await expect(page).toHaveURL(/status=open/);
    await expect(page).toHaveURL(/sort=due/);
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows.nth(1)).toBeVisible();
    // Every row shown has the status asked for, and the row's cells stay inside the phone's width.
    const statuses = page.getByRole('table').locator('tbody td[data-label="Status"]');
    await expect.poll(async () => {
      const texts = await statuses.allTextContents();
      return texts.length > 0 && texts.every((t) => t === 'Open');
    }).toBe(true);
    const box = await rows.nth(1).boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'inbox at 390 px');
    const first = page.getByRole('table').locator('tbody').getByRole('link').first();
    const title = await first.textContent();
    await first.click();
    await expect(page).toHaveURL(/\/cases\/[^/]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(title).toBeTruthy();
  });
});

test('at 1280 px the filters and the view survive a reload', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, AGENT, { next: '/cases' });
  await page.getByRole('button', { name: 'Held by us' }).click();
  await page.getByLabel('Severity').selectOption({ label: 'Critical (A)' });
  await page.getByLabel('Sort by').selectOption({ label: 'Nearest deadline' });
  await expect(page).toHaveURL(/view=held/);
  await page.reload();
  await expect(page.getByLabel('Severity')).toHaveValue('critical');
  await expect(page.getByLabel('Sort by')).toHaveValue('due');
  await expect(page.getByRole('button', { name: 'Held by us' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('status').filter({ hasText: /case/ })).toBeVisible();
  const severities = page.locator('tbody td[data-label="Severity"]');
  await expect.poll(async () => (await severities.allTextContents()).every((t) => t === 'Critical (A)')).toBe(true);
  await expectAccessible(page, 'inbox at 1280 px');
});

test.describe('in Korean', () => {
  test.use({ locale: 'ko-KR' });
  test('the inbox speaks Korean', async ({ page }) => {
    // Another user than the other tests', as the switch keeps the language with the user.
    await signIn(page, 'admin-agent@bluebird-it.example', { next: '/cases' });
    await page.getByRole('banner').getByRole('combobox').selectOption('ko');
    await expect(page.getByRole('heading', { level: 1, name: '케이스' })).toBeVisible();
    await expect(page.getByLabel('상태', { exact: true })).toBeVisible();
    await page.getByLabel('정렬').selectOption({ label: '마감 임박순' });
    await expect(page.getByRole('columnheader', { name: '최근 활동' })).toBeVisible();
    await expectAccessible(page, 'inbox in Korean');
  });
});
