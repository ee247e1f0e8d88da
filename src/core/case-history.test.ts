import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allowedActions, CaseHistoryError, checkReroute, decideCaseCommand, foldCaseHistory, historyRowOf, openCase, parseCaseHistoryEntry,
  withEntryIds, type CaseActor, type CaseCommand, type CaseHistoryEntry, type CaseState, type RoutableDecision,
  type StoredCaseHistoryRow,
} from './case-history.ts';
import { CASE_RELATIONS, CASE_STATUSES, type CaseRelation, type CaseStatus } from './case-rules.ts';
import type { Role } from './parties.ts';
import type { SupportCategory } from './support-categories.ts';

// ---- The world of these tests ----

const CUST = 'org_cust';
const RES = 'org_res';
const PROV = 'org_prov';
const PUB = 'org_pub';
const OP = 'org_op';
const T0 = new Date('2026-11-24T10:00:00.000Z');
const T1 = new Date('2026-11-24T11:00:00.000Z');
const T2 = new Date('2026-11-24T12:00:00.000Z');

const actors: Record<string, CaseActor> = {
  cust: { orgId: CUST, userId: 'usr_cust', kind: 'customer', partnerModel: null, roles: ['customer_user'] },
  res: { orgId: RES, userId: 'usr_res', kind: 'partner', partnerModel: 'indirect_reseller', roles: ['global_admin'] },
  prov: { orgId: PROV, userId: 'usr_prov', kind: 'partner', partnerModel: 'indirect_provider', roles: ['admin_agent'] },
  pub: { orgId: PUB, userId: 'usr_pub', kind: 'publisher', partnerModel: null, roles: ['support_engineer'] },
  op: { orgId: OP, userId: 'usr_op', kind: 'operator', partnerModel: null, roles: ['operator_admin'] },
};
const chain = { publisherId: PUB, partnerId: null, providerId: PROV, resellerId: RES, operatorId: OP };

/**
 * Two cases, at any status:
 * - T: a technical_breakfix case the reseller opened and escalated to its provider, who holds it;
 *   the customer and the publisher take part.
 * - B: a billing case the publisher asked the reseller, who holds it; the customer and the
 *   provider take part; nobody handed it over.
 */
function caseT(status: CaseStatus): CaseState {
  return {
    id: 'case_t', title: 'Agents offline', status, category: 'technical_breakfix', severity: 'critical',
    requesterOrgId: RES, requesterUserId: 'usr_res', customerId: CUST, chain, offerId: 'off_1', subscriptionId: 'sub_1',
    responsibleOrgId: PUB, holderOrgId: PROV, assigneeUserId: 'usr_prov', externalReference: null, incidentId: null,
    version: 4, createdAt: T0, updatedAt: T0, resolvedAt: status === 'resolved' ? T0 : null, closedAt: status === 'closed' ? T0 : null,
    participants: [
      { orgId: RES, role: 'reseller', joinedAt: T0 }, { orgId: CUST, role: 'customer', joinedAt: T0 },
      { orgId: PROV, role: 'provider', joinedAt: T0 }, { orgId: PUB, role: 'publisher', joinedAt: T0 },
    ],
    transferStack: [{ type: 'escalated', fromOrgId: RES, toOrgId: PROV }],
  };
}
function caseB(status: CaseStatus): CaseState {
  return {
    ...caseT(status), id: 'case_b', title: 'Invoice', category: 'billing', severity: 'moderate', requesterOrgId: PUB, requesterUserId: 'usr_pub',
    responsibleOrgId: RES, holderOrgId: RES, assigneeUserId: null,
    participants: [
      { orgId: PUB, role: 'publisher', joinedAt: T0 }, { orgId: CUST, role: 'customer', joinedAt: T0 },
      { orgId: RES, role: 'reseller', joinedAt: T0 }, { orgId: PROV, role: 'provider', joinedAt: T0 },
    ],
    transferStack: [],
  };
}
/** Who has each relation in each case. */
const WHO: Record<'T' | 'B', Record<CaseRelation, CaseActor>> = {
  T: { holder: actors.prov!, customer: actors.cust!, requester: actors.res!, participant: actors.pub! },
  B: { holder: actors.res!, customer: actors.cust!, requester: actors.pub!, participant: actors.prov! },
};

const decision = (firstHolderId: string, extra: Partial<RoutableDecision> = {}): RoutableDecision => ({
  routable: true, responsible: { orgId: firstHolderId, kind: 'partner' }, firstHolderId, escalationPath: [],
  participants: [{ orgId: firstHolderId, role: firstHolderId === PROV ? 'provider' : 'reseller' }], incidentId: null,
  rules: [{ code: 'R', en: 'because', ko: '때문에' }], ...extra,
});

// ---- The reducer, over every command × status × relation ----

/**
 * The expected outcomes, written independently of the implementation: one row per relation, one
 * column per status in CASE_STATUSES order (new, open, pending_customer, pending_party, resolved,
 * closed). `=` accepted without a status change, N O PC PP R C accepted with that next status,
 * otherwise the refusal's code: 409 CASE_STATUS_CONFLICT, 403 PERMISSION_DENIED, FWD
 * FORWARD_NOT_ALLOWED, ESC ESCALATION_NOT_ALLOWED, HB HAND_BACK_NOT_ALLOWED, ELIG ASSIGNEE_NOT_ELIGIBLE,
 * 422 VALIDATION_FAILED.
 */
const CODES: Record<string, string> = {
  409: 'CASE_STATUS_CONFLICT', 403: 'PERMISSION_DENIED', FWD: 'FORWARD_NOT_ALLOWED', ESC: 'ESCALATION_NOT_ALLOWED',
  HB: 'HAND_BACK_NOT_ALLOWED', ELIG: 'ASSIGNEE_NOT_ELIGIBLE', 422: 'VALIDATION_FAILED',
};
const NEXT: Record<string, CaseStatus> = { N: 'new', O: 'open', PC: 'pending_customer', PP: 'pending_party', R: 'resolved', C: 'closed' };
const NOBODY = '403 403 403 403 403 409';

