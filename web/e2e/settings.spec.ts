import { expect, expectAccessible, signIn, test } from './fixtures.ts';

test('a notification preference is kept after a reload', async ({ page }) => {
  await signIn(page, 'billing-admin@northwind-direct.example');
  await page.getByRole('button', { name: /settings and sign out/ }).click();
  await page.getByRole('menuitem', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expectAccessible(page, 'settings');

  const email = page.getByRole('checkbox', { name: 'Subscription suspended: by e-mail' });
  const before = await email.isChecked();
  const save = page.getByRole('button', { name: 'Save notification settings' });
  await expect(save).toBeDisabled();
  await email.setChecked(!before);
  await expect(page.getByText('1 change not saved yet')).toBeVisible();
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Notification settings saved.' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Subscription suspended: by e-mail' })).toBeChecked({ checked: !before });
  // The other channel of the same event type is left as it was.
  await expect(page.getByRole('checkbox', { name: 'Subscription suspended: in my inbox' })).toBeChecked();
});

test('ending the other session sends that browser to sign in on its next navigation', async ({ page, browser }) => {
  // A user no other test file signs in as: ending its other sessions ends only this test's.
  const user = 'billing-admin@bluebird-it.example';
  const laptop = await browser.newContext({ locale: 'en-US', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Firefox/133.0' });
  const other = await laptop.newPage();
  await signIn(other, user);
  await other.goto('/notifications');

  await signIn(page, user);
  await page.goto('/settings');
  const sessions = page.getByRole('list', { name: 'Your sessions' });
  await expect(sessions.getByRole('listitem').filter({ hasText: 'This browser' })).toHaveCount(1);
  await expect(sessions.getByRole('listitem').filter({ hasText: 'Firefox · Windows' })).toHaveCount(1);
  await expectAccessible(page, 'settings sessions');
  await page.getByRole('button', { name: /^End the session of Firefox · Windows/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The session is ended.' })).toBeVisible();
  await expect(sessions.getByRole('listitem').filter({ hasText: 'Firefox · Windows' })).toHaveCount(0);
  await expect(page.getByText('You are signed in nowhere else.')).toBeVisible();

  // The other browser, on its next move inside the console, is asked to sign in again.
  await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(other).toHaveURL(/\/sign-in\?next=%2Fcustomers/);
  await expect(other.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await laptop.close();

  // This one is still signed in.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

test('end all other sessions, confirmed', async ({ page, browser }) => {
  const user = 'sales-agent@meridian.example';
  const contexts = await Promise.all([0, 1].map(() => browser.newContext({ locale: 'en-US' })));
  const others = await Promise.all(contexts.map((c) => c.newPage()));
  for (const o of others) await signIn(o, user);
  await signIn(page, user);
  await page.goto('/settings');
  await expect(page.getByRole('list', { name: 'Your sessions' }).getByRole('listitem')).toHaveCount(3);
  await page.getByRole('button', { name: 'End all other sessions' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'End all your other sessions?' });
  await expect(dialog).toContainText('The 2 other browsers will have to sign in again.');
  await dialog.getByRole('button', { name: 'End other sessions' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 other sessions ended.' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Your sessions' }).getByRole('listitem')).toHaveCount(1);
  await others[0]!.goto('/customers');
  await expect(others[0]!).toHaveURL(/\/sign-in\?next=%2Fcustomers/);
});

test('the language setting is kept after a reload, in Korean', async ({ page }) => {
  await signIn(page, 'user-admin@meridian.example');
  await page.goto('/settings');
  await page.getByLabel('Console language').selectOption('ko');
  await expect(page.getByRole('heading', { level: 1, name: '설정' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '언어를 저장했습니다.' })).toBeVisible();
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '설정' })).toBeVisible();
  await expect(page.getByLabel('콘솔 언어')).toHaveValue('ko');
  await expect(page.getByRole('checkbox', { name: '구독 해지: 이메일로' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '로그인된 곳' })).toBeVisible();
  const text = await page.locator('main').innerText();
  for (const english of ['Notifications', 'Save notification settings', 'Where you\'re signed in', 'This browser']) expect(text).not.toContain(english);
  await expectAccessible(page, 'settings in Korean');
  await page.getByLabel('콘솔 언어').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

test('settings at phone width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'billing-admin@meridian.example');
  await page.goto('/settings');
  await expect(page.getByRole('checkbox', { name: 'Case opened: in my inbox' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await expectAccessible(page, 'settings at 390 px');
});
