/**
 * The only SQL of the SLA context: the organization's own policy versions (insert-only), and the
 * two look-ups a case's policies need across organizations — `sb_cases_sla_policies` and
 * `sb_cases_agreements` (migration 0010, for many cases at once; 0007's `sb_case_sla_policies` and
 * `sb_case_agreements` for one), which answer only a participant of the case or the owner itself. Every function takes the transaction its caller opened; the own versions take the viewer.
 */
import { sql } from 'kysely';
import type { Viewer } from '../../core/parties.ts';
import { canonicalPolicy, type AgreementCommitments, type PolicyScope, type SlaPolicy, type StoredPolicyVersion } from '../../core/sla-policy.ts';
import type { Tx } from '../../db/database.ts';
import type { SupportCalendarRow, SlaTargetsRow } from '../../db/schema.ts';

type Scope = Pick<Viewer, 'orgId'>;

interface VersionRow {
  org_id: string;
  scope: PolicyScope;
  version: number;
  targets: SlaTargetsRow | null;
  calendar: SupportCalendarRow | null;
  critical_around_the_clock: boolean | null;
  set_by: string;
  set_at: Date | string;
}

function versionOf(r: VersionRow): StoredPolicyVersion {
  const policy: SlaPolicy | null = r.targets && r.calendar
    ? canonicalPolicy({ targets: r.targets, calendar: r.calendar, criticalAroundTheClock: r.critical_around_the_clock ?? false })
    : null;
  return { orgId: r.org_id, scope: r.scope, version: r.version, policy, setBy: r.set_by, setAt: new Date(r.set_at) };
}

/** The viewer's own versions (of one scope, or of all), by scope and newest first. */
export async function listOwnVersions(tx: Tx, viewer: Scope, scope?: PolicyScope): Promise<StoredPolicyVersion[]> {
  let q = tx.selectFrom('sla_policies').selectAll().where('org_id', '=', viewer.orgId);
  if (scope) q = q.where('scope', '=', scope);
  const rows = await q.orderBy('scope').orderBy('version', 'desc').execute();
  return rows.map((r) => versionOf(r));
}

/** Adds a version for the viewer's organization (a null policy withdraws the scope's). A taken version number throws a unique violation. */
export async function insertVersion(tx: Tx, viewer: Scope & { userId: string }, row: { scope: PolicyScope; version: number; policy: SlaPolicy | null; at: Date }): Promise<void> {
  await tx.insertInto('sla_policies').values({
    org_id: viewer.orgId, scope: row.scope, version: row.version,
    targets: row.policy ? JSON.stringify(row.policy.targets) : null,
    calendar: row.policy ? JSON.stringify(row.policy.calendar) : null,
    critical_around_the_clock: row.policy ? row.policy.criticalAroundTheClock : null,
    set_by: viewer.userId, set_at: row.at,
  }).execute();
}

/** An agreement version of a case's offer, as the look-up answers it. */
export interface CaseAgreementVersion {
  offerId: string;
  version: number;
  commitments: AgreementCommitments;
  publishedAt: Date;
  publishedBy: string | null;
}

/**
 * For each case named, every version of scope `all` and of the categories the case has had of
 * its participants — one statement, `sb_cases_sla_policies` over all the cases (migration 0010:
 * nothing for a case the transaction's organization takes no part in). Every case named is in the map.
 */
export async function findCaseVersions(tx: Tx, caseIds: readonly string[]): Promise<Map<string, StoredPolicyVersion[]>> {
  const byCase = new Map<string, StoredPolicyVersion[]>(caseIds.map((id) => [id, []]));
  if (byCase.size === 0) return byCase;
  const { rows } = await sql<VersionRow & { case_id: string }>`
    SELECT p.case_id, p.org_id, p.scope, p.version, p.targets, p.calendar, p.critical_around_the_clock, p.set_by, p.set_at
    FROM sb_cases_sla_policies(${[...byCase.keys()]}::text[]) AS p
    ORDER BY p.case_id, p.org_id, p.scope, p.version`.execute(tx);
  for (const r of rows) byCase.get(r.case_id)?.push(versionOf(r));
  return byCase;
}

/**
 * For each case named, every agreement version of its offer and the version its subscription
 * accepted (null without one) — one statement, `sb_cases_agreements` over all the cases (0010). Every case
 * named is in the map.
 */
export async function findCaseAgreements(tx: Tx, caseIds: readonly string[]): Promise<Map<string, { versions: CaseAgreementVersion[]; acceptedVersion: number | null }>> {
  const byCase = new Map<string, { versions: CaseAgreementVersion[]; acceptedVersion: number | null }>(caseIds.map((id) => [id, { versions: [], acceptedVersion: null }]));
  if (byCase.size === 0) return byCase;
  const { rows } = await sql<{ case_id: string; offer_id: string; version: number; commitments: AgreementCommitments; published_at: Date | string; published_by: string | null; accepted_version: number | null }>`
    SELECT a.case_id, a.offer_id, a.version, a.commitments, a.published_at, a.published_by, a.accepted_version
    FROM sb_cases_agreements(${[...byCase.keys()]}::text[]) AS a
    ORDER BY a.case_id, a.version`.execute(tx);
  for (const r of rows) {
    const entry = byCase.get(r.case_id);
    if (!entry) continue;
    if (entry.versions.length === 0) entry.acceptedVersion = r.accepted_version;
    entry.versions.push({ offerId: r.offer_id, version: r.version, commitments: r.commitments, publishedAt: new Date(r.published_at), publishedBy: r.published_by });
  }
  return byCase;
}