const TABLE: [label: string, fixture: 'T' | 'B', command: CaseCommand, expected: Record<CaseRelation, string>][] = [
  ['reply', 'T', { type: 'reply', messageId: 'msg_1', body: 'Hello', awaitingCustomer: false }, {
    holder: 'O O O O = 409', customer: '= = O = O 409', requester: '= = O = O 409', participant: '= = = = = 409',
  }],
  ['reply awaiting the customer', 'T', { type: 'reply', messageId: 'msg_1', body: 'Which version?', awaitingCustomer: true }, {
    holder: 'PC PC PC PC 409 409', customer: NOBODY, requester: NOBODY, participant: NOBODY,
  }],
  ['internal note', 'T', { type: 'note', messageId: 'msg_1', body: 'Looks like 7.2', visibility: 'internal' }, {
    holder: 'O = = O = 409', customer: NOBODY, requester: '= = = = = 409', participant: '= = = = = 409',
  }],
  ['assign an eligible user', 'T', { type: 'assign', userId: 'usr_x', eligible: true }, {
    holder: 'O = = O 409 409', customer: NOBODY, requester: NOBODY, participant: NOBODY,
  }],
  ['assign a user who is not eligible', 'T', { type: 'assign', userId: 'usr_x', eligible: false }, {
    holder: 'ELIG ELIG ELIG ELIG 409 409', customer: NOBODY, requester: NOBODY, participant: NOBODY,
  }],
  ['unassign', 'T', { type: 'assign', userId: null, eligible: false }, {
    holder: 'O = = O 409 409', customer: NOBODY, requester: NOBODY, participant: NOBODY,
  }],
  ['forward a technical case held by a partner', 'T', { type: 'forward' }, {
    holder: 'PP PP PP PP 409 409', customer: NOBODY, requester: NOBODY, participant: NOBODY,
  }],
  ['forward a billing case', 'B', { type: 'forward' }, {
    holder: 'FWD FWD FWD FWD 409 409', customer: NOBODY, requester: NOBODY, participant: NOBODY,
  }],
  ['escalate a reseller\'s billing case', 'B', { type: 'escalate' }, {
    holder: 'PP PP PP PP 409 409', customer: NOBODY, requester: NOBODY, participant: NOBODY,
  }],
  ['escalate a reseller\'s billing case to the provider, named', 'B', { type: 'escalate', target: 'provider' }, {
    holder: 'PP PP PP PP 409 409', customer: NOBODY, requester: NOBODY, participant: NOBODY,
  }],
  ['escalate a reseller\'s billing case to the operator, past the provider', 'B', { type: 'escalate', target: 'operator' }, {
    holder: 'ESC ESC ESC ESC 409 409', customer: NOBODY, requester: NOBODY, participant: NOBODY,
  }],
  ['escalate a provider\'s technical case', 'T', { type: 'escalate' }, {
    holder: 'ESC ESC ESC ESC 409 409', customer: NOBODY, requester: NOBODY, participant: NOBODY,
  }],
  ['hand back a case escalated to the holder', 'T', { type: 'hand_back' }, {
    holder: 'PP PP PP PP 409 409', customer: NOBODY, requester: NOBODY, participant: NOBODY,
  }],
  ['hand back a case nobody handed over', 'B', { type: 'hand_back' }, {
    holder: 'HB HB HB HB 409 409', customer: NOBODY, requester: NOBODY, participant: NOBODY,
  }],
  ['reroute to another holder', 'B', { type: 'reroute', category: 'payment', reason: 'It is a refund', decision: decision(PROV) }, {
    holder: 'PP PP PP PP 409 409', customer: NOBODY, requester: NOBODY, participant: NOBODY,
  }],
  ['reroute keeping the holder', 'B', { type: 'reroute', category: 'payment', reason: 'It is a refund', decision: decision(RES) }, {
    holder: 'O O PC O 409 409', customer: NOBODY, requester: NOBODY, participant: NOBODY,
  }],
  ['reroute to the same category', 'B', { type: 'reroute', category: 'billing', reason: 'Same', decision: decision(RES) }, {
    holder: '422 422 422 422 409 409', customer: NOBODY, requester: NOBODY, participant: NOBODY,
  }],
  ['reroute with a blank reason', 'B', { type: 'reroute', category: 'payment', reason: '  ', decision: decision(RES) }, {
    holder: '422 422 422 422 409 409', customer: NOBODY, requester: NOBODY, participant: NOBODY,
  }],
  ['resolve', 'T', { type: 'resolve' }, {
    holder: 'R R R R 409 409', customer: NOBODY, requester: NOBODY, participant: NOBODY,
  }],
  ['reopen', 'T', { type: 'reopen', reason: 'Still broken' }, {
    holder: '409 409 409 409 O 409', customer: '409 409 409 409 O 409', requester: '409 409 409 409 O 409', participant: NOBODY,
  }],
  ['close', 'T', { type: 'close' }, {
    holder: '409 409 409 409 C 409', customer: 'C C C C C 409', requester: 'C C C C C 409', participant: NOBODY,
  }],
  ['set the external reference', 'T', { type: 'set_external_reference', value: 'BST-1' }, {
    holder: '403 403 403 403 403 403', customer: '403 403 403 403 403 403', requester: '403 403 403 403 403 403', participant: '= = = = = 409',
  }],
  ['attach to an own message', 'T', {
    type: 'attach', messageId: 'msg_1', messageAuthorOrgId: '(the actor)', attachmentId: 'att_1', fileName: 'log.txt', contentType: 'text/plain', sizeBytes: 3, visibility: 'public',
  }, {
    holder: '= = = = = 409', customer: '= = = = = 409', requester: '= = = = = 409', participant: '= = = = = 409',
  }],
  ['attach to another organization\'s message', 'T', {
    type: 'attach', messageId: 'msg_1', messageAuthorOrgId: 'org_someone_else', attachmentId: 'att_1', fileName: 'log.txt', contentType: 'text/plain', sizeBytes: 3, visibility: 'public',
  }, {
    holder: '403 403 403 403 403 403', customer: '403 403 403 403 403 403', requester: '403 403 403 403 403 403', participant: '403 403 403 403 403 403',
  }],
  ['link an incident to a technical case', 'T', { type: 'link_incident', incidentId: 'inc_1' }, {
    holder: '= = = = = 409', customer: '403 403 403 403 403 403', requester: '403 403 403 403 403 403', participant: '= = = = = 409',
  }],
  ['link an incident to a billing case', 'B', { type: 'link_incident', incidentId: 'inc_1' }, {
    holder: '422 422 422 422 422 409', customer: '403 403 403 403 403 403', requester: '422 422 422 422 422 409', participant: '403 403 403 403 403 403',
  }],
];

