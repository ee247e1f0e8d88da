/**
 * Watching SLA clocks (SPEC section 6, issue 10 items 2–4): who sees each clock of a case, its
 * cycle, when its warning is, what is due to be told of it at a time (`case.sla_warning`,
 * `case.sla_breached`), when the scan must next look at it, and each organization's next deadline
 * on the case. Pure, over the clocks of src/core/sla-clocks.ts: the caller reads the history and
 * the policies, and keeps what was told (the notices).
 *
 * Terminology (clock, target, status, due time and the fold are defined in sla-clocks.ts):
 * - public history: the entries of a case's history every participant reads (`public`). The
 *   clocks are folded over it alone, so they are the same whoever computes them — a customer's
 *   transaction, a partner's, the scan's. Nothing a clock needs is ever non-public: notes and
 *   attachments meet, start and move nothing, and a status change always rides on a public entry
 *   (case-history.ts rule 2).
 * - notice: a warning or a breach told of one clock in one cycle; once told, never again.
 * - cycle: a clock's life between restarts (rule 2).
 * - warning share: how much of its target a clock has left when its warning is due (0.25: a
 *   quarter).
 *
 * Rules, including the choices issue 10 leaves open:
 * 1. Visibility: a clock is `public` (every participant sees it, the customer too — a commitment
 *    made to the customer: the publisher's agreement, the partners of record's) unless it is
 *    internal to the partners (`partners`: every participant but the customer): the operator's
 *    clocks (its commitments are to partners and publishers), and a first response owed for
 *    receiving the case by an escalation (a provider as its reseller's tier).
 * 2. Cycle: a clock starts in cycle 1; each time a met clock runs again (a reopen resumes the
 *    responsible's resolution clock, sla-clocks.ts rule 4) its cycle grows by one, so a warning or
 *    breach of the new cycle can be told. First responses never restart (sla-clocks.ts rule 3).
 *    A breach stays a breach (sla-clocks.ts rule 5): a breached clock that runs again is told no
 *    second breach, and a breach a later change undoes (a reopen, a reroute) stays told.
 * 3. Warning time: `warningAt(clock, share)` of sla-clocks.ts — for a running clock, when `share`
 *    of its target is left if it keeps counting; none for any other.
 * 4. Due to tell at a reading: the breach, when the clock is breached and no breach is told in its
 *    cycle; else the warning, when the clock is running, its warning time has come and no warning
 *    is told in its cycle. A clock already breached is told its breach only: a warning then says
 *    nothing new.
 * 5. Next look (`noticeAt`): a breached clock whose breach is not told: its breach time; a
 *    running clock: its warning time while its warning is not told, else its due time; any other
 *    (paused, met, breached and told): none — only a change of the case moves it again.
 * 6. Deadlines: an organization's next deadline on a case is the earliest due time of its clocks
 *    that still count (`nextDeadline` of sla-clocks.ts: breached ones not yet met come first); it
 *    is breached on the case when one of its clocks is breached (ever: a breach is history).
 */
import type { CaseHistoryEntry } from './case-history.ts';
import { advanceClocks, clocksAt, nextDeadline, startClocks, warningAt, type PolicyOf, type SlaClock, type SlaTarget } from './sla-clocks.ts';

/** Who sees a clock (rule 1). */
export type ClockVisibility = 'public' | 'partners';

/** What is told of a clock. */
export const NOTICE_KINDS = ['warning', 'breach'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The warning share used where none is configured: a quarter of the target left. */
export const DEFAULT_WARNING_SHARE = 0.25;

/** A clock of a case with what watching it needs. */
export interface WatchedClock<Source = unknown> extends SlaClock<Source> {
  visibility: ClockVisibility;
  cycle: number;
  /** Rule 3. */
  warnAt: Date | null;
}

/** The key of a clock within its case. */
export function clockKey(c: { orgId: string; target: SlaTarget }): string {
  return `${c.orgId} ${c.target}`;
}

/** Whether an entry is part of the public history (see the terminology). */
export function isPublicEntry(e: CaseHistoryEntry): boolean {
  return e.visibility === 'public';
}

/** Rule 1: a clock's visibility, from the history it was folded over. */
export function clockVisibility(clock: Pick<SlaClock, 'orgId' | 'role' | 'target' | 'startedAt'>, history: readonly CaseHistoryEntry[]): ClockVisibility {
  if (clock.role === 'operator') return 'partners';
  if (clock.target !== 'first_response') return 'public';
  const receivedByEscalation = history.some((e) => e.type === 'escalated' && e.data.toOrgId === clock.orgId && e.at.getTime() === clock.startedAt.getTime());
  return receivedByEscalation ? 'partners' : 'public';
}

/**
 * The clocks of a case at a time, each with its visibility, cycle and warning time (rules 1–3),
 * folded over its public history (oldest first) with the parties' policies.
 */
export function watchClocks<S>(history: readonly CaseHistoryEntry[], policyOf: PolicyOf<S>, now: Date, warningShare: number): WatchedClock<S>[] {
  const entries = history.filter(isPublicEntry);
  const cycles = new Map<string, number>();
  let state = startClocks(policyOf);
  for (const e of entries) {
    const before = new Map(state.clocks.map((c) => [clockKey(c), c.metAt]));
    state = advanceClocks(state, [e]);
    for (const c of state.clocks) {
      const key = clockKey(c);
      const wasMet = before.get(key);
      if (wasMet !== undefined && wasMet !== null && c.metAt === null) cycles.set(key, (cycles.get(key) ?? 1) + 1);
    }
  }
  return clocksAt(state, now).map((c) => ({
    ...c, visibility: clockVisibility(c, entries), cycle: cycles.get(clockKey(c)) ?? 1, warnAt: warningAt(c, warningShare),
  }));
}

/** Rule 4: what is due to be told of a clock at a time, given what was told in its cycle. */
export function noticesDue(clock: Pick<WatchedClock, 'status' | 'warnAt'>, told: ReadonlySet<NoticeKind>, now: Date): NoticeKind[] {
  if (clock.status === 'breached') return told.has('breach') ? [] : ['breach'];
  if (clock.status === 'running' && clock.warnAt !== null && clock.warnAt.getTime() <= now.getTime() && !told.has('warning')) return ['warning'];
  return [];
}

/** Rule 5: when the scan must next look at a clock, given what was told in its cycle; null: not until the case changes. */
export function noticeAt(clock: Pick<WatchedClock, 'status' | 'warnAt' | 'dueAt' | 'breachedAt'>, told: ReadonlySet<NoticeKind>): Date | null {
  if (clock.status === 'breached') return told.has('breach') ? null : clock.breachedAt;
  if (clock.status === 'running') return told.has('warning') ? clock.dueAt : clock.warnAt ?? clock.dueAt;
  return null;
}

/** An organization's deadline on a case (rule 6). */
export interface OrganizationDeadline {
  dueAt: Date | null;
  breached: boolean;
}

/** Rule 6: each organization's next deadline and whether it breached, for the organizations given (participants without clocks: none, false). */
export function deadlinesOf(clocks: readonly SlaClock[], orgIds: readonly string[]): Map<string, OrganizationDeadline> {
  const next = nextDeadline(clocks);
  return new Map(orgIds.map((orgId) => [orgId, {
    dueAt: next.get(orgId) ?? null,
    breached: clocks.some((c) => c.orgId === orgId && c.status === 'breached'),
  }]));
}
