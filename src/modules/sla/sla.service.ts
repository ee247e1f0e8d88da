/**
 * Use cases of SLA policies (SPEC section 6): partners and the operator read and set their own
 * policies per scope, in insert-only versions; a publisher reads the SLA its agreement versions
 * state (it sets it by publishing a version, in the catalog); and `policiesForCase` tells the
 * cases and clocks which policy applies to each participant of a case, and why.
 *
 * Terminology and rules: src/core/sla-policy.ts (policy, scope, version, in force, source).
 * - PUT is idempotent by content: a policy equal to the scope's current one makes no version and
 *   no audit entry. If-Match (optional) names the scope's current version; another answers 412.
 * - DELETE withdraws a scope's policy: a version with no policy (the wider scope, or the
 *   default, applies again to cases opened after it).
 */
import { allowsVersion, type ExpectedVersion } from '../../core/if-match.ts';
import type { Viewer } from '../../core/parties.ts';
import { can, rolesOfKindGranting } from '../../core/permissions.ts';
import type { ParticipantRole, Severity } from '../../core/routing-types.ts';
import {
  canonicalPolicy, checkPolicy, DEFAULT_POLICY, ownRoleOf, resolvePolicy, samePolicy, scopesFor,
  type AgreementVersionFacts, type AppliedPolicy, type PolicyParty, type PolicyScope, type PolicySource, type SlaPolicy, type StoredPolicyVersion,
} from '../../core/sla-policy.ts';
import type { LocalizedText } from '../../core/app-error.ts';
import type { SupportCategory } from '../../core/support-categories.ts';
import type { Database, Tx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { diffChanges, recordAudit } from '../audit/index.ts';
import { listOwnAgreements } from '../catalog/index.ts';
import { slaErrors } from './sla.errors.ts';
import * as repo from './sla.repository.ts';

/** One version of a scope as its organization sees it. */
export interface PresentedPolicyVersion {
  version: number;
  policy: SlaPolicy | null;
  withdrawn: boolean;
  setBy: string;
  setAt: string;
}

/** One scope: the current version and every version, newest first. */
export interface PresentedScopePolicies {
  scope: PolicyScope;
  current: PresentedPolicyVersion | null;
  versions: PresentedPolicyVersion[];
}

/** What applies to a case of a category opened now. */
export interface PresentedEffective {
  category: SupportCategory;
  source: PolicySource;
  why: LocalizedText;
}

/** One agreement version's SLA, as a case whose customer accepted it gets it. */
export interface PresentedAgreementSla {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  policy: SlaPolicy;
  source: PolicySource;
  why: LocalizedText;
}

/** An organization's SLA policies. */
export interface PresentedSlaPolicies {
  orgId: string;
  kind: 'partner' | 'operator' | 'publisher';
  scopes: PolicyScope[];
  policies: PresentedScopePolicies[];
  effective: PresentedEffective[];
  default: SlaPolicy;
  agreements: { offerId: string; offerName: string; versions: PresentedAgreementSla[] }[];
}

function presentVersion(v: StoredPolicyVersion): PresentedPolicyVersion {
  return { version: v.version, policy: v.policy, withdrawn: v.policy === null, setBy: v.setBy, setAt: v.setAt.toISOString() };
}

/** A scope from its versions, newest first. */
function presentScope(scope: PolicyScope, versions: readonly StoredPolicyVersion[]): PresentedScopePolicies {
  const mine = versions.filter((v) => v.scope === scope).sort((a, b) => b.version - a.version);
  return { scope, current: mine[0] ? presentVersion(mine[0]) : null, versions: mine.map(presentVersion) };
}

/** The severity `effective` and agreement SLAs are resolved at: the whole policy is shown, the severity only picks `targets`. */
const ANY_SEVERITY: Severity = 'moderate';

// ---- A case's policies (for the cases context and the SLA clocks) ----

/** What of a case decides its parties' policies. */
export interface CaseSlaFacts {
  caseId: string;
  /** The case's current category (`policies` are resolved for it; `policyOf` may ask for an earlier one). */
  category: SupportCategory;
  severity: Severity;
  /** When the case was opened: the versions in force then apply. */
  openedAt: Date;
  /** The parties to resolve (the participants; customers get no policy). */
  parties: readonly PolicyParty[];
}

/** The policies of a case's parties. */
export interface CasePolicies {
  /** One per party that commits to something (customers left out), in the order given. */
  policies: AppliedPolicy[];
  /**
   * The policy of a party, for the case's category and severity or for those given (a clock that
   * started before a reroute asks with the category of its time; the look-up answers every
   * category the case has had). An organization that takes part in no such case (yet) is known to
   * the look-ups by nothing: the default. Null for a customer.
   */
  policyOf(orgId: string, role: ParticipantRole, at?: { category?: SupportCategory; severity?: Severity }): AppliedPolicy | null;
}

/** What a case's policies are resolved from, as the look-ups answer it. */
function casePoliciesOf(facts: CaseSlaFacts, candidates: Parameters<typeof resolvePolicy>[2]): CasePolicies {
  const resolved = new Map<string, AppliedPolicy | null>();
  const policyOf = (orgId: string, role: ParticipantRole, at: { category?: SupportCategory; severity?: Severity } = {}): AppliedPolicy | null => {
    const category = at.category ?? facts.category;
    const severity = at.severity ?? facts.severity;
    const key = `${orgId} ${role} ${category} ${severity}`;
    if (!resolved.has(key)) resolved.set(key, resolvePolicy({ orgId, role }, { category, severity, openedAt: facts.openedAt }, candidates));
    return resolved.get(key) ?? null;
  };
  const policies = facts.parties.flatMap((p) => {
    const got = policyOf(p.orgId, p.role);
    return got ? [got] : [];
  });
  return { policies, policyOf };
}

/**
 * Which policy applies to each party of each case given and why, in the caller's transaction: a
 * tenant transaction of a participant (the look-ups answer nothing about a case it takes no part
 * in), or the owner's (the worker). Reads two statements, whatever the number of cases and
 * parties; the answers are in the order of `facts`.
 */
export async function policiesForCases(tx: Tx, facts: readonly CaseSlaFacts[]): Promise<CasePolicies[]> {
  if (facts.length === 0) return [];
  const caseIds = [...new Set(facts.map((f) => f.caseId))];
  const [versions, agreements] = await Promise.all([repo.findCaseVersions(tx, caseIds), repo.findCaseAgreements(tx, caseIds)]);
  return facts.map((f) => {
    const agreed = agreements.get(f.caseId) ?? { versions: [], acceptedVersion: null };
    return casePoliciesOf(f, { versions: versions.get(f.caseId) ?? [], agreements: agreed.versions, acceptedAgreementVersion: agreed.acceptedVersion });
  });
}

/** The policies of one case's parties: `policiesForCases` for one case. */
export async function policiesForCase(tx: Tx, facts: CaseSlaFacts): Promise<CasePolicies> {
  const [got] = await policiesForCases(tx, [facts]);
  return got!;
}

// ---- The use cases ----

/** Builds the SLA policy use cases over a database. */
export function createSlaService(deps: { db: Database; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  /** Reading and setting are `sla.manage`'s; a customer has no policies whatever its roles. */
  function checkAllowed(viewer: Viewer): asserts viewer is Viewer & { orgKind: 'partner' | 'operator' | 'publisher' } {
    if (viewer.orgKind === 'customer' || !can(viewer, 'sla.manage')) throw slaErrors.rolesDoNotAllow(rolesOfKindGranting(viewer.orgKind, 'sla.manage'));
  }

  /** Setting is for partners and the operator, within their kind's scopes. */
  function checkSettable(viewer: Viewer, scope: PolicyScope): void {
    checkAllowed(viewer);
    if (viewer.orgKind === 'publisher') throw slaErrors.publisherSetsAgreements();
    const scopes = scopesFor(viewer.orgKind);
    if (!scopes.includes(scope)) throw slaErrors.scopeNotForKind(viewer.orgKind, scopes);
  }

  /** The scope's versions, checked against If-Match: the latest one, if any. */
  async function latestChecked(tx: Tx, viewer: Viewer, scope: PolicyScope, expected: ExpectedVersion): Promise<{ versions: StoredPolicyVersion[]; latest: StoredPolicyVersion | null }> {
    const versions = await repo.listOwnVersions(tx, viewer, scope);
    const latest = versions[0] ?? null;
    if (!allowsVersion(expected, latest?.version ?? 0)) throw slaErrors.versionConflict(scope, latest?.version ?? 0);
    return { versions, latest };
  }

  /** Runs a change, answering a version taken meanwhile (two requests at once) as a conflict. */
  async function change<T>(viewer: Viewer, scope: PolicyScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await db.withTenant(viewer, fn);
    } catch (e) {
      if (isUniqueViolation(e)) throw slaErrors.changedMeanwhile(scope);
      throw e;
    }
  }

  const presentAudit = (v: { version: number; policy: SlaPolicy | null } | null) => (v ? { version: v.version, ...(v.policy ?? { targets: null, calendar: null, criticalAroundTheClock: null }) } : null);

  return {
    /**
     * The organization's policies: each scope it sets with its versions, what applies to a case of
     * each category it may hold, the default; for a publisher, the SLA of its agreement versions.
     */
    async getPolicies(viewer: Viewer): Promise<PresentedSlaPolicies> {
      checkAllowed(viewer);
      return db.withTenant(viewer, async (tx) => {
        const kind = viewer.orgKind;
        const at = now();
        if (kind === 'publisher') {
          const rows = await listOwnAgreements(tx, viewer);
          const byOffer = new Map<string, { offerId: string; offerName: string; versions: PresentedAgreementSla[] }>();
          for (const a of rows) {
            const facts: AgreementVersionFacts = { offerId: a.offerId, version: a.version, commitments: a.commitments, publishedAt: a.publishedAt, publishedBy: a.publishedBy };
            const got = resolvePolicy({ orgId: viewer.orgId, role: 'publisher' }, { category: 'technical_breakfix', severity: ANY_SEVERITY, openedAt: at },
              { versions: [], agreements: [facts], acceptedAgreementVersion: a.version });
            const entry = byOffer.get(a.offerId) ?? { offerId: a.offerId, offerName: a.offerName, versions: [] };
            if (got) {
              entry.versions.push({
                version: a.version, publishedAt: a.publishedAt.toISOString(), publishedBy: a.publishedBy, policy: got.policy, source: got.source, why: got.why,
              });
            }
            byOffer.set(a.offerId, entry);
          }
          for (const entry of byOffer.values()) entry.versions.sort((x, y) => y.version - x.version);
          return { orgId: viewer.orgId, kind, scopes: [], policies: [], effective: [], default: DEFAULT_POLICY, agreements: [...byOffer.values()] };
        }
        const versions = await repo.listOwnVersions(tx, viewer);
        const scopes = scopesFor(kind);
        const role = ownRoleOf(kind, viewer.partnerModel);
        const effective = scopes.flatMap((s): PresentedEffective[] => {
          if (s === 'all') return [];
          const got = resolvePolicy({ orgId: viewer.orgId, role }, { category: s, severity: ANY_SEVERITY, openedAt: at }, { versions, agreements: [], acceptedAgreementVersion: null });
          return got ? [{ category: s, source: got.source, why: got.why }] : [];
        });
        return {
          orgId: viewer.orgId, kind, scopes, policies: scopes.map((s) => presentScope(s, versions)), effective, default: DEFAULT_POLICY, agreements: [],
        };
      });
    },

    /** One scope of the organization's policies, with every version. */
    async getScope(viewer: Viewer, scope: PolicyScope): Promise<PresentedScopePolicies> {
      checkSettable(viewer, scope);
      return db.withTenant(viewer, async (tx) => presentScope(scope, await repo.listOwnVersions(tx, viewer, scope)));
    },

    /**
     * Sets the scope's policy: the next version, unless it says what the current one says (then
     * nothing is written). Cases opened before keep the version in force when they were opened.
     */
    async setPolicy(viewer: Viewer, scope: PolicyScope, expected: ExpectedVersion, given: SlaPolicy): Promise<PresentedScopePolicies> {
      checkSettable(viewer, scope);
      const problems = checkPolicy(given);
      if (problems.length > 0) throw slaErrors.invalidPolicy(problems);
      const policy = canonicalPolicy(given);
      return change(viewer, scope, async (tx) => {
        const { versions, latest } = await latestChecked(tx, viewer, scope, expected);
        if (latest?.policy && samePolicy(latest.policy, policy)) return presentScope(scope, versions);
        const version = (latest?.version ?? 0) + 1;
        await repo.insertVersion(tx, viewer, { scope, version, policy, at: now() });
        await recordAudit(tx, viewer, [{
          action: 'sla_policy.set', subjectType: 'sla_policy', subjectId: scope,
          changes: diffChanges(presentAudit(latest), presentAudit({ version, policy })!),
        }]);
        return presentScope(scope, await repo.listOwnVersions(tx, viewer, scope));
      });
    },

    /** Withdraws the scope's policy: a version with none (the wider scope, or the default, applies to cases opened after it). */
    async withdrawPolicy(viewer: Viewer, scope: PolicyScope, expected: ExpectedVersion): Promise<PresentedScopePolicies> {
      checkSettable(viewer, scope);
      return change(viewer, scope, async (tx) => {
        const { latest } = await latestChecked(tx, viewer, scope, expected);
        if (!latest?.policy) throw slaErrors.nothingToWithdraw(scope);
        const version = latest.version + 1;
        await repo.insertVersion(tx, viewer, { scope, version, policy: null, at: now() });
        await recordAudit(tx, viewer, [{
          action: 'sla_policy.withdrawn', subjectType: 'sla_policy', subjectId: scope,
          changes: diffChanges(presentAudit(latest), presentAudit({ version, policy: null })!),
        }]);
        return presentScope(scope, await repo.listOwnVersions(tx, viewer, scope));
      });
    },
  };
}

/** The SLA policy use cases. */
export type SlaService = ReturnType<typeof createSlaService>;