describe('decideCaseCommand: every command × status × relation', () => {
  for (const [label, fixture, command, expected] of TABLE) {
    for (const relation of CASE_RELATIONS) {
      for (const [i, status] of CASE_STATUSES.entries()) {
        const cell = expected[relation].split(' ')[i]!;
        const actor = WHO[fixture][relation];
        it(`${label} (case ${fixture}) by the ${relation}, ${status}: ${cell}`, () => {
          const state = (fixture === 'T' ? caseT : caseB)(status);
          const c = command.type === 'attach' && command.messageAuthorOrgId === '(the actor)' ? { ...command, messageAuthorOrgId: actor.orgId } : command;
          const d = decideCaseCommand(state, c, actor, T1);
          if (CODES[cell]) {
            assert.equal(d.ok, false, `accepted: ${JSON.stringify(d.ok && d.entries)}`);
            if (!d.ok) assert.equal(d.refusal.code, CODES[cell], JSON.stringify(d.refusal));
          } else {
            assert.equal(d.ok, true, `refused: ${JSON.stringify(!d.ok && d.refusal)}`);
            if (d.ok) {
              assert.equal(d.state.status, cell === '=' ? status : NEXT[cell]);
              assert.equal(d.state.version, state.version + 1);
              assert.deepEqual(d.state.updatedAt, T1);
            }
          }
        });
      }
    }
  }
});

describe('decideCaseCommand: refusals before the table', () => {
  it('answers CASE_NOT_FOUND to an organization that takes no part, as for a case it can\'t see', () => {
    const d = decideCaseCommand(caseT('open'), { type: 'reply', messageId: 'm', body: 'x', awaitingCustomer: false }, actors.op!, T1);
    assert.deepEqual(d, { ok: false, refusal: { code: 'CASE_NOT_FOUND', reason: 'not_a_participant', details: {} } });
  });
  it('refuses roles that do not work the category, saying whether they work billing only', () => {
    const sales: CaseActor = { ...actors.prov!, roles: ['sales_agent'] };
    assert.deepEqual(decideCaseCommand(caseT('open'), { type: 'resolve' }, sales, T1), {
      ok: false, refusal: { code: 'PERMISSION_DENIED', reason: 'roles', details: { action: 'resolve', category: 'technical_breakfix', billingOnly: false } },
    });
    const billing: CaseActor = { ...actors.prov!, roles: ['billing_admin'] };
    assert.deepEqual(decideCaseCommand(caseT('closed'), { type: 'resolve' }, billing, T1), {
      ok: false, refusal: { code: 'PERMISSION_DENIED', reason: 'roles', details: { action: 'resolve', category: 'technical_breakfix', billingOnly: true } },
    });
  });
  it('names the relations that may act and the statuses in which', () => {
    assert.deepEqual(decideCaseCommand(caseT('open'), { type: 'forward' }, actors.pub!, T1), {
      ok: false, refusal: { code: 'PERMISSION_DENIED', reason: 'relation', details: { action: 'forward', yourRelations: ['participant'], allowedRelations: ['holder'] } },
    });
    assert.deepEqual(decideCaseCommand(caseT('open'), { type: 'reopen' }, actors.cust!, T1), {
      ok: false, refusal: { code: 'CASE_STATUS_CONFLICT', reason: 'status', details: { action: 'reopen', caseStatus: 'open', allowedStatuses: ['resolved'] } },
    });
    assert.deepEqual(decideCaseCommand(caseT('closed'), { type: 'reopen' }, actors.cust!, T1), {
      ok: false, refusal: { code: 'CASE_STATUS_CONFLICT', reason: 'closed', details: { action: 'reopen', caseStatus: 'closed', allowedStatuses: [] } },
    });
  });
  it('refuses a reroute to a category the roles do not work', () => {
    const billing: CaseActor = { ...actors.res!, roles: ['billing_admin'] };
    const d = decideCaseCommand(caseB('open'), { type: 'reroute', category: 'subscription', reason: 'r', decision: decision(RES) }, billing, T1);
    assert.deepEqual(d, { ok: false, refusal: { code: 'PERMISSION_DENIED', reason: 'roles_for_new_category', details: { category: 'subscription', billingOnly: true } } });
    assert.equal(checkReroute(caseB('open'), billing, 'payment'), null);
    assert.deepEqual(checkReroute(caseB('open'), billing, 'billing'), { code: 'VALIDATION_FAILED', reason: 'same_category', details: { field: 'body.category' } });
  });
});

describe('rule 6: an escalation names its target, and a refusal says which the split allows', () => {
  it('refuses a reseller naming the operator, with the provider the split allows instead', () => {
    assert.deepEqual(decideCaseCommand(caseB('open'), { type: 'escalate', target: 'operator' }, actors.res!, T1), {
      ok: false, refusal: { code: 'ESCALATION_NOT_ALLOWED', reason: 'target_not_allowed', details: { target: 'operator', allowedTargets: [{ tier: 'provider', orgId: PROV }] } },
    });
  });
  it('refuses a provider naming the provider tier, with the operator', () => {
    const state: CaseState = { ...caseB('open'), holderOrgId: PROV };
    assert.deepEqual(decideCaseCommand(state, { type: 'escalate', target: 'provider' }, actors.prov!, T1), {
      ok: false, refusal: { code: 'ESCALATION_NOT_ALLOWED', reason: 'target_not_allowed', details: { target: 'provider', allowedTargets: [{ tier: 'operator', orgId: OP }] } },
    });
    const d = decideCaseCommand(state, { type: 'escalate', target: 'operator' }, actors.prov!, T1);
    assert.equal(d.ok && d.state.holderOrgId, OP);
  });
  it('keeps the reason of a case that goes nowhere, with no target allowed', () => {
    assert.deepEqual(decideCaseCommand(caseT('open'), { type: 'escalate', target: 'operator' }, actors.prov!, T1), {
      ok: false, refusal: { code: 'ESCALATION_NOT_ALLOWED', reason: 'operator_does_not_support_isv_products', details: { allowedTargets: [] } },
    });
  });
});

