/**
 * Issue 11, test 2: a customer asks a technical question and sees before sending who will answer;
 * its partner (Northwind Direct, tier 1 first) notes internally and forwards it; the publisher
 * (Bastion Labs) answers; the customer reads the answer; the partner's internal note reaches
 * neither the customer nor the publisher. Test 7 (part): a case page at phone width.
 */
import { test, expect, signIn, pageAs, expectAccessible } from './fixtures.ts';

test('a customer question forwarded by its partner and answered by the publisher', async ({ page, browser }) => {
  test.setTimeout(240_000); // three parties, each signing in, and an accessibility check of every page
  const stamp = Date.now();
  const title = `Sentinel alert rules for night shifts ${stamp}`;
  const note = `Internal: Riverbend renews in March, be quick ${stamp}`;
  const answer = `Use a schedule on the alert rule: Rules → Schedules → Night ${stamp}`;

  await signIn(page, 'customer-user@riverbend.example');
  await page.goto('/cases/new');
  await expect(page.getByRole('heading', { level: 1, name: 'New case' })).toBeVisible();
  await page.getByLabel('Category').selectOption({ label: 'Technical how-to' });
  await page.getByLabel('Severity').selectOption({ label: 'Minimal (C)' });
  await page.getByLabel('Subscription or offer').selectOption({ label: 'Bastion Sentinel XDR — standard' });
  const decision = page.getByRole('region', { name: 'Who will answer' });
  await expect(decision.getByText('Northwind Direct (Partner)')).toBeVisible();
  await expect(decision.getByRole('listitem').first()).toBeVisible();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Your question').fill('How do I silence alert rules during our night shift?');
  await expectAccessible(page, 'new case (customer)');
  await page.getByRole('button', { name: 'Open the case' }).click();
  await expect(page).toHaveURL(/\/cases\/case_[a-z0-9]+$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const caseUrl = new URL(page.url()).pathname;
  await expectAccessible(page, 'case (customer, new)');

  // The partner: an internal note, then forwards to the publisher.
  const partner = await pageAs(browser, 'helpdesk-agent@northwind-direct.example');
  await partner.goto(caseUrl);
  await expect(partner.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await partner.getByRole('radio', { name: 'Note (not for the customer)' }).check();
  await expect(partner.getByLabel('Who sees the note')).toHaveValue('internal');
  await partner.getByLabel('Your note').fill(note);
  await partner.getByRole('button', { name: 'Add note' }).click();
  await expect(partner.getByRole('status').filter({ hasText: 'Note added.' })).toBeVisible();
  const noteItem = partner.getByRole('listitem', { name: /Internal — your organization only/ }).filter({ hasText: note });
  await expect(noteItem).toBeVisible();
  await expectAccessible(partner, 'case (partner)');
  await partner.getByRole('button', { name: 'Forward to the publisher' }).click();
  const forward = partner.getByRole('dialog', { name: 'Forward to the publisher' });
  await expect(forward.getByText('It goes to: Bastion Labs')).toBeVisible();
  await forward.getByLabel('Reason (optional)').fill('Alert rule schedules are Bastion\'s product question.');
  await expectAccessible(partner, 'forward dialog');
  await forward.getByRole('button', { name: 'Forward to the publisher' }).click();
  await expect(partner.getByRole('status').filter({ hasText: 'Forwarded. The case is with the publisher now.' })).toBeVisible();
  await expect(partner.getByText('Holder (whose turn)').locator('xpath=following-sibling::dd[1]')).toHaveText('Bastion Labs');

  // The publisher answers; the partner's internal note is not there.
  const publisher = await pageAs(browser, 'support-engineer@bastionlabs.example');
  await publisher.goto(caseUrl);
  await expect(publisher.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(publisher.getByRole('region', { name: 'Conversation' })).toBeVisible();
  await expect(publisher.getByText(note)).toHaveCount(0);
  await publisher.getByLabel('Your reply').fill(answer);
  await publisher.getByLabel('Attach files (optional)').setInputFiles({ name: `night-schedule-${stamp}.txt`, mimeType: 'text/plain', buffer: Buffer.from('Rules > Schedules > Night: 22:00-06:00\n') });
  await publisher.getByRole('button', { name: 'Send reply' }).click();
  const warning = publisher.getByRole('alertdialog', { name: 'The customer will see this' });
  await expect(warning).toBeVisible();
  await expectAccessible(publisher, 'reply warning');
  await warning.getByRole('button', { name: 'Send to the customer' }).click();
  await expect(publisher.getByRole('status').filter({ hasText: 'Reply sent.' })).toBeVisible();
  await expect(publisher.getByRole('listitem', { name: /Bastion Labs, Public — the customer sees it/ }).filter({ hasText: answer })).toBeVisible();
  await expectAccessible(publisher, 'case (publisher)');

  // The customer reads the answer and never the note.
  await page.reload();
  await expect(page.getByRole('listitem', { name: /Bastion Labs/ }).filter({ hasText: answer })).toBeVisible();
  await expect(page.getByText(note)).toHaveCount(0);
  const download = page.getByRole('link', { name: new RegExp(`Download night-schedule-${stamp}\\.txt`) });
  await expect(download).toBeVisible();
  const file = await page.request.get((await download.getAttribute('href'))!);
  expect(file.status()).toBe(200);
  expect(await file.text()).toContain('Rules > Schedules > Night');
  await expect(page.getByRole('radio', { name: 'Note (not for the customer)' })).toHaveCount(0);
  await expectAccessible(page, 'case (customer, answered)');
});

test('a case page at phone width: the thread reads and the actions are reachable', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'helpdesk-agent@bluebird-it.example');
  const list = await (await page.request.get('/api/v1/cases?limit=50')).json() as { items: { id: string; title: string; status: string; holder: { name: string | null } }[] };
  const held = list.items.find((c) => c.holder.name === 'Bluebird IT' && c.status !== 'resolved' && c.status !== 'closed');
  expect(held, 'a case Bluebird IT holds in the demo').toBeTruthy();
  await page.goto(`/cases/${held!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: held!.title })).toBeVisible();
  const thread = page.getByRole('region', { name: 'Conversation' });
  const first = thread.getByRole('listitem').first();
  await expect(first).toBeVisible();
  const box = await first.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const escalate = page.getByRole('button', { name: 'Escalate' });
  await escalate.scrollIntoViewIfNeeded();
  await escalate.click();
  const dialog = page.getByRole('dialog', { name: 'Escalate' });
  await expect(dialog.getByLabel('Escalate to')).toBeVisible();
  await expectAccessible(page, 'escalate dialog at 390 px');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expectAccessible(page, 'case at 390 px');
});
