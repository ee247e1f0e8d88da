import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { testContext, type TestContext } from '../harness.ts';
import { call, makeActor, makeUser, type Actor } from '../factories.ts';
import {
  act, caseAction, caseBody, FILES, makeDirectWorld, openCase, postMessage, theOperator, upload, userOf,
} from '../case-factories.ts';

let ctx: TestContext;
before(async () => {
  ctx = await testContext();
  await theOperator(ctx);
});

/** Every action with a valid body, for a technical case held by the partner. */
function actions(assignee: string): [string, unknown][] {
  return [
    ['replies', { body: 'A reply' }],
    ['replies', { body: 'A question', awaitingCustomer: true }],
    ['notes', { body: 'A note', visibility: 'internal' }],
    ['notes', { body: 'A partners note', visibility: 'partners' }],
    ['assign', { userId: assignee }],
    ['forward', undefined],
    ['escalate', undefined],
    ['hand-back', undefined],
    ['reroute', { category: 'billing', reason: 'misfiled' }],
    ['resolve', undefined],
    ['reopen', undefined],
    ['close', undefined],
    ['external-reference', { externalReference: 'REF-1' }],
  ];
}

async function versionOf(actor: Actor, caseId: string): Promise<number> {
  const res = await call(ctx, actor, 'GET', `/api/v1/cases/${caseId}`);
  assert.equal(res.status, 200);
  return res.body.version;
}

