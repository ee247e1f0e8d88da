/**
 * The SLA scan (issue 10 item 3), run by the worker's `sla-scan` schedule: finds the clocks with
 * something to tell by now (`notice_at` reached: a warning time or a due time), recomputes their
 * cases at the scan's time, stores them, and tells each warning and breach once —
 * `case.sla_warning` / `case.sla_breached` through the outbox, to the case's participants who may
 * see the clock (a partners' clock: all but the customer).
 *
 * Once, even with several workers at once on one PostgreSQL: a case is taken with
 * `FOR UPDATE SKIP LOCKED` on its row (the lock every change of the case takes first, so a scan
 * and a change never interleave on one case, and two scans never work one case at once), and each
 * notice is inserted with ON CONFLICT DO NOTHING in the transaction that records its event — only
 * the notices actually inserted are told. Owner transactions: the scan crosses organizations.
 *
 * Bounded: at most `batchSize` clocks per round (one transaction), at most `maxRounds` rounds per
 * run; a case skipped (locked by a change or another scan) or done is not taken again in the run,
 * and what is left waits for the next run.
 */
import { caseEventAudience, type NewDomainEvent } from '../../core/events.ts';
import { clockKey, noticesDue, type NoticeKind } from '../../core/sla-notices.ts';
import type { Database } from '../../db/database.ts';
import type { NewId } from '../../db/ids.ts';
import { recordEvents } from '../events/index.ts';
import { organizationNames } from '../identity/index.ts';
import { computeCases, rowsOf, type ClockSettings, type ComputedCase } from './sla.clocks.ts';
import * as repo from './sla.clocks.repository.ts';

/** What one run did. */
export interface ScanResult {
  /** Cases recomputed. */
  cases: number;
  warnings: number;
  breaches: number;
}

/** What the scan is built over. */
export interface SlaScanDeps extends ClockSettings {
  db: Database;
  now: () => Date;
  newId: NewId;
  /** Clocks per round (default 500). */
  batchSize?: number;
  /** Rounds per run (default 20). */
  maxRounds?: number;
}

/** The events of the notices told, each to the participants who may see its clock. */
function eventsOf(told: readonly repo.NoticeRecord[], cases: readonly ComputedCase[], names: ReadonlyMap<string, string>): NewDomainEvent[] {
  const byId = new Map(cases.map((c) => [c.case.id, c]));
  return told.flatMap((n): NewDomainEvent[] => {
    const c = byId.get(n.case_id);
    const clock = c?.clocks.find((k) => k.orgId === n.org_id && k.target === n.target);
    if (!c || !clock) return [];
    return [{
      type: n.kind === 'warning' ? 'case.sla_warning' : 'case.sla_breached',
      subjectType: 'case', subjectId: c.case.id,
      data: {
        caseId: c.case.id, title: c.case.title, category: c.case.category, severity: c.case.severity, status: c.case.status,
        party: { orgId: clock.orgId, role: clock.role }, partyName: names.get(clock.orgId) ?? null,
        target: clock.target, targetMinutes: clock.targetMinutes, elapsedMinutes: clock.elapsedMinutes, remainingMinutes: clock.remainingMinutes,
        dueAt: clock.dueAt?.toISOString() ?? null, breachedAt: clock.breachedAt?.toISOString() ?? null, cycle: n.cycle,
        policy: { source: clock.policy.source, why: clock.policy.why },
      },
      audienceOrgIds: caseEventAudience(c.participants, clock.visibility, clock.orgId),
    }];
  });
}

/** Builds the scan. */
export function createSlaScan(deps: SlaScanDeps) {
  const batchSize = deps.batchSize ?? 500;
  const maxRounds = deps.maxRounds ?? 20;

  /** One round: up to `batchSize` due clocks' cases, outside `excluded`; answers what it did and which cases it took or skipped. */
  async function round(at: Date, excluded: readonly string[]): Promise<ScanResult & { seen: string[]; full: boolean }> {
    return deps.db.withOwner(async (tx) => {
      const due = await repo.findDueCases(tx, at, batchSize, excluded);
      if (due.caseIds.length === 0) return { cases: 0, warnings: 0, breaches: 0, seen: [], full: false };
      const locked = await repo.lockFreeCases(tx, due.caseIds);
      const cases = await computeCases(tx, locked, at, deps);
      const notices: repo.NoticeRecord[] = [];
      const tellingNow = new Map<string, Set<NoticeKind>>();
      for (const c of cases) {
        for (const clock of c.clocks) {
          const kinds = noticesDue(clock, c.told.get(clockKey(clock)) ?? new Set(), at);
          if (kinds.length === 0) continue;
          // Told now or by another scan meanwhile: either way, told.
          tellingNow.set(`${c.case.id} ${clockKey(clock)}`, new Set(kinds));
          for (const kind of kinds) notices.push({ case_id: c.case.id, org_id: clock.orgId, target: clock.target, kind, cycle: clock.cycle });
        }
      }
      const inserted = await repo.insertNotices(tx, notices, at);
      const { clocks, deadlines } = rowsOf(cases, at, tellingNow);
      await repo.storeClocks(tx, clocks, deadlines);
      const names = await organizationNames(tx, [...new Set(inserted.map((n) => n.org_id))]);
      await recordEvents(tx, null, eventsOf(inserted, cases, names), at, deps.newId);
      return {
        cases: cases.length, warnings: inserted.filter((n) => n.kind === 'warning').length, breaches: inserted.filter((n) => n.kind === 'breach').length,
        seen: due.caseIds, full: due.full,
      };
    });
  }

  return {
    /** Runs the scan once at the clock's time (see the file's doc). */
    async run(): Promise<ScanResult> {
      const at = deps.now();
      const total: ScanResult = { cases: 0, warnings: 0, breaches: 0 };
      const excluded: string[] = [];
      for (let i = 0; i < maxRounds; i++) {
        const r = await round(at, excluded);
        total.cases += r.cases;
        total.warnings += r.warnings;
        total.breaches += r.breaches;
        excluded.push(...r.seen);
        if (!r.full) break;
      }
      return total;
    },
  };
}

/** The scan, as the worker receives it. */
export type SlaScan = ReturnType<typeof createSlaScan>;
