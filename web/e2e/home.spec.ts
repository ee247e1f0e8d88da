/**
 * Home, notifications and an incident: a partner agent's home shows the cases it holds and its
 * breaches; marking a notification read lowers the header's count; a role without cases sees no
 * case block and no error. Each page passes the accessibility check.
 */
import { test, expect, signIn, expectAccessible } from './fixtures.ts';

const AGENT = 'helpdesk-agent@northwind-direct.example';

test('home shows held cases and breaches for a partner agent', async ({ page, browser }) => {
  await signIn(page, AGENT);
  const held = page.getByRole('region', { name: 'Our cases by nearest deadline' });
  await expect(held.getByRole('link', { name: 'See all' })).toBeVisible();
  await expect(held.getByRole('listitem').first()).toBeVisible();
  // A breach is the viewer's own organization's: in the demo, Bastion Labs' critical case answered late.
  await expect(page.getByRole('region', { name: 'Breached deadlines' })).toBeVisible();
  const engineer = await browser.newPage();
  await signIn(engineer, 'support-engineer@bastionlabs.example');
  const breached = engineer.getByRole('region', { name: 'Breached deadlines' });
  await expect(breached.getByRole('link', { name: 'New agents are isolated as soon as they enroll' })).toBeVisible();
  await expect(breached.getByText('Breached').first()).toBeVisible();
  await engineer.close();
  await expect(page.getByRole('region', { name: 'Unread notifications' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectAccessible(page, 'home');
  await held.getByRole('link', { name: 'See all' }).click();
  await expect(page).toHaveURL(/\/cases\?view=held&sort=due/);
});

test('a user admin sees a home without cases and no error', async ({ page }) => {
  await signIn(page, 'user-admin@northwind-direct.example');
  await expect(page.getByRole('region', { name: 'Your role' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Breached deadlines' })).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('marking notifications read updates the header count', async ({ page }) => {
  await signIn(page, AGENT, { next: '/notifications' });
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  const countOf = async () => Number(/(\d+) unread/.exec((await nav.getByRole('link', { name: /^Notifications/ }).getAttribute('aria-label')) ?? '')?.[1] ?? 0);
  await expect.poll(countOf).toBeGreaterThan(0);
  const before = await countOf();
  await expectAccessible(page, 'notifications');
  await page.getByRole('button', { name: /^Mark read: / }).first().click();
  await expect(page.getByRole('status').filter({ hasText: 'Marked read.' })).toBeVisible();
  await expect.poll(countOf).toBe(before - 1);
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect.poll(countOf).toBe(0);
  await expect(page.getByRole('button', { name: /^Mark read: / })).toHaveCount(0);
});

test('an incident page shows its status, offers and updates', async ({ page }) => {
  await signIn(page, AGENT);
  const list = await page.request.get('/api/v1/incidents?status=all');
  expect(list.ok()).toBe(true);
  const { items } = (await list.json()) as { items: { id: string; title: string }[] };
  const incident = items[0];
  if (!incident) throw new Error('the demo has no incident for Northwind Direct');
  await page.goto(`/incidents/${incident.id}`);
  await expect(page.getByRole('heading', { level: 1, name: incident.title })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Updates' })).toBeVisible();
  await expect(page.getByText('Offers affected')).toBeVisible();
  await expectAccessible(page, 'incident');
});

test.describe('in Korean', () => {
  test.use({ locale: 'ko-KR' });
  test('home speaks Korean', async ({ page }) => {
    // Another user than the other tests', as the switch keeps the language with the user.
    await signIn(page, 'sales-agent@bluebird-it.example');
    await page.getByRole('banner').getByRole('combobox').selectOption('ko');
    await expect(page.getByRole('heading', { level: 1, name: /안녕하세요/ })).toBeVisible();
    await expect(page.getByRole('region', { name: '기한을 넘긴 케이스' })).toBeVisible();
    await expect(page.getByRole('region', { name: '읽지 않은 알림' })).toBeVisible();
    await expectAccessible(page, 'home in Korean');
  });
});
