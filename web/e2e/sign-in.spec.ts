import { expect, expectAccessible, signIn, test } from './fixtures.ts';

test('sign in, deep link after a reload, language remembered per user, sign out', async ({ page }) => {
  await page.goto('/notifications');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fnotifications/);
  await expectAccessible(page, 'sign-in');
  await page.locator('#email').fill('user-admin@bluebird-it.example');
  await page.locator('#password').fill('not the password');
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByRole('alert')).toContainText("don't match");

  await signIn(page, 'user-admin@bluebird-it.example', { next: '/notifications' });
  await expect(page).toHaveURL(/\/notifications$/);
  await page.reload();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.locator('header.header')).toBeVisible();

  await page.getByLabel('Language').selectOption('ko');
  await expect(page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '홈' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');

  // Signed out and in again in a browser that prefers English: the user's language wins.
  await page.getByRole('button', { name: /설정 및 로그아웃/ }).click();
  await page.getByRole('menuitem', { name: '로그아웃' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.evaluate(() => localStorage.clear());
  await signIn(page, 'user-admin@bluebird-it.example');
  await expect(page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '홈' })).toBeVisible();
  await page.getByLabel('언어').selectOption('en');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' })).toBeVisible();
});