// ---- What a change writes ----

const only = (d: ReturnType<typeof decideCaseCommand>) => {
  if (!d.ok) assert.fail(`refused: ${JSON.stringify(d.refusal)}`);
  return d;
};
const ALL_FOUR = [CUST, PROV, PUB, RES];

describe('decideCaseCommand: entries, state and events', () => {
  it('forwards to the publisher: holder, no assignee, the stack grows, case.forwarded to every participant', () => {
    const d = only(decideCaseCommand(caseT('open'), { type: 'forward', reason: '  needs the vendor ' }, actors.prov!, T1));
    assert.deepEqual(d.entries, [{
      caseId: 'case_t', type: 'forwarded', actor: { orgId: PROV, userId: 'usr_prov' }, visibility: 'public', at: T1,
      data: { fromOrgId: PROV, toOrgId: PUB, reason: 'needs the vendor', status: { from: 'open', to: 'pending_party' } },
    }]);
    assert.equal(d.state.holderOrgId, PUB);
    assert.equal(d.state.assigneeUserId, null);
    assert.deepEqual(d.state.transferStack, [{ type: 'escalated', fromOrgId: RES, toOrgId: PROV }, { type: 'forwarded', fromOrgId: PROV, toOrgId: PUB }]);
    assert.deepEqual(d.events, [{
      type: 'case.forwarded', subjectType: 'case', subjectId: 'case_t', audienceOrgIds: ALL_FOUR,
      data: {
        caseId: 'case_t', title: 'Agents offline', status: 'pending_party', category: 'technical_breakfix', severity: 'critical',
        holderOrgId: PUB, responsibleOrgId: PUB, offerId: 'off_1', subscriptionId: 'sub_1', customerId: CUST, incidentId: null, version: 5,
        change: { fromOrgId: PROV, toOrgId: PUB, reason: 'needs the vendor', status: { from: 'open', to: 'pending_party' } }, visibility: 'public',
      },
    }]);
  });

  it('hands back down the stack to the reseller', () => {
    const d = only(decideCaseCommand(caseT('open'), { type: 'hand_back' }, actors.prov!, T1));
    assert.deepEqual(d.entries.map((e) => [e.type, e.data]), [['handed_back', { fromOrgId: PROV, toOrgId: RES, status: { from: 'open', to: 'pending_party' } }]]);
    assert.equal(d.state.holderOrgId, RES);
    assert.deepEqual(d.state.transferStack, []);
  });

  it('escalates a reseller\'s case to its provider, tier provider', () => {
    const d = only(decideCaseCommand(caseB('new'), { type: 'escalate' }, actors.res!, T1));
    assert.deepEqual(d.entries.map((e) => [e.type, e.data]), [['escalated', { fromOrgId: RES, toOrgId: PROV, tier: 'provider', status: { from: 'new', to: 'pending_party' } }]]);
    assert.deepEqual(d.state.transferStack, [{ type: 'escalated', fromOrgId: RES, toOrgId: PROV }]);
    assert.equal(d.events[0]!.type, 'case.escalated');
  });

  it('adds an escalation\'s new tier as a participant of that role', () => {
    const state: CaseState = { ...caseB('open'), holderOrgId: PROV };
    const d = only(decideCaseCommand(state, { type: 'escalate' }, actors.prov!, T1));
    assert.deepEqual(d.state.participants.at(-1), { orgId: OP, role: 'operator', joinedAt: T1 });
    assert.deepEqual(d.events[0]!.audienceOrgIds, [CUST, OP, PROV, PUB, RES]);
  });

  it('writes a holder\'s internal note on a new case with a public status_changed, and tells only its own organization', () => {
    const d = only(decideCaseCommand(caseT('new'), { type: 'note', messageId: 'msg_9', body: 'Looks  like\n7.2', visibility: 'internal' }, actors.prov!, T1));
    assert.deepEqual(d.entries.map((e) => [e.type, e.visibility, e.data]), [
      ['noted', 'internal', { messageId: 'msg_9', status: { from: 'new', to: 'open' } }],
      ['status_changed', 'public', { status: { from: 'new', to: 'open' } }],
    ]);
    assert.deepEqual(d.events.map((e) => [e.type, e.audienceOrgIds, e.data.excerpt, e.data.visibility]), [['case.message_added', [PROV], 'Looks like 7.2', 'internal']]);
  });

  it('writes a partners note that changes nothing without a status entry, heard by all but the customer', () => {
    const d = only(decideCaseCommand(caseT('open'), { type: 'note', messageId: 'msg_9', body: 'FYI', visibility: 'partners' }, actors.pub!, T1));
    assert.deepEqual(d.entries.map((e) => e.type), ['noted']);
    assert.deepEqual(d.events[0]!.audienceOrgIds, [PROV, PUB, RES]);
  });

  it('reroutes: category, responsible, holder, new participants, no assignee, the stack emptied, the incident kept', () => {
    const state: CaseState = { ...caseB('open'), assigneeUserId: 'usr_res', incidentId: 'inc_0', transferStack: [{ type: 'escalated', fromOrgId: PUB, toOrgId: RES }] };
    const d = only(decideCaseCommand(state, {
      type: 'reroute', category: 'commerce_platform', reason: ' Commerce system ',
      decision: decision(PROV, { responsible: { orgId: OP, kind: 'operator' }, escalationPath: [OP], participants: [{ orgId: PROV, role: 'provider' }, { orgId: OP, role: 'operator' }] }),
    }, actors.res!, T1));
    assert.deepEqual(d.entries.map((e) => e.data), [{
      fromCategory: 'billing', toCategory: 'commerce_platform', reason: 'Commerce system', fromOrgId: RES, toOrgId: PROV, responsibleOrgId: OP,
      addedParticipants: [{ orgId: OP, role: 'operator' }], escalationPath: [OP], rules: [{ code: 'R', en: 'because', ko: '때문에' }], incidentId: 'inc_0',
      status: { from: 'open', to: 'pending_party' },
    }]);
    const s = d.state;
    assert.deepEqual([s.category, s.responsibleOrgId, s.holderOrgId, s.assigneeUserId, s.incidentId, s.transferStack], ['commerce_platform', OP, PROV, null, 'inc_0', []]);
    assert.deepEqual(s.participants.map((p) => [p.orgId, p.role, p.joinedAt]), [[PUB, 'publisher', T0], [CUST, 'customer', T0], [RES, 'reseller', T0], [PROV, 'provider', T0], [OP, 'operator', T1]]);
  });

  it('reroutes keeping the holder as the holder acting: the assignee stays', () => {
    const state: CaseState = { ...caseB('new'), assigneeUserId: 'usr_res' };
    const d = only(decideCaseCommand(state, { type: 'reroute', category: 'payment', reason: 'Refund', decision: decision(RES, { incidentId: 'inc_2' }) }, actors.res!, T1));
    assert.deepEqual([d.state.status, d.state.assigneeUserId, d.state.incidentId], ['open', 'usr_res', 'inc_2']);
  });

  it('resolves, reopens and closes with the dates of each', () => {
    const resolved = only(decideCaseCommand(caseT('open'), { type: 'resolve', reason: 'Fixed in 7.2.1' }, actors.prov!, T1));
    assert.deepEqual(resolved.entries.map((e) => [e.type, e.data]), [['resolved', { reason: 'Fixed in 7.2.1', status: { from: 'open', to: 'resolved' } }]]);
    assert.deepEqual([resolved.state.resolvedAt, resolved.state.closedAt], [T1, null]);
    const reopened = only(decideCaseCommand(resolved.state, { type: 'reopen', reason: '   ' }, actors.cust!, T2));
    assert.deepEqual(reopened.entries.map((e) => [e.type, e.data]), [['reopened', { status: { from: 'resolved', to: 'open' } }]]);
    assert.deepEqual([reopened.state.resolvedAt, reopened.state.closedAt], [null, null]);
    const closed = only(decideCaseCommand(resolved.state, { type: 'close' }, actors.cust!, T2));
    assert.deepEqual([closed.state.status, closed.state.resolvedAt, closed.state.closedAt], ['closed', T1, T2]);
  });

  it('replies: case.message_added with the excerpt; the customer\'s answer opens a case waiting on it', () => {
    const d = only(decideCaseCommand(caseT('pending_customer'), { type: 'reply', messageId: 'msg_2', body: 'Here is the log.', awaitingCustomer: false }, actors.cust!, T1));
    assert.deepEqual(d.entries.map((e) => [e.type, e.data]), [['replied', { messageId: 'msg_2', awaitingCustomer: false, status: { from: 'pending_customer', to: 'open' } }]]);
    assert.deepEqual([d.events[0]!.type, d.events[0]!.data.messageId, d.events[0]!.data.excerpt, d.events[0]!.audienceOrgIds], ['case.message_added', 'msg_2', 'Here is the log.', ALL_FOUR]);
  });

  it('assigns with the previous assignee; references, attachments and incident links make no domain event', () => {
    const assigned = only(decideCaseCommand(caseT('open'), { type: 'assign', userId: 'usr_prov2', eligible: true }, actors.prov!, T1));
    assert.deepEqual(assigned.entries[0]!.data, { assigneeUserId: 'usr_prov2', previousAssigneeUserId: 'usr_prov' });
    assert.equal(assigned.state.assigneeUserId, 'usr_prov2');
    const ref = only(decideCaseCommand(caseT('open'), { type: 'set_external_reference', value: 'BST-1' }, actors.pub!, T1));
    assert.deepEqual([ref.entries[0]!.data, ref.state.externalReference, ref.events], [{ from: null, to: 'BST-1' }, 'BST-1', []]);
    const file = only(decideCaseCommand(caseT('open'), {
      type: 'attach', messageId: 'msg_3', messageAuthorOrgId: PROV, attachmentId: 'att_1', fileName: 'a.txt', contentType: 'text/plain', sizeBytes: 12, visibility: 'partners',
    }, actors.prov!, T1));
    assert.deepEqual([file.entries[0]!.type, file.entries[0]!.visibility, file.events], ['attachment_added', 'partners', []]);
    const linked = only(decideCaseCommand(caseT('open'), { type: 'link_incident', incidentId: 'inc_7' }, actors.pub!, T1));
    assert.deepEqual([linked.entries[0]!.data, linked.state.incidentId, linked.events], [{ incidentId: 'inc_7', previousIncidentId: null }, 'inc_7', []]);
    assert.deepEqual(decideCaseCommand(linked.state, { type: 'link_incident', incidentId: 'inc_7' }, actors.pub!, T2), {
      ok: false, refusal: { code: 'VALIDATION_FAILED', reason: 'same_incident', details: { field: 'body.incidentId' } },
    });
  });

  it('changes strictly after the case\'s last change, even when the clock repeats or steps back', () => {
    const d = only(decideCaseCommand({ ...caseT('open'), updatedAt: T1 }, { type: 'resolve' }, actors.prov!, T0));
    assert.deepEqual(d.entries[0]!.at, new Date(T1.getTime() + 1));
    assert.deepEqual(d.state.updatedAt, new Date(T1.getTime() + 1));
  });
});

