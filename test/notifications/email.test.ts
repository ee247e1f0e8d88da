/**
 * E-mail over a real SMTP server on 127.0.0.1: the worker (with SMTP configured) sends each user
 * the events they hear of by e-mail, in their language, once; a refusal is retried later and a
 * permanent one is not.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { JobRunner } from '../../src/jobs/job-runner.ts';
import { testContext, type TestContext } from '../harness.ts';
import { call, makeUser, type Actor } from '../factories.ts';
import { caseAction, caseBody, makeDirectWorld, openCase, theOperator } from '../case-factories.ts';
import { startSmtpReceiver, type SmtpReceiver } from './smtp-receiver.ts';

let ctx: TestContext;
let smtp: SmtpReceiver;
let worker: JobRunner;

before(async () => {
  ctx = await testContext();
  await theOperator(ctx);
  smtp = await startSmtpReceiver();
  worker = ctx.worker({ smtpUrl: smtp.url });
});
after(async () => {
  await smtp?.close();
});

function mailsTo(address: string) {
  return smtp.received.filter((m) => m.to.includes(address));
}

async function deliveriesOf(user: Actor) {
  return ctx.db.withOwner((tx) => tx.selectFrom('email_deliveries').select(['id', 'status', 'attempt_count', 'last_error', 'subject'])
    .where('user_id', '=', user.userId).orderBy('created_at').orderBy('id').execute());
}

/** Makes every queued retry of an e-mail due now, as if its wait had passed. */
async function makeRetriesDue() {
  await ctx.db.withOwner((tx) => sql`
    UPDATE pgboss.job SET start_after = now() WHERE name = 'emails.send' AND state IN ('created', 'retry')`.execute(tx));
}

async function queuedEmailJobs(emailId: string): Promise<number> {
  const { rows } = await ctx.db.withOwner((tx) => sql<{ n: string }>`
    SELECT count(*) AS n FROM pgboss.job WHERE name = 'emails.send' AND state IN ('created', 'retry') AND data->>'emailId' = ${emailId}`.execute(tx));
  return Number(rows[0]!.n);
}

/** A direct world with an English, a Korean and an e-mail-averse helpdesk user; the e-mail of its making sent and forgotten. */
async function world() {
  const w = await makeDirectWorld(ctx);
  // The subscription's events go out before the users below exist, so they hear only of what follows.
  await worker.drain();
  const org = { id: w.partner.orgId, kind: 'partner' as const, name: '' };
  const english = await makeUser(ctx, org, ['helpdesk_agent'], { locale: 'en' });
  const korean = await makeUser(ctx, org, ['helpdesk_agent'], { locale: 'ko' });
  const averse = await makeUser(ctx, org, ['helpdesk_agent']);
  const off = await call(ctx, averse, 'PUT', '/api/v1/notification-preferences', {
    preferences: ['case.routed', 'case.message_added'].map((eventType) => ({ eventType, inApp: true, email: false })),
  });
  assert.equal(off.status, 200, JSON.stringify(off.body));
  smtp.received.length = 0;
  return { ...w, english, korean, averse };
}

