/**
 * The SLA clocks of cases (SPEC section 6, issue 10 items 2–4): computed from a case's public
 * history and the policies of its parties (`policiesForCases`, two statements for all the cases), kept in `case_sla_clocks` with
 * each participant's next deadline after every change of the case (`refreshCaseClocks`, called
 * in the change's transaction), read at the case's read time (`caseClocksAt`), and looked at by
 * the scan (sla.scan.ts).
 *
 * Terminology and rules: src/core/sla-clocks.ts (the clocks), src/core/sla-notices.ts (public
 * history, visibility, cycle, notices, deadlines), src/core/sla-policy.ts (policies).
 *
 * Tenancy: the clocks are folded over the public history only, so every participant's
 * transaction computes the same clocks, and nothing is read that the acting organization may not
 * read (no history entry is read through a definer's rights). A customer is shown only the public
 * clocks (the application here, the row policy of case_sla_clocks in the database); writes go
 * through `sb_store_case_sla_clocks`, which answers a participant of every case it is given.
 */
import type { LocalizedText } from '../../core/app-error.ts';
import type { SupportCalendar } from '../../core/business-calendar.ts';
import type { OrgKind } from '../../core/parties.ts';
import type { ParticipantRole, Severity } from '../../core/routing-types.ts';
import type { PartyPolicy } from '../../core/sla-clocks.ts';
import { clockKey, deadlinesOf, noticeAt, watchClocks, type NoticeKind, type WatchedClock } from '../../core/sla-notices.ts';
import { DEFAULT_POLICY, type PolicySource } from '../../core/sla-policy.ts';
import { isSupportCategory, type SupportCategory } from '../../core/support-categories.ts';
import type { Tx } from '../../db/database.ts';
import * as repo from './sla.clocks.repository.ts';
import { policiesForCases, type CaseSlaFacts } from './sla.service.ts';

/** The policy a clock counts by, as each clock carries and stores it. */
export interface ClockPolicy {
  source: PolicySource;
  why: LocalizedText;
  targets: { firstResponseMinutes: number; resolutionMinutes: number };
  calendar: SupportCalendar;
  criticalAroundTheClock: boolean;
}

/** A case's clocks at a time, with what storing and telling them needs. */
export interface ComputedCase {
  case: repo.ClockCaseRecord;
  /** With the deadline each participant's row keeps. */
  participants: { orgId: string; role: ParticipantRole; keptDeadline?: { dueAt: Date | null; breached: boolean } }[];
  clocks: WatchedClock<ClockPolicy>[];
  /** What was told of each clock in its cycle (by clockKey), as the transaction sees it. */
  told: Map<string, Set<NoticeKind>>;
}

/** What the clocks of a case are computed with. */
export interface ClockSettings {
  /** Share of a target left when its warning is due (SLA_WARNING_SHARE). */
  warningShare: number;
}

const DEFAULT_SOURCE: PolicySource = { kind: 'default', reason: 'no_policy' };
const DEFAULT_WHY: LocalizedText = {
  en: 'No policy applies to this party, so the default applies (Mon–Fri 09:00–18:00 UTC).',
  ko: '이 조직에 적용할 정책이 없어 기본값을 적용합니다(월–금 09:00–18:00 UTC).',
};

/**
 * The clocks of the cases named at `now`, as far as the transaction sees them (a tenant
 * transaction: the cases its organization takes part in; the owner's: all). A case of a retired
 * category, or without a history that opens it, has none.
 */
