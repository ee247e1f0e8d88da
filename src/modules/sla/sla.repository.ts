/**
 * The only SQL of the SLA context: the organization's own policy versions (insert-only), and the
 * two look-ups a case's policies need across organizations — `sb_case_sla_policies` and
 * `sb_case_agreements` (migration 0007), which answer only a participant of the case or the owner
 * itself. Every function takes the transaction its caller opened; the own versions take the viewer.
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

/** Every version of scope `all` and of the case's category of the case's participants (nothing unless the transaction's organization takes part). */
export async function findCaseVersions(tx: Tx, caseId: string): Promise<StoredPolicyVersion[]> {
  const { rows } = await sql<VersionRow>`
    SELECT org_id, scope, version, targets, calendar, critical_around_the_clock, set_by, set_at FROM sb_case_sla_policies(${caseId})`.execute(tx);
  return rows.map(versionOf);
}

/** Every agreement version of the case's offer, and the version its subscription accepted (null without one). */
export async function findCaseAgreements(tx: Tx, caseId: string): Promise<{
  versions: { offerId: string; version: number; commitments: AgreementCommitments; publishedAt: Date; publishedBy: string | null }[];
  acceptedVersion: number | null;
}> {
  const { rows } = await sql<{ offer_id: string; version: number; commitments: AgreementCommitments; published_at: Date | string; published_by: string | null; accepted_version: number | null }>`
    SELECT offer_id, version, commitments, published_at, published_by, accepted_version FROM sb_case_agreements(${caseId})`.execute(tx);
  return {
    versions: rows.map((r) => ({ offerId: r.offer_id, version: r.version, commitments: r.commitments, publishedAt: new Date(r.published_at), publishedBy: r.published_by })),
    acceptedVersion: rows[0]?.accepted_version ?? null,
  };
}
