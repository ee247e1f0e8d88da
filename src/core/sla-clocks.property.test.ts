/**
 * Properties of the SLA clocks over random histories: cases opened by the routing engine from
 * random facts and changed by the case reducer (random commands by random parties, at random
 * times across 2026's weekends and daylight-saving changes), with random policies per party.
 * The invariants, independent of how the clocks are computed:
 * - for each target, the parties' elapsed business times never sum to more than the time the
 *   case was open (wall time in `new`, `open` and `pending_party`);
 * - a clock that is not running (paused, met, ended) never moves; nothing moves while the case
 *   waits on the customer, is resolved or closed; an entry itself moves no clock;
 * - a met target stays met, and a breached one breached, at the same moment — but for a
 *   resolution resumed by a reopen;
 * - the result does not depend on how the history is split into reads;
 * - a running clock's due time is its remaining business time away; a breach is at its target.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ALWAYS_ON, businessMsBetween, type SupportCalendar } from './business-calendar.ts';
import {
  decideCaseCommand, openCase, withEntryIds, type CaseActor, type CaseCommand, type CaseHistoryEntry, type CaseState, type NewCaseHistoryEntry,
} from './case-history.ts';
import { canWorkCategory, ESCALATION_TIERS, type CaseStatus } from './case-rules.ts';
import type { OrgKind, PartnerModel, Role } from './parties.ts';
import { decideRouting } from './routing.ts';
import { PARTNER_PREFERENCES, SEVERITIES, type Chain, type RoutingFacts } from './routing-types.ts';
import { advanceClocks, clocksAt, startClocks, type PartyPolicy, type SlaClock } from './sla-clocks.ts';
import { defaultSplit, SUPPORT_CATEGORIES, type SupportCategory } from './support-categories.ts';

// ---- The world ----

interface Org { id: string; kind: OrgKind; partnerModel: PartnerModel | null }
const ORGS: Record<string, Org> = {
  cust: { id: 'org_cust', kind: 'customer', partnerModel: null },
  dir: { id: 'org_dir', kind: 'partner', partnerModel: 'direct' },
  res: { id: 'org_res', kind: 'partner', partnerModel: 'indirect_reseller' },
  prov: { id: 'org_prov', kind: 'partner', partnerModel: 'indirect_provider' },
  pub: { id: 'org_pub', kind: 'publisher', partnerModel: null },
  op: { id: 'org_op', kind: 'operator', partnerModel: null },
};
const ROLES: Record<OrgKind, Role[]> = {
  customer: ['customer_admin'], partner: ['global_admin'], publisher: ['support_engineer'], operator: ['commerce_support'],
};
const actorOf = (org: Org): CaseActor => ({ orgId: org.id, userId: `usr_${org.id}`, kind: org.kind, partnerModel: org.partnerModel, roles: ROLES[org.kind] });

const week = (start: string, end: string, days: number): SupportCalendar['week'] => {
  const open = [{ start, end }];
  const names = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
  return Object.fromEntries(names.map((d, i) => [d, i < days ? open : []])) as SupportCalendar['week'];
};
const CALENDARS: SupportCalendar[] = [
  { timeZone: 'Asia/Seoul', week: week('09:00', '18:00', 5), holidays: ['2026-09-24', '2026-09-25'] },
  { timeZone: 'America/New_York', week: week('09:00', '17:00', 5), holidays: ['2026-11-26'] },
  { timeZone: 'Europe/Berlin', week: { ...week('08:00', '12:00', 5), sat: [{ start: '00:00', end: '03:00' }] }, holidays: [] },
  { timeZone: 'America/New_York', week: week('00:00', '24:00', 7), holidays: ['2026-03-08'] },
  ALWAYS_ON,
];

const policy = fc.record({
  firstResponseMinutes: fc.integer({ min: 5, max: 600 }),
  resolutionMinutes: fc.integer({ min: 30, max: 5000 }),
  calendar: fc.nat({ max: CALENDARS.length - 1 }),
  criticalAroundTheClock: fc.boolean(),
});
const policies = fc.record(Object.fromEntries(Object.values(ORGS).map((o) => [o.id, policy])) as Record<string, typeof policy>);

// ---- Histories ----

const opening = fc.record({
  category: fc.constantFrom(...SUPPORT_CATEGORIES, 'technical_howto' as const, 'technical_howto' as const, 'billing' as const),
  severity: fc.constantFrom(...SEVERITIES),
  asker: fc.constantFrom('cust', 'cust', 'cust', 'dir', 'res', 'prov', 'pub'),
  model: fc.constantFrom('direct', 'indirect'),
  preference: fc.constantFrom(...PARTNER_PREFERENCES, 'tier1' as const),
  // Any time of 2026, so weekends, holidays and both changes of the year come up.
  at: fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-20T00:00:00Z') }),
});
/** A customer's how-to question to a `tier1` partner, who holds it and may forward it to the publisher. */
const tier1Opening = opening.map((o) => ({ ...o, category: 'technical_howto' as SupportCategory, asker: 'cust' as const, preference: 'tier1' as const }));
const someOpening = fc.oneof({ arbitrary: opening, weight: 2 }, { arbitrary: tier1Opening, weight: 1 });
type Opening = typeof opening extends fc.Arbitrary<infer T> ? T : never;