describe('cases: every action refused to those who may not take it', () => {
  it('a sales_agent reads the case but takes no action (403), and attaches nothing', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    const messageId = await postMessage(ctx, w.helpdesk, c.id, 'replies', { body: 'On it' });
    const sales = await userOf(ctx, w.partner.org, ['sales_agent']);
    assert.equal((await call(ctx, sales, 'GET', `/api/v1/cases/${c.id}`)).status, 200);
    assert.equal((await call(ctx, sales, 'GET', `/api/v1/cases/${c.id}/messages`)).status, 200);
    for (const [path, body] of actions(w.helpdesk.userId)) {
      const res = await caseAction(ctx, sales, c.id, path, body);
      assert.equal(res.status, 403, `${path}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.code, 'PERMISSION_DENIED');
    }
    const file = await upload(ctx, sales, c.id, messageId, { fileName: 'a.png', contentType: 'image/png', content: FILES.png });
    assert.equal(file.status, 403);
    assert.equal(await versionOf(w.partner, c.id), 2, 'nothing changed');
  });

  it('a billing_admin works billing cases only: 403 on every action of a technical case, a reply on a billing case', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const technical = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    const billingAdmin = await userOf(ctx, w.partner.org, ['billing_admin']);
    for (const [path, body] of actions(billingAdmin.userId)) {
      const res = await caseAction(ctx, billingAdmin, technical.id, path, body);
      assert.equal(res.status, 403, `${path}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.code, 'PERMISSION_DENIED');
    }
    assert.equal(await versionOf(billingAdmin, technical.id), 1);
    const billing = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, category: 'billing' }));
    const reply = await caseAction(ctx, billingAdmin, billing.id, 'replies', { body: 'Your invoice is corrected.' });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    const assigned = await act(ctx, w.helpdesk, billing.id, 'assign', { userId: billingAdmin.userId });
    assert.equal(assigned.assignee?.userId, billingAdmin.userId, 'a billing_admin may be assigned a billing case');
    const toTechnical = await caseAction(ctx, billingAdmin, billing.id, 'reroute', { category: 'technical_howto', reason: 'product question' });
    assert.equal(toTechnical.status, 403, 'nor may it reroute into a category it does not work');
  });

  it('a customer posts no notes and takes none of the holder\'s actions; it replies, closes and reopens', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    const refused = actions(w.customer.userId).filter(([path, body]) => !['close', 'reopen'].includes(path) && !(path === 'replies' && !(body as { awaitingCustomer?: boolean }).awaitingCustomer));
    for (const [path, body] of refused) {
      const res = await caseAction(ctx, w.customer, c.id, path, body);
      assert.equal(res.status, 403, `${path}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.code, 'PERMISSION_DENIED');
    }
    const note = await caseAction(ctx, w.customer, c.id, 'notes', { body: 'secret', visibility: 'internal' });
    assert.deepEqual(note.body.allowedRelations, ['holder', 'requester', 'participant']);
    assert.equal(await versionOf(w.customer, c.id), 1);
    const reopen = await caseAction(ctx, w.customer, c.id, 'reopen');
    assert.equal(reopen.status, 409, 'a new case is not resolved');
    assert.deepEqual(reopen.body.allowedStatuses, ['resolved']);
    assert.equal((await caseAction(ctx, w.customer, c.id, 'replies', { body: 'More detail' })).status, 201);
    assert.equal((await act(ctx, w.customer, c.id, 'close')).status, 'closed');
  });

  it('a participant that does not hold the case takes none of the holder\'s actions; a publisher_viewer none at all', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    for (const path of ['assign', 'forward', 'escalate', 'hand-back', 'reroute', 'resolve', 'reopen', 'close']) {
      const body = actions(w.engineer.userId).find(([p]) => p === path)![1];
      const res = await caseAction(ctx, w.engineer, c.id, path, body);
      assert.equal(res.status, 403, `${path}: ${JSON.stringify(res.body)}`);
      assert.deepEqual(res.body.yourRelations, ['participant']);
    }
    const awaiting = await caseAction(ctx, w.engineer, c.id, 'replies', { body: 'Tell me more', awaitingCustomer: true });
    assert.equal(awaiting.status, 403, 'only the holder waits on the customer');
    const viewer = await userOf(ctx, w.publisher.org, ['publisher_viewer']);
    for (const [path, body] of actions(viewer.userId)) {
      assert.equal((await caseAction(ctx, viewer, c.id, path, body)).status, 403, path);
    }
    assert.equal((await caseAction(ctx, w.engineer, c.id, 'notes', { body: 'We saw this before', visibility: 'partners' })).status, 201);
    assert.equal((await caseAction(ctx, w.engineer, c.id, 'replies', { body: 'A public hint' })).status, 201);
  });

  it('only the publisher taking part sets the external reference', async () => {
    const w = await makeDirectWorld(ctx);
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    for (const actor of [w.partner, w.customer]) {
      const res = await caseAction(ctx, actor, c.id, 'external-reference', { externalReference: 'X-1' });
      assert.equal(res.status, 403);
    }
    const set = await act(ctx, w.engineer, c.id, 'external-reference', { externalReference: '  ISV-77 ' });
    assert.equal(set.externalReference, 'ISV-77');
    const cleared = await act(ctx, w.engineer, c.id, 'external-reference', { externalReference: null });
    assert.equal(cleared.externalReference, null);
    const blank = await caseAction(ctx, w.engineer, c.id, 'external-reference', { externalReference: '   ' });
    assert.equal(blank.status, 400);
    assert.equal(blank.body.errors[0].field, 'body.externalReference');
  });

  it('an organization outside the case gets 404 for every action, exactly like a missing case', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    const stranger = await makeActor(ctx, 'partner', ['global_admin'], { model: 'direct' });
    for (const [path, body] of actions(stranger.userId)) {
      const hidden = await caseAction(ctx, stranger, c.id, path, body);
      const missing = await caseAction(ctx, stranger, 'case_missing', path, body);
      assert.equal(hidden.status, 404, path);
      assert.equal(hidden.body.code, 'CASE_NOT_FOUND');
      assert.equal(hidden.body.detail, missing.body.detail);
    }
  });

  it('validates action bodies, naming the field', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    const bad: [string, unknown, string][] = [
      ['replies', { body: '' }, 'body.body'],
      ['replies', { body: '  ' }, 'body.body'],
      ['replies', { text: 'hi' }, 'body.body'],
      ['notes', { body: 'x', visibility: 'public' }, 'body.visibility'],
      ['assign', {}, 'body.userId'],
      ['reroute', { category: 'nonsense', reason: 'x' }, 'body.category'],
      ['forward', { because: 'x' }, 'body.because'],
    ];
    for (const [path, body, field] of bad) {
      const res = await caseAction(ctx, w.helpdesk, c.id, path, body);
      assert.equal(res.status, 400, `${path}: ${JSON.stringify(res.body)}`);
      assert.ok(res.body.errors.some((e: { field: string }) => e.field === field), `${path}: ${JSON.stringify(res.body.errors)}`);
    }
    assert.equal(await versionOf(w.partner, c.id), 1);
  });
});

describe('cases: status rules over HTTP', () => {
  it('resolve, reopen and close follow the table; closed is final for everyone', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    const resolved = await act(ctx, w.helpdesk, c.id, 'resolve', { reason: 'Documented in KB 12' });
    assert.equal(resolved.status, 'resolved');
    const reopened = await act(ctx, w.customer, c.id, 'reopen');
    assert.equal(reopened.status, 'open');
    assert.equal(reopened.resolvedAt, null);
    await act(ctx, w.helpdesk, c.id, 'resolve');
    const replied = await caseAction(ctx, w.customer, c.id, 'replies', { body: 'Still broken' });
    assert.equal(replied.body.case.status, 'open', 'the customer\'s reply reopens a resolved case');
    assert.equal(replied.body.case.resolvedAt, null);
    await act(ctx, w.helpdesk, c.id, 'resolve');
    const closed = await act(ctx, w.helpdesk, c.id, 'close');
    assert.equal(closed.status, 'closed', 'the holder closes once resolved');
    for (const actor of [w.helpdesk, w.customer, w.engineer]) {
      for (const [path, body] of actions(w.helpdesk.userId)) {
        const res = await caseAction(ctx, actor, c.id, path, body);
        assert.ok(res.status === 409 || res.status === 403, `${path}: ${res.status}`);
        if (res.status === 409) assert.equal(res.body.code, 'CASE_STATUS_CONFLICT');
      }
      const note = await caseAction(ctx, actor, c.id, 'replies', { body: 'after' });
      assert.equal(note.status, 409);
    }
  });

  it('the holder may not close before resolving, nor assign a resolved case', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    const early = await caseAction(ctx, w.helpdesk, c.id, 'close');
    assert.equal(early.status, 409);
    assert.deepEqual(early.body.allowedStatuses, ['resolved']);
    await act(ctx, w.helpdesk, c.id, 'resolve');
    const assign = await caseAction(ctx, w.helpdesk, c.id, 'assign', { userId: w.helpdesk.userId });
    assert.equal(assign.status, 409);
    assert.equal(assign.body.status, 409);
    assert.equal(assign.body.caseStatus, 'resolved');
  });

  it('an internal note by the holder opens a new case; a note by another participant leaves it new', async () => {
    const w = await makeDirectWorld(ctx);
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    const byPartner = await caseAction(ctx, w.helpdesk, c.id, 'notes', { body: 'FYI', visibility: 'partners' });
    assert.equal(byPartner.body.case.status, 'new');
    const byHolder = await caseAction(ctx, w.engineer, c.id, 'notes', { body: 'Looking', visibility: 'internal' });
    assert.equal(byHolder.body.case.status, 'open');
  });
});

describe('cases: assign', () => {
  it('the holder assigns one of its users who works cases; others see the user id, not the name; a hand-over clears it', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    const assigned = await act(ctx, w.partner, c.id, 'assign', { userId: w.helpdesk.userId });
    assert.deepEqual(assigned.assignee, { userId: w.helpdesk.userId, name: `User ${w.helpdesk.email}` });
    assert.equal(assigned.status, 'open');
    const seen = await call(ctx, w.customer, 'GET', `/api/v1/cases/${c.id}`);
    assert.deepEqual(seen.body.assignee, { userId: w.helpdesk.userId, name: null });

    const sales = await userOf(ctx, w.partner.org, ['sales_agent']);
    const disabled = await userOf(ctx, w.partner.org, ['helpdesk_agent']);
    await ctx.db.withOwner((tx) => tx.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', disabled.userId).execute());
    for (const userId of [w.engineer.userId, w.customer.userId, sales.userId, disabled.userId, 'usr_missing']) {
      const res = await caseAction(ctx, w.partner, c.id, 'assign', { userId });
      assert.equal(res.status, 422, userId);
      assert.equal(res.body.code, 'ASSIGNEE_NOT_ELIGIBLE');
      assert.equal(res.body.errors[0].field, 'body.userId');
    }
    const forwarded = await act(ctx, w.helpdesk, c.id, 'forward');
    assert.equal(forwarded.assignee, null);
    const engineerTakes = await act(ctx, w.engineer, c.id, 'assign', { userId: w.engineer.userId });
    assert.equal(engineerTakes.assignee?.userId, w.engineer.userId);
    const unassigned = await act(ctx, w.engineer, c.id, 'assign', { userId: null });
    assert.equal(unassigned.assignee, null);
  });
});

describe('cases: If-Match', () => {
  it('a change based on an old version is refused with 412 and changes nothing; the current one, W/ and * pass', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    const first = await caseAction(ctx, w.helpdesk, c.id, 'replies', { body: 'one' }, { 'if-match': '"1"' });
    assert.equal(first.status, 201);
    assert.equal(first.headers.etag, '"2"');
    const stale = await caseAction(ctx, w.customer, c.id, 'replies', { body: 'two' }, { 'if-match': '"1"' });
    assert.equal(stale.status, 412);
    assert.equal(stale.body.code, 'CASE_VERSION_CONFLICT');
    assert.equal(stale.body.currentVersion, 2);
    const messages = await call(ctx, w.customer, 'GET', `/api/v1/cases/${c.id}/messages`);
    assert.deepEqual(messages.body.items.map((m: { body: string }) => m.body), ['one']);
    assert.equal((await caseAction(ctx, w.customer, c.id, 'replies', { body: 'weak' }, { 'if-match': 'W/"2"' })).status, 201);
    assert.equal((await caseAction(ctx, w.customer, c.id, 'replies', { body: 'any' }, { 'if-match': '*' })).status, 201);
    const after = await call(ctx, w.customer, 'GET', `/api/v1/cases/${c.id}`);
    assert.equal(after.body.version, 4);
    assert.ok(Date.parse(after.body.updatedAt) > Date.parse(c.updatedAt as string), 'every change moves updated_at');
  });

  it('every action honours If-Match', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    const messageId = await postMessage(ctx, w.helpdesk, c.id, 'replies', { body: 'hello' });
    for (const [path, body] of actions(w.helpdesk.userId)) {
      const res = await caseAction(ctx, w.helpdesk, c.id, path, body, { 'if-match': '"1"' });
      assert.equal(res.status, 412, `${path}: ${JSON.stringify(res.body)}`);
    }
    const file = await upload(ctx, w.helpdesk, c.id, messageId, { fileName: 'a.png', contentType: 'image/png', content: FILES.png }, { 'if-match': '"1"' });
    assert.equal(file.status, 412);
    assert.equal(await versionOf(w.partner, c.id), 2);
  });

  it('a malformed If-Match is refused with 400 naming the header, on every action, and changes nothing', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    const messageId = await postMessage(ctx, w.helpdesk, c.id, 'replies', { body: 'hello' });
    const malformed = ['2', '"2" "3"', '"2", *', 'W/ "2"', '"2'];
    for (const [i, [path, body]] of actions(w.helpdesk.userId).entries()) {
      const header = malformed[i % malformed.length]!;
      const res = await caseAction(ctx, w.helpdesk, c.id, path, body, { 'if-match': header });
      assert.equal(res.status, 400, `${path} with ${header}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.code, 'VALIDATION_FAILED');
      assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field), ['headers.if-match']);
    }
    const file = await upload(ctx, w.helpdesk, c.id, messageId, { fileName: 'a.png', contentType: 'image/png', content: FILES.png }, { 'if-match': '2' });
    assert.equal(file.status, 400);
    assert.equal(file.body.errors[0].field, 'headers.if-match');
    assert.equal(await versionOf(w.partner, c.id), 2, 'nothing changed');
  });

  it('a list of entity tags passes when one names the current version; a tag naming no version is a conflict (412)', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    const listed = await caseAction(ctx, w.helpdesk, c.id, 'replies', { body: 'listed' }, { 'if-match': '"7", W/"1"' });
    assert.equal(listed.status, 201, JSON.stringify(listed.body));
    for (const header of ['"abc"', '"02"', '"1", "3"']) {
      const res = await caseAction(ctx, w.helpdesk, c.id, 'replies', { body: header }, { 'if-match': header });
      assert.equal(res.status, 412, header);
      assert.equal(res.body.code, 'CASE_VERSION_CONFLICT');
      assert.equal(res.body.currentVersion, 2);
    }
    assert.equal(await versionOf(w.partner, c.id), 2);
  });

  it('says the refusal in the viewer\'s language', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    const korean = await makeUser(ctx, w.partner.org, ['helpdesk_agent'], { locale: 'ko' });
    const stale = await caseAction(ctx, korean, c.id, 'replies', { body: 'old' }, { 'if-match': '"9"' });
    assert.equal(stale.status, 412);
    assert.equal(stale.body.detail, '케이스는 현재 버전 1입니다. 케이스를 다시 읽은 뒤 If-Match: "1" 헤더로 다시 시도하세요.');
    const malformed = await caseAction(ctx, korean, c.id, 'replies', { body: 'old' }, { 'if-match': '9' });
    assert.equal(malformed.status, 400);
    assert.deepEqual(malformed.body.errors, [{ field: 'headers.if-match', message: '* 또는 "3", W/"3" 같은 엔터티 태그 목록이어야 합니다' }]);
    const english = await caseAction(ctx, w.helpdesk, c.id, 'replies', { body: 'old' }, { 'if-match': '"9"' });
    assert.equal(english.body.detail, 'The case is at version 1; read it again and retry with If-Match: "1".');
  });
});