export async function computeCases(tx: Tx, caseIds: readonly string[], now: Date, settings: ClockSettings): Promise<ComputedCase[]> {
  const [cases, participants, histories, notices] = await Promise.all([
    repo.findCases(tx, caseIds), repo.listParticipants(tx, caseIds), repo.listPublicHistory(tx, caseIds), repo.listNotices(tx, caseIds),
  ]);
  const partiesOf = new Map<string, ComputedCase['participants']>();
  for (const p of participants) {
    const party = { orgId: p.org_id, role: p.role, keptDeadline: { dueAt: p.due_at, breached: p.sla_breached } };
    const list = partiesOf.get(p.case_id);
    if (list) list.push(party);
    else partiesOf.set(p.case_id, [party]);
  }
  const noticesOf = new Map<string, repo.NoticeRecord[]>();
  for (const n of notices) {
    const list = noticesOf.get(n.case_id);
    if (list) list.push(n);
    else noticesOf.set(n.case_id, [n]);
  }
  const eligible: { c: repo.ClockCaseRecord; facts: CaseSlaFacts }[] = [];
  for (const c of cases) {
    const history = histories.get(c.id) ?? [];
    const category = c.category;
    if (!isSupportCategory(category) || history[0]?.type !== 'opened') continue;
    eligible.push({ c, facts: { caseId: c.id, category, severity: c.severity, openedAt: new Date(c.created_at), parties: partiesOf.get(c.id) ?? [] } });
  }
  const policiesOfCases = await policiesForCases(tx, eligible.map((e) => e.facts));
  const computed: ComputedCase[] = [];
  for (const [i, { c }] of eligible.entries()) {
    const history = histories.get(c.id) ?? [];
    const parties = partiesOf.get(c.id) ?? [];
    const policies = policiesOfCases[i]!;
    const policyOf = (orgId: string, role: ParticipantRole, facts: { category: SupportCategory; severity: Severity }): PartyPolicy<ClockPolicy> => {
      const applied = policies.policyOf(orgId, role, facts);
      const policy = applied ?? { targets: DEFAULT_POLICY.targets[facts.severity], calendar: DEFAULT_POLICY.calendar, criticalAroundTheClock: DEFAULT_POLICY.criticalAroundTheClock, source: DEFAULT_SOURCE, why: DEFAULT_WHY };
      return {
        targets: policy.targets, calendar: policy.calendar, criticalAroundTheClock: policy.criticalAroundTheClock,
        source: { source: policy.source, why: policy.why, targets: policy.targets, calendar: policy.calendar, criticalAroundTheClock: policy.criticalAroundTheClock },
      };
    };
    const clocks = watchClocks(history, policyOf, now, settings.warningShare);
    const told = new Map<string, Set<NoticeKind>>();
    for (const clock of clocks) {
      const kinds = (noticesOf.get(c.id) ?? []).filter((n) => n.org_id === clock.orgId && n.target === clock.target && n.cycle === clock.cycle).map((n) => n.kind);
      told.set(clockKey(clock), new Set(kinds));
    }
    computed.push({ case: c, participants: parties, clocks, told });
  }
  return computed;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Whether a kept time is the one a row would write (both none, or the same instant). */
function sameTime(kept: Date | string | null, written: string | null): boolean {
  if (kept === null || written === null) return kept === written;
  return new Date(kept).getTime() === Date.parse(written);
}

/**
 * The rows that keep computed cases' clocks and deadlines; `told` adds what is being told now.
 * Left out: a participant whose row keeps its deadline already (read with the participants), so
 * the store neither sends nor matches it. (A clock that did not change is left alone by the store
 * itself, migration 0010.)
 */
export function rowsOf(cases: readonly ComputedCase[], at: Date, tellingNow: ReadonlyMap<string, ReadonlySet<NoticeKind>> = new Map()): { clocks: repo.ClockRow[]; deadlines: repo.DeadlineRow[] } {
  const clocks: repo.ClockRow[] = [];
  const deadlines: repo.DeadlineRow[] = [];
  for (const c of cases) {
    for (const clock of c.clocks) {
      if (clock.role === 'customer') continue;
      const key = clockKey(clock);
      const told = new Set([...(c.told.get(key) ?? []), ...(tellingNow.get(`${c.case.id} ${key}`) ?? [])]);
      clocks.push({
        case_id: c.case.id, org_id: clock.orgId, target: clock.target, role: clock.role, visibility: clock.visibility,
        policy: { ...clock.policy }, status: clock.status, target_minutes: clock.targetMinutes, elapsed_ms: clock.elapsedMs,
        due_at: iso(clock.dueAt), warn_at: iso(clock.warnAt), met_at: iso(clock.metAt), breached_at: iso(clock.breachedAt),
        cycle: clock.cycle, notice_at: iso(noticeAt(clock, told)), updated_at: at.toISOString(),
      });
    }
    const keptOf = new Map(c.participants.map((p) => [p.orgId, p.keptDeadline]));
    for (const [orgId, d] of deadlinesOf(c.clocks, c.participants.map((p) => p.orgId))) {
      const due = iso(d.dueAt);
      const kept = keptOf.get(orgId);
      if (kept && kept.breached === d.breached && sameTime(kept.dueAt, due)) continue;
      deadlines.push({ case_id: c.case.id, org_id: orgId, due_at: due, sla_breached: d.breached });
    }
  }
  return { clocks, deadlines };
}

/**
 * Recomputes and stores the clocks of a case and its participants' deadlines at `at`, in the
 * caller's transaction — a participant's (after a change of the case, at the change's time) or
 * the owner's (the demo, a back-fill). Tells nothing: the scan does.
 */
export async function refreshCaseClocks(tx: Tx, caseIds: string | readonly string[], at: Date, settings: ClockSettings): Promise<void> {
  const computed = await computeCases(tx, typeof caseIds === 'string' ? [caseIds] : caseIds, at, settings);
  const { clocks, deadlines } = rowsOf(computed, at);
  await repo.storeClocks(tx, clocks, deadlines);
}

/** One clock of a case as its participants read it (before the party's name is added). */
export interface CaseClockReading {
  orgId: string;
  role: ParticipantRole;
  target: WatchedClock['target'];
  targetMinutes: number;
  elapsedMinutes: number;
  remainingMinutes: number;
  dueAt: string | null;
  status: WatchedClock['status'];
  metAt: string | null;
  breachedAt: string | null;
  aroundTheClock: boolean;
  visibility: WatchedClock['visibility'];
  policy: { source: PolicySource; why: LocalizedText; timeZone: string };
}

/**
 * The clocks of a case at `now` as the viewer's organization may see them (a customer: the public
 * ones), in the caller's tenant transaction; none for a case it takes no part in.
 */
export async function caseClocksAt(tx: Tx, viewer: { orgKind: OrgKind }, caseId: string, now: Date, settings: ClockSettings): Promise<CaseClockReading[]> {
  const [computed] = await computeCases(tx, [caseId], now, settings);
  if (!computed) return [];
  return computed.clocks
    .filter((c) => c.visibility === 'public' || viewer.orgKind !== 'customer')
    .map((c) => ({
      orgId: c.orgId, role: c.role, target: c.target, targetMinutes: c.targetMinutes, elapsedMinutes: c.elapsedMinutes,
      remainingMinutes: c.remainingMinutes, dueAt: iso(c.dueAt), status: c.status, metAt: iso(c.metAt), breachedAt: iso(c.breachedAt),
      aroundTheClock: c.aroundTheClock, visibility: c.visibility,
      policy: { source: c.policy.source, why: c.policy.why, timeZone: c.calendar.timeZone },
    }));
}