describe('openCase', () => {
  const routed: RoutableDecision = {
    routable: true, responsible: { orgId: PUB, kind: 'publisher' }, firstHolderId: PUB, escalationPath: [],
    participants: [{ orgId: CUST, role: 'customer' }, { orgId: RES, role: 'reseller' }, { orgId: PUB, role: 'publisher' }, { orgId: RES, role: 'reseller' }],
    incidentId: 'inc_1', rules: [{ code: 'PREFERENCE_FORWARD', en: 'forward', ko: '전달' }],
  };
  const opened = openCase({
    caseId: 'case_1', title: 'Down', category: 'service_outage', severity: 'critical', subscriptionId: 'sub_1', offerId: 'off_1',
    customerId: CUST, chain, requester: actors.cust!, decision: routed, at: T0,
  });

  it('writes opened and routed, the requester first among the participants', () => {
    const common = { caseId: 'case_1', actor: { orgId: CUST, userId: 'usr_cust' }, visibility: 'public', at: T0 };
    assert.deepEqual(opened.entries, [
      { ...common, type: 'opened', data: { title: 'Down', category: 'service_outage', severity: 'critical', subscriptionId: 'sub_1', offerId: 'off_1', customerId: CUST, chain } },
      {
        ...common, type: 'routed', data: {
          responsibleOrgId: PUB, holderOrgId: PUB, escalationPath: [], incidentId: 'inc_1', rules: [{ code: 'PREFERENCE_FORWARD', en: 'forward', ko: '전달' }],
          participants: [{ orgId: CUST, role: 'customer' }, { orgId: RES, role: 'reseller' }, { orgId: PUB, role: 'publisher' }],
        },
      },
    ]);
  });

  it('makes the case new at version 1, held by routing\'s first holder', () => {
    assert.deepEqual(opened.state, {
      id: 'case_1', title: 'Down', status: 'new', category: 'service_outage', severity: 'critical', requesterOrgId: CUST, requesterUserId: 'usr_cust',
      customerId: CUST, chain, offerId: 'off_1', subscriptionId: 'sub_1', responsibleOrgId: PUB, holderOrgId: PUB, assigneeUserId: null,
      externalReference: null, incidentId: 'inc_1', version: 1, createdAt: T0, updatedAt: T0, resolvedAt: null, closedAt: null,
      participants: [{ orgId: CUST, role: 'customer', joinedAt: T0 }, { orgId: RES, role: 'reseller', joinedAt: T0 }, { orgId: PUB, role: 'publisher', joinedAt: T0 }],
      transferStack: [],
    });
  });

  it('announces case.opened and case.routed to every participant', () => {
    assert.deepEqual(opened.events.map((e) => [e.type, e.audienceOrgIds, e.data.change, e.data.version, e.data.status]), [
      ['case.opened', [CUST, PUB, RES], { requesterOrgId: CUST }, 1, 'new'],
      ['case.routed', [CUST, PUB, RES], { escalationPath: [], rules: ['PREFERENCE_FORWARD'] }, 1, 'new'],
    ]);
  });

  it('gives a requester routing left out its place in the chain', () => {
    const o = openCase({
      caseId: 'case_2', title: 'Q', category: 'billing', severity: 'minimal', subscriptionId: 'sub_1', offerId: 'off_1', customerId: CUST, chain,
      requester: actors.prov!, decision: { ...routed, participants: [{ orgId: RES, role: 'reseller' }] }, at: T0,
    });
    assert.deepEqual(o.state.participants.map((p) => [p.orgId, p.role]), [[PROV, 'provider'], [RES, 'reseller']]);
  });
});

