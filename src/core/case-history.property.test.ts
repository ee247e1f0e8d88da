/**
 * Properties of the case reducer over random histories: cases opened by the routing engine from
 * random facts, then random commands by random parties (participants or not, with roles that may
 * or may not work the case), at random times (the clock may repeat or step back). Each step
 * checks what must hold of any change; each run ends by folding the stored form of the history
 * (rows → parsed entries) and comparing it with the reducer's own case.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  allowedActions, CASE_ACTION_NAMES, decideCaseCommand, foldCaseHistory, historyRowOf, openCase, parseCaseHistoryEntry, withEntryIds,
  type CaseActionName, type CaseActor, type CaseCommand, type CaseState, type NewCaseHistoryEntry, type RoutableDecision,
} from './case-history.ts';
import { canWorkCategory, ESCALATION_TIERS, NOTE_VISIBILITIES, CASE_VISIBILITIES } from './case-rules.ts';
import type { OrgKind, PartnerModel, Role } from './parties.ts';
import { decideRouting } from './routing.ts';
import { PARTNER_PREFERENCES, SEVERITIES, type Chain, type RoutingFacts } from './routing-types.ts';
import { defaultSplit, SUPPORT_CATEGORIES, type SupportCategory } from './support-categories.ts';

// ---- The world ----

interface Org { id: string; kind: OrgKind; partnerModel: PartnerModel | null }
const ORGS: Record<string, Org> = {
  cust: { id: 'org_cust', kind: 'customer', partnerModel: null },
  other_cust: { id: 'org_cust2', kind: 'customer', partnerModel: null },
  dir: { id: 'org_dir', kind: 'partner', partnerModel: 'direct' },
  res: { id: 'org_res', kind: 'partner', partnerModel: 'indirect_reseller' },
  prov: { id: 'org_prov', kind: 'partner', partnerModel: 'indirect_provider' },
  pub: { id: 'org_pub', kind: 'publisher', partnerModel: null },
  other_pub: { id: 'org_pub2', kind: 'publisher', partnerModel: null },
  op: { id: 'org_op', kind: 'operator', partnerModel: null },
};
const ROLE_SETS: Record<OrgKind, Role[][]> = {
  customer: [['customer_user'], ['customer_admin']],
  partner: [['global_admin'], ['helpdesk_agent'], ['billing_admin'], ['sales_agent']],
  publisher: [['support_engineer'], ['publisher_viewer']],
  operator: [['commerce_support']],
};
/** Every party that may try a command: each organization with each of its kinds' role sets. */
const ACTORS: CaseActor[] = Object.entries(ORGS).flatMap(([key, org]) => ROLE_SETS[org.kind].map((roles, i): CaseActor => ({
  orgId: org.id, userId: `usr_${key}_${i}`, kind: org.kind, partnerModel: org.partnerModel, roles,
})));

const T0 = Date.parse('2026-11-24T10:00:00.000Z');

// ---- Opening ----

const anyOpening = fc.record({
  category: fc.constantFrom(...SUPPORT_CATEGORIES),
  severity: fc.constantFrom(...SEVERITIES),
  asker: fc.constantFrom('cust', 'dir', 'res', 'prov', 'pub', 'op'),
  model: fc.constantFrom('direct', 'indirect'),
  withSubscription: fc.boolean(),
  preference: fc.constantFrom(...PARTNER_PREFERENCES, null),
  incident: fc.constantFrom(null, 'inc_open'),
});
/** A customer's how-to question to a `tier1` partner, who holds it and may forward it: rare among any openings. */
const tier1Opening = fc.record({
  category: fc.constant('technical_howto' as const),
  severity: fc.constantFrom(...SEVERITIES),
  asker: fc.constant('cust' as const),
  model: fc.constantFrom('direct', 'indirect'),
  withSubscription: fc.constant(true),
  preference: fc.constant('tier1' as const),
  incident: fc.constantFrom(null, 'inc_open'),
});
const opening = fc.oneof({ arbitrary: anyOpening, weight: 3 }, { arbitrary: tier1Opening, weight: 1 });
type Opening = typeof opening extends fc.Arbitrary<infer T> ? T : never;