describe('notifications: e-mail over SMTP', () => {
  it('sends an English and a Korean user one e-mail each, in their language, with the link; nothing to a user who turned e-mail off', async () => {
    const w = await world();
    const c = await openCase(ctx, w.customer, caseBody({ title: 'Backups fail at night', subscriptionId: w.subscriptionId }));
    await worker.drain();

    // The console's page of the case, not the API's JSON.
    const link = `http://127.0.0.1:3000/cases/${c.id}`;
    const [en, ...moreEn] = mailsTo(w.english.email);
    assert.ok(en, 'the English user got an e-mail');
    assert.equal(moreEn.length, 0, 'case.opened is not e-mailed by default; case.routed is, once');
    assert.equal(en.subject, '[Switchboard] Case routed “Backups fail at night”');
    assert.match(en.text, /^Hello,\n/);
    assert.ok(en.text.includes(`Open it in Switchboard: ${link}`), en.text);
    assert.match(en.text, /You receive this e-mail because/);
    assert.match(en.headers.get('from') ?? '', /no-reply@switchboard\.test/);

    const [ko, ...moreKo] = mailsTo(w.korean.email);
    assert.ok(ko, 'the Korean user got an e-mail');
    assert.equal(moreKo.length, 0);
    assert.equal(ko.subject, '[Switchboard] 케이스 배정 “Backups fail at night”');
    assert.match(ko.headers.get('content-type') ?? '', /charset=utf-8/i);
    assert.match(ko.text, /^안녕하세요\.\n\n케이스가 .+에 배정되었습니다\./);
    assert.ok(ko.text.includes(`Switchboard에서 보기: ${link}`), ko.text);
    assert.match(ko.text, /알림 설정에서 바꿀 수 있습니다: http:\/\/127\.0\.0\.1:3000\/settings$/);
    assert.match(en.text, /change your preferences: http:\/\/127\.0\.0\.1:3000\/settings$/);

    assert.deepEqual(mailsTo(w.averse.email), []);
    assert.deepEqual(await deliveriesOf(w.averse), [], 'no e-mail is even written for them');
    for (const user of [w.english, w.korean]) {
      const rows = await deliveriesOf(user);
      assert.deepEqual(rows.map((r) => [r.status, r.attempt_count]), [['sent', 1]]);
    }
    assert.equal(mailsTo(w.customer.email).length, 0, 'the user who opened the case gets no e-mail of it');

    const sent = smtp.received.length;
    await worker.drain();
    await makeRetriesDue();
    await worker.drain();
    assert.equal(smtp.received.length, sent, 'nothing is sent twice');
  });

  it('records a refused e-mail, tries it again later, and sends it once when the server takes it', async () => {
    const w = await world();
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    await worker.drain();
    smtp.received.length = 0;

    smtp.refuseWith = 451;
    await caseAction(ctx, w.customer, c.id, 'replies', { body: '백업이 또 실패했습니다.' });
    await worker.drain();
    assert.equal(mailsTo(w.korean.email).length, 0);
    assert.ok(smtp.refused >= 2);
    const [pending] = (await deliveriesOf(w.korean)).filter((r) => r.subject.startsWith('새 메시지'));
    assert.ok(pending);
    assert.equal(pending.status, 'pending');
    assert.equal(pending.attempt_count, 1);
    assert.match(pending.last_error ?? '', /451/);
    assert.equal(await queuedEmailJobs(pending.id), 1, 'one retry is queued');

    smtp.refuseWith = null;
    await worker.drain();
    assert.equal(mailsTo(w.korean.email).length, 0, 'the retry waits for its time');

    await makeRetriesDue();
    await worker.drain();
    const [mail, ...more] = mailsTo(w.korean.email);
    assert.ok(mail);
    assert.equal(more.length, 0);
    assert.match(mail.text, /백업이 또 실패했습니다\./);
    assert.equal(mailsTo(w.english.email).length, 1);
    const [sent] = (await deliveriesOf(w.korean)).filter((r) => r.id === pending.id);
    assert.deepEqual([sent!.status, sent!.attempt_count], ['sent', 2]);
    assert.equal(await queuedEmailJobs(pending.id), 0);

    await makeRetriesDue();
    await worker.drain();
    assert.equal(mailsTo(w.korean.email).length, 1, 'nothing is sent twice');
  });

  it('fails an e-mail the server refuses permanently at once, without a retry', async () => {
    const w = await world();
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    await worker.drain();
    smtp.received.length = 0;

    smtp.refuseWith = 550;
    await caseAction(ctx, w.customer, c.id, 'replies', { body: 'Still failing.' });
    await worker.drain();
    smtp.refuseWith = null;

    const [failed] = (await deliveriesOf(w.english)).filter((r) => r.subject.startsWith('New message'));
    assert.ok(failed);
    assert.deepEqual([failed.status, failed.attempt_count], ['failed', 1]);
    assert.match(failed.last_error ?? '', /550/);
    assert.equal(await queuedEmailJobs(failed.id), 0);
    await makeRetriesDue();
    await worker.drain();
    assert.equal(mailsTo(w.english.email).length, 0);
  });
});