function factsOf(o: Opening, category: SupportCategory): RoutingFacts {
  const chain: Chain = o.model === 'direct' ? { model: 'direct', partnerId: ORGS.dir!.id }
    : { model: 'indirect', providerId: ORGS.prov!.id, resellerId: ORGS.res!.id, supportContact: 'reseller' };
  const asker = o.model === 'direct' && (o.asker === 'res' || o.asker === 'prov') ? ORGS.dir! : o.model === 'indirect' && o.asker === 'dir' ? ORGS.res! : ORGS[o.asker]!;
  return {
    category, severity: o.severity, asker: { orgId: asker.id, kind: asker.kind, partnerModel: asker.partnerModel }, customerId: ORGS.cust!.id, chain,
    offer: { id: 'off_1', publisherId: ORGS.pub!.id }, operatorId: ORGS.op!.id, preference: { value: o.preference, source: 'offer' },
    split: o.model === 'indirect' ? defaultSplit() : null, openIncidentId: null,
  };
}

const step = fc.record({
  who: fc.oneof({ arbitrary: fc.constant('holder' as const), weight: 4 }, { arbitrary: fc.constant('customer' as const), weight: 1 }, { arbitrary: fc.constant('requester' as const), weight: 1 }),
  // Mostly what moves the clocks: replies, questions to the customer, hand-overs; closing is rare, as it ends the story.
  command: fc.oneof(
    ...([['reply', 6], ['reply_awaiting', 4], ['note', 2], ['forward', 4], ['escalate_provider', 3], ['escalate_operator', 2], ['escalate', 2],
      ['hand_back', 4], ['reroute', 2], ['resolve', 3], ['reopen', 3], ['close', 1]] as const).map(([c, weight]) => ({ arbitrary: fc.constant(c), weight })),
  ),
  category: fc.constantFrom(...SUPPORT_CATEGORIES),
  // Minutes to days: across support hours, nights and weekends.
  delayMs: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 3 * 3_600_000 }), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 4 * 86_400_000 }), weight: 1 }),
});
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function commandOf(s: Step, o: Opening, n: number): CaseCommand | null {
  switch (s.command) {
    case 'reply': return { type: 'reply', messageId: `msg_${n}`, body: 'Reply', awaitingCustomer: false };
    case 'reply_awaiting': return { type: 'reply', messageId: `msg_${n}`, body: 'Question', awaitingCustomer: true };
    case 'note': return { type: 'note', messageId: `msg_${n}`, body: 'Note', visibility: 'internal' };
    case 'forward': case 'hand_back': case 'resolve': case 'reopen': case 'close': return { type: s.command };
    case 'escalate': return { type: 'escalate' };
    case 'escalate_provider': return { type: 'escalate', target: ESCALATION_TIERS[0] };
    case 'escalate_operator': return { type: 'escalate', target: ESCALATION_TIERS[1] };
    case 'reroute': {
      const d = decideRouting(factsOf(o, s.category));
      return d.routable ? { type: 'reroute', category: s.category, reason: 'Another category', decision: d } : null;
    }
  }
}

