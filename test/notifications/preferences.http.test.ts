/** Notification preferences and the event-type catalogue through the HTTP API. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { defaultChannels, EVENT_TYPE_LIST, EVENT_TYPES, type EventType } from '../../src/core/events.ts';
import { testContext, type TestContext } from '../harness.ts';
import { call, makeActor, makeUser, type Actor } from '../factories.ts';

let ctx: TestContext;
before(async () => {
  ctx = await testContext();
});

interface Pref {
  eventType: EventType;
  description: string;
  inApp: boolean;
  email: boolean;
  isDefault: boolean;
}

async function preferences(actor: Actor): Promise<Map<string, Pref>> {
  const res = await call(ctx, actor, 'GET', '/api/v1/notification-preferences');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return new Map((res.body.preferences as Pref[]).map((p) => [p.eventType, p]));
}

function put(actor: Actor, preferences: unknown) {
  return call(ctx, actor, 'PUT', '/api/v1/notification-preferences', { preferences });
}

async function storedRows(actor: Actor): Promise<string[]> {
  const rows = await ctx.db.withOwner((tx) => tx.selectFrom('notification_preferences').select('event_type').where('user_id', '=', actor.userId).execute());
  return rows.map((r) => r.event_type).sort();
}

describe('notifications: preferences', () => {
  it('answers every event type with its default channels for a user who chose nothing', async () => {
    const user = await makeActor(ctx, 'customer', ['customer_user']);
    const prefs = await preferences(user);
    assert.deepEqual([...prefs.keys()], EVENT_TYPE_LIST);
    for (const type of EVENT_TYPE_LIST) {
      assert.deepEqual(prefs.get(type), { eventType: type, description: EVENT_TYPES[type], ...defaultChannels(type), isDefault: true });
    }
  });

  it('changes the event types named and leaves the others; a choice equal to the default is stored as none', async () => {
    const user = await makeActor(ctx, 'partner', ['global_admin']);
    const res = await put(user, [
      { eventType: 'case.opened', inApp: false, email: true },
      { eventType: 'incident.posted', inApp: true, email: false },
    ]);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const after = new Map((res.body.preferences as Pref[]).map((p) => [p.eventType, p]));
    assert.deepEqual(after, await preferences(user), 'the PUT answers what a GET answers');
    assert.deepEqual(after.get('case.opened'), { eventType: 'case.opened', description: EVENT_TYPES['case.opened'], inApp: false, email: true, isDefault: false });
    assert.equal(after.get('incident.posted')!.email, false);
    assert.equal(after.get('case.routed')!.isDefault, true);
    assert.deepEqual(await storedRows(user), ['case.opened', 'incident.posted']);

    const back = await put(user, [{ eventType: 'case.opened', ...defaultChannels('case.opened') }]);
    assert.equal(back.status, 200);
    assert.equal((await preferences(user)).get('case.opened')!.isDefault, true);
    assert.deepEqual(await storedRows(user), ['incident.posted']);
  });

  it('keeps each user\'s preferences their own, a colleague\'s included', async () => {
    const user = await makeActor(ctx, 'partner', ['global_admin']);
    const colleague = await makeUser(ctx, user.org, ['helpdesk_agent']);
    assert.equal((await put(user, [{ eventType: 'case.resolved', inApp: false, email: false }])).status, 200);
    assert.equal((await preferences(colleague)).get('case.resolved')!.isDefault, true);
    assert.deepEqual(await storedRows(colleague), []);
  });

  it('refuses unknown event types, an event type named twice, an empty list and unknown fields', async () => {
    const user = await makeActor(ctx, 'customer', ['customer_admin']);
    const refused: [string, unknown][] = [
      ['an unknown event type', [{ eventType: 'case.exploded', inApp: true, email: true }]],
      ['an event type named twice', [{ eventType: 'case.opened', inApp: true, email: true }, { eventType: 'case.opened', inApp: false, email: false }]],
      ['an empty list', []],
      ['an unknown field', [{ eventType: 'case.opened', inApp: true, email: true, sms: true }]],
      ['a missing channel', [{ eventType: 'case.opened', inApp: true }]],
    ];
    for (const [name, body] of refused) {
      const res = await put(user, body);
      assert.equal(res.status, 400, name);
      assert.equal(res.body.code, 'VALIDATION_FAILED', name);
    }
    assert.deepEqual(await storedRows(user), []);
    assert.equal((await call(ctx, null, 'GET', '/api/v1/notification-preferences')).status, 401);
  });
});

describe('notifications: the event-type catalogue', () => {
  it('lists every event type with what it means, to any signed-in user', async () => {
    const user = await makeActor(ctx, 'customer', ['customer_user']);
    const res = await call(ctx, user, 'GET', '/api/v1/event-types');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, EVENT_TYPE_LIST.map((type) => ({ type, description: EVENT_TYPES[type] })));
    assert.equal((await call(ctx, null, 'GET', '/api/v1/event-types')).status, 401);
  });

  it('describes the notification routes in the OpenAPI document', async () => {
    const doc = await call(ctx, null, 'GET', '/api/v1/openapi.json');
    assert.equal(doc.status, 200);
    for (const path of [
      '/api/v1/notifications', '/api/v1/notifications/unread-count', '/api/v1/notifications/{notificationId}/read',
      '/api/v1/notifications/read-all', '/api/v1/notification-preferences', '/api/v1/event-types',
    ]) assert.ok(doc.body.paths[path], path);
    assert.ok(doc.body.components.schemas.Notification);
    assert.ok(doc.body.components.schemas.NotificationPreferences);
  });
});
