/**
 * The case service on its own, over the test database: it takes its clock and its id source as
 * dependencies, and its refusals carry their words in English and Korean.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { isAppError } from '../../src/core/app-error.ts';
import { ANY_VERSION } from '../../src/core/if-match.ts';
import type { Viewer } from '../../src/core/parties.ts';
import { ID_PREFIXES } from '../../src/db/ids.ts';
import { createCaseService } from '../../src/modules/cases/index.ts';
import { testContext, type TestContext } from '../harness.ts';
import type { Actor } from '../factories.ts';
import { makeDirectWorld, theOperator } from '../case-factories.ts';

let ctx: TestContext;
before(async () => {
  ctx = await testContext();
  await theOperator(ctx);
});

function viewerOf(actor: Actor, orgKind: Viewer['orgKind'], partnerModel: Viewer['partnerModel'] = null): Viewer {
  return { userId: actor.userId, orgId: actor.orgId, orgKind, partnerModel, roles: actor.roles, via: 'token' };
}

/** A clock the test sets, and an id source that numbers its ids and says the time it was given. */
function fixedDeps(start: string) {
  const clock = { at: new Date(start) };
  const made: string[] = [];
  let run = 0;
  const tag = Math.random().toString(36).slice(2, 8);
  return {
    clock, made,
    deps: {
      db: ctx.db,
      now: () => clock.at,
      newId: (kind: keyof typeof ID_PREFIXES, atMs: number) => {
        const id = `${ID_PREFIXES[kind]}_t${tag}n${run++}at${atMs}`;
        made.push(id);
        return id;
      },
    },
  };
}

describe('case service: a clock and an id source as dependencies', () => {
  it('stamps a case, its history and its messages with the given time and ids, and keeps changes in order when the clock steps back', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const { clock, made, deps } = fixedDeps('2031-02-03T04:05:06.000Z');
    const cases = createCaseService(deps);
    const customer = viewerOf(w.customer, 'customer');
    const helpdesk = viewerOf(w.helpdesk, 'partner', 'direct');
    const t0 = Date.parse('2031-02-03T04:05:06.000Z');

    const opened = await cases.open(customer, undefined, {
      title: 'Backups fail at night', description: 'Error E42 since Monday.', category: 'technical_howto', severity: 'moderate',
      subscriptionId: w.subscriptionId,
    });
    assert.equal(opened.case.id, made[0]);
    assert.match(opened.case.id, new RegExp(`^case_t[a-z0-9]+n0at${t0}$`));
    assert.equal(opened.case.createdAt, '2031-02-03T04:05:06.000Z');
    assert.equal(opened.case.updatedAt, '2031-02-03T04:05:06.000Z');

    const history = await cases.listEvents(customer, opened.case.id, { limit: 10 });
    assert.deepEqual(history.items.map((e) => [e.type, e.id, e.createdAt]), [
      ['opened', made[1], '2031-02-03T04:05:06.000Z'],
      ['routed', made[2], '2031-02-03T04:05:06.000Z'],
    ]);
    assert.match(made[1]!, new RegExp(`at${t0}$`));
    assert.match(made[2]!, new RegExp(`at${t0 + 1}$`), 'the second entry of a change takes the next millisecond of its id time');

    clock.at = new Date('2031-02-03T05:00:00.000Z');
    const reply = await cases.reply(helpdesk, opened.case.id, ANY_VERSION, { body: 'On it.' });
    assert.equal(reply.message.id, made[3]);
    assert.match(reply.message.id, /^msg_/);
    assert.equal(reply.message.createdAt, '2031-02-03T05:00:00.000Z');
    assert.equal(reply.case.updatedAt, '2031-02-03T05:00:00.000Z');

    // The clock steps back: the change is still after the last one.
    clock.at = new Date('2031-02-03T04:00:00.000Z');
    const again = await cases.reply(helpdesk, opened.case.id, { any: false, versions: [2] }, { body: 'Still on it.' });
    assert.equal(again.message.createdAt, '2031-02-03T05:00:00.001Z');
    assert.equal(again.case.version, 3);
    const entries = await cases.listEvents(customer, opened.case.id, { limit: 10 });
    assert.deepEqual(entries.items.map((e) => e.id), [made[1], made[2], made[4], made[6]]);
  });
});

describe('case service: refusals in English and Korean', () => {
  it('says a refusal in both languages, keeping the English text and the code', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const cases = createCaseService({ db: ctx.db });
    const customer = viewerOf(w.customer, 'customer');
    const opened = await cases.open(customer, undefined, {
      title: 'Backups fail at night', description: 'Error E42 since Monday.', category: 'technical_howto', severity: 'moderate',
      subscriptionId: w.subscriptionId,
    });
    const refusal = (code: string, en: string, ko: string) => (e: unknown) => {
      assert.ok(isAppError(e), String(e));
      assert.equal(e.code, code);
      assert.equal(e.message, en);
      assert.equal(e.messageIn('en'), en);
      assert.equal(e.messageIn('ko'), ko);
      return true;
    };
    await assert.rejects(cases.forward(customer, opened.case.id, ANY_VERSION, {}), refusal('PERMISSION_DENIED',
      'Your organization is the case\'s customer; only the case\'s holder can forward it.',
      '귀하의 조직은 이 케이스의 고객입니다. 이 케이스를 전달할 수 있는 조직은 담당 조직뿐입니다.'));
    await assert.rejects(cases.reply(customer, opened.case.id, { any: false, versions: [9] }, { body: 'Hello?' }), refusal('CASE_VERSION_CONFLICT',
      'The case is at version 1; read it again and retry with If-Match: "1".',
      '케이스는 현재 버전 1입니다. 케이스를 다시 읽은 뒤 If-Match: "1" 헤더로 다시 시도하세요.'));
    await assert.rejects(cases.reopen(customer, opened.case.id, ANY_VERSION, {}), refusal('CASE_STATUS_CONFLICT',
      'A new case can\'t be reopened; this needs one that is resolved.',
      '신규 상태인 케이스를 다시 열 수 없습니다. 해결됨 상태인 케이스여야 합니다.'));
    await assert.rejects(cases.get(customer, 'case_missing'), refusal('CASE_NOT_FOUND', 'No such case.', '해당 케이스가 없습니다.'));
    await assert.rejects(cases.reply(customer, opened.case.id, ANY_VERSION, { body: '   ' }), refusal('VALIDATION_FAILED',
      'body.body: must not be blank', 'body.body: 비워 둘 수 없습니다'));
  });
});