// ---- allowedActions ----

describe('allowedActions', () => {
  it('lists what the holder of an open escalated technical case may do, with where it goes', () => {
    assert.deepEqual(allowedActions(caseT('open'), actors.prov!), [
      { action: 'reply' }, { action: 'reply_awaiting_customer' }, { action: 'note' }, { action: 'assign' },
      { action: 'forward', targets: [{ orgId: PUB }] }, { action: 'hand_back', targets: [{ orgId: RES }] }, { action: 'reroute' },
      { action: 'resolve' }, { action: 'attach' }, { action: 'link_incident' },
    ]);
  });
  it('lists the reseller\'s escalation target and the customer\'s choices', () => {
    assert.deepEqual(allowedActions(caseB('open'), actors.res!).find((a) => a.action === 'escalate'), { action: 'escalate', targets: [{ orgId: PROV, tier: 'provider' }] });
    assert.deepEqual(allowedActions(caseT('resolved'), actors.cust!), [{ action: 'reply' }, { action: 'reopen' }, { action: 'close' }, { action: 'attach' }]);
    assert.deepEqual(allowedActions(caseT('open'), actors.pub!), [{ action: 'reply' }, { action: 'note' }, { action: 'set_external_reference' }, { action: 'attach' }, { action: 'link_incident' }]);
  });
  it('lists nothing on a closed case, for a party that takes no part, or for roles that do not work the category', () => {
    assert.deepEqual(allowedActions(caseT('closed'), actors.prov!), []);
    assert.deepEqual(allowedActions(caseT('open'), actors.op!), []);
    assert.deepEqual(allowedActions(caseT('open'), { ...actors.prov!, roles: ['billing_admin'] as Role[] }), []);
  });
  it('lists a reroute for billing roles on a billing case: payment is another category they work', () => {
    const onlyBilling = { ...caseB('open'), category: 'billing' as SupportCategory };
    const billing: CaseActor = { ...actors.res!, roles: ['billing_admin'] };
    assert.ok(allowedActions(onlyBilling, billing).some((a) => a.action === 'reroute'), 'billing → payment');
  });
});

// ---- Parsing the stored history ----

let seq = 0;
const row = (type: string, data: unknown, extra: Partial<StoredCaseHistoryRow> = {}): StoredCaseHistoryRow => ({
  id: `evt_${++seq}`, case_id: 'case_old', actor_org_id: RES, actor_user_id: 'usr_res', type, visibility: 'public', data, created_at: T0, ...extra,
});
const rules = [{ code: 'FIRST_CONTACT_SPLIT', en: 'e', ko: 'k' }];