interface Run {
  entries: CaseHistoryEntry[];
  /** The case after each change, with the change's time. */
  states: { at: number; state: CaseState }[];
}

function historyOf(o: Opening, steps: readonly Step[]): Run | null {
  const facts = factsOf(o, o.category);
  const decision = decideRouting(facts);
  const requesterOrg = Object.values(ORGS).find((g) => g.id === facts.asker.orgId)!;
  const requester = actorOf(requesterOrg);
  if (!decision.routable || !canWorkCategory(requester.roles, o.category)) return null;
  const opened = openCase({
    caseId: 'case_p', title: 'Property', category: o.category, severity: o.severity, subscriptionId: 'sub_1', offerId: 'off_1', customerId: ORGS.cust!.id,
    chain: {
      publisherId: ORGS.pub!.id, partnerId: o.model === 'direct' ? ORGS.dir!.id : null, providerId: o.model === 'indirect' ? ORGS.prov!.id : null,
      resellerId: o.model === 'indirect' ? ORGS.res!.id : null, operatorId: ORGS.op!.id,
    },
    requester, decision, at: new Date(o.at),
  });
  let state = opened.state;
  const made: NewCaseHistoryEntry[] = [...opened.entries];
  const states = [{ at: o.at, state }];
  let n = 0;
  for (const s of steps) {
    const orgId = s.who === 'holder' ? state.holderOrgId : s.who === 'customer' ? ORGS.cust!.id : state.requesterOrgId;
    const actor = actorOf(Object.values(ORGS).find((g) => g.id === orgId)!);
    const command = commandOf(s, o, ++n);
    if (!command) continue;
    const d = decideCaseCommand(state, command, actor, new Date(state.updatedAt.getTime() + s.delayMs));
    if (!d.ok) continue;
    made.push(...d.entries);
    state = d.state;
    states.push({ at: d.entries[0]!.at.getTime(), state });
  }
  return { entries: withEntryIds(made, (_, i) => `evt_${i}`), states };
}

function policyOfRun(chosen: Record<string, { firstResponseMinutes: number; resolutionMinutes: number; calendar: number; criticalAroundTheClock: boolean }>) {
  return (orgId: string): PartyPolicy<string> => {
    const p = chosen[orgId]!;
    return {
      targets: { firstResponseMinutes: p.firstResponseMinutes, resolutionMinutes: p.resolutionMinutes },
      calendar: CALENDARS[p.calendar]!, criticalAroundTheClock: p.criticalAroundTheClock, source: `policy of ${orgId}`,
    };
  };
}

const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'open', 'pending_party'];

/** Wall time the case spent in the statuses where clocks may count, from its opening to `until`. */
function openWallMs(states: Run['states'], until: number): number {
  let total = 0;
  states.forEach((s, i) => {
    const end = Math.min(until, states[i + 1]?.at ?? until);
    if (OPEN_STATUSES.includes(s.state.status) && end > s.at) total += end - s.at;
  });
  return total;
}

const key = (c: SlaClock) => `${c.orgId} ${c.target}`;
const byKey = (clocks: readonly SlaClock[]) => new Map(clocks.map((c) => [key(c), c]));

const anyRun = fc.record({
  opening: someOpening, policies, steps: fc.array(step, { minLength: 1, maxLength: 40, size: 'large' }),
  // Reading times after each entry, as fractions of the gap to the next one, and a split of the history.
  readAt: fc.double({ min: 0, max: 1, noNaN: true }), cuts: fc.array(fc.nat({ max: 60 }), { maxLength: 4 }), tailMs: fc.integer({ min: 0, max: 10 * 86_400_000 }),
});

