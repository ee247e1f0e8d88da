/**
 * Issue 12, test 3 (second half) and test 6 for the users and tokens pages: a global admin of
 * Sakura Net adds users and changes roles (removing one confirmed), creates an API token whose
 * secret is shown once, and revokes it; a user admin it added, whose language is Korean, is
 * refused — in words — when giving a role it doesn't hold. Only users made here are changed.
 */
import { expect, expectAccessible, signIn, test } from './fixtures.ts';

const PASSWORD = 'Violet-Harbor-Quokka-4821';

test('a global admin adds users, changes roles and handles an API token; a user admin can\'t grant a role it doesn\'t hold', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString(36);
  const adminEmail = `riko.mori.${stamp}@sakuranet.example`;
  const agentEmail = `kaito.endo.${stamp}@sakuranet.example`;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, 'global-admin@sakuranet.example');
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Users and roles' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('row').filter({ hasText: 'Yuki Tanaka' })).toContainText('Global administrator', { timeout: 30_000 });
  await expectAccessible(page, 'users');

  // The form says what is missing before asking the API.
  const create = page.getByRole('region', { name: 'Add a user' });
  await create.getByRole('button', { name: 'Add user' }).click();
  await expect(create.getByText('Enter the person\'s name.')).toBeVisible();
  await expect(create.getByText('Choose at least one role.')).toBeVisible();

  // A user administrator whose language is Korean.
  await create.getByLabel('Name').fill('Riko Mori');
  await create.getByLabel('E-mail').fill(adminEmail);
  await create.getByLabel('Language').selectOption('ko');
  await create.getByLabel('First password').fill(PASSWORD);
  await create.getByRole('checkbox', { name: 'User administrator' }).check();
  await create.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Riko Mori (${adminEmail}) was added` })).toBeVisible({ timeout: 30_000 });

  // An agent with two roles.
  await create.getByLabel('Name').fill('Kaito Endo');
  await create.getByLabel('E-mail').fill(agentEmail);
  await create.getByLabel('Language').selectOption('en');
  await create.getByLabel('First password').fill(PASSWORD);
  await create.getByRole('checkbox', { name: 'Helpdesk agent' }).check();
  await create.getByRole('checkbox', { name: 'Sales agent' }).check();
  await create.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Kaito Endo (${agentEmail}) was added` })).toBeVisible({ timeout: 30_000 });
  const kaitoRow = page.getByRole('row').filter({ hasText: agentEmail });
  await expect(kaitoRow).toContainText('Helpdesk agent and Sales agent');

  // Removing a role is confirmed; then the list shows the one left.
  await kaitoRow.getByRole('button', { name: 'Manage Kaito Endo' }).click();
  const manage = page.getByRole('region', { name: 'Manage Kaito Endo' });
  await manage.getByRole('checkbox', { name: 'Sales agent' }).uncheck();
  await manage.getByRole('button', { name: 'Save changes' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Remove roles from Kaito Endo?' });
  await expect(dialog).toContainText('will no longer hold: Sales agent');
  await expectAccessible(page, 'remove roles dialog');
  await dialog.getByRole('button', { name: 'Remove roles' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The changes to Kaito Endo are saved.' })).toBeVisible({ timeout: 30_000 });
  await expect(kaitoRow.getByRole('cell').first()).toHaveText('Helpdesk agent');

  // Disabling is confirmed, enabling is not; a new password is checked before it is sent.
  await manage.getByRole('button', { name: 'Disable user' }).click();
  await page.getByRole('alertdialog', { name: 'Disable Kaito Endo?' }).getByRole('button', { name: 'Disable user' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kaito Endo is disabled' })).toBeVisible({ timeout: 30_000 });
  await expect(kaitoRow).toContainText('Disabled');
  await manage.getByRole('button', { name: 'Enable user' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kaito Endo is enabled' })).toBeVisible({ timeout: 30_000 });
  await expect(kaitoRow).toContainText('Active');
  const password = page.getByRole('region', { name: 'Password of Kaito Endo' });
  await password.getByLabel('New password').fill('short');
  await password.getByRole('button', { name: 'Set password' }).click();
  await expect(password.getByText('Enter a password of at least 12 characters.')).toBeVisible();
  await password.getByLabel('New password').fill('Amber-Lattice-Wombat-7390');
  await password.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The new password of Kaito Endo is set.' })).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: 'e2e-results/screenshots/admin-users.png', fullPage: true });

  // An API token: the secret once, with a copy button; then revoked, confirmed.
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'API tokens' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API tokens' })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, 'tokens');
  const tokenName = `CI export ${stamp}`;
  await page.getByLabel('Name').fill(tokenName);
  await page.getByLabel('Valid for (days)').fill('400');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByText('Enter a whole number of days from 1 to 365.')).toBeVisible();
  await page.getByLabel('Valid for (days)').fill('30');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByRole('heading', { name: `Token "${tokenName}" created` })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('It won\'t be shown again.')).toBeVisible();
  const secret = await page.getByLabel('Secret').inputValue();
  expect(secret.length).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Copy secret' }).click();
  await expect(page.getByText('The secret is copied.')).toBeVisible();
  await expectAccessible(page, 'token secret');
  await page.screenshot({ path: 'e2e-results/screenshots/admin-tokens-secret.png', fullPage: true });
  await page.getByRole('button', { name: 'I have kept the secret' }).click();
  await expect(page.getByLabel('Secret')).toHaveCount(0);
  await expect(page.getByText(secret)).toHaveCount(0);
  const tokenRow = page.getByRole('row').filter({ hasText: tokenName });
  await expect(tokenRow).toContainText('Active', { timeout: 30_000 });
  await expect(tokenRow).toContainText('Never');
  await tokenRow.getByRole('button', { name: `Revoke ${tokenName}` }).click();
  const revoke = page.getByRole('alertdialog', { name: `Revoke the token "${tokenName}"?` });
  await revoke.getByRole('button', { name: 'Revoke token' }).click();
  await expect(page.getByRole('status').filter({ hasText: `The token "${tokenName}" is revoked.` })).toBeVisible({ timeout: 30_000 });
  await expect(tokenRow).toContainText('Revoked');
  await expect(tokenRow.getByRole('button')).toHaveCount(0);

  // The user administrator, in Korean, can't give a role it doesn't hold: the API's refusal in words.
  const context = await browser.newContext({ locale: 'ko-KR' });
  const ko = await context.newPage();
  await ko.goto('/sign-in');
  await ko.locator('#email').fill(adminEmail);
  await ko.locator('#password').fill(PASSWORD);
  await ko.locator('form button[type="submit"]').click();
  await expect(ko.locator('header.header')).toBeVisible({ timeout: 30_000 });
  await expect(ko.locator('html')).toHaveAttribute('lang', 'ko');
  await ko.goto('/admin/users');
  await expect(ko.getByRole('heading', { level: 1, name: '사용자 및 역할' })).toBeVisible({ timeout: 30_000 });
  await expect(ko.getByRole('row').filter({ hasText: agentEmail })).toContainText('헬프데스크 상담원', { timeout: 30_000 });
  await expectAccessible(ko, 'users (ko)');
  const koCreate = ko.getByRole('region', { name: '사용자 추가' });
  await koCreate.getByLabel('이름').fill('Sora Aoki');
  await koCreate.getByLabel('이메일').fill(`sora.aoki.${stamp}@sakuranet.example`);
  await koCreate.getByLabel('초기 비밀번호').fill(PASSWORD);
  await koCreate.getByRole('checkbox', { name: '전역 관리자' }).check();
  await koCreate.getByRole('button', { name: '사용자 추가' }).click();
  await expect(koCreate.getByRole('alert')).toContainText('거부되었습니다. 본인이 가진 역할만 부여할 수 있으며, 전역 관리자 역할이 없습니다.', { timeout: 30_000 });
  await expect(ko.getByRole('row').filter({ hasText: 'Sora Aoki' })).toHaveCount(0);
  await expectAccessible(ko, 'users refusal (ko)');
  await ko.screenshot({ path: 'e2e-results/screenshots/admin-users-refused-ko.png', fullPage: true });
  await context.close();
});