function factsOf(o: Opening, category: SupportCategory): RoutingFacts {
  const chain: Chain | null = !o.withSubscription ? null
    : o.model === 'direct' ? { model: 'direct', partnerId: ORGS.dir!.id }
      : { model: 'indirect', providerId: ORGS.prov!.id, resellerId: ORGS.res!.id, supportContact: 'reseller' };
  const asker = ORGS[o.asker]!;
  return {
    category, severity: o.severity, asker: { orgId: asker.id, kind: asker.kind, partnerModel: asker.partnerModel },
    customerId: chain || asker.kind === 'customer' ? ORGS.cust!.id : null, chain, offer: { id: 'off_1', publisherId: ORGS.pub!.id },
    operatorId: ORGS.op!.id, preference: o.preference ? { value: o.preference, source: 'offer' } : { value: 'forward', source: 'none' },
    split: chain?.model === 'indirect' ? defaultSplit() : null, openIncidentId: o.incident,
  };
}

function chainIdsOf(facts: RoutingFacts) {
  return {
    publisherId: facts.offer?.publisherId ?? null,
    partnerId: facts.chain?.model === 'direct' ? facts.chain.partnerId : null,
    providerId: facts.chain?.model === 'indirect' ? facts.chain.providerId : null,
    resellerId: facts.chain?.model === 'indirect' ? facts.chain.resellerId : null,
    operatorId: facts.operatorId,
  };
}

// ---- Commands ----

const reason = fc.option(fc.constantFrom('Because', '  ', 'Needs the next tier'), { nil: undefined });
const commandSpec = fc.oneof(
  fc.record({ type: fc.constant('reply' as const), awaitingCustomer: fc.boolean() }),
  fc.record({ type: fc.constant('note' as const), visibility: fc.constantFrom(...NOTE_VISIBILITIES) }),
  fc.record({ type: fc.constant('assign' as const), user: fc.constantFrom('none', 'someone'), eligible: fc.boolean() }),
  fc.record({ type: fc.constant('forward' as const), reason }),
  fc.record({ type: fc.constant('escalate' as const), target: fc.option(fc.constantFrom(...ESCALATION_TIERS), { nil: undefined }), reason }),
  fc.record({ type: fc.constant('hand_back' as const), reason }),
  fc.record({ type: fc.constant('reroute' as const), category: fc.constantFrom(...SUPPORT_CATEGORIES), reason: fc.constantFrom('Wrong category', ' ') }),
  fc.record({ type: fc.constantFrom('resolve' as const, 'reopen' as const, 'close' as const), reason }),
  fc.record({ type: fc.constant('set_external_reference' as const), value: fc.constantFrom('BST-1', 'BST-2', null) }),
  fc.record({ type: fc.constant('attach' as const), own: fc.boolean(), visibility: fc.constantFrom(...CASE_VISIBILITIES) }),
  fc.record({ type: fc.constant('link_incident' as const), incidentId: fc.constantFrom('inc_open', 'inc_other') }),
);
type CommandSpec = typeof commandSpec extends fc.Arbitrary<infer T> ? T : never;

const step = fc.record({
  // Mostly someone of the holder or another participant, so that most commands may be taken.
  who: fc.oneof({ arbitrary: fc.constant('holder' as const), weight: 3 }, { arbitrary: fc.constant('participant' as const), weight: 3 }, { arbitrary: fc.constant('anyone' as const), weight: 1 }),
  actor: fc.nat({ max: 1_000 }),
  command: commandSpec,
  // Sometimes the same millisecond as the last change, or earlier: the clock may repeat or step back.
  delayMs: fc.oneof(fc.constant(0), fc.constant(-5_000), fc.integer({ min: 1, max: 3 * 3_600_000 })),
});