describe('SLA clocks over random histories', () => {
  it('keep every invariant', () => {
    fc.assert(fc.property(anyRun, ({ opening: o, policies: chosen, steps, readAt, cuts, tailMs }) => {
      const run = historyOf(o, steps);
      fc.pre(run !== null);
      if (!run) return;
      const { entries, states } = run;
      const policyOf = policyOfRun(chosen);
      const end = entries[entries.length - 1]!.at.getTime() + tailMs;

      // Fold entry by entry, reading after each and again just before the next.
      let s = startClocks(policyOf);
      let before: Map<string, SlaClock> | null = null;
      const reopenedAfter = (at: number) => entries.some((e) => e.type === 'reopened' && e.at.getTime() > at);
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i]!;
        const at = e.at.getTime();
        s = advanceClocks(s, [e]);
        const now = byKey(clocksAt(s, e.at));
        if (before) {
          for (const [k, c] of before) {
            const after = now.get(k)!;
            assert.equal(after.elapsedMs, c.elapsedMs, `the ${e.type} entry itself moves no clock (${k})`);
            if (c.metAt && !(c.target === 'resolution' && e.type === 'reopened')) assert.deepEqual(after.metAt, c.metAt, `met stays met (${k})`);
            if (c.breachedAt) assert.deepEqual(after.breachedAt, c.breachedAt, `breached stays breached (${k})`);
          }
        }
        const next = entries[i + 1]?.at.getTime() ?? end;
        const mid = new Date(at + Math.floor((next - at) * readAt));
        const later = byKey(clocksAt(s, mid));
        const last = byKey(clocksAt(s, new Date(next)));
        for (const [k, c] of now) {
          const m = later.get(k)!;
          const l = last.get(k)!;
          assert.ok(m.elapsedMs >= c.elapsedMs && l.elapsedMs >= m.elapsedMs, `elapsed time never goes back (${k})`);
          if (c.status !== 'running' && !(c.status === 'breached' && c.counting)) {
            assert.equal(l.elapsedMs, c.elapsedMs, `a ${c.status} clock does not move (${k})`);
          }
          // After the last entry of a change, the reducer's own case says whether clocks may run.
          const change = entries[i + 1]?.at.getTime() === at ? undefined : states.find((x) => x.at === at)?.state;
          if (change && !OPEN_STATUSES.includes(change.status)) {
            assert.notEqual(c.status, 'running', `nothing runs while the case is ${change.status} (${k})`);
            assert.equal(l.elapsedMs, c.elapsedMs, `nothing moves while the case is ${change.status} (${k})`);
          }
          for (const r of [c, m, l]) {
            assert.ok(r.elapsedMs <= r.asOf.getTime() - r.startedAt.getTime(), `no more business time than wall time (${k})`);
            if (r.status === 'running') {
              assert.ok(r.dueAt && r.dueAt.getTime() >= r.asOf.getTime(), 'due in the future');
              assert.equal(businessMsBetween(r.calendar, r.asOf, r.dueAt), r.remainingMs, `due when the remaining time has passed (${k})`);
            }
            if (r.breachedAt) {
              assert.ok(r.elapsedMs >= r.targetMinutes * 60_000 && r.breachedAt.getTime() <= r.asOf.getTime(), `breached at its target (${k})`);
            }
            if (r.metAt && !reopenedAfter(r.metAt.getTime())) assert.ok(r.status === 'met' || r.status === 'breached');
          }
        }
        before = last;
      }

      // The parties' times, per target, within the case's open time.
      const final = clocksAt(s, new Date(end));
      const open = openWallMs(states, end);
      for (const target of ['first_response', 'resolution'] as const) {
        const sum = final.filter((c) => c.target === target).reduce((a, c) => a + c.elapsedMs, 0);
        assert.ok(sum <= open, `${target}: ${sum} ms counted, the case was open ${open} ms`);
      }

      // Any split of the history into reads gives the same clocks.
      const points = [...new Set(cuts.map((c) => c % (entries.length + 1)))].sort((a, b) => a - b);
      let split = startClocks(policyOf);
      let from = 0;
      for (const p of [...points, entries.length]) {
        split = advanceClocks(split, entries.slice(from, p));
        from = p;
      }
      assert.deepEqual(clocksAt(split, new Date(end)), final);
      assert.deepEqual(clocksAt(advanceClocks(startClocks(policyOf), entries), new Date(end)), final);
    }), { numRuns: 200 });
  });
});
