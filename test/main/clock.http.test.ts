/**
 * The application's clock and id source: a file's context made with a test clock stamps what the
 * services create with the clock's time — a purchase, a case and its changes, a session's and a
 * token's expiry — and the time part of their ids, whatever the machine's clock says.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ID_PREFIXES, type IdKind } from '../../src/db/ids.ts';
import { caseBody, makeDirectWorld, openCase, postMessage } from '../case-factories.ts';
import { call, TEST_PASSWORD } from '../factories.ts';
import { testClock, testContext } from '../harness.ts';

// Long before the machine's own clock, so a stamp from the system clock could not pass for it.
const START = '2025-06-02T08:30:00.000Z';
const clock = testClock(START);
const MINUTE = 60_000;
const DAY = 86_400_000;

/** The time an id carries: nine base-36 digits of milliseconds after its prefix. */
function timeOfId(kind: IdKind, id: string): string {
  const prefix = `${ID_PREFIXES[kind]}_`;
  assert.ok(id.startsWith(prefix), `${id} is not a ${kind} id`);
  return new Date(parseInt(id.slice(prefix.length, prefix.length + 9), 36)).toISOString();
}

describe('the application\'s clock over HTTP', () => {
  it('stamps a purchase, a case, its reply, a session and a token with the test clock\'s time', async () => {
    const ctx = await testContext({ clock });
    assert.ok(Date.now() - new Date(START).getTime() > 30 * DAY, 'the test clock must be far from the machine\'s');

    // The world is made at START: the purchase (through the API) is stamped with it.
    const w = await makeDirectWorld(ctx);
    const sub = await call(ctx, w.partner, 'GET', `/api/v1/subscriptions/${w.subscriptionId}`);
    assert.equal(sub.status, 200, JSON.stringify(sub.body));
    assert.equal(sub.body.createdAt, START);
    assert.equal(sub.body.acceptedAt, START);
    assert.equal(sub.body.activatedAt, START);
    assert.equal(timeOfId('subscription', w.subscriptionId), START);

    // A minute later the customer opens a case.
    const opened = clock.advance(MINUTE).toISOString();
    const created = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    assert.equal(created.createdAt, opened);
    assert.equal(created.updatedAt, opened);
    assert.equal(timeOfId('case', created.id), opened);

    // Five minutes after that the partner replies: the case's last update is the reply's time.
    const replied = clock.advance(5 * MINUTE).toISOString();
    const messageId = await postMessage(ctx, w.partner, created.id, 'replies', { body: 'Please send the backup log.' });
    assert.equal(timeOfId('caseMessage', messageId), replied);
    const after = await call(ctx, w.customer, 'GET', `/api/v1/cases/${created.id}`);
    assert.equal(after.status, 200, JSON.stringify(after.body));
    assert.equal(after.body.updatedAt, replied);
    assert.equal(after.body.createdAt, opened);

    // A sign-in's session lives 24 hours from the clock's now (the harness's SESSION_TTL_HOURS).
    const signedIn = await ctx.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: w.partner.email, password: TEST_PASSWORD } });
    assert.equal(signedIn.statusCode, 201, signedIn.body);
    const cookie = signedIn.cookies.find((c) => c.name === 'sb_session');
    assert.ok(cookie?.expires, 'the session cookie carries its expiry');
    assert.equal(new Date(cookie.expires).toISOString(), new Date(new Date(replied).getTime() + DAY).toISOString());

    // A day later a token is made: it expires 90 days (TOKEN_TTL_DAYS' default) after that.
    const made = clock.advance(DAY).toISOString();
    const token = await call(ctx, w.partner, 'POST', '/api/v1/tokens', { name: 'clocked' });
    assert.equal(token.status, 201, JSON.stringify(token.body));
    assert.equal(token.body.info.expiresAt, new Date(new Date(made).getTime() + 90 * DAY).toISOString());
    assert.equal(timeOfId('apiToken', token.body.info.id), made);
  });

  it('is the file\'s one clock: another clock for the same file is refused', async () => {
    await testContext({ clock });
    assert.throws(() => testContext({ clock: testClock(START) }), /another clock or id source/);
    assert.throws(() => testContext(), /another clock or id source/);
  });
});