/** The party of a step: one of the holder's, of a participant's or of anyone's users. */
function actorOf(s: { who: 'holder' | 'participant' | 'anyone'; actor: number }, state: CaseState): CaseActor {
  const pool = s.who === 'holder' ? ACTORS.filter((a) => a.orgId === state.holderOrgId)
    : s.who === 'participant' ? ACTORS.filter((a) => state.participants.some((p) => p.orgId === a.orgId)) : ACTORS;
  return pool[s.actor % pool.length]!;
}

/** The command of a spec, with the facts the caller would have gathered; null when routing finds no one (the caller stops there). */
function commandOf(spec: CommandSpec, actor: CaseActor, state: CaseState, o: Opening, n: number): CaseCommand | null {
  switch (spec.type) {
    case 'reply': return { type: 'reply', messageId: `msg_${n}`, body: `Reply ${n}`, awaitingCustomer: spec.awaitingCustomer };
    case 'note': return { type: 'note', messageId: `msg_${n}`, body: `Note ${n}`, visibility: spec.visibility };
    case 'assign': return { type: 'assign', userId: spec.user === 'none' ? null : `usr_assignee_${n}`, eligible: spec.eligible };
    case 'forward': case 'hand_back': return { type: spec.type, ...(spec.reason !== undefined ? { reason: spec.reason } : {}) };
    case 'escalate': return { type: 'escalate', ...(spec.target ? { target: spec.target } : {}), ...(spec.reason !== undefined ? { reason: spec.reason } : {}) };
    case 'resolve': case 'reopen': case 'close': return { type: spec.type, ...(spec.reason !== undefined ? { reason: spec.reason } : {}) };
    case 'reroute': {
      // Routing runs again as the requester asked.
      const d = decideRouting(factsOf(o, spec.category));
      return d.routable ? { type: 'reroute', category: spec.category, reason: spec.reason, decision: d } : null;
    }
    case 'set_external_reference': return { type: 'set_external_reference', value: spec.value };
    case 'attach': return {
      type: 'attach', messageId: `msg_${n}`, messageAuthorOrgId: spec.own ? actor.orgId : state.requesterOrgId === actor.orgId ? 'org_else' : state.requesterOrgId,
      attachmentId: `att_${n}`, fileName: 'log.txt', contentType: 'text/plain', sizeBytes: n, visibility: spec.visibility,
    };
    case 'link_incident': return { type: 'link_incident', incidentId: spec.incidentId };
  }
}

/**
 * A command of each action with facts that can't fail on their own (this file's choice, not the
 * module's): an eligible assignee, an own message, an incident the case is not linked to, a
 * category the actor works (when there is one), a routing decision that keeps the holder.
 */
function probeOf(action: CaseActionName, actor: CaseActor, state: CaseState): CaseCommand {
  switch (action) {
    case 'reply': return { type: 'reply', messageId: 'msg_probe', body: 'p', awaitingCustomer: false };
    case 'reply_awaiting_customer': return { type: 'reply', messageId: 'msg_probe', body: 'p', awaitingCustomer: true };
    case 'note': return { type: 'note', messageId: 'msg_probe', body: 'p', visibility: 'internal' };
    case 'assign': return { type: 'assign', userId: 'usr_probe', eligible: true };
    case 'forward': case 'escalate': case 'hand_back': case 'resolve': case 'reopen': case 'close': return { type: action };
    case 'reroute': {
      const others = SUPPORT_CATEGORIES.filter((c) => c !== state.category);
      const category = others.find((c) => canWorkCategory(actor.roles, c)) ?? others[0]!;
      const decision: RoutableDecision = {
        routable: true, responsible: { orgId: state.responsibleOrgId, kind: 'partner' }, firstHolderId: state.holderOrgId, escalationPath: [],
        participants: [], incidentId: null, rules: [],
      };
      return { type: 'reroute', category, reason: 'Probe', decision };
    }
    case 'set_external_reference': return { type: 'set_external_reference', value: 'REF-probe' };
    case 'attach': return {
      type: 'attach', messageId: 'msg_probe', messageAuthorOrgId: actor.orgId, attachmentId: 'att_probe', fileName: 'p.txt', contentType: 'text/plain', sizeBytes: 1, visibility: 'public',
    };
    case 'link_incident': return { type: 'link_incident', incidentId: state.incidentId === 'inc_probe_a' ? 'inc_probe_b' : 'inc_probe_a' };
  }
}