/** Every shape the cases context and the demo wrote before the reducer, as JSON text and as parsed JSON. */
const WRITTEN_BEFORE: StoredCaseHistoryRow[] = [
  row('opened', '{"title":"Old","category":"technical_breakfix","severity":"critical","subscriptionId":"sub_1","offerId":"off_1"}', { actor_org_id: CUST, actor_user_id: 'usr_cust' }),
  row('routed', {
    responsibleOrgId: PUB, holderOrgId: RES, escalationPath: [PROV], rules, incidentId: null,
    participants: [{ orgId: CUST, role: 'customer' }, { orgId: RES, role: 'reseller' }, { orgId: PROV, role: 'provider' }, { orgId: PUB, role: 'publisher' }],
  }, { actor_org_id: CUST, actor_user_id: 'usr_cust' }),
  row('assigned', { assigneeUserId: 'usr_res', previousAssigneeUserId: null, status: { from: 'new', to: 'open' } }, { created_at: '2026-11-24T10:01:00.000Z' }),
  row('noted', '{"messageId":"msg_1"}', { visibility: 'internal', created_at: '2026-11-24T10:02:00.000Z' }),
  row('replied', { messageId: 'msg_2', awaitingCustomer: true, status: { from: 'open', to: 'pending_customer' } }, { created_at: '2026-11-24T10:03:00.000Z' }),
  row('replied', { messageId: 'msg_3', awaitingCustomer: false, status: { from: 'pending_customer', to: 'open' } }, { actor_org_id: CUST, actor_user_id: 'usr_cust', created_at: '2026-11-24T10:04:00.000Z' }),
  row('attachment_added', { messageId: 'msg_3', attachmentId: 'att_1', fileName: 'log.txt', contentType: 'text/plain', sizeBytes: 42 }, { actor_org_id: CUST, actor_user_id: 'usr_cust', created_at: '2026-11-24T10:05:00.000Z' }),
  row('escalated', { fromOrgId: RES, toOrgId: PROV, tier: 'provider', reason: 'Needs the provider', status: { from: 'open', to: 'pending_party' } }, { created_at: '2026-11-24T10:06:00.000Z' }),
  row('forwarded', { fromOrgId: PROV, toOrgId: PUB }, { actor_org_id: PROV, actor_user_id: 'usr_prov', created_at: '2026-11-24T10:07:00.000Z' }),
  row('external_reference_set', { from: null, to: 'BST-1' }, { actor_org_id: PUB, actor_user_id: 'usr_pub', created_at: '2026-11-24T10:08:00.000Z' }),
  row('handed_back', { fromOrgId: PUB, toOrgId: PROV, reason: 'Not ours' }, { actor_org_id: PUB, actor_user_id: 'usr_pub', created_at: '2026-11-24T10:09:00.000Z' }),
  row('rerouted', {
    fromCategory: 'technical_breakfix', toCategory: 'billing', reason: 'It is an invoice', fromOrgId: PROV, toOrgId: RES, responsibleOrgId: RES,
    addedParticipants: [{ orgId: OP, role: 'operator' }], escalationPath: [PROV, OP], rules,
  }, { actor_org_id: PROV, actor_user_id: 'usr_prov', created_at: '2026-11-24T10:10:00.000Z' }),
  row('escalated', { fromOrgId: RES, toOrgId: PROV, tier: 'provider' }, { created_at: '2026-11-24T10:11:00.000Z' }),
  row('escalated', { fromOrgId: PROV, toOrgId: OP, tier: 'operator' }, { actor_org_id: PROV, actor_user_id: 'usr_prov', created_at: '2026-11-24T10:12:00.000Z' }),
  row('resolved', { status: { from: 'pending_party', to: 'resolved' } }, { actor_org_id: OP, actor_user_id: 'usr_op', created_at: '2026-11-24T10:13:00.000Z' }),
  row('reopened', { reason: 'Still wrong', status: { from: 'resolved', to: 'open' } }, { actor_org_id: CUST, actor_user_id: 'usr_cust', created_at: '2026-11-24T10:14:00.000Z' }),
  row('resolved', { status: { from: 'open', to: 'resolved' } }, { actor_org_id: OP, actor_user_id: 'usr_op', created_at: '2026-11-24T10:15:00.000Z' }),
  row('closed', { status: { from: 'resolved', to: 'closed' } }, { actor_org_id: CUST, actor_user_id: 'usr_cust', created_at: '2026-11-24T10:16:00.000Z' }),
];

