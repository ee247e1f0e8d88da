/**
 * Issue 11, test 5: the case page in Korean (a Korean user, browser ko-KR): labels, statuses,
 * actions and routing rules in Korean, and none of the page's own English words left.
 */
import { test, expect, pageAs, expectAccessible } from './fixtures.ts';

test('the case page in Korean', async ({ browser }) => {
  const page = await pageAs(browser, 'global-admin@hanilcloud.example', 'ko-KR');
  const list = await (await page.request.get('/api/v1/cases?limit=50')).json() as { items: { id: string; holder: { name: string | null }; status: string }[] };
  const held = list.items.find((c) => c.holder.name === 'Hanil Cloud Distribution' && c.status !== 'closed');
  expect(held, 'a case Hanil Cloud holds in the demo').toBeTruthy();
  const one = await (await page.request.get(`/api/v1/cases/${held!.id}`)).json() as { routing: { rules: { en: string; ko: string }[] }; allowedActions: { action: string }[] };
  expect(one.routing.rules.length).toBeGreaterThan(0);

  await page.goto(`/cases/${held!.id}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  for (const name of ['할 수 있는 작업', '대화', '기록', '이 케이스가 여기 있는 이유', '서비스 약정(SLA)', '참여자']) {
    await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByText('현재 담당 조직', { exact: true })).toBeVisible();
  await expect(page.getByText('답변 책임 조직', { exact: true })).toBeVisible();
  if (one.allowedActions.some((a) => a.action === 'resolve')) await expect(page.getByRole('button', { name: '해결', exact: true })).toBeVisible();
  if (one.allowedActions.some((a) => a.action === 'reply')) await expect(page.getByRole('button', { name: '답변 보내기' })).toBeVisible();
  if (one.allowedActions.some((a) => a.action === 'note')) await expect(page.getByRole('radio', { name: '메모(고객 비공개)' })).toBeVisible();
  const rules = page.getByRole('region', { name: '이 케이스가 여기 있는 이유' });
  await expect(rules.getByRole('listitem')).toHaveText(one.routing.rules.map((r) => r.ko));
  const text = await page.locator('main').innerText();
  for (const english of ['What you can do', 'Conversation', 'History', 'Why the case is here', 'Service commitments', 'Holder (whose turn)', 'Participants', 'Send reply', 'Add note', 'Resolve', 'Escalate', 'Waiting on', 'Running', 'Remaining', 'Due at']) {
    expect(text, `no "${english}" on the Korean page`).not.toContain(english);
  }
  for (const rule of one.routing.rules) expect(text).not.toContain(rule.en);
  await expectAccessible(page, 'case in Korean');
});