function checkAllowedActions(state: CaseState, actor: CaseActor): void {
  const listed = allowedActions(state, actor);
  const accepted = CASE_ACTION_NAMES.filter((a) => decideCaseCommand(state, probeOf(a, actor, state), actor, new Date(state.updatedAt.getTime() + 1)).ok);
  assert.deepEqual(listed.map((a) => a.action), accepted, `allowedActions of ${actor.userId} on a ${state.status} case held by ${state.holderOrgId}`);
  const escalate = listed.find((a) => a.action === 'escalate');
  for (const tier of ESCALATION_TIERS) {
    const d = decideCaseCommand(state, { type: 'escalate', target: tier }, actor, new Date(state.updatedAt.getTime() + 1));
    assert.equal(d.ok, escalate?.targets?.some((t) => t.tier === tier) ?? false, `escalation to the ${tier} by ${actor.userId}`);
    if (d.ok) assert.equal(d.state.holderOrgId, escalate!.targets!.find((t) => t.tier === tier)!.orgId);
  }
}

describe('the case reducer over random histories', () => {
  it('replays: the stored history folds into the reducer\'s case; every status change is public; allowedActions is what the reducer accepts', () => {
    fc.assert(fc.property(opening, fc.array(step, { minLength: 1, maxLength: 40, size: 'large' }), fc.nat({ max: ACTORS.length - 1 }), (o, steps, watcher) => {
      const facts = factsOf(o, o.category);
      const decision = decideRouting(facts);
      const requester = ACTORS.find((a) => a.orgId === facts.asker.orgId && canWorkCategory(a.roles, o.category));
      fc.pre(decision.routable && requester !== undefined);
      if (!decision.routable || !requester) return;
      const opened = openCase({
        caseId: 'case_p', title: 'Property', category: o.category, severity: o.severity, subscriptionId: facts.chain ? 'sub_1' : null,
        offerId: 'off_1', customerId: facts.customerId, chain: chainIdsOf(facts), requester, decision, at: new Date(T0),
      });
      let state = opened.state;
      const entries: NewCaseHistoryEntry[] = [...opened.entries];
      let n = 0;
      for (const s of steps) {
        const actor = actorOf(s, state);
        checkAllowedActions(state, actor);
        checkAllowedActions(state, ACTORS[watcher]!);
        const command = commandOf(s.command, actor, state, o, ++n);
        if (!command) continue;
        const d = decideCaseCommand(state, command, actor, new Date(state.updatedAt.getTime() + s.delayMs));
        if (!d.ok) continue;
        const at = d.entries[0]!.at;
        assert.ok(at.getTime() > state.updatedAt.getTime(), 'a change is later than the one before');
        assert.ok(d.entries.every((e) => e.at.getTime() === at.getTime()), 'the entries of a change share their time');
        assert.equal(d.state.version, state.version + 1);
        if (d.state.status !== state.status) {
          const change = { from: state.status, to: d.state.status };
          assert.ok(d.entries.some((e) => e.visibility === 'public' && 'status' in e.data && JSON.stringify(e.data.status) === JSON.stringify(change)),
            `the change ${JSON.stringify(change)} rides on a public entry: ${JSON.stringify(d.entries)}`);
        }
        assert.ok(d.state.participants.some((p) => p.orgId === d.state.holderOrgId), 'the holder takes part');
        for (const e of d.events) assert.ok(e.audienceOrgIds!.every((id) => d.state.participants.some((p) => p.orgId === id)), 'events reach participants only');
        entries.push(...d.entries);
        state = d.state;
      }
      const rows = withEntryIds(entries, (_, i) => `evt_${String(i).padStart(4, '0')}`).map(historyRowOf);
      const stored = rows.map((r) => parseCaseHistoryEntry({ ...r, data: JSON.parse(r.data) as unknown }));
      assert.deepEqual(foldCaseHistory(stored), state);
    }), { numRuns: 200 });
  });
});