describe('parseCaseHistoryEntry', () => {
  it('parses every shape written before the reducer, from JSON text or parsed JSON', () => {
    const parsed = WRITTEN_BEFORE.map(parseCaseHistoryEntry);
    assert.deepEqual(parsed.map((e) => e.type), [
      'opened', 'routed', 'assigned', 'noted', 'replied', 'replied', 'attachment_added', 'escalated', 'forwarded', 'external_reference_set',
      'handed_back', 'rerouted', 'escalated', 'escalated', 'resolved', 'reopened', 'resolved', 'closed',
    ]);
    assert.deepEqual(parsed[0], {
      id: WRITTEN_BEFORE[0]!.id, caseId: 'case_old', type: 'opened', actor: { orgId: CUST, userId: 'usr_cust' }, visibility: 'public', at: T0,
      data: { title: 'Old', category: 'technical_breakfix', severity: 'critical', subscriptionId: 'sub_1', offerId: 'off_1' },
    });
    assert.deepEqual(parsed[3]!.at, new Date('2026-11-24T10:02:00.000Z'));
  });

  it('parses what the reducer writes back to the same entries', () => {
    const o = openCase({
      caseId: 'case_1', title: 'T', category: 'billing', severity: 'minimal', subscriptionId: null, offerId: 'off_1', customerId: null, chain,
      requester: actors.pub!, decision: decision(RES), at: T0,
    });
    const n = only(decideCaseCommand(o.state, { type: 'note', messageId: 'msg_1', body: 'b', visibility: 'partners' }, actors.res!, T1));
    const entries = withEntryIds([...o.entries, ...n.entries], (_, i) => `evt_${i}`);
    const rows = entries.map(historyRowOf);
    assert.equal(typeof rows[0]!.data, 'string');
    assert.deepEqual(rows.map(parseCaseHistoryEntry), entries);
  });

  it('drops keys no shape has', () => {
    const e = parseCaseHistoryEntry(row('noted', { messageId: 'msg_1', excerpt: 'not kept' }, { visibility: 'partners' }));
    assert.deepEqual(e.data, { messageId: 'msg_1' });
  });

  const BAD: [string, StoredCaseHistoryRow, RegExp][] = [
    ['an unknown type', row('message_added', {}, { id: 'evt_bad1' }), /entry evt_bad1: unknown type "message_added"/],
    ['a public note', row('noted', { messageId: 'm' }, { id: 'evt_bad2' }), /entry evt_bad2: a noted entry can't have visibility "public"/],
    ['an internal routed entry', row('routed', {}, { id: 'evt_bad3', visibility: 'internal' }), /entry evt_bad3: a routed entry can't have visibility "internal"/],
    ['a missing key', row('replied', { awaitingCustomer: false }, { id: 'evt_bad4' }), /entry evt_bad4: replied data at "\/" must have required properties messageId/],
    ['a wrong type of value', row('attachment_added', { messageId: 'm', attachmentId: 'a', fileName: 'f', contentType: 't', sizeBytes: '12' }, { id: 'evt_bad5' }), /entry evt_bad5: attachment_added data at "\/sizeBytes" must be integer/],
    ['an unknown status', row('resolved', { status: { from: 'open', to: 'done' } }, { id: 'evt_bad6' }), /entry evt_bad6: resolved data at "\/status\/to"/],
    ['data that is not JSON', row('closed', '{"status":', { id: 'evt_bad7' }), /entry evt_bad7: data is not JSON/],
    ['a time that is not one', row('closed', { status: { from: 'open', to: 'closed' } }, { id: 'evt_bad8', created_at: 'yesterday' }), /entry evt_bad8: created_at "yesterday" is not a time/],
    ['an unknown category', row('opened', { title: 't', category: 'gardening', severity: 'minimal', subscriptionId: null, offerId: null }, { id: 'evt_bad9' }), /entry evt_bad9: opened data at "\/category"/],
  ];
  for (const [label, bad, message] of BAD) {
    it(`throws naming the entry for ${label}`, () => {
      assert.throws(() => parseCaseHistoryEntry(bad), (e: unknown) => e instanceof CaseHistoryError && e.entryId === bad.id && message.test(e.message) && e.message.includes('case case_old'));
    });
  }
});

// ---- Folding ----

describe('foldCaseHistory', () => {
  it('folds a history written before the reducer, inferring the chain and the roles of new participants', () => {
    const s = foldCaseHistory(WRITTEN_BEFORE.map(parseCaseHistoryEntry));
    assert.deepEqual(s, {
      id: 'case_old', title: 'Old', status: 'closed', category: 'billing', severity: 'critical', requesterOrgId: CUST, requesterUserId: 'usr_cust',
      customerId: CUST, chain: { publisherId: PUB, partnerId: null, providerId: PROV, resellerId: RES, operatorId: null },
      offerId: 'off_1', subscriptionId: 'sub_1', responsibleOrgId: RES, holderOrgId: OP, assigneeUserId: null, externalReference: 'BST-1', incidentId: null,
      version: 17, createdAt: T0, updatedAt: new Date('2026-11-24T10:16:00.000Z'),
      resolvedAt: new Date('2026-11-24T10:15:00.000Z'), closedAt: new Date('2026-11-24T10:16:00.000Z'),
      participants: [
        { orgId: CUST, role: 'customer', joinedAt: T0 }, { orgId: RES, role: 'reseller', joinedAt: T0 },
        { orgId: PROV, role: 'provider', joinedAt: T0 }, { orgId: PUB, role: 'publisher', joinedAt: T0 },
        { orgId: OP, role: 'operator', joinedAt: new Date('2026-11-24T10:10:00.000Z') },
      ],
      transferStack: [{ type: 'escalated', fromOrgId: RES, toOrgId: PROV }, { type: 'escalated', fromOrgId: PROV, toOrgId: OP }],
    });
  });

  it('counts one version per change: entries of one time are one change', () => {
    const o = openCase({ caseId: 'case_1', title: 'T', category: 'billing', severity: 'minimal', subscriptionId: null, offerId: null, customerId: null, chain, requester: actors.pub!, decision: decision(RES), at: T0 });
    const n = only(decideCaseCommand(o.state, { type: 'note', messageId: 'msg_1', body: 'b', visibility: 'internal' }, actors.res!, T1));
    assert.equal(n.entries.length, 2);
    const s = foldCaseHistory(withEntryIds([...o.entries, ...n.entries], (_, i) => `evt_${i}`));
    assert.deepEqual([s.version, s.status], [2, 'open']);
    assert.deepEqual(s, n.state);
  });

  it('adds a forward\'s new participant as the publisher, a hand back\'s as a partner', () => {
    const base = WRITTEN_BEFORE.slice(0, 2).map(parseCaseHistoryEntry);
    const routed = { ...base[1]!, data: { ...base[1]!.data, participants: [{ orgId: CUST, role: 'customer' }, { orgId: RES, role: 'reseller' }] } } as CaseHistoryEntry;
    const fwd = parseCaseHistoryEntry(row('forwarded', { fromOrgId: RES, toOrgId: PUB }, { created_at: T1 }));
    const back = parseCaseHistoryEntry(row('handed_back', { fromOrgId: PUB, toOrgId: 'org_other' }, { actor_org_id: PUB, created_at: T2 }));
    const s = foldCaseHistory([base[0]!, routed, fwd, back]);
    assert.deepEqual(s.participants.slice(2).map((p) => [p.orgId, p.role]), [[PUB, 'publisher'], ['org_other', 'partner']]);
  });

  const broken: [string, () => CaseHistoryEntry[], RegExp][] = [
    ['is empty', () => [], /the history is empty/],
    ['does not begin with opened', () => WRITTEN_BEFORE.slice(1, 3).map(parseCaseHistoryEntry), /does not begin with an opened entry/],
    ['opens without routing', () => [WRITTEN_BEFORE[0]!, WRITTEN_BEFORE[2]!].map(parseCaseHistoryEntry), /not followed by a routed entry/],
    ['goes back in time', () => [...WRITTEN_BEFORE.slice(0, 2), WRITTEN_BEFORE[3]!, WRITTEN_BEFORE[2]!].map(parseCaseHistoryEntry), /not in the order of their time/],
    ['moves a status the case is not in', () => [...WRITTEN_BEFORE.slice(0, 2), WRITTEN_BEFORE[4]!].map(parseCaseHistoryEntry), /moves the status from open, but the case is new/],
    ['opens twice', () => [...WRITTEN_BEFORE.slice(0, 2).map(parseCaseHistoryEntry), { ...parseCaseHistoryEntry(WRITTEN_BEFORE[0]!), at: T1 }], /an entry of type opened after the case was opened/],
  ];
  for (const [label, entries, message] of broken) {
    it(`throws for a history that ${label}`, () => {
      assert.throws(() => foldCaseHistory(entries()), (e: unknown) => e instanceof CaseHistoryError && message.test(e.message));
    });
  }
});
